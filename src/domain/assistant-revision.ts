import { randomBytes } from 'node:crypto';
import type { CollectionRef } from '../store/record-store.js';
import type { DomainContext } from './domain-context.js';
import { isSid } from '../util/sid.js';

/**
 * A value in each assistant's scope that changes with every write a turn could see (the assistant,
 * its tasks, fields, field types and values, its latest model build). Written after the write it
 * announces, so whoever reads the new revision reads the new data.
 */
export const REVISION_KEY = 'revision';

/** Announce a change to an assistant's configuration (call after the write). */
export async function bumpRevision(ctx: Pick<DomainContext, 'store'>, assistantSid: string): Promise<void> {
  await ctx.store.putValue(assistantSid, REVISION_KEY, randomBytes(8).toString('hex'));
}

/** The collections of an assistant whose writes turns do not see: no revision for them. */
const UNSEEN_BY_TURNS = new Set(['queries']);

/** Whether a write to this collection changes what turns see. */
export function turnsSee(ref: CollectionRef): boolean {
  return isSid(ref.scope, 'UA') && !UNSEEN_BY_TURNS.has(ref.path);
}
