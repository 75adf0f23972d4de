import { setTimeout as sleep } from 'node:timers/promises';
import { ParleyError, notFound } from '../errors/error-catalogue.js';
import type { CollectionRef, InsertGuard, MetaEffects, RecordStore, RemoveGuards, StoredRecord } from '../store/record-store.js';
import { isSid, type SidPrefix } from '../util/sid.js';
import { twilioDate } from '../util/twilio-date.js';
import { bumpRevision, turnsSee } from './assistant-revision.js';

/** What every domain operation needs: the store, whose account it serves, and the clock. */
export interface DomainContext {
  readonly store: RecordStore;
  readonly accountSid: string;
  readonly now: () => Date;
  /** IANA time zone for relative dates and times in user input; UTC when unset. */
  readonly timeZone?: string;
}

export const timestamp = (ctx: DomainContext): string => twilioDate(ctx.now());

/** Find a record by SID, or by unique name where the SID is not one (Autopilot accepts either). */
export async function findRecord<T extends StoredRecord>(
  ctx: DomainContext, ref: CollectionRef, prefix: SidPrefix, sidOrName: string,
): Promise<T | null> {
  if (isSid(sidOrName, prefix)) {
    const bySid = await ctx.store.get<T>(ref, sidOrName);
    if (bySid !== null) return bySid;
  }
  const sid = await ctx.store.findSidByName(ref, sidOrName);
  return sid === null ? null : ctx.store.get<T>(ref, sid);
}

export async function requireRecord<T extends StoredRecord>(
  ctx: DomainContext, ref: CollectionRef, prefix: SidPrefix, sidOrName: string, path: string,
): Promise<T> {
  const record = await findRecord<T>(ctx, ref, prefix, sidOrName);
  if (record === null) throw notFound(path);
  return record;
}

/**
 * Insert, turning a taken unique name into Autopilot's error (clients match its wording). With
 * `parent`, only while that record still exists (else its path is a 404, or the error `missing` makes).
 */
export async function insertRecord(
  ctx: DomainContext, ref: CollectionRef, record: StoredRecord, what: string, effects?: MetaEffects, keep?: number,
  parent?: InsertGuard & { readonly path: string; readonly missing?: () => Error },
): Promise<void> {
  const outcome = await ctx.store.insert(ref, record, effects, keep, parent);
  if (outcome === 'missing-parent') throw parent!.missing?.() ?? notFound(parent!.path);
  if (outcome === 'duplicate-name') throw nameInUse(what, record.uniqueName ?? '');
  if (outcome === 'duplicate-sid') throw new Error(`SID collision on ${record.sid}`);
  await announce(ctx, ref);
}

/** Writes turns could see move the assistant's revision (turn-catalogue.ts), after the write. */
async function announce(ctx: DomainContext, ref: CollectionRef): Promise<void> {
  if (turnsSee(ref)) await bumpRevision(ctx, ref.scope);
}

/** How often a read-modify-write is tried when the record keeps changing under it, before it answers 503. */
const CHANGE_ATTEMPTS = 10;
/** The longest random pause between two attempts; the window doubles from 2 ms up to this. */
const MAX_RETRY_PAUSE_MS = 64;

/** A record's next version, made from the version read: where it lives, what it becomes, and meta effects. */
export interface RecordChange<T extends StoredRecord> {
  readonly ref: CollectionRef;
  readonly record: T;
  readonly effects?: MetaEffects;
}

/** A record as it was read and as it was written, and where it lives. */
export interface AppliedChange<T extends StoredRecord> {
  readonly ref: CollectionRef;
  readonly before: T;
  readonly after: T;
}

/**
 * Read-modify-write of one record that loses no concurrent change: `change` makes the new version
 * from the version `read` found, and the store writes it only while the record is still that
 * version; otherwise it is read again (by SID) and changed again. Two partial updates at once used
 * to write back each the whole record it had read, so the later one undid the other's fields (a
 * rename, a status a build had reached meanwhile). Null when the record is missing, or gone
 * meanwhile; nothing is announced (see changeRecord).
 */
export async function applyChange<T extends StoredRecord>(
  ctx: DomainContext, read: () => Promise<T | null>, change: (current: T) => RecordChange<T>, what: string, path: string,
): Promise<AppliedChange<T> | null> {
  let before = await read();
  for (let attempt = 1; before !== null; attempt += 1) {
    const { ref, record, effects } = change(before);
    const outcome = await ctx.store.update(ref, record, effects, { unchangedSince: before });
    if (outcome === 'duplicate-name') throw nameInUse(what, record.uniqueName ?? '');
    if (outcome === 'missing') return null;
    if (outcome === 'ok') return { ref, before, after: record };
    if (attempt >= CHANGE_ATTEMPTS) throw new ParleyError('SERVICE_UNAVAILABLE', `${path} kept changing while this update was applied; try again`);
    // Retried at once, the losers of a round read the winner's version together and met again in
    // the next round, where again only one won: 20 updates at once needed 20 rounds, and past 8 the
    // rest answered 503. A random pause in a window that doubles each round spreads them out.
    await sleep(Math.random() * Math.min(MAX_RETRY_PAUSE_MS, 2 ** attempt));
    before = await ctx.store.get<T>(ref, before.sid);
  }
  return null;
}

/** applyChange for the REST API: a record missing or gone meanwhile is a 404, and turns learn of the write. */
export async function changeRecord<T extends StoredRecord>(
  ctx: DomainContext, read: () => Promise<T>, change: (current: T) => RecordChange<T>, what: string, path: string,
): Promise<AppliedChange<T>> {
  const applied = await applyChange(ctx, read, change, what, path);
  if (applied === null) throw notFound(path);
  await announce(ctx, applied.ref);
  return applied;
}

/**
 * Remove a record, a 404 when it is missing. With `tombstoneIsDone`, a record missing because it
 * was removed alongside another lately (RemoveGuards.alongside) counts as removed.
 */
export async function removeRecord(
  ctx: DomainContext, ref: CollectionRef, sid: string, path: string,
  options: { guards?: RemoveGuards; effects?: MetaEffects; blocked?: (by: string) => ParleyError; tombstoneIsDone?: boolean } = {},
): Promise<void> {
  const outcome = await ctx.store.remove(ref, sid, options.guards, options.effects);
  if (outcome.kind === 'missing') {
    if (options.tombstoneIsDone === true && await ctx.store.removedAlongside(ref, sid)) return;
    throw notFound(path);
  }
  if (outcome.kind === 'blocked') {
    throw options.blocked?.(outcome.by) ?? new ParleyError('RESOURCE_IN_USE', `${path} is still in use (${outcome.by})`);
  }
  await announce(ctx, ref);
}

function nameInUse(what: string, name: string): ParleyError {
  if (what === 'FieldValue') return new ParleyError('UNIQUE_NAME_IN_USE', `FieldValue already in use: ${name.replace(/^[^:]*:/, '')}`);
  return new ParleyError('UNIQUE_NAME_IN_USE', `UniqueName already in use: ${/^[AEIOU]/.test(what) ? 'an' : 'a'} ${what} named "${name}" already exists`);
}
