import { randomBytes } from 'node:crypto';
import { conversationLease } from '../domain/dialogues.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { Metrics } from '../observability/metrics.js';
import type { LeaseInTurn, LogInsert, ValueWrite } from '../store/record-store.js';
import { giveBackLater } from './give-back.js';
import { granted, newWaiter, type Granted, type GroupLease, type LocalLine, type LocalWaiter } from './local-line.js';
import { holdLease } from './lease-heartbeat.js';
import { TICKET_HEARTBEAT_MS, keepTickets, ticketMsLeft } from './ticket-heartbeat.js';
import { WriteBatch } from './write-batch.js';

export interface TurnGateOptions {
  /**
   * How long the lease lives unless renewed. A group renews it every third of this while it runs, so
   * this is how long a conversation stays locked after its holder is gone (a process that died, a
   * grant whose reply was lost), not how long a turn may take.
   */
  readonly leaseTtlMs: number;
  /** How long one grant may keep the lease by renewing it; past it another turn may take over (and the late one cannot save). */
  readonly maxHoldMs: number;
  /** How long a message waits for its turn before the channel gets a "busy" answer (inside Twilio's 15 s). */
  readonly maxWaitMs: number;
  /** First pause between two looks at the line; it grows (with jitter) up to four times this. */
  readonly pollMs: number;
  /** At most this many messages of one conversation run back to back under one grant of the lease. */
  readonly maxGroup: number;
  /**
   * How long a finished turn of a group may wait for the turns after it (which wait on webhooks or
   * other I/O), so that they share one write; 0 sends each as soon as the process would wait.
   */
  readonly writeWindowMs: number;
}

export const DEFAULT_TURN_GATE: TurnGateOptions = { leaseTtlMs: 5_000, maxHoldMs: 30_000, maxWaitMs: 8_000, pollMs: 10, maxGroup: 64, writeWindowMs: 20 };

/**
 * A ticket never outlives its message's own give-up time plus this margin: by then its holder has
 * either been served (the ticket left the line) or has given up.
 */
const TICKET_GRACE_MS = 1_000;

/**
 * A message waited longer than allowed for the turn before it; nothing was run or stored. The
 * message never names the conversation: its key is made of phone numbers or a user id.
 */
export class DialogueBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the conversation was busy for ${waitedMs} ms; the message was not run`);
    this.name = 'DialogueBusyError';
  }
}

/** The turn outlived its lease and another turn took the conversation over: nothing was saved. */
export class LeaseLostError extends Error {
  constructor() {
    super('the turn lost its conversation\'s lease before saving; its changes were discarded');
    this.name = 'LeaseLostError';
  }
}

/** What a turn hands back to the gate: its answer, and what to save (fenced by the lease) before anyone gets it. */
export interface TurnOutcome<T> {
  readonly value: T;
  /** Values of the assistant's scope to write with the turn's commit (null deletes); none for a turn that changes nothing. */
  readonly writes: readonly ValueWrite[];
  /** Log records (its Query log) saved with the commit, and only if the commit is. */
  readonly logs?: readonly LogInsert[];
}

/** A turn's work: it runs on the values of its reads, as the turns before it left them. */
export type TurnWork<T> = (values: readonly (string | null)[]) => Promise<TurnOutcome<T>>;

/**
 * One turn at a time per conversation, in arrival order across processes. Each message takes a
 * ticket in the conversation's line in the store as it arrives, which its process keeps alive while
 * it waits (ticket-heartbeat.ts); the lease (with a fencing token) goes only to the oldest live
 * ticket, together with the values the turn runs on, read in the same step.
 *
 * In front of that, an in-process line lets only the oldest message of this process look at the
 * store's line. A message with nobody of this process ahead of it joins the line and usually gets
 * the lease in one round trip. Messages of this process that queue up behind a turn are served as a
 * group: tickets name the process that holds them, and one grant serves every ticket of this
 * process right behind the leader's (a ticket still on its way when the grant is asked for is in
 * the store's line already: one connection runs calls in order). They run back to back under that
 * lease, each on the values the one before it wrote, their fenced writes leaving in batches that no
 * turn waits for (see runGroup). Nobody gets an answer before its write is
 * saved. The grant for the next group is asked for as the last write (which gives the lease back)
 * goes out, on the same connection, so the store runs both in one round trip.
 */
export class TurnGate {
  /** Per conversation, this process's messages in arrival order (the first ones are running or about to). */
  private readonly lines = new Map<string, LocalLine>();
  private readonly options: TurnGateOptions;
  /** Names this process's tickets in the store's lines, so its grants can serve them as a group. */
  private readonly holder = randomBytes(6).toString('hex');

  constructor(
    private readonly ctx: DomainContext,
    options: Partial<TurnGateOptions> = {},
    private readonly metrics?: Pick<Metrics, 'leaseWait'>,
  ) {
    this.options = { ...DEFAULT_TURN_GATE, ...options };
  }

  /**
   * Run `work` when it is this message's turn, with the values of `reads` (keys of the assistant's
   * scope), and resolve with its value once its writes are saved.
   */
  run<T>(assistantSid: string, conversation: string, reads: readonly string[], work: TurnWork<T>): Promise<T> {
    const lineKey = `${assistantSid}\u0000${conversation}`;
    const lease = conversationLease(conversation);
    const ticketMs = Math.min(TICKET_HEARTBEAT_MS, this.ticketAllowanceMs());
    return new Promise<T>((resolve, reject) => {
      const line = this.lines.get(lineKey);
      const waiter = newWaiter(reads, work as TurnWork<unknown>, resolve as (value: unknown) => void, reject, this.options.maxWaitMs, (w) => this.refuseBusy(w));
      if (line === undefined) {
        const fresh: LocalLine = { assistantSid, conversation, lease, waiters: [waiter], early: null, heartbeat: null };
        this.lines.set(lineKey, fresh);
        const joined = this.ctx.store.joinLine(assistantSid, lease, ticketMs, this.options.leaseTtlMs, reads, this.holder);
        this.drive(lineKey, fresh, joined).catch((error: unknown) => {
          // Only a bug gets here (every turn's and the store's failures are handled inside): fail
          // whoever still waits rather than leave them hanging or take the process down.
          this.closeLine(lineKey, fresh);
          for (const waiter of fresh.waiters.splice(0)) waiter.reject(error);
        });
        return;
      }
      // The ticket is taken now, not when this message reaches the head of the in-process line:
      // messages that arrived at other processes in between must stay behind it.
      const taking = this.ctx.store.takeTicket(assistantSid, lease, ticketMs, this.holder).then((ticket) => (waiter.ticket = ticket));
      taking.catch(() => undefined); // awaited when the message heads the line; this only keeps an early failure from going unhandled
      waiter.taking = taking;
      line.waiters.push(waiter);
      keepTickets(this.ctx.store, line, this.holder, this.ticketAllowanceMs());
    });
  }

  /** Answer a message that waited its whole allowance busy (once, and counted once). */
  private refuseBusy(waiter: LocalWaiter): void {
    if (waiter.answered) return;
    const waited = Date.now() - waiter.arrived;
    this.metrics?.leaseWait(waited / 1000, 'busy');
    waiter.reject(new DialogueBusyError(waited));
  }

  /** Serve a conversation's local line until it is empty: wait for a grant, run its group, save and answer each turn. */
  private async drive(lineKey: string, line: LocalLine, joined: Promise<{ ticket: number; outcome: LeaseInTurn }>): Promise<void> {
    const head = line.waiters[0]!;
    let first: GroupLease | null = null;
    try {
      const { ticket, outcome } = await joined;
      head.ticket = ticket;
      if (ticket > 0) keepTickets(this.ctx.store, line, this.holder, this.ticketAllowanceMs());
      first = typeof outcome === 'object' ? granted(outcome, head.reads) : outcome;
    } catch (error) {
      line.waiters.shift();
      head.reject(error);
    }
    while (line.waiters.length > 0) {
      const leader = line.waiters[0]!;
      let grant: Granted;
      try {
        grant = await this.waitForTurn(line, leader, first ?? (await line.early));
      } catch (error) {
        line.waiters.shift();
        leader.reject(error);
        continue;
      } finally {
        first = null;
        line.early = null;
      }
      await this.runGroup(line, grant, await this.takeGroup(line, grant));
    }
    this.closeLine(lineKey, line);
  }

  /** How long after its message arrived a ticket may still be kept in line: the message's wait plus a margin. */
  private ticketAllowanceMs(): number {
    return this.options.maxWaitMs + TICKET_GRACE_MS;
  }

  /** Forget an empty local line, and stop keeping its tickets. */
  private closeLine(lineKey: string, line: LocalLine): void {
    clearInterval(line.heartbeat ?? undefined);
    line.heartbeat = null;
    this.lines.delete(lineKey);
  }

  /** Look at the line with a growing, jittered pause until the leader's ticket is served; give up (leaving the line) after `maxWaitMs`. */
  private async waitForTurn(line: LocalLine, leader: LocalWaiter, early: GroupLease | null): Promise<Granted> {
    let pause = this.options.pollMs;
    let outcome = early;
    const ticket = leader.ticket ?? (await leader.taking!);
    try {
      for (;;) {
        outcome ??= await this.ask(line);
        if (typeof outcome === 'object') return outcome;
        const waited = Date.now() - leader.arrived;
        if (outcome === 'lapsed' || waited >= this.options.maxWaitMs) {
          if (!leader.answered) this.metrics?.leaseWait(waited / 1000, 'busy');
          throw new DialogueBusyError(waited);
        }
        outcome = null;
        await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause / 2));
        pause = Math.min(pause * 1.5, this.options.pollMs * 4);
      }
    } catch (error) {
      const drop = (): Promise<void> => this.ctx.store.dropTicket(line.assistantSid, line.lease, ticket);
      // Past its deadline (kept no more, so within TICKET_HEARTBEAT_MS) the ticket lapses by itself;
      // until then it would hold the line. Not awaited: when the store is away the drop cannot succeed
      // either, and waiting for its timeout would double the time the message takes to get its outage answer.
      const lapses = Math.min(Date.now() + TICKET_HEARTBEAT_MS, leader.arrived + this.ticketAllowanceMs());
      void drop().catch(() => giveBackLater(drop, lapses));
      throw error;
    }
  }

  /**
   * Ask for the lease for the line's first waiter and, in the same step, for this process's waiters
   * right behind it (up to `maxGroup` in all, tickets known or still on their way); the grant reads
   * every key any of them reads.
   */
  private async ask(line: LocalLine): Promise<GroupLease> {
    const leader = line.waiters[0]!;
    const ticket = leader.ticket ?? (await leader.taking!);
    const size = Math.min(line.waiters.length, this.options.maxGroup);
    const reads = new Set<string>();
    for (let i = 0; i < size; i += 1) for (const read of line.waiters[i]!.reads) reads.add(read);
    const keys = [...reads];
    // The leader's looks keep its own ticket in line too, should a heartbeat have failed.
    const group = { holder: this.holder, max: size - 1, keepMs: ticketMsLeft(leader, this.ticketAllowanceMs()) };
    const outcome = await this.ctx.store.leaseInTurn(line.assistantSid, line.lease, ticket, this.options.leaseTtlMs, keys, group);
    return typeof outcome === 'object' ? granted(outcome, keys) : outcome;
  }

  /**
   * Take the leader and the waiters whose tickets the grant served with it off the line. Their
   * tickets were taken before the grant was asked for, so their answers came first and are known.
   */
  private async takeGroup(line: LocalLine, grant: Granted): Promise<LocalWaiter[]> {
    const members = line.waiters.splice(0, 1);
    const served = new Set(grant.followers);
    for (let i = 0; served.size > 0 && i < line.waiters.length;) {
      const waiter = line.waiters[i]!;
      const ticket = waiter.ticket ?? (await (waiter.taking ?? Promise.resolve(null)).catch(() => null));
      if (ticket !== null && served.delete(ticket)) members.push(...line.waiters.splice(i, 1));
      else i += 1; // its ticket was not taken (the store failed): it learns so when it leads
    }
    return members;
  }

  /**
   * Run a granted group back to back, each turn on the values its reads had after the turns before
   * it. The turns' writes leave in batches, fenced by the group's lease, without the next turn
   * waiting for them: whatever turns ended since the last batch are sent together when the group
   * ends or `writeWindowMs` after the first of them ended, whichever comes first. Turns that run
   * straight through share one write; turns that each wait on a customer's webhook share one per
   * window instead of one each (a write, and a wake-up of the process for its answer, per turn cost
   * a busy dialogue with a webhook about a quarter of its throughput), and a slow webhook holds back
   * the answers of the turns before it by at most the window. Redis applies the batches in order on
   * the one connection; each renews the lease, the last gives it back. A turn is answered once its
   * batch is saved; a failed batch fails its turns and every later one (same lease).
   */
  private async runGroup(line: LocalLine, grant: Granted, members: readonly LocalWaiter[]): Promise<void> {
    const written = new Map<string, string | null>();
    const lease = { key: line.lease, token: grant.token };
    const hold = holdLease(this.ctx.store, line.assistantSid, lease, this.options.leaseTtlMs, this.options.maxHoldMs);
    let batch = new WriteBatch<LocalWaiter>();
    let flushDue = false;
    let flushTimer: NodeJS.Timeout | undefined;
    const settling: Promise<void>[] = [];
    let saved: Promise<boolean> = Promise.resolve(true);
    const send = (release: boolean): void => {
      const sending = batch;
      batch = new WriteBatch<LocalWaiter>();
      const logs = sending.logs();
      saved = this.ctx.store.fencedWrite(line.assistantSid, lease, sending.writes(), {
        ...(release ? { release: true } : { renewMs: hold.renewMs() }),
        ...(logs.length === 0 ? {} : { inserts: logs }),
      });
      for (const { waiter, outcome } of sending.turns) settling.push(settle(waiter, outcome, saved));
    };
    for (let i = 0; i < members.length; i += 1) {
      const waiter = members[i]!;
      const waited = Date.now() - waiter.arrived;
      // A message that waited its whole allowance is not run any more (it may have been answered busy
      // already): behind the turns of its group, or before a grant that came as the turn ahead gave the
      // lease back (which skips the poll's check).
      if (waiter.answered || waited >= this.options.maxWaitMs) {
        this.refuseBusy(waiter);
        continue;
      }
      waiter.started = true;
      this.metrics?.leaseWait(waited / 1000, 'granted');
      let outcome: TurnOutcome<unknown>;
      try {
        outcome = await waiter.work(waiter.reads.map((key) => (written.has(key) ? written.get(key)! : (grant.values.get(key) ?? null))));
      } catch (error) {
        waiter.reject(error); // it changed nothing; the next turn runs on what was there before it
        continue;
      }
      for (const write of outcome.writes) written.set(write.key, write.value);
      batch.add(waiter, outcome);
      if (!flushDue) {
        flushDue = true;
        const flush = (): void => {
          flushDue = false;
          if (!batch.isEmpty()) send(false);
        };
        if (this.options.writeWindowMs > 0) flushTimer = setTimeout(flush, this.options.writeWindowMs);
        else process.nextTick(flush);
      }
    }
    clearTimeout(flushTimer);
    hold.stop(); // before the last write, so no renewal follows the release on the connection
    send(true);
    this.askEarly(line);
    await Promise.all(settling);
    const gaveBack = await saved.catch(() => null); // the lease is given back (or lost) before the next group asks again
    if (gaveBack === null) {
      // The last write failed (the store is away), so the lease was not given back: it would keep the
      // conversation locked until it expires, also once the store is back (a persisted Redis keeps it).
      // Only the release is tried again, never the writes: those turns were answered as failed.
      const release = (): Promise<void> => this.ctx.store.releaseLease(line.assistantSid, line.lease, grant.token);
      giveBackLater(release, Date.now() + this.options.leaseTtlMs);
    }
  }

  /**
   * As a group's last write (which gives the lease back) is on its way, ask for the lease for the next
   * waiters of this process, so the store runs both in one round trip. Only a hint: a `wait` answer
   * (the write failed, or a message of another process is first) makes the leader look again.
   */
  private askEarly(line: LocalLine): void {
    if (line.waiters.length === 0) return;
    // Usually the ticket is long known; if not, the request follows it (still ahead of a poll).
    line.early = this.ask(line).catch(() => null);
  }
}

/** Answer a turn once the write it depends on is saved. */
async function settle(waiter: LocalWaiter, outcome: TurnOutcome<unknown>, saved: Promise<boolean>): Promise<void> {
  try {
    if (!(await saved)) throw new LeaseLostError();
    waiter.resolve(outcome.value);
  } catch (error) {
    waiter.reject(error);
  }
}
