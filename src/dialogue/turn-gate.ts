import { conversationLease, storedReply } from '../domain/dialogues.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { Metrics } from '../observability/metrics.js';
import type { TurnResult } from './turn-types.js';

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
 * only to the oldest live ticket. In front of that, an in-process queue lets only the oldest message of
 * this process look at the line, so a hot dialogue costs one poller per process, not one per message.
 * A retry of a request already answered gets the stored reply back.
 */
export class TurnGate {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: DomainContext,
    private readonly options: TurnGateOptions = DEFAULT_TURN_GATE,
    private readonly metrics?: Pick<Metrics, 'leaseWait'>,
  ) {}

  async run(assistantSid: string, conversation: string, idempotencyKey: string | undefined, work: (leaseToken: number) => Promise<TurnResult>): Promise<TurnResult> {
    const arrived = Date.now();
    const queueKey = `${assistantSid}\u0000${conversation}`;
    // The ticket is taken now, not when this message reaches the head of the in-process queue:
    // messages that arrived at other processes in between must stay behind it.
    const ticket = this.ctx.store.takeTicket(assistantSid, conversationLease(conversation), this.options.maxWaitMs + TICKET_GRACE_MS);
    ticket.catch(() => undefined); // awaited in turn below; this only keeps an early failure from going unhandled meanwhile
    const previous = this.tails.get(queueKey) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(async () => this.runLeased(assistantSid, conversation, idempotencyKey, arrived, await ticket, work));
    this.tails.set(queueKey, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(queueKey) === mine) this.tails.delete(queueKey);
    }
  }

  private async runLeased(
    assistantSid: string, conversation: string, idempotencyKey: string | undefined, arrived: number, ticket: number,
    work: (leaseToken: number) => Promise<TurnResult>,
  ): Promise<TurnResult> {
    const lease = conversationLease(conversation);
    const token = await this.waitForTurn(assistantSid, conversation, ticket, arrived);
    this.metrics?.leaseWait((Date.now() - arrived) / 1000);
    try {
      // A duplicate that waited behind the original is answered with the original's reply.
      return (await this.replay(assistantSid, conversation, idempotencyKey)) ?? (await work(token));
    } finally {
      await this.ctx.store.releaseLease(assistantSid, lease, token);
    }
  }

  /** Look at the line with a growing, jittered pause until the ticket is served; give up (leaving the line) after `maxWaitMs`. */
  private async waitForTurn(assistantSid: string, conversation: string, ticket: number, arrived: number): Promise<number> {
    const lease = conversationLease(conversation);
    let pause = this.options.pollMs;
    try {
      for (;;) {
        const outcome = await this.ctx.store.leaseInTurn(assistantSid, lease, ticket, this.options.leaseTtlMs);
        if (typeof outcome === 'number') return outcome;
        const waited = Date.now() - arrived;
        if (outcome === 'lapsed' || waited >= this.options.maxWaitMs) throw new DialogueBusyError(conversation, waited);
        await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause / 2));
        pause = Math.min(pause * 1.5, this.options.pollMs * 4);
      }
    } catch (error) {
      await this.ctx.store.dropTicket(assistantSid, lease, ticket).catch(() => undefined);
      throw error;
    }
  }

  private async replay(assistantSid: string, conversation: string, idempotencyKey: string | undefined): Promise<TurnResult | null> {
    if (idempotencyKey === undefined) return null;
    const raw = await storedReply(this.ctx, assistantSid, conversation, idempotencyKey);
    if (raw === null) return null;
    return { ...(JSON.parse(raw) as TurnResult), replayed: true };
  }
}
