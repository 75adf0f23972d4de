import { invalidParameter } from '../errors/error-catalogue.js';
import { META, collections } from '../store/collections.js';
import type { LogInsert, Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import { findRecord, insertRecord, removeRecord, requireRecord, timestamp, changeRecord, type DomainContext } from './domain-context.js';
import type { ModelBuildRecord, QueryRecord, QueryStatus } from './records.js';
import { fallbackTarget, resolveFieldParam, resolveTaskList, taskNamesOf, type QueryAnswerer } from './query-request.js';
import { assistantHasSample, sameLanguage } from './samples.js';
import { firstCharacters } from './validate.js';

export type { QueryAnswerer, QueryRequest } from './query-request.js';

export const QUERY_STATUSES: readonly QueryStatus[] = ['pending-review', 'reviewed', 'discarded'];
export const MAX_QUERY_LENGTH = 2048;
/**
 * Queries kept per assistant, newest first: Autopilot kept 30 days of them; a count bound keeps a
 * busy assistant's log from growing without end (docs/nlu.md).
 */
export const QUERY_LOG_LIMIT = 10_000;

export interface QueryInput {
  readonly language: string;
  readonly query: string;
  readonly tasks?: string;
  readonly field?: string;
  readonly modelBuild?: string;
}

export interface QueryFilter {
  readonly language?: string;
  readonly modelBuild?: string;
  readonly status?: string;
  readonly dialogueSid?: string;
}

const queryPath = (assistant: string, query: string): string => `/Assistants/${assistant}/Queries/${query}`;

/** The `ModelBuild` parameter (SID or unique name): a build the assistant does not have is a bad parameter, not a 404. */
async function modelBuildParam(ctx: DomainContext, assistantSid: string, sidOrName: string, mustBeCompleted = false): Promise<string> {
  const build = await findRecord<ModelBuildRecord>(ctx, collections.modelBuilds(assistantSid), 'UG', sidOrName);
  if (build === null) throw invalidParameter('ModelBuild', `"${sidOrName}" is not a model build of this assistant`);
  if (mustBeCompleted && build.status !== 'completed') {
    throw invalidParameter('ModelBuild', `"${sidOrName}" is ${build.status}; only a completed build can answer queries`);
  }
  return build.sid;
}

/**
 * The ModelBuild filter of the list: a build by SID or name, or the SID of a build deleted since
 * (its queries keep naming it, and must stay listable by it).
 */
async function modelBuildFilter(ctx: DomainContext, assistantSid: string, sidOrName: string): Promise<string> {
  if (/^UG[0-9a-f]{32}$/.test(sidOrName)) return sidOrName;
  return modelBuildParam(ctx, assistantSid, sidOrName);
}

/** Answers the query; it is kept (30 days on Autopilot) only when the assistant logs queries. */
export async function createQuery(ctx: DomainContext, nlu: QueryAnswerer, assistant: string, input: QueryInput): Promise<QueryRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const modelBuildSid = input.modelBuild === undefined
    ? (await ctx.store.readMeta(owner.sid))[META.latestModelBuild] || null
    : await modelBuildParam(ctx, owner.sid, input.modelBuild, true);
  const results = await nlu.answer({
    assistantSid: owner.sid,
    modelBuildSid,
    language: input.language,
    text: input.query,
    tasks: await resolveTaskList(ctx, owner.sid, input.tasks),
    field: await resolveFieldParam(ctx, owner.sid, input.field),
    taskNames: await taskNamesOf(ctx, owner.sid),
    fallback: await fallbackTarget(ctx, owner),
    fallbackThreshold: owner.fallbackThreshold ?? null,
    referenceTime: ctx.now(),
    timeZone: ctx.timeZone ?? 'UTC',
  });
  const now = timestamp(ctx);
  const query: QueryRecord = {
    sid: newSid('UH'),
    assistantSid: owner.sid,
    language: input.language,
    query: input.query,
    results,
    modelBuildSid,
    sampleSid: null,
    status: 'pending-review',
    sourceChannel: 'api',
    dialogueSid: null,
    dateCreated: now,
    dateUpdated: now,
  };
  if (owner.logQueries) await insertRecord(ctx, collections.queries(owner.sid), query, 'Query', undefined, QUERY_LOG_LIMIT);
  return query;
}

export async function getQuery(ctx: DomainContext, assistant: string, querySid: string): Promise<QueryRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return requireRecord<QueryRecord>(ctx, collections.queries(owner.sid), 'UH', querySid, queryPath(assistant, querySid));
}

export async function listQueries(ctx: DomainContext, assistant: string, page: PageRequest, filter: QueryFilter): Promise<Page<QueryRecord>> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const modelBuildSid = filter.modelBuild === undefined ? undefined : await modelBuildFilter(ctx, owner.sid, filter.modelBuild);
  const matches = (q: Record<string, unknown>): boolean =>
    (filter.language === undefined || sameLanguage(q.language, filter.language))
    && (modelBuildSid === undefined || q.modelBuildSid === modelBuildSid)
    && (filter.status === undefined || q.status === filter.status)
    && (filter.dialogueSid === undefined || q.dialogueSid === filter.dialogueSid);
  return ctx.store.list<QueryRecord>(collections.queries(owner.sid), { ...page, filter: matches });
}

export async function updateQuery(
  ctx: DomainContext, assistant: string, querySid: string, input: { sampleSid?: string; status?: QueryStatus },
): Promise<QueryRecord> {
  if (input.sampleSid !== undefined && !/^UF[0-9a-fA-F]{32}$/.test(input.sampleSid)) {
    throw invalidParameter('SampleSid', 'expected a Sample SID (UF followed by 32 hex characters)');
  }
  if (input.sampleSid !== undefined && !(await assistantHasSample(ctx, (await requireAssistantRecord(ctx, assistant)).sid, input.sampleSid))) {
    throw invalidParameter('SampleSid', `${input.sampleSid} is not a sample of this assistant`);
  }
  const { after } = await changeRecord(ctx, () => getQuery(ctx, assistant, querySid), (current) => ({
    ref: collections.queries(current.assistantSid),
    record: { ...current, sampleSid: input.sampleSid ?? current.sampleSid, status: input.status ?? current.status, dateUpdated: timestamp(ctx) },
  }), 'Query', queryPath(assistant, querySid));
  return after;
}

export async function deleteQuery(ctx: DomainContext, assistant: string, querySid: string): Promise<void> {
  const query = await getQuery(ctx, assistant, querySid);
  await removeRecord(ctx, collections.queries(query.assistantSid), query.sid, queryPath(assistant, querySid));
}

/**
 * A dialogue's NLU query, kept like an API query (when the assistant logs queries) with its dialogue
 * and channel: the record to save with the turn's commit (null when the assistant logs no queries),
 * so a turn that is not saved leaves no Query behind and a rerun of it does not log a second one.
 */
export function dialogueQueryLog(
  ctx: DomainContext, assistant: { sid: string; logQueries: boolean },
  query: { language: string; text: string; results: Record<string, unknown>; modelBuildSid: string | null; dialogueSid: string; sourceChannel: string },
): LogInsert | null {
  if (!assistant.logQueries) return null;
  const now = timestamp(ctx);
  const record: QueryRecord = {
    sid: newSid('UH'),
    assistantSid: assistant.sid,
    language: query.language,
    query: firstCharacters(query.text, MAX_QUERY_LENGTH),
    results: query.results,
    modelBuildSid: query.modelBuildSid,
    sampleSid: null,
    status: 'pending-review',
    sourceChannel: query.sourceChannel,
    dialogueSid: query.dialogueSid,
    dateCreated: now,
    dateUpdated: now,
  };
  return { collection: collections.queries(assistant.sid), record, keep: QUERY_LOG_LIMIT };
}
