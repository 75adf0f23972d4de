/**
 * Import an Autopilot CLI schema (autopilot.md §8) through the domain operations, in
 * autopilot-core's createAssistant order (§8.2): the assistant, its tasks, field types with their
 * canonical values then synonyms, the tasks' fields, their samples, and a model build.
 */
import { createAssistant, deleteAssistant, findAssistant, getAssistant, type AssistantInput } from '../domain/assistants.js';
import type { DomainContext } from '../domain/domain-context.js';
import { createFieldType } from '../domain/field-types.js';
import { createFieldValue } from '../domain/field-values.js';
import { parseActionsDocument, parseDefaultsDocument, parseStyleSheetDocument } from '../domain/json-documents.js';
import { createModelBuild, type BuildQueue } from '../domain/model-builds.js';
import type { Assistant, TaskRecord } from '../domain/records.js';
import { createSample } from '../domain/samples.js';
import { createField } from '../domain/task-fields.js';
import { createTask } from '../domain/tasks.js';
import { checkUniqueName } from '../domain/validate.js';
import { ParleyError } from '../errors/error-catalogue.js';
import { readAutopilotSchema, type AutopilotSchema, type SchemaFieldType } from './autopilot-schema.js';
import { compatibilityReport, hasErrors, type CompatibilityItem } from './compatibility-report.js';
import { resolveSynonyms } from './synonym-resolution.js';
import { lookUpValueSids } from './value-sid-lookup.js';
import { isSid } from '../util/sid.js';

export interface ImportOptions {
  /** Only report; write nothing. */
  readonly dryRun?: boolean;
  /** Start a model build once everything is in (none without it). */
  readonly builds?: BuildQueue;
  /** Stops the import between two writes; what it wrote is removed, as after any failure (the CLI on Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface ImportResult {
  /** null on a dry run. */
  readonly assistant: Assistant | null;
  readonly report: CompatibilityItem[];
}

/**
 * Throws a 400 ParleyError when the schema is unusable or its report has errors (details.report
 * carries the report), UNIQUE_NAME_IN_USE when the assistant's unique name is taken. A failure
 * once writing has begun deletes the assistant again, so nothing half-imported stays live.
 */
export async function importAssistant(ctx: DomainContext, schema: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const parsed = readAutopilotSchema(schema);
  const knownValueSids = await lookUpValueSids(ctx, parsed);
  const report = compatibilityReport(parsed, { knownValueSids });
  if (options.dryRun) return { assistant: null, report: [...(await nameTaken(ctx, parsed)), ...report] };
  if (hasErrors(report)) throw refused(report);

  const created = await createAssistant(ctx, assistantInput(parsed));
  try {
    await importContents(ctx, created.sid, parsed, knownValueSids, options.signal);
    if (options.builds) await createModelBuild(ctx, options.builds, created.sid, { uniqueName: buildName(parsed) });
  } catch (error) {
    // Best effort: the import's own error is the one to surface, not a failure to clean up after it.
    await deleteAssistant(ctx, created.sid).catch(() => undefined);
    throw error;
  }
  return { assistant: await getAssistant(ctx, created.sid), report };
}

function assistantInput(schema: AutopilotSchema): AssistantInput {
  const { defaults, styleSheet } = schema;
  return {
    // As autopilot-core sends it: an unnamed assistant is called by its unique name.
    friendlyName: schema.friendlyName || schema.uniqueName,
    // An assistant SID as name (exported from an assistant that had none) names nothing here.
    uniqueName: schema.uniqueName !== undefined && isSid(schema.uniqueName, 'UA') ? undefined : schema.uniqueName,
    logQueries: schema.logQueries ?? true,
    defaults: defaults !== undefined && 'defaults' in defaults ? parseDefaultsDocument('defaults', defaults) : undefined,
    styleSheet: styleSheet !== undefined && 'style_sheet' in styleSheet ? parseStyleSheetDocument('styleSheet', styleSheet) : undefined,
  };
}

async function importContents(
  ctx: DomainContext, assistantSid: string, schema: AutopilotSchema, knownValueSids: ReadonlyMap<string, string>, signal?: AbortSignal,
): Promise<void> {
  const tasks = schema.tasks ?? [];
  const created: TaskRecord[] = [];
  for (const task of tasks) {
    signal?.throwIfAborted();
    const actions = task.actions === undefined ? undefined : parseActionsDocument('actions', task.actions);
    created.push(await createTask(ctx, assistantSid, { uniqueName: task.uniqueName, actions }));
  }
  // Field types come after the tasks but before the fields that use them, as in autopilot-core.
  for (const fieldType of schema.fieldTypes ?? []) {
    signal?.throwIfAborted();
    await importFieldType(ctx, assistantSid, fieldType, knownValueSids);
  }
  for (const [i, task] of tasks.entries()) {
    signal?.throwIfAborted();
    for (const field of task.fields ?? []) await createField(ctx, assistantSid, created[i]!.sid, field);
  }
  for (const [i, task] of tasks.entries()) {
    for (const sample of task.samples ?? []) {
      signal?.throwIfAborted();
      await createSample(ctx, assistantSid, created[i]!.sid, { language: sample.language, taggedText: sample.taggedText });
    }
  }
}

/** Canonical values first, then synonyms naming their canonical value by text (resolved from any spelling). */
async function importFieldType(ctx: DomainContext, assistantSid: string, fieldType: SchemaFieldType, knownValueSids: ReadonlyMap<string, string>): Promise<void> {
  const type = await createFieldType(ctx, assistantSid, { uniqueName: fieldType.uniqueName });
  const values = fieldType.values ?? [];
  const resolutions = resolveSynonyms(values, knownValueSids);
  for (const [j, value] of values.entries()) {
    if (resolutions[j]!.kind !== 'canonical') continue;
    await createFieldValue(ctx, assistantSid, type.sid, { language: value.language, value: value.value, synonymOf: '' });
  }
  for (const [j, value] of values.entries()) {
    const resolution = resolutions[j]!;
    // Unresolved synonyms are report errors, which stopped the import before anything was written.
    if (resolution.kind !== 'synonym') continue;
    await createFieldValue(ctx, assistantSid, type.sid, { language: value.language, value: value.value, synonymOf: resolution.canonical });
  }
}

/** The schema's build name when it is a valid one (a new assistant has no build yet, so it is free). */
function buildName(schema: AutopilotSchema): string | undefined {
  const name = schema.modelBuild?.uniqueName;
  if (name === undefined || name === '') return undefined;
  try {
    return checkUniqueName('UniqueName', name);
  } catch {
    return undefined;
  }
}

async function nameTaken(ctx: DomainContext, schema: AutopilotSchema): Promise<CompatibilityItem[]> {
  if (schema.uniqueName === undefined || isSid(schema.uniqueName, 'UA') || (await findAssistant(ctx, schema.uniqueName)) === null) return [];
  return [{ path: 'uniqueName', severity: 'error', message: `an assistant named "${schema.uniqueName}" already exists` }];
}

function refused(report: readonly CompatibilityItem[]): ParleyError {
  const errors = report.filter((item) => item.severity === 'error');
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return new ParleyError('INVALID_PARAMETER', `The schema cannot be imported: ${first.path}: ${first.message}${more}`, { report });
}
