import { ParleyError } from '../errors/error-catalogue.js';
import { META, TRAINING_CHANGED, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import { insertRecord, removeRecord, requireRecord, timestamp, changeRecord, type DomainContext } from './domain-context.js';
import type { FieldTypeRecord } from './records.js';

export interface FieldTypeInput {
  readonly uniqueName?: string;
  readonly friendlyName?: string | null;
}

export const fieldTypePath = (assistant: string, fieldType: string): string => `/Assistants/${assistant}/FieldTypes/${fieldType}`;

export async function createFieldType(ctx: DomainContext, assistant: string, input: FieldTypeInput & { uniqueName: string }): Promise<FieldTypeRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const now = timestamp(ctx);
  const fieldType: FieldTypeRecord = {
    sid: newSid('UB'),
    assistantSid: owner.sid,
    uniqueName: input.uniqueName,
    friendlyName: input.friendlyName ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.fieldTypes(owner.sid), fieldType, 'FieldType');
  return fieldType;
}

export async function getFieldType(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string): Promise<FieldTypeRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return requireRecord<FieldTypeRecord>(ctx, collections.fieldTypes(owner.sid), 'UB', fieldTypeSidOrName,
    fieldTypePath(assistant, fieldTypeSidOrName));
}

export async function listFieldTypes(ctx: DomainContext, assistant: string, page: PageRequest): Promise<Page<FieldTypeRecord>> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return ctx.store.list<FieldTypeRecord>(collections.fieldTypes(owner.sid), page);
}

export async function updateFieldType(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string, input: FieldTypeInput): Promise<FieldTypeRecord> {
  const first = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  if (input.uniqueName !== undefined && input.uniqueName !== first.uniqueName) {
    // Fields name their type: renamed under them, they would go on naming the old name (training,
    // queries and exports read it), so a type is renamed only while no field uses it, as it is deleted.
    const uses = Number((await ctx.store.readMeta(first.assistantSid))[META.fieldTypeRefs(first.sid)] ?? 0);
    // A name another type holds is answered by the store (90101), the more precise refusal.
    const taken = async (): Promise<boolean> => (await ctx.store.findSidByName(collections.fieldTypes(first.assistantSid), input.uniqueName!)) !== null;
    if (uses > 0 && !(await taken())) {
      throw new ParleyError('RESOURCE_IN_USE', `FieldType ${first.uniqueName} cannot be renamed while task fields use it; delete those fields first`);
    }
  }
  // The record just read is the first version changed (a second read would be the same round trip again).
  const { after } = await changeRecord(ctx, async () => first, (current) => {
    const next: FieldTypeRecord = {
      ...current,
      uniqueName: input.uniqueName ?? current.uniqueName,
      friendlyName: input.friendlyName !== undefined ? input.friendlyName : current.friendlyName,
      dateUpdated: timestamp(ctx),
    };
    const effects = next.uniqueName !== current.uniqueName ? TRAINING_CHANGED : undefined;
    return { ref: collections.fieldTypes(current.assistantSid), record: next, effects };
  }, 'FieldType', fieldTypePath(assistant, fieldTypeSidOrName));
  return after;
}

/** Deletes the type with its values; refused while a task field still uses it. */
export async function deleteFieldType(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string): Promise<void> {
  const fieldType = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  await removeRecord(ctx, collections.fieldTypes(fieldType.assistantSid), fieldType.sid, fieldTypePath(assistant, fieldTypeSidOrName), {
    guards: {
      zeroCounters: [META.fieldTypeRefs(fieldType.sid)],
      cascade: [collections.fieldValues(fieldType.assistantSid, fieldType.sid)],
    },
    effects: TRAINING_CHANGED,
    blocked: () => new ParleyError('RESOURCE_IN_USE',
      `FieldType ${fieldType.uniqueName} cannot be deleted while task fields use it; delete those fields first`),
  });
}
