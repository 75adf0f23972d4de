import { TRAINING_CHANGED, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { removeRecord, requireRecord, timestamp, changeRecord, insertRecord, type DomainContext } from './domain-context.js';
import type { SampleRecord, TaskRecord } from './records.js';
import { listAll } from '../import-export/list-all.js';
import { getTask, taskPath } from './tasks.js';

export const SOURCE_CHANNELS = ['voice', 'sms', 'chat', 'alexa', 'google-assistant', 'slack'] as const;

export interface SampleInput {
  readonly language?: string;
  readonly taggedText?: string;
  readonly sourceChannel?: string | null;
}

const samplePath = (assistant: string, task: string, sample: string): string => `${taskPath(assistant, task)}/Samples/${sample}`;

export async function createSample(
  ctx: DomainContext, assistant: string, taskSidOrName: string, input: SampleInput & { language: string; taggedText: string },
): Promise<SampleRecord> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  const now = timestamp(ctx);
  const sample: SampleRecord = {
    sid: newSid('UF'),
    assistantSid: task.assistantSid,
    taskSid: task.sid,
    language: input.language,
    taggedText: input.taggedText,
    sourceChannel: input.sourceChannel ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.samples(task.assistantSid, task.sid), sample, 'Sample', TRAINING_CHANGED, undefined,
    { collection: collections.tasks(task.assistantSid), sid: task.sid, path: taskPath(assistant, taskSidOrName) });
  return sample;
}

export async function getSample(ctx: DomainContext, assistant: string, taskSidOrName: string, sampleSid: string): Promise<SampleRecord> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  return requireRecord<SampleRecord>(ctx, collections.samples(task.assistantSid, task.sid), 'UF', sampleSid,
    samplePath(assistant, taskSidOrName, sampleSid));
}

export async function listSamples(
  ctx: DomainContext, assistant: string, taskSidOrName: string, page: PageRequest, language?: string,
): Promise<Page<SampleRecord>> {
  const task = await getTask(ctx, assistant, taskSidOrName);
  const filter = language === undefined ? undefined : (s: Record<string, unknown>) => sameLanguage(s.language, language);
  return ctx.store.list<SampleRecord>(collections.samples(task.assistantSid, task.sid), { ...page, filter });
}

export async function updateSample(
  ctx: DomainContext, assistant: string, taskSidOrName: string, sampleSid: string, input: SampleInput,
): Promise<SampleRecord> {
  const { after } = await changeRecord(ctx, () => getSample(ctx, assistant, taskSidOrName, sampleSid), (current) => ({
    ref: collections.samples(current.assistantSid, current.taskSid),
    record: {
      ...current,
      language: input.language ?? current.language,
      taggedText: input.taggedText ?? current.taggedText,
      sourceChannel: input.sourceChannel !== undefined ? input.sourceChannel : current.sourceChannel,
      dateUpdated: timestamp(ctx),
    },
    effects: TRAINING_CHANGED,
  }), 'Sample', samplePath(assistant, taskSidOrName, sampleSid));
  return after;
}

export async function deleteSample(ctx: DomainContext, assistant: string, taskSidOrName: string, sampleSid: string): Promise<void> {
  const sample = await getSample(ctx, assistant, taskSidOrName, sampleSid);
  await removeRecord(ctx, collections.samples(sample.assistantSid, sample.taskSid), sample.sid,
    samplePath(assistant, taskSidOrName, sampleSid), { effects: TRAINING_CHANGED });
}

/** Language tags compare case-insensitively (Twilio's own snippets send `en-us`). */
export function sameLanguage(stored: unknown, wanted: string): boolean {
  return typeof stored === 'string' && stored.toLowerCase() === wanted.toLowerCase();
}

/** Whether `sampleSid` names a sample of one of the assistant's tasks (samples are kept per task). */
export async function assistantHasSample(ctx: DomainContext, assistantSid: string, sampleSid: string): Promise<boolean> {
  const tasks = await listAll((page) => ctx.store.list<TaskRecord>(collections.tasks(assistantSid), page));
  for (const task of tasks) if ((await ctx.store.get(collections.samples(assistantSid, task.sid), sampleSid)) !== null) return true;
  return false;
}
