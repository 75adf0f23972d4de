import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../actions/action-types.js';
import { ParleyError, notFound } from '../errors/error-catalogue.js';
import { META, collections, needsModelBuild } from '../store/collections.js';
import { bumpRevision } from './assistant-revision.js';
import { isSid, newSid } from '../util/sid.js';
import { findRecord, insertRecord, requireRecord, timestamp, changeRecord, type DomainContext } from './domain-context.js';
import type { Assistant, AssistantRecord } from './records.js';

export interface AssistantInput {
  readonly friendlyName?: string;
  readonly uniqueName?: string;
  readonly logQueries?: boolean;
  /** null clears it. */
  readonly callbackUrl?: string | null;
  readonly callbackEvents?: string;
  readonly styleSheet?: StyleSheetDocument;
  readonly defaults?: DefaultsDocument;
  readonly developmentStage?: string;
  readonly fallbackThreshold?: number | null;
}

/** The task a new assistant comes with, as on Autopilot (clients such as autopilot-core delete it). */
export const HELLO_WORLD_TASK: { readonly uniqueName: string; readonly actions: ActionsDocument; readonly samples: readonly string[] } = {
  uniqueName: 'hello-world',
  actions: { actions: [{ say: 'Hello, world! This is your new assistant.' }, { listen: true }] },
  samples: ['hello world', 'hello', 'hi there'],
};

const assistantPath = (sidOrName: string): string => `/Assistants/${sidOrName}`;

export async function createAssistant(ctx: DomainContext, input: AssistantInput): Promise<Assistant> {
  const sid = newSid('UA');
  const now = timestamp(ctx);
  const record: AssistantRecord = {
    sid,
    accountSid: ctx.accountSid,
    uniqueName: input.uniqueName ?? sid,
    friendlyName: input.friendlyName ?? null,
    logQueries: input.logQueries ?? true,
    developmentStage: input.developmentStage ?? 'in-development',
    callbackUrl: input.callbackUrl ?? null,
    callbackEvents: input.callbackEvents ?? null,
    styleSheet: input.styleSheet ?? {},
    defaults: input.defaults ?? {},
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.assistants(ctx.accountSid), record, 'Assistant');
  return withTraining(ctx, record);
}

export async function findAssistant(ctx: DomainContext, sidOrName: string): Promise<Assistant | null> {
  if (isSid(sidOrName, 'UA')) {
    // By SID (every channel webhook): the record and its meta are read together, one round trip.
    const [record, meta] = await Promise.all([
      findRecord<AssistantRecord>(ctx, collections.assistants(ctx.accountSid), 'UA', sidOrName),
      ctx.store.readMeta(sidOrName),
    ]);
    if (record === null) return null;
    return record.sid === sidOrName ? trained(record, meta) : withTraining(ctx, record);
  }
  const record = await findRecord<AssistantRecord>(ctx, collections.assistants(ctx.accountSid), 'UA', sidOrName);
  return record === null ? null : withTraining(ctx, record);
}

export async function getAssistant(ctx: DomainContext, sidOrName: string): Promise<Assistant> {
  const assistant = await findAssistant(ctx, sidOrName);
  if (assistant === null) throw notFound(assistantPath(sidOrName));
  return assistant;
}

/** The assistant's stored record alone, for children that only need its SID. */
export async function requireAssistantRecord(ctx: DomainContext, sidOrName: string): Promise<AssistantRecord> {
  return requireRecord<AssistantRecord>(ctx, collections.assistants(ctx.accountSid), 'UA', sidOrName, assistantPath(sidOrName));
}

export async function updateAssistant(ctx: DomainContext, sidOrName: string, input: AssistantInput): Promise<Assistant> {
  const { after } = await changeRecord(ctx, () => requireAssistantRecord(ctx, sidOrName), (current) => ({
    ref: collections.assistants(ctx.accountSid),
    record: { ...current, ...definedOnly(input), dateUpdated: timestamp(ctx) },
  }), 'Assistant', assistantPath(sidOrName));
  await bumpRevision(ctx, after.sid);
  return withTraining(ctx, after);
}

/**
 * Deleting keeps the assistant's data aside, so `Assistants/Restore` can bring it back
 * (docs/rest-api.md: Restore). Its unique name is free again at once.
 */
export async function deleteAssistant(ctx: DomainContext, sidOrName: string): Promise<void> {
  const record = await requireAssistantRecord(ctx, sidOrName);
  const trash = collections.deletedAssistants(ctx.accountSid);
  // Only the latest deletion of a name is kept for Restore; an older one of the same name is dropped,
  // with everything it owned (nothing can reach it any more).
  const older = await ctx.store.findSidByName(trash, record.uniqueName);
  if (older !== null) {
    await ctx.store.remove(trash, older);
    await ctx.store.dropScope(older);
  }
  const outcome = await ctx.store.move(collections.assistants(ctx.accountSid), trash, record.sid);
  if (outcome !== 'ok') throw notFound(assistantPath(sidOrName));
  await bumpRevision(ctx, record.sid);
}

const noDeletedAssistant = (sidOrName: string): ParleyError =>
  new ParleyError('NOT_FOUND', `No deleted assistant ${sidOrName} to restore (POST /Assistants/Restore with Assistant=<SID or unique name>)`);

export async function restoreAssistant(ctx: DomainContext, sidOrName: string): Promise<Assistant> {
  const trash = collections.deletedAssistants(ctx.accountSid);
  const record = await findRecord<AssistantRecord>(ctx, trash, 'UA', sidOrName);
  if (record === null) throw noDeletedAssistant(sidOrName);
  const outcome = await ctx.store.move(trash, collections.assistants(ctx.accountSid), record.sid);
  if (outcome === 'missing') throw noDeletedAssistant(sidOrName);
  if (outcome === 'duplicate-name') {
    throw new ParleyError('UNIQUE_NAME_IN_USE', `UniqueName already in use: another assistant is named "${record.uniqueName}"; rename it before restoring`);
  }
  await bumpRevision(ctx, record.sid);
  return withTraining(ctx, record);
}

/** An assistant record with its training state (`latestModelBuildSid`, `needsModelBuild`). */
export async function withTraining(ctx: DomainContext, record: AssistantRecord): Promise<Assistant> {
  return trained(record, await ctx.store.readMeta(record.sid));
}

function trained(record: AssistantRecord, meta: Record<string, string>): Assistant {
  return {
    ...record,
    needsModelBuild: needsModelBuild(meta),
    latestModelBuildSid: meta[META.latestModelBuild] || null,
  };
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
