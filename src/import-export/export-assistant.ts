/**
 * Export an assistant as the Autopilot CLI schema, in the shape and key order autopilot-core's
 * exportAssistant.js writes (autopilot.md §8.1), with two deliberate differences:
 * - `synonymOf` is the canonical value's TEXT, not its UC SID. A SID only means something in the
 *   assistant it came from, so a file carrying SIDs cannot be imported anywhere else (§8.4);
 *   value text is what the templates use and what both importers accept.
 * - values are listed oldest first (autopilot-core reverses them), so each canonical value comes
 *   before its synonyms; `logQueries` is the assistant's (autopilot-core always writes true).
 * `friendlyName` falls back to the unique name, as autopilot-core's importer does when it is unset.
 */
import type { DomainContext } from '../domain/domain-context.js';
import { domainAssistantSource, type AssistantSource, type SourceValue } from './assistant-source.js';
import type { AutopilotSchema, SchemaFieldType, SchemaTask } from './autopilot-schema.js';
import { isSid } from '../util/sid.js';

export async function exportAssistant(ctx: DomainContext, sidOrName: string): Promise<AutopilotSchema> {
  return exportFrom(domainAssistantSource(ctx), sidOrName);
}

/** The export over any source (the domain in-process, or the REST API of a running engine). */
export async function exportFrom(source: AssistantSource, sidOrName: string): Promise<AutopilotSchema> {
  const assistant = await source.assistant(sidOrName);
  const fieldTypes: SchemaFieldType[] = [];
  for (const type of await source.fieldTypes(assistant.sid)) {
    fieldTypes.push({ uniqueName: type.uniqueName, values: exportValues(await source.fieldValues(assistant.sid, type.sid)) });
  }
  const tasks: SchemaTask[] = [];
  for (const task of await source.tasks(assistant.sid)) {
    const [fields, samples] = await Promise.all([source.fields(assistant.sid, task.sid), source.samples(assistant.sid, task.sid)]);
    tasks.push({
      uniqueName: task.uniqueName,
      actions: { ...task.actions },
      fields: fields.map((f) => ({ uniqueName: f.uniqueName, fieldType: f.fieldType })),
      samples: samples.map((s) => ({ language: s.language, taggedText: s.taggedText })),
    });
  }
  const [firstBuild] = await source.modelBuildNames(assistant.sid);
  return {
    friendlyName: assistant.friendlyName ?? assistant.uniqueName,
    logQueries: assistant.logQueries,
    // A name that is the assistant's own SID (none was given) is left out: the import names the copy by its new SID.
    ...(assistant.uniqueName === assistant.sid ? {} : { uniqueName: assistant.uniqueName }),
    defaults: { ...assistant.defaults },
    styleSheet: { ...assistant.styleSheet },
    fieldTypes,
    tasks,
    // autopilot-core names the first build in the list, or writes {} when there is none; a build named by its
    // SID has no name to carry over (the import would drop it), so the round trip stays the same.
    modelBuild: firstBuild === undefined || isSid(firstBuild, 'UG') ? {} : { uniqueName: firstBuild },
  };
}

function exportValues(values: readonly SourceValue[]): SchemaFieldType['values'] {
  const textBySid = new Map(values.map((v) => [v.sid, v.value]));
  return values.map((v) => ({
    language: v.language,
    value: v.value,
    // A SID with no value behind it cannot be resolved; keep it rather than lose the link silently.
    synonymOf: v.synonymOf === null ? null : (textBySid.get(v.synonymOf) ?? v.synonymOf),
  }));
}
