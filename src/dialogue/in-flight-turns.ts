import type { TurnRequest, TurnResult } from './turn-types.js';
import { DialogueBusyError } from './turn-gate.js';

/**
 * Requests of this process still running, by their idempotency key (a `MessageSid`, a Gather step). A
 * retry that arrives while its original runs here gets the original's result, as a replay, instead of
 * queueing behind it: queued, it could only be answered busy (the original holds the conversation past
 * the wait), which would tell the user to send again a message that was run. A retry reaching another
 * process queues as before and finds the stored reply once the original is saved.
 */
export class InFlightTurns {
  private readonly running = new Map<string, Promise<TurnResult>>();

  run(request: TurnRequest, start: () => Promise<TurnResult>): Promise<TurnResult> {
    if (request.idempotencyKey === undefined) return start();
    const key = `${request.assistantSid}\u0000${request.conversationKey}\u0000${request.idempotencyKey}`;
    const original = this.running.get(key);
    // A reply is shared, and so is a busy answer: the retry arrived while its original waited, so it has waited as long,
    // and run as a message of its own it would start a second wait at the back of the line and run out of order.
    // An original that failed otherwise (the store away) leaves the retry to run as a message of its own; the first
    // retry to see the failure runs and is in flight itself, so later retries share it in turn.
    if (original !== undefined) {
      return original.then(
        (result) => ({ ...result, replayed: true }),
        (error: unknown) => (error instanceof DialogueBusyError ? Promise.reject(error) : this.run(request, start)),
      );
    }
    const started = start();
    this.running.set(key, started);
    const forget = (): void => {
      this.running.delete(key);
    };
    started.then(forget, forget);
    return started;
  }
}
