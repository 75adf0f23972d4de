import { invalidParameter } from '../errors/error-catalogue.js';
import { TRAINING_CHANGED, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { isSid, newSid } from '../util/sid.js';
import { findRecord, insertRecord, removeRecord, requireRecord, timestamp, type DomainContext } from './domain-context.js';
import { fieldTypePath, getFieldType } from './field-types.js';
import type { AssistantRecord, FieldTypeRecord, FieldValueRecord } from './records.js';
import { sameLanguage } from './samples.js';

export interface FieldValueInput {
  readonly language: string;
  readonly value: string;
  /**
   * The canonical value this one is a synonym of: its UC SID (the API's form), its value text
   * (what autopilot-core sends), or '' / undefined for a canonical value.
   */
  readonly synonymOf?: string;
}

const valuePath = (assistant: string, fieldType: string, value: string): string =>
  `${fieldTypePath(assistant, fieldType)}/FieldValues/${value}`;

/** Values are unique per type and language, case-insensitively (Autopilot matched them that way). */
const valueKey = (language: string, value: string): string => `${language.toLowerCase()}:${value.toLowerCase()}`;

export async function createFieldValue(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string, input: FieldValueInput): Promise<FieldValueRecord> {
  const fieldType = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  const synonymOf = await resolveCanonical(ctx, fieldType, input);
  const now = timestamp(ctx);
  const value: FieldValueRecord = {
    sid: newSid('UC'),
    assistantSid: fieldType.assistantSid,
    fieldTypeSid: fieldType.sid,
    language: input.language,
    value: input.value,
    synonymOf,
    uniqueName: valueKey(input.language, input.value),
    dateCreated: now,
    dateUpdated: now,
  };
  const values = collections.fieldValues(fieldType.assistantSid, fieldType.sid);
  // A synonym is written only while its canonical value is there (deleting the value, which takes its synonyms
  // with it, may run meanwhile); the value itself only while its type is (deleting the type takes its values).
  const parent = synonymOf === null
    ? { collection: collections.fieldTypes(fieldType.assistantSid), sid: fieldType.sid, path: fieldTypePath(assistant, fieldTypeSidOrName) }
    : { collection: values, sid: synonymOf, path: valuePath(assistant, fieldTypeSidOrName, synonymOf), missing: () => noCanonical(fieldType, input.language, `"${input.synonymOf}"`) };
  await insertRecord(ctx, values, value, 'FieldValue', TRAINING_CHANGED, undefined, parent);
  return value;
}

export async function getFieldValue(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string, valueSid: string): Promise<FieldValueRecord> {
  const fieldType = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  const path = valuePath(assistant, fieldTypeSidOrName, valueSid);
  return requireRecord<FieldValueRecord>(ctx, collections.fieldValues(fieldType.assistantSid, fieldType.sid), 'UC', valueSid, path);
}

export async function listFieldValues(
  ctx: DomainContext, assistant: string, fieldTypeSidOrName: string, page: PageRequest, language?: string,
): Promise<Page<FieldValueRecord>> {
  const fieldType = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  const filter = language === undefined ? undefined : (v: Record<string, unknown>) => sameLanguage(v.language, language);
  return ctx.store.list<FieldValueRecord>(collections.fieldValues(fieldType.assistantSid, fieldType.sid), { ...page, filter });
}

/**
 * How long a synonym deleted with its canonical value still answers a DELETE with 204: clients
 * (autopilot-core's `autopilot:delete` and `update`, list-then-remove loops) list a type's values,
 * then delete them one by one, and stopped at the 404 of a synonym that was already gone.
 */
export const CASCADED_VALUE_TOMBSTONE_SECONDS = 15 * 60;

/** Deleting a canonical value deletes its synonyms with it, in the same step, so no synonym points at nothing. */
export async function deleteFieldValue(ctx: DomainContext, assistant: string, fieldTypeSidOrName: string, valueSid: string): Promise<void> {
  const fieldType = await getFieldType(ctx, assistant, fieldTypeSidOrName);
  const ref = collections.fieldValues(fieldType.assistantSid, fieldType.sid);
  const path = valuePath(assistant, fieldTypeSidOrName, valueSid);
  const value = await findRecord<FieldValueRecord>(ctx, ref, 'UC', valueSid);
  const synonyms = value === null ? [] : (await ctx.store.list<FieldValueRecord>(ref, { limit: 100_000, filter: (v) => v.synonymOf === value.sid })).items;
  const alongside = { sids: synonyms.map((synonym) => synonym.sid), tombstoneSeconds: CASCADED_VALUE_TOMBSTONE_SECONDS };
  // Missing, even after it was found: it may have gone with its canonical value meanwhile (a tombstone says so).
  await removeRecord(ctx, ref, value?.sid ?? valueSid, path, { guards: { alongside }, effects: TRAINING_CHANGED, tombstoneIsDone: true });
}

async function resolveCanonical(ctx: DomainContext, fieldType: FieldTypeRecord, input: FieldValueInput): Promise<string | null> {
  const target = input.synonymOf ?? '';
  if (target === '') return null;
  const ref = collections.fieldValues(fieldType.assistantSid, fieldType.sid);
  const byText = async (text: string): Promise<FieldValueRecord | null> =>
    ctx.store.get<FieldValueRecord>(ref, (await ctx.store.findSidByName(ref, valueKey(input.language, text))) ?? '');
  let canonical: FieldValueRecord | null = null;
  let text = target;
  if (isSid(target, 'UC')) {
    canonical = await ctx.store.get<FieldValueRecord>(ref, target);
    // A value of this type in another language is no canonical value for this one (by text, only the value's own language is searched).
    if (canonical !== null && !sameLanguage(canonical.language, input.language)) {
      throw noCanonical(fieldType, input.language, `"${target}" (a value in ${canonical.language})`);
    }
    // A SID of another assistant's value (autopilot-core's export writes them; creating from that
    // file sends them back) names the value of the same text here (autopilot.md §8.4).
    const elsewhere = canonical === null ? await findAccountValue(ctx, target, fieldType.uniqueName) : null;
    if (elsewhere !== null) text = elsewhere.value;
  }
  canonical ??= await byText(text);
  if (canonical === null) throw noCanonical(fieldType, input.language, text === target ? `"${target}"` : `"${target}" ("${text}")`);
  // A synonym of a synonym points at the canonical value itself, so lookups take one step.
  return canonical.synonymOf ?? canonical.sid;
}

/** `named`: the SynonymOf given, quoted (with the value text it was read as, when that differs). */
function noCanonical(fieldType: FieldTypeRecord, language: string, named: string): Error {
  return invalidParameter('SynonymOf', `${named} is not a value of field type ${fieldType.uniqueName} in ${language}`);
}

/**
 * The field value a UC SID names in any assistant of the account, deleted ones included (they keep
 * their data for Restore), searching field types named `typeName` first: there is no index by SID.
 */
async function findAccountValue(ctx: DomainContext, sid: string, typeName: string): Promise<FieldValueRecord | null> {
  const types: FieldTypeRecord[] = [];
  for (const owners of [collections.assistants(ctx.accountSid), collections.deletedAssistants(ctx.accountSid)]) {
    for (const assistant of (await ctx.store.list<AssistantRecord>(owners, { limit: 100_000 })).items) {
      types.push(...(await ctx.store.list<FieldTypeRecord>(collections.fieldTypes(assistant.sid), { limit: 100_000 })).items);
    }
  }
  types.sort((a, b) => Number(b.uniqueName === typeName) - Number(a.uniqueName === typeName));
  for (const type of types) {
    const value = await ctx.store.get<FieldValueRecord>(collections.fieldValues(type.assistantSid, type.sid), sid);
    if (value !== null) return value;
  }
  return null;
}
