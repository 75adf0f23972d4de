import { ParleyError, notFound } from '../errors/error-catalogue.js';
import type { CollectionRef, MetaEffects, RecordStore, RemoveGuards, StoredRecord } from '../store/record-store.js';
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

/** Insert, turning a taken unique name into Autopilot's error (clients match its wording). */
export async function insertRecord(
  ctx: DomainContext, ref: CollectionRef, record: StoredRecord, what: string, effects?: MetaEffects, keep?: number,
): Promise<void> {
  const outcome = await ctx.store.insert(ref, record, effects, keep);
  if (outcome === 'duplicate-name') throw nameInUse(what, record.uniqueName ?? '');
  if (outcome === 'duplicate-sid') throw new Error(`SID collision on ${record.sid}`);
  await announce(ctx, ref);
}

/** Writes turns could see move the assistant's revision (turn-catalogue.ts), after the write. */
async function announce(ctx: DomainContext, ref: CollectionRef): Promise<void> {
  if (turnsSee(ref)) await bumpRevision(ctx, ref.scope);
}

export async function updateRecord(
  ctx: DomainContext, ref: CollectionRef, record: StoredRecord, what: string, path: string, effects?: MetaEffects,
): Promise<void> {
  const outcome = await ctx.store.update(ref, record, effects);
  if (outcome === 'duplicate-name') throw nameInUse(what, record.uniqueName ?? '');
  if (outcome === 'missing') throw notFound(path);
  await announce(ctx, ref);
}

export async function removeRecord(
  ctx: DomainContext, ref: CollectionRef, sid: string, path: string,
  options: { guards?: RemoveGuards; effects?: MetaEffects; blocked?: (by: string) => ParleyError } = {},
): Promise<void> {
  const outcome = await ctx.store.remove(ref, sid, options.guards, options.effects);
  if (outcome.kind === 'missing') throw notFound(path);
  if (outcome.kind === 'blocked') {
    throw options.blocked?.(outcome.by) ?? new ParleyError('RESOURCE_IN_USE', `${path} is still in use (${outcome.by})`);
  }
  await announce(ctx, ref);
}

function nameInUse(what: string, name: string): ParleyError {
  if (what === 'FieldValue') return new ParleyError('UNIQUE_NAME_IN_USE', `FieldValue already in use: ${name.replace(/^[^:]*:/, '')}`);
  return new ParleyError('UNIQUE_NAME_IN_USE', `UniqueName already in use: a ${what} named "${name}" already exists`);
}
