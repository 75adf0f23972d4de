/**
 * A turn must answer well inside Twilio's 15 s webhook budget: past this the channel answers with
 * its failure reply rather than let Twilio time out (the turn still finishes and saves behind it).
 */
export const TURN_DEADLINE_MS = 12_000;

/** Thrown when a turn outlives TURN_DEADLINE_MS. */
export class TurnDeadlineError extends Error {
  override name = 'TurnDeadlineError';
}

/** Resolve with the work, or reject with TurnDeadlineError once `ms` have passed. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TurnDeadlineError(`turn took longer than ${ms} ms`)), ms);
  });
  // A turn that fails after the deadline already answered must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
