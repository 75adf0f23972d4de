import { invalidParameter } from '../errors/error-catalogue.js';
import { META, TRAINING_CHANGED, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { builtInFieldType } from './built-in-field-types.js';
import { findRecord, insertRecord, removeRecord, requireRecord, timestamp, type DomainContext } from './domain-context.js';
import type { FieldRecord, FieldTypeRecord, TaskRecord } from './records.js';
import { getTask, taskPath } from './tasks.js';

export interface FieldInput {
  readonly uniqueName: string;
  /** A built-in `Twilio.*` name, or a custom field type's unique name or SID. */
  readonly fieldType: string;
}

const fieldPath = (assistant: string, task: string, field: string): string => `${taskPath(assistant, task)}/Fields/${field}`;

export async function createField(ctx: DomainContext, assistant: string, taskSidOrName: string, input: FieldInput): Promise<FieldRecord> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  const type = await resolveFieldType(ctx, task, input.fieldType);
  const now = timestamp(ctx);
  const field: FieldRecord = {
    sid: newSid('UE'),
    assistantSid: task.assistantSid,
    taskSid: task.sid,
    uniqueName: input.uniqueName,
    fieldType: type.name,
    fieldTypeSid: type.customSid,
    dateCreated: now,
    dateUpdated: now,
  };
  // The reference count keeps a custom type from being deleted while a field uses it.
  const effects = type.customSid === null ? TRAINING_CHANGED : { incr: { ...TRAINING_CHANGED.incr, [META.fieldTypeRefs(type.customSid)]: 1 } };
  // Only while the task exists: a field left under a task deleted meanwhile would pin its type for ever.
  await insertRecord(ctx, collections.fields(task.assistantSid, task.sid), field, 'Field', effects, undefined,
    { collection: collections.tasks(task.assistantSid), sid: task.sid, path: taskPath(assistant, taskSidOrName) });
  return field;
}

export async function getField(ctx: DomainContext, assistant: string, taskSidOrName: string, fieldSidOrName: string): Promise<FieldRecord> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  return requireRecord<FieldRecord>(ctx, collections.fields(task.assistantSid, task.sid), 'UE', fieldSidOrName,
    fieldPath(assistant, taskSidOrName, fieldSidOrName));
}

export async function listFields(ctx: DomainContext, assistant: string, taskSidOrName: string, page: PageRequest): Promise<Page<FieldRecord>> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  return ctx.store.list<FieldRecord>(collections.fields(task.assistantSid, task.sid), page);
}

export async function deleteField(ctx: DomainContext, assistant: string, taskSidOrName: string, fieldSidOrName: string): Promise<void> {
  const field = await getField(ctx, assistant, taskSidOrName, fieldSidOrName);
  const effects = field.fieldTypeSid === null ? TRAINING_CHANGED : { incr: { ...TRAINING_CHANGED.incr, [META.fieldTypeRefs(field.fieldTypeSid)]: -1 } };
  await removeRecord(ctx, collections.fields(field.assistantSid, field.taskSid), field.sid,
    fieldPath(assistant, taskSidOrName, fieldSidOrName), { effects });
}

async function resolveFieldType(ctx: DomainContext, task: TaskRecord, nameOrSid: string): Promise<{ name: string; customSid: string | null }> {
  const builtIn = builtInFieldType(nameOrSid);
  if (builtIn !== undefined) return { name: builtIn, customSid: null };
  const custom = await findRecord<FieldTypeRecord>(ctx, collections.fieldTypes(task.assistantSid), 'UB', nameOrSid);
  if (custom === null) {
    throw invalidParameter('FieldType', `"${nameOrSid}" is neither a built-in Twilio.* type nor a field type of this assistant`);
  }
  return { name: custom.uniqueName, customSid: custom.sid };
}
