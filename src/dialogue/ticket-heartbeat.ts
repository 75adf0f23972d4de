import type { RecordStore, TicketExtension } from '../store/record-store.js';
import type { LocalLine, LocalWaiter } from './local-line.js';

/**
 * A ticket lapses this long (Redis clock) after it was taken or last kept, so a dead process's tickets
 * hold its conversation's line for at most this long, not for their messages' whole wait (9 s). A
 * live holder keeps its waiting tickets every third of this (one store call per line), so two missed
 * heartbeats lose no place; a leader's own polls keep its ticket too. Its length is the stall a live
 * process survives: once another process's look at the line drops a lapsed ticket, its message is
 * answered busy. 1.5 s answered busy the messages of a process paused ~1.6 s or cut off by a 1.2 s
 * Redis blip (the regression probe); 3 s matches the lease's margin (5 s, renewed every 1.7 s).
 */
export const TICKET_HEARTBEAT_MS = 3_000;

/** How long to keep a waiter's ticket from now: one heartbeat, never past its give-up time (`arrived + allowanceMs`); 0 once that passed. */
export function ticketMsLeft(waiter: Pick<LocalWaiter, 'arrived'>, allowanceMs: number, now = Date.now()): number {
  return Math.max(0, Math.min(TICKET_HEARTBEAT_MS, waiter.arrived + allowanceMs - now));
}

/**
 * Keep a local line's waiting tickets in the store's line every third of TICKET_HEARTBEAT_MS, in one
 * call, until the gate clears `line.heartbeat` (the line emptied); a no-op once started. Only lines
 * where messages queue get here (a message served as it joined takes no ticket). A failed call is not
 * retried: the next comes soon, and a ticket lapses only if a look at the line drops it meanwhile (one
 * nobody dropped is kept again); its message is then answered busy, as before heartbeats. The timer is
 * unref'd: a shutdown does not wait for it.
 */
export function keepTickets(store: Pick<RecordStore, 'extendTickets'>, line: LocalLine, holder: string, allowanceMs: number): void {
  if (line.heartbeat !== null) return;
  let sending = false;
  line.heartbeat = setInterval(() => {
    if (sending) return; // a store that hangs gets one call at a time
    const now = Date.now();
    const tickets: TicketExtension[] = [];
    for (const waiter of line.waiters) {
      // Not one answered busy: its ticket should lapse and let the line past it.
      if (waiter.ticket === null || waiter.ticket === 0 || waiter.answered) continue;
      const ms = ticketMsLeft(waiter, allowanceMs, now);
      if (ms > 0) tickets.push({ ticket: waiter.ticket, ms });
    }
    if (tickets.length === 0) return;
    sending = true;
    store.extendTickets(line.assistantSid, line.lease, holder, tickets)
      .catch(() => undefined)
      .finally(() => { sending = false; });
  }, TICKET_HEARTBEAT_MS / 3);
  line.heartbeat.unref();
}
