import type { DomainContext } from '../domain/domain-context.js';
import type { AssistantRecord, FieldTypeRecord, FieldValueRecord } from '../domain/records.js';
import { collections } from '../store/collections.js';
import { isSid } from '../util/sid.js';
import type { AutopilotSchema } from './autopilot-schema.js';
import { listAll } from './list-all.js';
import { valueKey } from './synonym-resolution.js';

/**
 * The value text of every UC SID a schema's `synonymOf` uses that is a field value in this
 * Parley: a file autopilot-core exported from this server names its values by SID. Only field
 * types of the same unique name are searched, in every assistant of the account (the file does not
 * say which assistant it came from), deleted ones included: export, delete, import is a usual move,
 * and a deleted assistant keeps its data for Restore. Empty, without reading anything, when no SID needs it.
 */
export async function lookUpValueSids(ctx: DomainContext, schema: AutopilotSchema): Promise<Map<string, string>> {
  const wanted = sidsByType(schema);
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const assistants = [
    ...await listAll((page) => ctx.store.list<AssistantRecord>(collections.assistants(ctx.accountSid), page)),
    ...await listAll((page) => ctx.store.list<AssistantRecord>(collections.deletedAssistants(ctx.accountSid), page)),
  ];
  for (const assistant of assistants) {
    // From the store itself: a deleted assistant's field types are no resource any more.
    const types = await listAll((page) => ctx.store.list<FieldTypeRecord>(collections.fieldTypes(assistant.sid), page));
    for (const type of types) {
      for (const sid of wanted.get(type.uniqueName) ?? []) {
        if (found.has(sid)) continue;
        const value = await ctx.store.get<FieldValueRecord>(collections.fieldValues(assistant.sid, type.sid), sid);
        if (value !== null) found.set(sid, value.value);
      }
    }
  }
  return found;
}

/** Field type unique name -> the UC SIDs its values' synonymOf use that are not value texts of the type. */
function sidsByType(schema: AutopilotSchema): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const type of schema.fieldTypes ?? []) {
    const values = type.values ?? [];
    const texts = new Set(values.map((v) => valueKey(v.language, v.value)));
    for (const v of values) {
      const ref = v.synonymOf ?? '';
      if (!isSid(ref, 'UC') || texts.has(valueKey(v.language, ref))) continue;
      wanted.set(type.uniqueName, (wanted.get(type.uniqueName) ?? new Set()).add(ref));
    }
  }
  return wanted;
}
