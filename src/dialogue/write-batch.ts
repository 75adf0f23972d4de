import type { LogInsert, ValueWrite } from '../store/record-store.js';
import type { TurnOutcome } from './turn-gate.js';

/**
 * Turns of a group that ended since its last write, with their writes merged (a later write of a
 * key wins) and their log records: what the turn gate sends as one fenced write.
 */
export class WriteBatch<W> {
  readonly turns: { waiter: W; outcome: TurnOutcome<unknown> }[] = [];
  private readonly byKey = new Map<string, ValueWrite>();

  add(waiter: W, outcome: TurnOutcome<unknown>): void {
    this.turns.push({ waiter, outcome });
    for (const write of outcome.writes) {
      this.byKey.delete(write.key);
      this.byKey.set(write.key, write);
    }
  }

  isEmpty(): boolean {
    return this.turns.length === 0;
  }

  writes(): ValueWrite[] {
    return [...this.byKey.values()];
  }

  /** Every turn's log records, in turn order. */
  logs(): LogInsert[] {
    return this.turns.flatMap(({ outcome }) => outcome.logs ?? []);
  }
}
