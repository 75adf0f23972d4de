import { META, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { bumpRevision } from './assistant-revision.js';
import { requireAssistantRecord } from './assistants.js';
import { insertRecord, removeRecord, requireRecord, timestamp, applyChange, changeRecord, type DomainContext } from './domain-context.js';
import type { ModelBuildRecord } from './records.js';

export interface ModelBuildInput {
  readonly uniqueName?: string;
  readonly statusCallback?: string;
}

/** Where new builds go; the NLU's build queue implements it (any process may run the job). */
export interface BuildQueue {
  enqueue(job: { readonly assistantSid: string; readonly buildSid: string }): Promise<void>;
}

const buildPath = (assistant: string, build: string): string => `/Assistants/${assistant}/ModelBuilds/${build}`;

/** Answers at once with `enqueued`; the queue moves the build on to `building` and its outcome. */
export async function createModelBuild(ctx: DomainContext, queue: BuildQueue, assistant: string, input: ModelBuildInput): Promise<ModelBuildRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const sid = newSid('UG');
  const now = timestamp(ctx);
  const build: ModelBuildRecord = {
    sid,
    assistantSid: owner.sid,
    uniqueName: input.uniqueName ?? sid,
    status: 'enqueued',
    statusCallback: input.statusCallback ?? null,
    buildDuration: null,
    errorCode: null,
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.modelBuilds(owner.sid), build, 'ModelBuild');
  await queue.enqueue({ assistantSid: owner.sid, buildSid: sid });
  return build;
}

export async function getModelBuild(ctx: DomainContext, assistant: string, buildSidOrName: string): Promise<ModelBuildRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return requireRecord<ModelBuildRecord>(ctx, collections.modelBuilds(owner.sid), 'UG', buildSidOrName, buildPath(assistant, buildSidOrName));
}

export async function listModelBuilds(ctx: DomainContext, assistant: string, page: PageRequest): Promise<Page<ModelBuildRecord>> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return ctx.store.list<ModelBuildRecord>(collections.modelBuilds(owner.sid), page);
}

export async function renameModelBuild(ctx: DomainContext, assistant: string, buildSidOrName: string, uniqueName: string | undefined): Promise<ModelBuildRecord> {
  const { after } = await changeRecord(ctx, () => getModelBuild(ctx, assistant, buildSidOrName), (current) => ({
    ref: collections.modelBuilds(current.assistantSid),
    record: { ...current, uniqueName: uniqueName ?? current.uniqueName, dateUpdated: timestamp(ctx) },
  }), 'ModelBuild', buildPath(assistant, buildSidOrName));
  return after;
}

/** Where a completed build's trained model is kept (a value of the assistant's scope). */
export const modelKey = (buildSid: string): string => `model:${buildSid}`;

/**
 * Deleting the build the assistant serves from clears `latest_model_build_sid`. Its trained model
 * goes with it (a model can be megabytes; nothing could reach it once its build is gone).
 */
export async function deleteModelBuild(ctx: DomainContext, assistant: string, buildSidOrName: string): Promise<void> {
  const build = await getModelBuild(ctx, assistant, buildSidOrName);
  // In the removal's own step: a build completing meanwhile keeps serving.
  const effects = { clearIf: { [META.latestModelBuild]: build.sid } };
  await removeRecord(ctx, collections.modelBuilds(build.assistantSid), build.sid, buildPath(assistant, buildSidOrName), { effects });
  await ctx.store.deleteValue(build.assistantSid, modelKey(build.sid));
}

/**
 * Record a build's progress; a completed build becomes the one the assistant serves.
 * `trainedVersion` is the training version the build read, so edits made while it ran still
 * leave `needs_model_build` true.
 */
export async function recordBuildProgress(
  ctx: DomainContext, assistantSid: string, buildSid: string,
  change: Pick<ModelBuildRecord, 'status'> & Partial<Pick<ModelBuildRecord, 'buildDuration' | 'errorCode'>>,
  trainedVersion = 0,
): Promise<ModelBuildRecord | null> {
  const ref = collections.modelBuilds(assistantSid);
  // A build serves from now on unless a build of newer training data completed first (builds of
  // one assistant may train at once in different processes and finish in any order).
  const effects = change.status === 'completed'
    ? { advance: { field: META.builtTrainingVersion, to: trainedVersion, set: { [META.latestModelBuild]: buildSid } } }
    : undefined;
  // Only over the record as read: a rename meanwhile is kept, and its write cannot undo this status.
  const applied = await applyChange(ctx, () => ctx.store.get<ModelBuildRecord>(ref, buildSid),
    (current) => ({ ref, record: { ...current, ...change, dateUpdated: timestamp(ctx) }, effects }), 'ModelBuild', `ModelBuilds/${buildSid}`);
  // Only a completed build changes the model turns use (its progress before that does not).
  if (applied !== null && effects !== undefined) await bumpRevision(ctx, assistantSid);
  return applied?.after ?? null;
}
