/**
 * The storage port every repository is written against. Two implementations honour it with the same
 * semantics: Redis (`redis/redis-record-store.ts`) and the embedded in-process store
 * (`memory/memory-record-store.ts`); `test/integration/record-store.contract.ts` holds them to it.
 *
 * Records live in collections; a collection lives in a scope (an account or an assistant SID).
 * Every key of one scope shares a Redis Cluster hash slot, so a write and its effects on the
 * scope's meta hash (flags, counters) are atomic.
 */
export interface CollectionRef {
  readonly scope: string;
  readonly path: string;
}

export interface StoredRecord {
  readonly sid: string;
  readonly uniqueName?: string | null;
}

/** Changes to the scope's meta hash, applied atomically with a write. */
export interface MetaEffects {
  readonly set?: Readonly<Record<string, string>>;
  readonly incr?: Readonly<Record<string, number>>;
  /**
   * Only while the numeric meta field `field` (0 when absent) is at most `to`: set it to `to`, and the
   * fields of `set` with it; otherwise leave all of them as they are (the record is written either
   * way). So a step that would go back (an older build finishing after a newer one) changes nothing.
   */
  readonly advance?: { readonly field: string; readonly to: number; readonly set: Readonly<Record<string, string>> };
  /** Fields emptied (set to '') only while they hold the given value, so a newer value set meanwhile stays. */
  readonly clearIf?: Readonly<Record<string, string>>;
}

export interface RemoveGuards {
  /** Refuse the removal while any of these collections (same scope) holds a record. */
  readonly emptyCollections?: readonly CollectionRef[];
  /** Refuse the removal while any of these meta counters is above zero. */
  readonly zeroCounters?: readonly string[];
  /** Collections (same scope) removed together with the record. */
  readonly cascade?: readonly CollectionRef[];
  /**
   * Records of the same collection removed together with it (a canonical value's synonyms). Each
   * leaves a tombstone for `tombstoneSeconds` (`removedAlongside`): clients delete what they listed
   * one by one, and a record that already went with another must not answer "not found".
   */
  readonly alongside?: { readonly sids: readonly string[]; readonly tombstoneSeconds: number };
}

/** `missing-parent`: the record the insert was guarded by (InsertGuard) is gone; nothing was written. */
export type InsertOutcome = 'ok' | 'duplicate-name' | 'duplicate-sid' | 'missing-parent';

/** The record a new record belongs to (same scope), which must still exist when it is inserted. */
export interface InsertGuard {
  readonly collection: CollectionRef;
  readonly sid: string;
}
/** `changed`: the record is no longer the one the update was made from (UpdateOptions.unchangedSince); nothing was written. */
export type UpdateOutcome = 'ok' | 'duplicate-name' | 'missing' | 'changed';

export interface UpdateOptions {
  /** Write only while the stored record is still this one (as read): a read-modify-write that loses no concurrent change. */
  readonly unchangedSince?: StoredRecord;
}
/** `blocked` carries the collection path or counter name that refused the removal. */
export type RemoveOutcome = { readonly kind: 'ok' } | { readonly kind: 'missing' } | { readonly kind: 'blocked'; readonly by: string };
export type MoveOutcome = 'ok' | 'missing' | 'duplicate-name';

export interface PageRequest {
  /** Continue after the record with this sequence number (from a page token). */
  readonly afterSeq?: number;
  /** Otherwise skip this many matching records. */
  readonly offset?: number;
  readonly limit: number;
  readonly filter?: (record: Record<string, unknown>) => boolean;
}

export interface Page<T> {
  readonly items: T[];
  /** Sequence number of the last item, for the next page token. */
  readonly lastSeq: number | null;
  readonly hasMore: boolean;
}

/**
 * The store cannot serve: it cannot be reached (connection lost, timed out), or it refuses commands
 * until an operator or failover acts (out of memory, a read-only replica, a failed snapshot, still
 * loading). An outage, not a bug: REST answers 503, channels their outage reply.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';

  constructor(message: string, readonly reason: 'unreachable' | 'refusing' = 'unreachable') {
    super(message);
  }
}

/** The store answered a command with an error that is no outage (a script bug). Names the command, never its arguments. */
export class StoreCommandError extends Error {
  override name = 'StoreCommandError';
}

export interface ValueWrite {
  readonly key: string;
  /** null deletes the value. */
  readonly value: string | null;
  readonly ttlSeconds?: number;
}

/** A lease granted in line order: its fencing token and the values asked for, read in the same step (null when absent). */
export interface LeaseGrant {
  readonly token: number;
  readonly values: readonly (string | null)[];
  /** The tickets of the same holder served with this one, in line order (none unless a group was asked for). */
  readonly followers: readonly number[];
}

/** Whose tickets a grant may serve with the one it is for, and at most how many. */
export interface LineGroup {
  readonly holder: string;
  readonly max: number;
  /**
   * While the ticket asking waits, and `holder` holds it, keep it in line this long from now (its
   * holder is alive), even past its deadline if nobody dropped it yet. Unset or 0: leave it as it is.
   */
  readonly keepMs?: number;
}

/** A ticket to keep in line, and for how long from now. */
export interface TicketExtension {
  readonly ticket: number;
  readonly ms: number;
}

/**
 * A lease taken in line order: the grant, `wait` while an older ticket is in line or the lease is
 * held, `lapsed` when the ticket is no longer in line (past its deadline, or dropped).
 */
export type LeaseInTurn = LeaseGrant | 'wait' | 'lapsed';

/**
 * A record added to a log collection of the write's scope (no unique name, no meta effects) with a
 * fenced write: never without the write, and the collection keeps at most `keep` records. A record
 * that cannot be added (on Redis, a key of another type) is skipped; the write is still saved.
 */
export interface LogInsert {
  readonly collection: CollectionRef;
  readonly record: StoredRecord;
  readonly keep: number;
}

/** Options of a fenced write. */
export interface FencedWriteOptions {
  /** Give the lease back in the same step, once the writes are done. */
  readonly release?: boolean;
  /** Otherwise, keep the lease for this long from now (a holder going on with more work). */
  readonly renewMs?: number;
  /** Log records (a turn's Query log) added in the same step as the writes, never without them (LogInsert). */
  readonly inserts?: readonly LogInsert[];
}

export interface RecordStore {
  /**
   * Store a new record; its unique name (when set) must be free in the collection. With `keep`, the
   * collection holds at most that many records, dropping the oldest (for logs of unnamed records).
   * With `parent`, only while that record exists, in the same step (a sample or field is never left
   * under a task deleted meanwhile).
   */
  insert(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, keep?: number, parent?: InsertGuard): Promise<InsertOutcome>;
  get<T extends StoredRecord>(c: CollectionRef, sid: string): Promise<T | null>;
  findSidByName(c: CollectionRef, uniqueName: string): Promise<string | null>;
  /** Replace a record whole, moving its unique-name entry when the name changed. */
  update(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, options?: UpdateOptions): Promise<UpdateOutcome>;
  remove(c: CollectionRef, sid: string, guards?: RemoveGuards, effects?: MetaEffects): Promise<RemoveOutcome>;
  /** Whether the record was removed alongside another (RemoveGuards.alongside) and its tombstone still lives. */
  removedAlongside(c: CollectionRef, sid: string): Promise<boolean>;
  /** Move a record between two collections of one scope, keeping its data (soft delete, restore). */
  move(from: CollectionRef, to: CollectionRef, sid: string): Promise<MoveOutcome>;
  list<T extends StoredRecord>(c: CollectionRef, page: PageRequest): Promise<Page<T>>;
  count(c: CollectionRef): Promise<number>;
  readMeta(scope: string): Promise<Record<string, string>>;
  /** A standalone value with an optional time to live (dialogue state, caches). */
  putValue(scope: string, key: string, value: string, ttlSeconds?: number): Promise<void>;
  getValue(scope: string, key: string): Promise<string | null>;
  deleteValue(scope: string, key: string): Promise<void>;
  /**
   * Take the lease `key` of a scope for `ttlMs` if nobody holds it: answers a fencing token that
   * grows with every grant, or null while another holder has it.
   */
  acquireLease(scope: string, key: string, ttlMs: number): Promise<number | null>;
  /** Give the lease back if the token still holds it. */
  releaseLease(scope: string, key: string, token: number): Promise<void>;
  /**
   * Join the line in front of the lease `key`: answers a ticket larger than every ticket issued
   * before it. The ticket leaves the line when served, dropped, or `ttlMs` after it was taken
   * unless its holder keeps it longer (extendTickets).
   * `holder` names who holds it (a process), so that holder's grants can serve it in a group.
   * Calls of one store run in the order they are made, so a ticket taken before a grant is asked
   * for is in line when the grant looks.
   */
  takeTicket(scope: string, key: string, ttlMs: number, holder?: string): Promise<number>;
  /**
   * Take the lease for `ttlMs` if `ticket` is the oldest live ticket in line and the lease is free;
   * a granted ticket leaves the line. Lapsed tickets ahead of it are skipped. A grant carries the
   * values of `reads` (keys of the scope), read atomically with it. With a `group`, the grant also
   * serves the tickets of `group.holder` right behind this one (a group of turns under one lease):
   * each next live ticket of that holder, past lapsed tickets of others, up to `group.max` of them,
   * stopping at the first ticket of someone else or a lapsed one of that holder.
   */
  leaseInTurn(scope: string, key: string, ticket: number, ttlMs: number, reads?: readonly string[], group?: LineGroup): Promise<LeaseInTurn>;
  /**
   * takeTicket and leaseInTurn in one step: join the line (the ticket lives `ticketTtlMs` unless
   * kept longer, held by `holder`) and take the lease at once when nobody is ahead and it is free (then no ticket is
   * issued: `ticket` is 0).
   */
  joinLine(scope: string, key: string, ticketTtlMs: number, leaseTtlMs: number, reads?: readonly string[], holder?: string): Promise<{ ticket: number; outcome: LeaseInTurn }>;
  /** Leave the line without being served (the waiter gave up). */
  dropTicket(scope: string, key: string, ticket: number): Promise<void>;
  /**
   * Keep tickets of `holder` in the line of lease `key`, each `ms` from now (the heartbeat of a holder
   * whose messages still wait): only those still in line and held by `holder` (never for holder ''),
   * also one past its deadline that nobody dropped yet. Answers the tickets kept, in the order given.
   */
  extendTickets(scope: string, key: string, holder: string, tickets: readonly TicketExtension[]): Promise<number[]>;
  /**
   * Write values of the scope (null deletes) and add the log records of `options.inserts`, all at
   * once, only while `token` holds the lease: false means the lease was lost and nothing was written.
   */
  fencedWrite(scope: string, lease: { key: string; token: number }, writes: readonly ValueWrite[], options?: FencedWriteOptions): Promise<boolean>;
  /**
   * Delete everything a scope holds (its collections, meta, values, leases and lines): for data
   * nothing can reach any more, such as an assistant dropped from the deleted-assistants list.
   */
  dropScope(scope: string): Promise<void>;
  /** Resolves when the backing store answers and accepts writes (the readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
