import { invalidParameter } from '../errors/error-catalogue.js';
import { META, collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import { findRecord, insertRecord, removeRecord, requireRecord, timestamp, updateRecord, type DomainContext } from './domain-context.js';
import type { ModelBuildRecord, QueryRecord, QueryStatus } from './records.js';
import { sameLanguage } from './samples.js';

export const QUERY_STATUSES: readonly QueryStatus[] = ['pending-review', 'reviewed', 'discarded'];
export const MAX_QUERY_LENGTH = 2048;

/** What a query asks of the NLU. */
export interface QueryRequest {
  readonly assistantSid: string;
  /** The completed build to answer from; null when the assistant has none yet. */
  readonly modelBuildSid: string | null;
  readonly language: string;
  readonly text: string;
  /** Restrict the candidate tasks to these unique names. */
  readonly tasks?: readonly string[];
}

/** The NLU seen from the REST layer: turns a query into Autopilot's `results` object. */
export interface QueryAnswerer {
  answer(request: QueryRequest): Promise<Record<string, unknown>>;
}

export interface QueryInput {
  readonly language: string;
  readonly query: string;
  readonly tasks?: string;
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

/** Answers the query; it is kept (30 days on Autopilot) only when the assistant logs queries. */
export async function createQuery(ctx: DomainContext, nlu: QueryAnswerer, assistant: string, input: QueryInput): Promise<QueryRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const modelBuildSid = input.modelBuild === undefined
    ? (await ctx.store.readMeta(owner.sid))[META.latestModelBuild] || null
    : await modelBuildParam(ctx, owner.sid, input.modelBuild, true);
  const tasks = input.tasks?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const results = await nlu.answer({ assistantSid: owner.sid, modelBuildSid, language: input.language, text: input.query, tasks });
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
  if (owner.logQueries) await insertRecord(ctx, collections.queries(owner.sid), query, 'Query');
  return query;
}

export async function getQuery(ctx: DomainContext, assistant: string, querySid: string): Promise<QueryRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return requireRecord<QueryRecord>(ctx, collections.queries(owner.sid), 'UH', querySid, queryPath(assistant, querySid));
}

export async function listQueries(ctx: DomainContext, assistant: string, page: PageRequest, filter: QueryFilter): Promise<Page<QueryRecord>> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const modelBuildSid = filter.modelBuild === undefined ? undefined : await modelBuildParam(ctx, owner.sid, filter.modelBuild);
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
  const current = await getQuery(ctx, assistant, querySid);
  if (input.sampleSid !== undefined && !/^UF[0-9a-fA-F]{32}$/.test(input.sampleSid)) {
    throw invalidParameter('SampleSid', 'expected a Sample SID (UF followed by 32 hex characters)');
  }
  const next: QueryRecord = {
    ...current,
    sampleSid: input.sampleSid ?? current.sampleSid,
    status: input.status ?? current.status,
    dateUpdated: timestamp(ctx),
  };
  await updateRecord(ctx, collections.queries(current.assistantSid), next, 'Query', queryPath(assistant, querySid));
  return next;
}

export async function deleteQuery(ctx: DomainContext, assistant: string, querySid: string): Promise<void> {
  const query = await getQuery(ctx, assistant, querySid);
  await removeRecord(ctx, collections.queries(query.assistantSid), query.sid, queryPath(assistant, querySid));
}
