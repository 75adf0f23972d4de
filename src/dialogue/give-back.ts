/** How often a give-back that failed (the store was away) is tried again. */
const GIVE_BACK_RETRY_MS = 200;

/**
 * Try a give-back (a lease release, a ticket drop) again until it succeeds or `untilMs` passes, by
 * when the store lets it lapse anyway. Both are safe to repeat: a release is fenced by its token, a
 * dropped ticket is gone. Timers are unref'd: a shutdown does not wait for them.
 */
export function giveBackLater(step: () => Promise<unknown>, untilMs: number): void {
  const attempt = (): void => {
    if (Date.now() >= untilMs) return;
    step().catch(() => setTimeout(attempt, GIVE_BACK_RETRY_MS).unref());
  };
  setTimeout(attempt, GIVE_BACK_RETRY_MS).unref();
}
