import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ReplyError, type Redis } from 'ioredis';
import type {
  CollectionRef, FencedWriteOptions, InsertOutcome, LeaseInTurn, LineGroup, MetaEffects, MoveOutcome, Page, PageRequest, RecordStore,
  InsertGuard, RemoveGuards, RemoveOutcome, StoredRecord, TicketExtension, UpdateOptions, UpdateOutcome, ValueWrite,
} from '../record-store.js';
import { StoreCommandError, StoreUnavailableError } from '../record-store.js';
import { PageCollector } from '../page-collector.js';
import { redisKeys, type RedisKeys } from './redis-keys.js';

const SCAN_CHUNK = 500;

/** A Lua script run by its SHA1; the first run on a Redis that does not know it sends its text. */
interface LuaScript {
  readonly lua: string;
  readonly sha: string;
}

function loadScript(name: string): LuaScript {
  const read = (file: string): string => readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8');
  const lua = `${read('apply-effects.lua')}\n${read(name)}`;
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

// Read once per process. Not ioredis's defineCommand: each of its auto-pipelines copies every defined
// command onto itself, which cost more than the scripts' own calls (docs/benchmarks.md).
const SCRIPTS = {
  insertRecord: loadScript('insert-record-4.lua'),
  updateRecord: loadScript('update-record-4.lua'),
  removeRecord: loadScript('remove-record-4.lua'),
  moveRecord: loadScript('move-record-7.lua'),
  acquireLease: loadScript('acquire-lease-2.lua'),
  releaseLease: loadScript('release-lease-1.lua'),
  fencedWrite: loadScript('fenced-write-n.lua'),
  takeTicket: loadScript('take-ticket-2.lua'),
  extendTickets: loadScript('extend-tickets-2.lua'),
  leaseInTurn: loadScript('lease-in-turn-n.lua'),
} as const;

/** An idle line's keys (its ticket counter too) and a lease's fence counter are kept this long after their last use. */
const LINE_IDLE_MS = 60 * 60 * 1000;
/** The readiness check's key lives this long after the last check. */
const READY_PROBE_TTL_MS = 10_000;
/**
 * Error replies of a Redis that is up but refuses commands until someone acts (memory, failover,
 * disk, a restart loading its data): outages, answered as such, not bugs.
 */
const REFUSALS = /^(OOM|READONLY|MISCONF|LOADING|MASTERDOWN)\b/;

/** RecordStore over Redis: every read-modify-write is one Lua script, so it is atomic. */
export class RedisRecordStore implements RecordStore {
  private readonly keys: RedisKeys;

  constructor(private readonly redis: Redis, prefix: string) {
    this.keys = redisKeys(prefix);
    guardAgainstOutages(this);
  }

  async insert(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, keep = 0, parent?: InsertGuard): Promise<InsertOutcome> {
    const keys = [...this.collectionKeys(c), this.keys.meta(c.scope), ...(parent === undefined ? [] : [this.keys.docs(parent.collection)])];
    const result = await this.script<number>(SCRIPTS.insertRecord, keys,
      record.sid, JSON.stringify(record), record.uniqueName ?? '', encodeEffects(effects), keep, parent?.sid ?? '',
    );
    return result === 1 ? 'ok' : result === -1 ? 'duplicate-name' : result === -3 ? 'missing-parent' : 'duplicate-sid';
  }

  async get<T extends StoredRecord>(c: CollectionRef, sid: string): Promise<T | null> {
    const doc = await this.redis.hget(this.keys.docs(c), sid);
    return doc === null ? null : (JSON.parse(doc) as T);
  }

  async findSidByName(c: CollectionRef, uniqueName: string): Promise<string | null> {
    return this.redis.hget(this.keys.names(c), uniqueName);
  }

  async update(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, options: UpdateOptions = {}): Promise<UpdateOutcome> {
    const result = await this.script<number>(SCRIPTS.updateRecord, [...this.collectionKeys(c), this.keys.meta(c.scope)],
      record.sid, JSON.stringify(record), record.uniqueName ?? '', encodeEffects(effects),
      options.unchangedSince === undefined ? '' : JSON.stringify(options.unchangedSince),
    );
    return result === 1 ? 'ok' : result === 0 ? 'missing' : result === -2 ? 'changed' : 'duplicate-name';
  }

  async remove(c: CollectionRef, sid: string, guards: RemoveGuards = {}, effects?: MetaEffects): Promise<RemoveOutcome> {
    const guardCollections = guards.emptyCollections ?? [];
    const counters = guards.zeroCounters ?? [];
    const keys = [
      ...this.collectionKeys(c), this.keys.meta(c.scope),
      ...guardCollections.map((g) => this.keys.docs(g)),
      ...(guards.cascade ?? []).flatMap((child) => this.collectionKeys(child)),
      ...(guards.alongside?.sids ?? []).map((other) => this.keys.tombstone(c, other)),
    ];
    const result = await this.script<number>(SCRIPTS.removeRecord, keys,
      sid, guardCollections.length, JSON.stringify(counters), encodeEffects(effects),
      JSON.stringify(guards.alongside?.sids ?? []), ttlMs(guards.alongside?.tombstoneSeconds ?? 0),
    );
    if (result === 1) return { kind: 'ok' };
    if (result === 0) return { kind: 'missing' };
    const by = result <= -100 ? counters[-result - 101] : guardCollections[-result - 1]?.path;
    return { kind: 'blocked', by: by ?? 'unknown' };
  }

  async removedAlongside(c: CollectionRef, sid: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.tombstone(c, sid))) === 1;
  }

  async move(from: CollectionRef, to: CollectionRef, sid: string): Promise<MoveOutcome> {
    const result = await this.script<number>(SCRIPTS.moveRecord, [...this.collectionKeys(from), ...this.collectionKeys(to), this.keys.meta(from.scope)], sid);
    return result === 1 ? 'ok' : result === 0 ? 'missing' : 'duplicate-name';
  }

  async list<T extends StoredRecord>(c: CollectionRef, page: PageRequest): Promise<Page<T>> {
    if (page.filter === undefined && page.afterSeq === undefined) return this.listByRank(c, page.offset ?? 0, page.limit);
    const collector = new PageCollector<T>(page);
    let cursor = page.afterSeq === undefined ? '-inf' : `(${page.afterSeq}`;
    for (;;) {
      const chunk = await this.redis.zrangebyscore(this.keys.ids(c), cursor, '+inf', 'WITHSCORES', 'LIMIT', 0, SCAN_CHUNK);
      const entries = pairs(chunk);
      if (entries.length === 0) return collector.result();
      const docs = await this.redis.hmget(this.keys.docs(c), ...entries.map(([sid]) => sid));
      for (const [i, [, seq]] of entries.entries()) {
        const doc = docs[i];
        // A record deleted between the two reads is simply not listed.
        if (doc != null && !collector.offer(JSON.parse(doc) as T, seq)) return collector.result();
      }
      cursor = `(${entries[entries.length - 1]![1]}`;
    }
  }

  async count(c: CollectionRef): Promise<number> {
    return this.redis.hlen(this.keys.docs(c));
  }

  async readMeta(scope: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.meta(scope));
  }

  async putValue(scope: string, key: string, value: string, ttlSeconds?: number): Promise<void> {
    const redisKey = this.keys.value(scope, key);
    if (ttlSeconds === undefined) await this.redis.set(redisKey, value);
    else await this.redis.set(redisKey, value, 'PX', ttlMs(ttlSeconds));
  }

  async getValue(scope: string, key: string): Promise<string | null> {
    return this.redis.get(this.keys.value(scope, key));
  }

  async deleteValue(scope: string, key: string): Promise<void> {
    await this.redis.del(this.keys.value(scope, key));
  }

  async acquireLease(scope: string, key: string, ttlMs: number): Promise<number | null> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const token = await this.script<number>(SCRIPTS.acquireLease, [this.keys.lease(scope, key), this.keys.fence(scope, key)], ttl, Math.max(ttl, LINE_IDLE_MS));
    return token === 0 ? null : token;
  }

  async releaseLease(scope: string, key: string, token: number): Promise<void> {
    await this.script<number>(SCRIPTS.releaseLease, [this.keys.lease(scope, key)], token);
  }

  async takeTicket(scope: string, key: string, ttlMs: number, holder = ''): Promise<number> {
    const ttl = Math.max(1, Math.round(ttlMs));
    return this.script<number>(SCRIPTS.takeTicket, [this.keys.line(scope, key), this.keys.tickets(scope, key)], ttl, Math.max(ttl, LINE_IDLE_MS), holder);
  }

  async leaseInTurn(scope: string, key: string, ticket: number, ttlMs: number, reads: readonly string[] = [], group?: LineGroup): Promise<LeaseInTurn> {
    return (await this.lineStep(scope, key, ticket, ttlMs, Math.max(0, Math.round(group?.keepMs ?? 0)), reads, group)).outcome;
  }

  async joinLine(scope: string, key: string, ticketTtlMs: number, leaseTtlMs: number, reads: readonly string[] = [], holder = ''): Promise<{ ticket: number; outcome: LeaseInTurn }> {
    return this.lineStep(scope, key, 0, leaseTtlMs, Math.max(1, Math.round(ticketTtlMs)), reads, { holder, max: 0 });
  }

  /**
   * One run of the line script: join (ticket 0) or look again, and take the lease with its reads when it is
   * our turn. `ticketMs`: how long our ticket stays in line from now (looking again, 0 leaves it as it is).
   */
  private async lineStep(
    scope: string, key: string, ticket: number, leaseTtlMs: number, ticketMs: number, reads: readonly string[], group: LineGroup = { holder: '', max: 0 },
  ): Promise<{ ticket: number; outcome: LeaseInTurn }> {
    const keys = [
      this.keys.lease(scope, key), this.keys.fence(scope, key), this.keys.line(scope, key), this.keys.tickets(scope, key),
      ...reads.map((read) => this.keys.value(scope, read)),
    ];
    const [outcome, issued, followers, ...values] = await this.script<[number, number, number[], ...(string | null)[]]>(SCRIPTS.leaseInTurn, keys,
      ticket, Math.max(1, Math.round(leaseTtlMs)), ticketMs, Math.max(ticketMs, LINE_IDLE_MS), group.holder, Math.max(0, group.max),
    );
    if (outcome > 0) return { ticket: issued, outcome: { token: outcome, values: values.map((v) => v ?? null), followers } };
    return { ticket: issued, outcome: outcome === 0 ? 'wait' : 'lapsed' };
  }

  async dropTicket(scope: string, key: string, ticket: number): Promise<void> {
    await this.redis.multi().zrem(this.keys.line(scope, key), ticket).hdel(this.keys.tickets(scope, key), String(ticket)).exec();
  }

  async extendTickets(scope: string, key: string, holder: string, tickets: readonly TicketExtension[]): Promise<number[]> {
    if (tickets.length === 0) return [];
    const args = tickets.flatMap(({ ticket, ms }) => [ticket, Math.max(1, Math.round(ms))]);
    return this.script<number[]>(SCRIPTS.extendTickets, [this.keys.line(scope, key), this.keys.tickets(scope, key)], holder, ...args);
  }

  async fencedWrite(scope: string, lease: { key: string; token: number }, writes: readonly ValueWrite[], options: FencedWriteOptions = {}): Promise<boolean> {
    const keys = [this.keys.lease(scope, lease.key)];
    const args: (string | number)[] = [lease.token, options.release === true ? 1 : 0, renewMs(options), writes.length];
    for (const w of writes) {
      keys.push(this.keys.value(scope, w.key));
      if (w.value === null) args.push('', -1);
      else args.push(w.value, w.ttlSeconds === undefined ? 0 : ttlMs(w.ttlSeconds));
    }
    for (const insert of options.inserts ?? []) {
      keys.push(this.keys.ids(insert.collection), this.keys.docs(insert.collection), this.keys.meta(scope));
      args.push(insert.record.sid, JSON.stringify(insert.record), Math.max(0, insert.keep));
    }
    return (await this.script<number>(SCRIPTS.fencedWrite, keys, ...args)) === 1;
  }

  async dropScope(scope: string): Promise<void> {
    // SCAN, not KEYS: it never blocks Redis for the whole keyspace.
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.keys.scopePattern(scope), 'COUNT', SCAN_CHUNK);
      cursor = next;
      if (keys.length > 0) await this.redis.unlink(...keys);
    } while (cursor !== '0');
  }

  async ping(): Promise<void> {
    // A write, not a PING: a Redis out of memory, turned replica or unable to persist still answers
    // PING while refusing every turn's writes. One small key that expires on its own.
    await this.redis.set(this.keys.readyProbe, '1', 'PX', READY_PROBE_TTL_MS);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private async listByRank<T extends StoredRecord>(c: CollectionRef, offset: number, limit: number): Promise<Page<T>> {
    const chunk = await this.redis.zrange(this.keys.ids(c), String(offset), String(offset + limit), 'WITHSCORES');
    const entries = pairs(chunk);
    const hasMore = entries.length > limit;
    const pageEntries = entries.slice(0, limit);
    if (pageEntries.length === 0) return { items: [], lastSeq: null, hasMore: false };
    const docs = await this.redis.hmget(this.keys.docs(c), ...pageEntries.map(([sid]) => sid));
    const items = docs.filter((doc): doc is string => doc != null).map((doc) => JSON.parse(doc) as T);
    return { items, lastSeq: pageEntries[pageEntries.length - 1]![1], hasMore };
  }

  /** EVALSHA, and EVAL (which also caches it) on a Redis that does not know the script yet (restarted, flushed). */
  private async script<T>(script: LuaScript, keys: readonly string[], ...args: (string | number)[]): Promise<T> {
    try {
      return (await this.redis.evalsha(script.sha, keys.length, ...keys, ...args)) as T;
    } catch (error) {
      if (!(error instanceof ReplyError) || !(error as Error).message.startsWith('NOSCRIPT')) throw error;
      return (await this.redis.eval(script.lua, keys.length, ...keys, ...args)) as T;
    }
  }

  private collectionKeys(c: CollectionRef): [string, string, string] {
    return [this.keys.ids(c), this.keys.names(c), this.keys.docs(c)];
  }
}

/** A time to live in whole milliseconds, at least 1: `SET ... PX` refuses 0, and the fenced-write script reads 0 as no expiry. */
const ttlMs = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));

/** The lease's new lifetime for the script: 0 (leave it) when it is given back or not renewed. */
function renewMs(options: FencedWriteOptions): number {
  return options.release === true || options.renewMs === undefined ? 0 : Math.max(1, Math.round(options.renewMs));
}

const GUARDED = [
  'insert', 'get', 'findSidByName', 'update', 'remove', 'removedAlongside', 'move', 'list', 'count', 'readMeta',
  'putValue', 'getValue', 'deleteValue', 'acquireLease', 'releaseLease',
  'takeTicket', 'leaseInTurn', 'joinLine', 'dropTicket', 'extendTickets', 'fencedWrite', 'dropScope', 'ping',
] as const satisfies ReadonlyArray<keyof RecordStore>;

/**
 * Every store call either answers or fails with StoreUnavailableError when Redis cannot be reached
 * or refuses commands (REFUSALS), so each surface can answer an outage as an outage (503) rather
 * than as a bug; any other error reply (a script bug) becomes a StoreCommandError.
 */
function guardAgainstOutages(store: RedisRecordStore): void {
  for (const name of GUARDED) {
    const method = (store[name] as (...args: unknown[]) => Promise<unknown>).bind(store);
    (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => method(...args).catch((error: unknown) => {
      throw storeError(name, error);
    });
  }
}

/**
 * A new error in place of ioredis's: those carry the failed command with its arguments (whole
 * records, dialogue state with memory and phone numbers), which must never reach a log. Ours
 * names the store call and the Redis command only.
 */
function storeError(call: string, error: unknown): Error {
  const message = (error as Error).message;
  if (!(error instanceof ReplyError)) return new StoreUnavailableError(`Redis unavailable (${call}): ${message}`);
  const command = (error as { command?: { name?: string } }).command?.name ?? 'unknown';
  if (REFUSALS.test(message)) return new StoreUnavailableError(`Redis refused ${command} (${call}): ${message}`, 'refusing');
  return new StoreCommandError(`Redis answered ${command} (${call}) with an error: ${message}`);
}

function encodeEffects(effects: MetaEffects | undefined): string {
  return effects === undefined ? '' : JSON.stringify(effects);
}

/** ZRANGE … WITHSCORES answers a flat [member, score, …] list. */
function pairs(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
}
