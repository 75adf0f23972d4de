import type {
  CollectionRef, InsertOutcome, FencedWriteOptions, LeaseInTurn, LineGroup, MetaEffects, MoveOutcome, Page, PageRequest, RecordStore,
  InsertGuard, RemoveGuards, RemoveOutcome, StoredRecord, TicketExtension, UpdateOptions, UpdateOutcome, ValueWrite,
} from '../record-store.js';
import { PageCollector } from '../page-collector.js';

interface Collection {
  /** sid -> sequence number, in insertion order. */
  readonly seqs: Map<string, number>;
  readonly names: Map<string, string>;
  readonly docs: Map<string, string>;
}

interface StoredValue {
  readonly value: string;
  readonly expiresAt: number | null;
}

/**
 * The embedded store: everything in this process's memory, nothing survives a restart.
 * Records are kept as JSON text, as in Redis, so callers never share mutable objects with the store.
 */
export class MemoryRecordStore implements RecordStore {
  private readonly collections = new Map<string, Collection>();
  private readonly meta = new Map<string, Map<string, string>>();
  private readonly values = new Map<string, StoredValue>();
  private readonly leases = new Map<string, { token: number; expiresAt: number }>();
  /** Collection key + sid of a record removed alongside another -> when its tombstone expires. */
  private readonly tombstones = new Map<string, number>();
  /**
   * One fence counter and one ticket counter for the whole store: tokens and tickets only have to
   * grow per lease, and store-wide counters do, so a conversation leaves no entry behind once its
   * lease is free and nobody waits (as the Redis store's keys expire).
   */
  private lastToken = 0;
  private lastTicket = 0;
  /** Per lease with messages waiting: ticket -> its deadline and holder (a Map keeps issue order); dropped when empty. */
  private readonly lines = new Map<string, Map<number, WaitingTicket>>();

  constructor(private readonly now: () => number = Date.now) {}

  async insert(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, keep = 0, parent?: InsertGuard): Promise<InsertOutcome> {
    if (parent !== undefined && this.existing(parent.collection)?.docs.has(parent.sid) !== true) return 'missing-parent';
    const col = this.collection(c);
    if (col.docs.has(record.sid)) return 'duplicate-sid';
    const name = record.uniqueName ?? '';
    if (name !== '' && col.names.has(name)) return 'duplicate-name';
    this.appendLog(c, record, keep);
    if (name !== '') col.names.set(name, record.sid);
    this.applyEffects(c.scope, effects);
    return 'ok';
  }

  /** Add a record at the end of its collection; with `keep`, drop the oldest beyond that many. */
  private appendLog(c: CollectionRef, record: StoredRecord, keep: number): void {
    const col = this.collection(c);
    col.seqs.set(record.sid, this.nextSeq(c.scope));
    col.docs.set(record.sid, JSON.stringify(record));
    while (keep > 0 && col.seqs.size > keep) {
      const oldest = col.seqs.keys().next().value!;
      col.seqs.delete(oldest);
      col.docs.delete(oldest);
    }
  }

  async get<T extends StoredRecord>(c: CollectionRef, sid: string): Promise<T | null> {
    const doc = this.existing(c)?.docs.get(sid);
    return doc === undefined ? null : (JSON.parse(doc) as T);
  }

  async findSidByName(c: CollectionRef, uniqueName: string): Promise<string | null> {
    return this.existing(c)?.names.get(uniqueName) ?? null;
  }

  async update(c: CollectionRef, record: StoredRecord, effects?: MetaEffects, options: UpdateOptions = {}): Promise<UpdateOutcome> {
    const col = this.existing(c);
    const previous = col?.docs.get(record.sid);
    if (col === undefined || previous === undefined) return 'missing';
    if (options.unchangedSince !== undefined && previous !== JSON.stringify(options.unchangedSince)) return 'changed';
    const oldName = (JSON.parse(previous) as StoredRecord).uniqueName ?? '';
    const newName = record.uniqueName ?? '';
    if (newName !== oldName) {
      if (newName !== '' && col.names.has(newName)) return 'duplicate-name';
      if (oldName !== '') col.names.delete(oldName);
      if (newName !== '') col.names.set(newName, record.sid);
    }
    col.docs.set(record.sid, JSON.stringify(record));
    this.applyEffects(c.scope, effects);
    return 'ok';
  }

  async remove(c: CollectionRef, sid: string, guards: RemoveGuards = {}, effects?: MetaEffects): Promise<RemoveOutcome> {
    const col = this.existing(c);
    const doc = col?.docs.get(sid);
    if (col === undefined || doc === undefined) return { kind: 'missing' };
    for (const guard of guards.emptyCollections ?? []) {
      if ((this.existing(guard)?.docs.size ?? 0) > 0) return { kind: 'blocked', by: guard.path };
    }
    const meta = this.meta.get(c.scope);
    for (const counter of guards.zeroCounters ?? []) {
      if (Number(meta?.get(counter) ?? 0) > 0) return { kind: 'blocked', by: counter };
    }
    for (const child of guards.cascade ?? []) this.collections.delete(collectionKey(child));
    // Expired tombstones go when new ones come (Redis expires its keys itself).
    if (guards.alongside !== undefined) for (const [key, expiresAt] of this.tombstones) if (expiresAt <= this.now()) this.tombstones.delete(key);
    for (const other of guards.alongside?.sids ?? []) {
      if (!this.removeOne(col, other)) continue;
      this.tombstones.set(tombstoneKey(c, other), this.now() + guards.alongside!.tombstoneSeconds * 1000);
    }
    this.removeOne(col, sid);
    this.applyEffects(c.scope, effects);
    return { kind: 'ok' };
  }

  private removeOne(col: Collection, sid: string): boolean {
    const doc = col.docs.get(sid);
    if (doc === undefined) return false;
    const name = (JSON.parse(doc) as StoredRecord).uniqueName ?? '';
    if (name !== '' && col.names.get(name) === sid) col.names.delete(name);
    col.docs.delete(sid);
    col.seqs.delete(sid);
    return true;
  }

  async removedAlongside(c: CollectionRef, sid: string): Promise<boolean> {
    const key = tombstoneKey(c, sid);
    const expiresAt = this.tombstones.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.tombstones.delete(key);
    return false;
  }

  async move(from: CollectionRef, to: CollectionRef, sid: string): Promise<MoveOutcome> {
    const source = this.existing(from);
    const doc = source?.docs.get(sid);
    if (source === undefined || doc === undefined) return 'missing';
    const name = (JSON.parse(doc) as StoredRecord).uniqueName ?? '';
    const target = this.collection(to);
    if (name !== '' && target.names.has(name)) return 'duplicate-name';
    source.docs.delete(sid);
    source.seqs.delete(sid);
    if (name !== '' && source.names.get(name) === sid) source.names.delete(name);
    target.seqs.set(sid, this.nextSeq(to.scope));
    target.docs.set(sid, doc);
    if (name !== '') target.names.set(name, sid);
    return 'ok';
  }

  async list<T extends StoredRecord>(c: CollectionRef, page: PageRequest): Promise<Page<T>> {
    const col = this.existing(c);
    const collector = new PageCollector<T>(page);
    for (const [sid, seq] of col?.seqs ?? []) {
      if (!collector.offer(JSON.parse(col!.docs.get(sid)!) as T, seq)) break;
    }
    return collector.result();
  }

  async count(c: CollectionRef): Promise<number> {
    return this.existing(c)?.docs.size ?? 0;
  }

  async readMeta(scope: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.meta.get(scope) ?? []);
  }

  async putValue(scope: string, key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.writeValue(scope, { key, value, ttlSeconds });
  }

  /** Set (or, with a null value, delete) one value at once: fencedWrite applies several in one step. */
  private writeValue(scope: string, write: ValueWrite): void {
    const id = `${scope}\u0000${write.key}`;
    if (write.value === null) this.values.delete(id);
    else this.values.set(id, { value: write.value, expiresAt: write.ttlSeconds === undefined ? null : this.now() + write.ttlSeconds * 1000 });
  }

  async getValue(scope: string, key: string): Promise<string | null> {
    return this.readValue(`${scope}\u0000${key}`);
  }

  private readValue(id: string): string | null {
    const stored = this.values.get(id);
    if (stored === undefined) return null;
    if (stored.expiresAt !== null && stored.expiresAt <= this.now()) {
      this.values.delete(id);
      return null;
    }
    return stored.value;
  }

  async deleteValue(scope: string, key: string): Promise<void> {
    this.writeValue(scope, { key, value: null });
  }

  async acquireLease(scope: string, key: string, ttlMs: number): Promise<number | null> {
    return this.grantLease(scope, key, ttlMs);
  }

  /**
   * The store's steps run whole, without a pause in between (as each Redis script does on one
   * connection): a request sent right behind another sees its effects, as the turn gate expects.
   */
  private grantLease(scope: string, key: string, ttlMs: number): number | null {
    const id = `${scope}\u0000${key}`;
    const held = this.leases.get(id);
    if (held !== undefined && held.expiresAt > this.now()) return null;
    const token = (this.lastToken += 1);
    this.leases.set(id, { token, expiresAt: this.now() + ttlMs });
    return token;
  }

  async releaseLease(scope: string, key: string, token: number): Promise<void> {
    const id = `${scope}\u0000${key}`;
    if (this.leases.get(id)?.token === token) this.leases.delete(id);
  }

  async takeTicket(scope: string, key: string, ttlMs: number, holder = ''): Promise<number> {
    return this.issueTicket(scope, key, ttlMs, holder);
  }

  private issueTicket(scope: string, key: string, ttlMs: number, holder: string): number {
    const id = `${scope}\u0000${key}`;
    let waiting = this.lines.get(id);
    if (waiting === undefined) {
      waiting = new Map();
      this.lines.set(id, waiting);
    }
    const ticket = (this.lastTicket += 1);
    waiting.set(ticket, { deadline: this.now() + ttlMs, holder });
    return ticket;
  }

  async leaseInTurn(scope: string, key: string, ticket: number, ttlMs: number, reads: readonly string[] = [], group?: LineGroup): Promise<LeaseInTurn> {
    const id = `${scope}\u0000${key}`;
    const waiting = this.lines.get(id);
    const entry = waiting?.get(ticket);
    if (waiting === undefined || entry === undefined) return 'lapsed';
    const now = this.now();
    // As the Redis script: a waiting ticket whose holder asks is kept in line, even past its deadline.
    const keepMs = group?.keepMs ?? 0;
    const kept = keepMs > 0 && group?.holder !== '' && entry.holder === group?.holder;
    if (!kept && entry.deadline <= now) {
      this.leaveLine(id, ticket);
      return 'lapsed';
    }
    const token = this.headOfLine(waiting, ticket, now) === ticket ? this.grantLease(scope, key, ttlMs) : null;
    if (token === null) {
      if (kept) waiting.set(ticket, { deadline: now + keepMs, holder: entry.holder });
      return 'wait';
    }
    this.leaveLine(id, ticket);
    const followers: number[] = [];
    // As the Redis script: the holder's next live tickets, past lapsed ones of others.
    const asking = group?.holder ?? '';
    const wanted = asking === '' ? 0 : (group?.max ?? 0);
    for (const [next, { deadline: due, holder }] of waiting) {
      if (followers.length >= wanted) break;
      if (holder !== asking) {
        if (due > now) break;
        waiting.delete(next);
      } else if (due <= now) {
        break;
      } else {
        waiting.delete(next);
        followers.push(next);
      }
    }
    if (this.lines.get(id)?.size === 0) this.lines.delete(id);
    return { token, values: this.readValues(scope, reads), followers };
  }

  /** The oldest ticket in line once lapsed ones ahead of `skipping` are dropped (as the Redis script). */
  private headOfLine(waiting: Map<number, WaitingTicket>, skipping: number, now: number): number | undefined {
    for (const [head, { deadline }] of waiting) {
      if (head === skipping || deadline > now) return head;
      waiting.delete(head);
    }
    return undefined;
  }

  async joinLine(scope: string, key: string, ticketTtlMs: number, leaseTtlMs: number, reads: readonly string[] = [], holder = ''): Promise<{ ticket: number; outcome: LeaseInTurn }> {
    // Nobody waiting and the lease free: served at once, without a ticket (as the Redis script).
    if (!this.lines.has(`${scope}\u0000${key}`)) {
      const token = this.grantLease(scope, key, leaseTtlMs);
      if (token !== null) return { ticket: 0, outcome: { token, values: this.readValues(scope, reads), followers: [] } };
    }
    const ticket = this.issueTicket(scope, key, ticketTtlMs, holder);
    return { ticket, outcome: await this.leaseInTurn(scope, key, ticket, leaseTtlMs, reads) };
  }

  async dropTicket(scope: string, key: string, ticket: number): Promise<void> {
    this.leaveLine(`${scope}\u0000${key}`, ticket);
  }

  async extendTickets(scope: string, key: string, holder: string, tickets: readonly TicketExtension[]): Promise<number[]> {
    const waiting = this.lines.get(`${scope}\u0000${key}`);
    const kept: number[] = [];
    for (const { ticket, ms } of tickets) {
      // Map.set on a ticket in line keeps its place in the issue order.
      if (holder === '' || waiting?.get(ticket)?.holder !== holder) continue;
      waiting.set(ticket, { deadline: this.now() + ms, holder });
      kept.push(ticket);
    }
    return kept;
  }

  /** The values a grant reads with it, in the order asked (null for a missing one). */
  private readValues(scope: string, reads: readonly string[]): (string | null)[] {
    return reads.map((read) => this.readValue(`${scope}\u0000${read}`));
  }

  private leaveLine(id: string, ticket: number): void {
    const waiting = this.lines.get(id);
    if (waiting === undefined) return;
    waiting.delete(ticket);
    if (waiting.size === 0) this.lines.delete(id);
  }

  async fencedWrite(scope: string, lease: { key: string; token: number }, writes: readonly ValueWrite[], options: FencedWriteOptions = {}): Promise<boolean> {
    const held = this.leases.get(`${scope}\u0000${lease.key}`);
    if (held === undefined || held.token !== lease.token || held.expiresAt <= this.now()) return false;
    for (const write of writes) this.writeValue(scope, write);
    for (const { collection, record, keep } of options.inserts ?? []) this.appendLog(collection, record, keep);
    if (options.release === true) this.leases.delete(`${scope}\u0000${lease.key}`);
    else if (options.renewMs !== undefined) held.expiresAt = this.now() + options.renewMs;
    return true;
  }

  async dropScope(scope: string): Promise<void> {
    const mine = `${scope}\u0000`;
    for (const map of [this.collections, this.values, this.leases, this.lines, this.tombstones] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(mine)) map.delete(key);
    }
    this.meta.delete(scope);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private collection(c: CollectionRef): Collection {
    const key = collectionKey(c);
    let col = this.collections.get(key);
    if (col === undefined) {
      col = { seqs: new Map(), names: new Map(), docs: new Map() };
      this.collections.set(key, col);
    }
    return col;
  }

  private existing(c: CollectionRef): Collection | undefined {
    return this.collections.get(collectionKey(c));
  }

  private metaOf(scope: string): Map<string, string> {
    let meta = this.meta.get(scope);
    if (meta === undefined) {
      meta = new Map();
      this.meta.set(scope, meta);
    }
    return meta;
  }

  private nextSeq(scope: string): number {
    const meta = this.metaOf(scope);
    const seq = Number(meta.get('seq') ?? 0) + 1;
    meta.set('seq', String(seq));
    return seq;
  }

  private applyEffects(scope: string, effects: MetaEffects | undefined): void {
    if (effects === undefined) return;
    const meta = this.metaOf(scope);
    for (const [field, value] of Object.entries(effects.set ?? {})) meta.set(field, value);
    for (const [field, delta] of Object.entries(effects.incr ?? {})) {
      meta.set(field, String(Number(meta.get(field) ?? 0) + delta));
    }
    const advance = effects.advance;
    if (advance !== undefined && Number(meta.get(advance.field) ?? 0) <= advance.to) {
      meta.set(advance.field, String(advance.to));
      for (const [field, value] of Object.entries(advance.set)) meta.set(field, value);
    }
    for (const [field, value] of Object.entries(effects.clearIf ?? {})) if (meta.get(field) === value) meta.set(field, '');
  }
}

const collectionKey = (c: CollectionRef): string => `${c.scope}\u0000${c.path}`;
const tombstoneKey = (c: CollectionRef, sid: string): string => `${collectionKey(c)}\u0000${sid}`;

/** A message waiting in a line: when its ticket lapses, and who holds it (a process; '' for none). */
interface WaitingTicket {
  readonly deadline: number;
  readonly holder: string;
}
