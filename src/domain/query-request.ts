import { invalidParameter } from '../errors/error-catalogue.js';
import { collections } from '../store/collections.js';
import { findRecord, type DomainContext } from './domain-context.js';
import type { AssistantRecord, FieldRecord, TaskRecord } from './records.js';

/** What a query asks of the NLU. */
export interface QueryRequest {
  readonly assistantSid: string;
  /** The completed build to answer from; null when the assistant has none yet. */
  readonly modelBuildSid: string | null;
  readonly language: string;
  readonly text: string;
  /** Restrict the candidate tasks to these unique names. */
  readonly tasks?: readonly string[];
  /** The whole text answers this field of this task (Query `Field`, `task:field`). */
  readonly field?: { readonly task: string; readonly field: string };
  /** The assistant's task unique names by SID: a model built before a rename answers with the names of now. */
  readonly taskNames: ReadonlyMap<string, string>;
  /** What a query that matches no task reports: the assistant's fallback task, or `fallback`. */
  readonly fallback: { readonly name: string; readonly sid: string | null };
  /** The assistant's own threshold, or null for the model's default. */
  readonly fallbackThreshold: number | null;
  readonly referenceTime: Date;
  readonly timeZone: string;
}

/** The NLU seen from the domain: turns a query into Autopilot's `results` object. */
export interface QueryAnswerer {
  answer(request: QueryRequest): Promise<Record<string, unknown>>;
}

/** The assistant's task unique names by task SID. */
export async function taskNamesOf(ctx: DomainContext, assistantSid: string): Promise<Map<string, string>> {
  const tasks = await ctx.store.list<TaskRecord>(collections.tasks(assistantSid), { limit: 100_000 });
  return new Map(tasks.items.map((t) => [t.sid, t.uniqueName]));
}

/** `Tasks`: comma-separated unique names or SIDs (Twilio's own example uses SIDs). */
export async function resolveTaskList(ctx: DomainContext, assistantSid: string, raw: string | undefined): Promise<string[] | undefined> {
  const entries = raw?.split(',').map((t) => t.trim()).filter((t) => t !== '') ?? [];
  if (entries.length === 0) return undefined;
  const names: string[] = [];
  for (const entry of entries) {
    const task = await findRecord<TaskRecord>(ctx, collections.tasks(assistantSid), 'UD', entry);
    if (task === null) throw invalidParameter('Tasks', `"${entry}" is not a task of this assistant`);
    names.push(task.uniqueName);
  }
  return names;
}

/** `Field`: `task-unique-name:field-unique-name`, both existing. */
export async function resolveFieldParam(ctx: DomainContext, assistantSid: string, raw: string | undefined): Promise<QueryRequest['field']> {
  if (raw === undefined || raw === '') return undefined;
  const [taskName, fieldName, ...rest] = raw.split(':');
  if (!taskName || !fieldName || rest.length > 0) throw invalidParameter('Field', 'expected task-unique-name:field-unique-name');
  const task = await findRecord<TaskRecord>(ctx, collections.tasks(assistantSid), 'UD', taskName);
  if (task === null) throw invalidParameter('Field', `"${taskName}" is not a task of this assistant`);
  const field = await findRecord<FieldRecord>(ctx, collections.fields(assistantSid, task.sid), 'UE', fieldName);
  if (field === null) throw invalidParameter('Field', `task ${task.uniqueName} has no field "${fieldName}"`);
  return { task: task.uniqueName, field: field.uniqueName };
}

/** The fallback a query reports: the task named by `defaults.fallback` when it is `task://…`. */
export async function fallbackTarget(ctx: DomainContext, assistant: AssistantRecord): Promise<QueryRequest['fallback']> {
  const target = (assistant.defaults as { defaults?: { fallback?: unknown } }).defaults?.fallback;
  const name = typeof target === 'string' && target.startsWith('task://') ? target.slice('task://'.length) : '';
  if (name === '') return { name: 'fallback', sid: null };
  const task = await findRecord<TaskRecord>(ctx, collections.tasks(assistant.sid), 'UD', name);
  return { name, sid: task?.sid ?? null };
}
