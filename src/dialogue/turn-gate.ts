import { conversationLease, type HeldLease } from '../domain/dialogues.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { Metrics } from '../observability/metrics.js';
import type { LeaseGrant, LeaseInTurn } from '../store/record-store.js';

export interface TurnGateOptions {
  /** How long a turn may hold its conversation; past it another turn may take over (and the late one cannot save). */
  readonly leaseTtlMs: number;
  /** How long a message waits for its turn before the channel gets a "busy" answer (inside Twilio's 15 s). */
  readonly maxWaitMs: number;
  /** First pause between two looks at the line; it grows (with jitter) up to four times this. */
  readonly pollMs: number;
}

export const DEFAULT_TURN_GATE: TurnGateOptions = { leaseTtlMs: 30_000, maxWaitMs: 8_000, pollMs: 10 };

/**
 * A ticket lapses this long after the message's own give-up time: by then its holder has either been
 * served (the ticket left the line) or has given up, so only a crashed holder's ticket lapses, and it
 * holds the line for at most `maxWaitMs` plus this margin (less than a crashed lease holder's `leaseTtlMs`).
 */
const TICKET_GRACE_MS = 1_000;

/** A message waited longer than allowed for the turn before it; nothing was run or stored. */
export class DialogueBusyError extends Error {
  constructor(conversation: string, waitedMs: number) {
    super(`conversation ${conversation} was busy for ${waitedMs} ms; the message was not run`);
    this.name = 'DialogueBusyError';
  }
}

/**
 * One turn at a time per conversation, in arrival order across processes. Each message takes a
 * ticket in the conversation's line in the store as it arrives; the lease (with a fencing token) goes
 * only to the oldest live ticket, together with the values the turn runs on, read in the same step.
 * In front of that, an in-process queue lets only the oldest message of this process look at the
 * line, so a hot dialogue costs one poller per process, not one per message. A message with nobody
 * of this process ahead of it joins the line and usually gets the lease in one round trip; the next
 * one of this process asks for it as the turn before it commits (see askEarly).
 */
export class TurnGate {
  /** Per conversation, this process's messages in arrival order (the first one is running or about to). */
  private readonly lines = new Map<string, LocalWaiter[]>();

  constructor(
    private readonly ctx: DomainContext,
    private readonly options: TurnGateOptions = DEFAULT_TURN_GATE,
    private readonly metrics?: Pick<Metrics, 'leaseWait'>,
  ) {}

  /**
   * Run `work` when it is this message's turn, with the lease and the values of `reads` (keys of the
   * assistant's scope). The lease is given back afterwards unless the work's commit already did.
   */
  async run<T>(assistantSid: string, conversation: string, reads: readonly string[], work: (lease: HeldLease, values: readonly (string | null)[]) => Promise<T>): Promise<T> {
    const arrived = Date.now();
    const queueKey = `${assistantSid}\u0000${conversation}`;
    const lease = conversationLease(conversation);
    const ticketTtlMs = this.options.maxWaitMs + TICKET_GRACE_MS;
    let line = this.lines.get(queueKey);
    if (line === undefined) {
      line = [];
      this.lines.set(queueKey, line);
    }
    const previous = line.at(-1)?.done;
    let ticket: Promise<number> | null = null;
    let mine: Promise<T>;
    if (previous === undefined) {
      const joined = this.ctx.store.joinLine(assistantSid, lease, ticketTtlMs, this.options.leaseTtlMs, reads);
      mine = joined.then(({ ticket: number, outcome }) => this.runLeased(assistantSid, conversation, arrived, number, outcome, line, waiter, work));
    } else {
      // The ticket is taken now, not when this message reaches the head of the in-process queue:
      // messages that arrived at other processes in between must stay behind it.
      const taken = this.ctx.store.takeTicket(assistantSid, lease, ticketTtlMs);
      taken.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled meanwhile
      ticket = taken;
      mine = previous.catch(() => undefined).then(async () => {
        const number = await taken;
        // A grant asked for as the message before us committed; anything else: look at the line now.
        const early = waiter.early === null ? null : await waiter.early;
        return this.runLeased(assistantSid, conversation, arrived, number, typeof early === 'object' ? early : null, line, waiter, work);
      });
    }
    const waiter: LocalWaiter = { ticket, reads, early: null, done: mine };
    line.push(waiter);
    try {
      return await mine;
    } finally {
      line.splice(line.indexOf(waiter), 1);
      if (line.length === 0) this.lines.delete(queueKey);
    }
  }

  private async runLeased<T>(
    assistantSid: string, conversation: string, arrived: number, ticket: number, first: LeaseInTurn | null, line: readonly LocalWaiter[], waiter: LocalWaiter,
    work: (lease: HeldLease, values: readonly (string | null)[]) => Promise<T>,
  ): Promise<T> {
    const grant = await this.waitForTurn(assistantSid, conversation, ticket, arrived, first, waiter.reads);
    this.metrics?.leaseWait((Date.now() - arrived) / 1000);
    const held: HeldLease = { token: grant.token, released: false, onReleaseSent: () => this.askEarly(assistantSid, conversation, line, waiter) };
    try {
      return await work(held, grant.values);
    } finally {
      if (!held.released) await this.ctx.store.releaseLease(assistantSid, conversationLease(conversation), held.token);
    }
  }

  /**
   * As `waiter`'s commit (which gives the lease back) is on its way, ask for the lease for the next
   * message of this process, so the store runs both in one round trip. Only a hint: a `wait` answer
   * (the commit failed, or a message of another process is first) makes that message look again.
   */
  private askEarly(assistantSid: string, conversation: string, line: readonly LocalWaiter[], waiter: LocalWaiter): void {
    const at = line.indexOf(waiter);
    const next = at < 0 ? undefined : line[at + 1];
    if (next === undefined || next.ticket === null || next.early !== null) return;
    // Usually the ticket is long known; if not, the request follows it (still ahead of a poll).
    next.early = next.ticket
      .then((ticket) => this.ctx.store.leaseInTurn(assistantSid, conversationLease(conversation), ticket, this.options.leaseTtlMs, next.reads))
      .catch(() => null);
  }

  /** Look at the line with a growing, jittered pause until the ticket is served; give up (leaving the line) after `maxWaitMs`. */
  private async waitForTurn(assistantSid: string, conversation: string, ticket: number, arrived: number, first: LeaseInTurn | null, reads: readonly string[]): Promise<LeaseGrant> {
    const lease = conversationLease(conversation);
    let pause = this.options.pollMs;
    let outcome = first;
    try {
      for (;;) {
        outcome ??= await this.ctx.store.leaseInTurn(assistantSid, lease, ticket, this.options.leaseTtlMs, reads);
        if (typeof outcome === 'object') return outcome;
        const waited = Date.now() - arrived;
        if (outcome === 'lapsed' || waited >= this.options.maxWaitMs) throw new DialogueBusyError(conversation, waited);
        outcome = null;
        await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause / 2));
        pause = Math.min(pause * 1.5, this.options.pollMs * 4);
      }
    } catch (error) {
      await this.ctx.store.dropTicket(assistantSid, lease, ticket).catch(() => undefined);
      throw error;
    }
  }
}

/** One message of this process waiting for (or holding) its conversation's turn. */
interface LocalWaiter {
  /** Its place in the store's line (null for the message that joined the line and took the lease in one step). */
  readonly ticket: Promise<number> | null;
  readonly reads: readonly string[];
  /** The lease asked for on its behalf as the message before it committed. */
  early: Promise<LeaseInTurn | null> | null;
  /** Settles when its turn is over: the next message of this process waits for it. */
  readonly done: Promise<unknown>;
}
