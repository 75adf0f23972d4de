import type { LeaseGrant, LeaseInTurn } from '../store/record-store.js';
import type { TurnWork } from './turn-gate.js';

// The turn gate's in-process line: a conversation's messages in this process and the grants they are served by.

/** The lease granted to a group: its token, the tickets behind the leader's it serves, and every key any of them reads. */
export interface Granted {
  readonly token: number;
  readonly followers: readonly number[];
  readonly values: ReadonlyMap<string, string | null>;
}

export type GroupLease = Granted | Exclude<LeaseInTurn, object>;

/** A store grant with its values keyed by the keys it was asked to read, in that order. */
export function granted(grant: LeaseGrant, keys: readonly string[]): Granted {
  return { token: grant.token, followers: grant.followers, values: new Map(keys.map((key, i) => [key, grant.values[i] ?? null])) };
}

/** A conversation's messages in this process. */
export interface LocalLine {
  readonly assistantSid: string;
  readonly conversation: string;
  readonly lease: string;
  readonly waiters: LocalWaiter[];
  /** The grant asked for as the group before gave the lease back, for the waiters now at the front. */
  early: Promise<GroupLease | null> | null;
  /** Keeps the waiters' tickets in the store's line while any wait there (null until one does). */
  heartbeat: NodeJS.Timeout | null;
}

/** One message of this process waiting for (or holding) its conversation's turn. */
export interface LocalWaiter {
  readonly arrived: number;
  readonly reads: readonly string[];
  readonly work: TurnWork<unknown>;
  /** Its place in the store's line, once known (0 for a message served as it joined). */
  ticket: number | null;
  /** The ticket on its way (null for the message that joined the line in one step). */
  taking: Promise<number> | null;
  /** Its turn has started: no busy answer any more. */
  started: boolean;
  /** It has its answer (a value, an error, or busy); the line skips it when it comes to it. */
  answered: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A message's place in the local line. It is answered busy (`expire`) once it has waited `maxWaitMs` without its
 * turn starting, also while the turns ahead of it in this process still run (a turn may run for up to the gate's
 * hold, past Twilio's 15 s); the line then skips it. Answered once: later answers are ignored.
 */
export function newWaiter(
  reads: readonly string[], work: TurnWork<unknown>, resolve: (value: unknown) => void, reject: (error: unknown) => void,
  maxWaitMs: number, expire: (waiter: LocalWaiter) => void,
): LocalWaiter {
  const waiter: LocalWaiter = {
    arrived: Date.now(), reads, work, ticket: null, taking: null, started: false, answered: false,
    resolve: (value) => {
      if (answer()) resolve(value);
    },
    reject: (error) => {
      if (answer()) reject(error);
    },
  };
  const expiry = setTimeout(() => {
    if (!waiter.started) expire(waiter);
  }, maxWaitMs);
  expiry.unref();
  const answer = (): boolean => {
    if (waiter.answered) return false;
    waiter.answered = true;
    clearTimeout(expiry);
    return true;
  };
  return waiter;
}
