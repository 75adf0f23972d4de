import type { CollectionRef } from '../record-store.js';

/**
 * The one module that spells Redis keys. Every key of a scope carries the scope in a hash tag
 * (`{UA…}`), so one scope's keys share a Redis Cluster slot and its Lua scripts stay legal there.
 */
export interface RedisKeys {
  /** A glob (for SCAN MATCH) of every key of a scope: its hash tag, then anything. */
  scopePattern(scope: string): string;
  /** Sorted set: sid -> insertion sequence. */
  ids(c: CollectionRef): string;
  /** Hash: unique name -> sid. */
  names(c: CollectionRef): string;
  /** Hash: sid -> record JSON. */
  docs(c: CollectionRef): string;
  /** A record's tombstone, while it lives: the record was removed alongside another (RemoveGuards.alongside). */
  tombstone(c: CollectionRef, sid: string): string;
  /** Hash: the scope's sequence counter, flags and counters. */
  meta(scope: string): string;
  /** A standalone value of a scope (dialogue state and the like). */
  value(scope: string, key: string): string;
  /** A lease of a scope: holds its holder's fencing token. */
  lease(scope: string, key: string): string;
  /** The counter a lease's fencing tokens come from. */
  fence(scope: string, key: string): string;
  /** Sorted set: the tickets waiting for a lease, in the order they were issued. */
  line(scope: string, key: string): string;
  /** Hash: the last ticket issued for a lease ('issued') and each waiting ticket's deadline. */
  tickets(scope: string, key: string): string;
  /** Written (short-lived) by each readiness check: a Redis that refuses writes is not ready. */
  readonly readyProbe: string;
}

/** BullMQ's key prefix: one hash tag, so each queue's keys stay in one Cluster slot. */
export const queuePrefix = (prefix: string): string => `${prefix}{queues}`;

export function redisKeys(prefix: string): RedisKeys {
  const tag = (scope: string): string => `${prefix}{${scope}}`;
  return {
    scopePattern: (scope) => `${tag(scope).replace(/[*?[\]\\]/g, '\\$&')}:*`,
    ids: (c) => `${tag(c.scope)}:${c.path}:ids`,
    names: (c) => `${tag(c.scope)}:${c.path}:names`,
    docs: (c) => `${tag(c.scope)}:${c.path}:docs`,
    tombstone: (c, sid) => `${tag(c.scope)}:${c.path}:gone:${sid}`,
    meta: (scope) => `${tag(scope)}:meta`,
    value: (scope, key) => `${tag(scope)}:val:${key}`,
    lease: (scope, key) => `${tag(scope)}:lease:${key}`,
    fence: (scope, key) => `${tag(scope)}:fence:${key}`,
    line: (scope, key) => `${tag(scope)}:line:${key}`,
    tickets: (scope, key) => `${tag(scope)}:tickets:${key}`,
    readyProbe: `${prefix}readyz`,
  };
}
