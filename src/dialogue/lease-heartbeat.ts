import type { RecordStore } from '../store/record-store.js';

/** A group's hold on its conversation's lease: how long a write should renew it for, and its heartbeat's end. */
export interface LeaseHold {
  /** Milliseconds to renew the lease for now: its life, cut to what is left of the longest hold. */
  renewMs(): number;
  /** Stop the heartbeat (before the write that gives the lease back, so no renewal follows it). */
  stop(): void;
}

/**
 * Renew a running group's lease every third of its life `ttlMs` (a fenced write of nothing), for at most
 * `maxHoldMs` from now, so a turn may wait on a slow webhook while a holder that died leaves its
 * conversation locked for one short lease only. A renewal that fails is not retried: the next one comes
 * soon, and a lease that lapsed meanwhile fails the group's next write (LeaseLostError), as a lost lease
 * always does. The timer is unref'd: a shutdown does not wait for it.
 */
export function holdLease(
  store: Pick<RecordStore, 'fencedWrite'>, scope: string, lease: { readonly key: string; readonly token: number }, ttlMs: number, maxHoldMs: number,
): LeaseHold {
  const holdUntil = Date.now() + maxHoldMs;
  // Never past the longest hold.
  const renewMs = (): number => Math.max(1, Math.min(ttlMs, holdUntil - Date.now()));
  const heartbeat = setInterval(() => {
    if (Date.now() >= holdUntil) {
      clearInterval(heartbeat);
      return;
    }
    store.fencedWrite(scope, lease, [], { renewMs: renewMs() }).then(
      (held) => { if (!held) clearInterval(heartbeat); },
      () => undefined,
    );
  }, Math.max(1, Math.floor(ttlMs / 3)));
  heartbeat.unref();
  return { renewMs, stop: () => clearInterval(heartbeat) };
}
