import { conversationLease, storedReply } from '../domain/dialogues.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { Metrics } from '../observability/metrics.js';
import type { TurnResult } from './turn-types.js';

export interface TurnGateOptions {
  /** How long a turn may hold its conversation; past it another turn may take over (and the late one cannot save). */
  readonly leaseTtlMs: number;
  /** How long a message waits for its turn before the channel gets a "busy" answer (inside Twilio's 15 s). */
  readonly maxWaitMs: number;
  readonly pollMs: number;
}

export const DEFAULT_TURN_GATE: TurnGateOptions = { leaseTtlMs: 30_000, maxWaitMs: 8_000, pollMs: 10 };

/** A message waited longer than allowed for the turn before it; nothing was run or stored. */
export class DialogueBusyError extends Error {
  constructor(conversation: string, waitedMs: number) {
    super(`conversation ${conversation} was busy for ${waitedMs} ms; the message was not run`);
    this.name = 'DialogueBusyError';
  }
}

/**
 * One turn at a time per conversation, in arrival order: an in-process queue orders the messages
 * this process received (cheap, no polling), and a lease in the store with a fencing token keeps
 * other processes out. A retry of a request already answered gets the stored reply back.
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
    const previous = this.tails.get(queueKey) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.runLeased(assistantSid, conversation, idempotencyKey, arrived, work));
    this.tails.set(queueKey, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(queueKey) === mine) this.tails.delete(queueKey);
    }
  }

  private async runLeased(
    assistantSid: string, conversation: string, idempotencyKey: string | undefined, arrived: number,
    work: (leaseToken: number) => Promise<TurnResult>,
  ): Promise<TurnResult> {
    const lease = conversationLease(conversation);
    let token = await this.ctx.store.acquireLease(assistantSid, lease, this.options.leaseTtlMs);
    while (token === null) {
      if (Date.now() - arrived >= this.options.maxWaitMs) throw new DialogueBusyError(conversation, Date.now() - arrived);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs + Math.random() * this.options.pollMs));
      token = await this.ctx.store.acquireLease(assistantSid, lease, this.options.leaseTtlMs);
    }
    this.metrics?.leaseWait((Date.now() - arrived) / 1000);
    try {
      // A duplicate that waited behind the original is answered with the original's reply.
      return (await this.replay(assistantSid, conversation, idempotencyKey)) ?? (await work(token));
    } finally {
      await this.ctx.store.releaseLease(assistantSid, lease, token);
    }
  }

  private async replay(assistantSid: string, conversation: string, idempotencyKey: string | undefined): Promise<TurnResult | null> {
    if (idempotencyKey === undefined) return null;
    const raw = await storedReply(this.ctx, assistantSid, conversation, idempotencyKey);
    if (raw === null) return null;
    return { ...(JSON.parse(raw) as TurnResult), replayed: true };
  }
}
