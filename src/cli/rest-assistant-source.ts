import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../actions/action-types.js';
import type { AssistantSource, SourceTask } from '../import-export/assistant-source.js';
import { CliFailure } from './cli-backend.js';
import { isJson, type EngineClient, type Json } from './engine-client.js';

/**
 * The export's source over a running engine's REST API: the same GETs autopilot-core's exporter
 * makes (real-clients.md), following `meta.next_page_url` through every page.
 */
export function restAssistantSource(client: EngineClient): AssistantSource {
  const under = (assistantSid: string, ...segments: string[]): string =>
    ['/v1/Assistants', ...[assistantSid, ...segments].map(encodeURIComponent)].join('/');
  const list = async (path: string): Promise<Json[]> => {
    const items: Json[] = [];
    let next: string | null = `${path}?PageSize=1000`;
    while (next !== null) {
      const page = await client.get(next);
      const meta = isJson(page.meta) ? page.meta : {};
      const key = typeof meta.key === 'string' ? meta.key : '';
      const found = page[key];
      if (!Array.isArray(found)) throw new CliFailure(`the engine's list at ${path} has no "${key}" array`);
      items.push(...found.filter(isJson));
      next = typeof meta.next_page_url === 'string' ? meta.next_page_url : null;
    }
    return items;
  };
  return {
    assistant: async (sidOrName) => {
      const a = await client.get(under(sidOrName));
      const sid = text(a, 'sid');
      const [defaults, styleSheet] = await Promise.all([client.get(under(sid, 'Defaults')), client.get(under(sid, 'StyleSheet'))]);
      return {
        sid,
        uniqueName: text(a, 'unique_name'),
        friendlyName: typeof a.friendly_name === 'string' ? a.friendly_name : null,
        logQueries: a.log_queries !== false,
        defaults: object(defaults, 'data') as DefaultsDocument,
        styleSheet: object(styleSheet, 'data') as StyleSheetDocument,
      };
    },
    fieldTypes: async (a) => (await list(under(a, 'FieldTypes'))).map((t) => ({ sid: text(t, 'sid'), uniqueName: text(t, 'unique_name') })),
    fieldValues: async (a, t) => (await list(under(a, 'FieldTypes', t, 'FieldValues'))).map((v) => ({
      sid: text(v, 'sid'),
      language: text(v, 'language'),
      value: text(v, 'value'),
      synonymOf: typeof v.synonym_of === 'string' && v.synonym_of !== '' ? v.synonym_of : null,
    })),
    tasks: async (a) => {
      const tasks: SourceTask[] = [];
      for (const t of await list(under(a, 'Tasks'))) {
        const actions = await client.get(under(a, 'Tasks', text(t, 'sid'), 'Actions'));
        tasks.push({ sid: text(t, 'sid'), uniqueName: text(t, 'unique_name'), actions: object(actions, 'data') as unknown as ActionsDocument });
      }
      return tasks;
    },
    fields: async (a, t) => (await list(under(a, 'Tasks', t, 'Fields'))).map((f) => ({ uniqueName: text(f, 'unique_name'), fieldType: text(f, 'field_type') })),
    samples: async (a, t) => (await list(under(a, 'Tasks', t, 'Samples'))).map((s) => ({ language: text(s, 'language'), taggedText: text(s, 'tagged_text') })),
    modelBuildNames: async (a) => (await list(under(a, 'ModelBuilds'))).map((b) => text(b, 'unique_name')),
  };
}

function text(resource: Json, key: string): string {
  const value = resource[key];
  if (typeof value !== 'string') throw new CliFailure(`the engine answered a resource without a "${key}" string`);
  return value;
}

function object(resource: Json, key: string): Json {
  const value = resource[key];
  if (!isJson(value)) throw new CliFailure(`the engine answered a resource without a "${key}" object`);
  return value;
}
