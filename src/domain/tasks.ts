import type { ActionsDocument } from '../actions/action-types.js';
import { ParleyError } from '../errors/error-catalogue.js';
import { TRAINING_CHANGED, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import { insertRecord, removeRecord, requireRecord, timestamp, changeRecord, type DomainContext } from './domain-context.js';
import type { TaskRecord } from './records.js';

export interface TaskInput {
  readonly uniqueName?: string;
  readonly friendlyName?: string | null;
  readonly actions?: ActionsDocument;
  /** null clears it. */
  readonly actionsUrl?: string | null;
}

export interface TaskStatistics {
  readonly task: TaskRecord;
  readonly samplesCount: number;
  readonly fieldsCount: number;
}

export const taskPath = (assistant: string, task: string): string => `/Assistants/${assistant}/Tasks/${task}`;

export async function createTask(ctx: DomainContext, assistantSidOrName: string, input: TaskInput & { uniqueName: string }): Promise<TaskRecord> {
  const assistant = await requireAssistantRecord(ctx, assistantSidOrName);
  const now = timestamp(ctx);
  const task: TaskRecord = {
    sid: newSid('UD'),
    assistantSid: assistant.sid,
    uniqueName: input.uniqueName,
    friendlyName: input.friendlyName ?? null,
    actions: input.actions ?? { actions: [] },
    actionsUrl: input.actionsUrl ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.tasks(assistant.sid), task, 'Task', TRAINING_CHANGED);
  return task;
}

export async function getTask(ctx: DomainContext, assistantSidOrName: string, taskSidOrName: string): Promise<TaskRecord> {
  const assistant = await requireAssistantRecord(ctx, assistantSidOrName);
  return requireRecord<TaskRecord>(ctx, collections.tasks(assistant.sid), 'UD', taskSidOrName, taskPath(assistantSidOrName, taskSidOrName));
}

export async function listTasks(ctx: DomainContext, assistantSidOrName: string, page: PageRequest): Promise<Page<TaskRecord>> {
  const assistant = await requireAssistantRecord(ctx, assistantSidOrName);
  return ctx.store.list<TaskRecord>(collections.tasks(assistant.sid), page);
}

export async function updateTask(ctx: DomainContext, assistantSidOrName: string, taskSidOrName: string, input: TaskInput): Promise<TaskRecord> {
  const { after } = await changeRecord(ctx, () => getTask(ctx, assistantSidOrName, taskSidOrName), (current) => {
    const next: TaskRecord = {
      ...current,
      uniqueName: input.uniqueName ?? current.uniqueName,
      friendlyName: input.friendlyName !== undefined ? input.friendlyName : current.friendlyName,
      actions: input.actions ?? current.actions,
      actionsUrl: input.actionsUrl !== undefined ? input.actionsUrl : current.actionsUrl,
      dateUpdated: timestamp(ctx),
    };
    // A renamed task is a renamed class for the NLU; actions alone do not need a new build.
    const effects = next.uniqueName !== current.uniqueName ? TRAINING_CHANGED : undefined;
    return { ref: collections.tasks(current.assistantSid), record: next, effects };
  }, 'Task', taskPath(assistantSidOrName, taskSidOrName));
  return after;
}

/** Refused while the task has fields or samples, as Autopilot documented: delete those first. */
export async function deleteTask(ctx: DomainContext, assistantSidOrName: string, taskSidOrName: string): Promise<void> {
  const task = await getTask(ctx, assistantSidOrName, taskSidOrName);
  const path = taskPath(assistantSidOrName, taskSidOrName);
  await removeRecord(ctx, collections.tasks(task.assistantSid), task.sid, path, {
    guards: { emptyCollections: [collections.samples(task.assistantSid, task.sid), collections.fields(task.assistantSid, task.sid)] },
    effects: TRAINING_CHANGED,
    blocked: (by) => new ParleyError('RESOURCE_IN_USE',
      `Task ${task.uniqueName} cannot be deleted while it has ${by.endsWith('/samples') ? 'samples' : 'fields'}; delete them first`),
  });
}

export async function getTaskStatistics(ctx: DomainContext, assistantSidOrName: string, taskSidOrName: string): Promise<TaskStatistics> {
  const task = await getTask(ctx, assistantSidOrName, taskSidOrName);
  const [samplesCount, fieldsCount] = await Promise.all([
    ctx.store.count(collections.samples(task.assistantSid, task.sid)),
    ctx.store.count(collections.fields(task.assistantSid, task.sid)),
  ]);
  return { task, samplesCount, fieldsCount };
}
