/**
 * What exporting reads, as one interface with two implementations: the domain operations here
 * (in-process, over the store) and the REST API (src/cli/rest-assistant-source.ts, for the CLI
 * talking to a running engine). The export itself is written once, in export-assistant.ts.
 */
import type { DefaultsDocument, StyleSheetDocument, ActionsDocument } from '../actions/action-types.js';
import { getAssistant } from '../domain/assistants.js';
import type { DomainContext } from '../domain/domain-context.js';
import { listFieldTypes } from '../domain/field-types.js';
import { listFieldValues } from '../domain/field-values.js';
import { listModelBuilds } from '../domain/model-builds.js';
import { listSamples } from '../domain/samples.js';
import { listFields } from '../domain/task-fields.js';
import { listTasks } from '../domain/tasks.js';
import { listAll } from './list-all.js';

export interface SourceAssistant {
  readonly sid: string;
  readonly uniqueName: string;
  readonly friendlyName: string | null;
  readonly logQueries: boolean;
  readonly defaults: DefaultsDocument;
  readonly styleSheet: StyleSheetDocument;
}

export interface SourceValue {
  readonly sid: string;
  readonly language: string;
  readonly value: string;
  /** The canonical value's UC SID, as the API returns it. */
  readonly synonymOf: string | null;
}

export interface SourceTask {
  readonly sid: string;
  readonly uniqueName: string;
  readonly actions: ActionsDocument;
}

/** Every list answers in the API's order (oldest first). Children are addressed by SID. */
export interface AssistantSource {
  assistant(sidOrName: string): Promise<SourceAssistant>;
  fieldTypes(assistantSid: string): Promise<ReadonlyArray<{ readonly sid: string; readonly uniqueName: string }>>;
  fieldValues(assistantSid: string, fieldTypeSid: string): Promise<readonly SourceValue[]>;
  tasks(assistantSid: string): Promise<readonly SourceTask[]>;
  fields(assistantSid: string, taskSid: string): Promise<ReadonlyArray<{ readonly uniqueName: string; readonly fieldType: string }>>;
  samples(assistantSid: string, taskSid: string): Promise<ReadonlyArray<{ readonly language: string; readonly taggedText: string }>>;
  modelBuildNames(assistantSid: string): Promise<readonly string[]>;
}

/** The in-process source: the domain's get/list operations. */
export function domainAssistantSource(ctx: DomainContext): AssistantSource {
  return {
    assistant: (sidOrName) => getAssistant(ctx, sidOrName),
    fieldTypes: (a) => listAll((page) => listFieldTypes(ctx, a, page)),
    fieldValues: (a, t) => listAll((page) => listFieldValues(ctx, a, t, page)),
    tasks: (a) => listAll((page) => listTasks(ctx, a, page)),
    fields: (a, t) => listAll((page) => listFields(ctx, a, t, page)),
    samples: (a, t) => listAll((page) => listSamples(ctx, a, t, page)),
    modelBuildNames: async (a) => (await listAll((page) => listModelBuilds(ctx, a, page))).map((b) => b.uniqueName),
  };
}
