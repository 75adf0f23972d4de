import { tagSlots } from '../../src/nlu/fields/slot-tagger/tag-slots.js';
import { trainSlotTagger } from '../../src/nlu/fields/slot-tagger/train-slot-tagger.js';

/** One utterance of a slot dataset (snips2017, snips-joint): slots are character spans of `text`. */
export interface SlotUtterance {
  readonly text: string;
  readonly intent: string;
  readonly slots?: ReadonlyArray<{ readonly slot: string; readonly start: number; readonly end: number; readonly value?: string }>;
}

export interface SlotScores {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

/**
 * Trains Parley's slot tagger on `train` and scores it on `test`: micro precision, recall and F1 in % over
 * slots, a predicted slot counting only when its label and exact character span match a gold one. The intent
 * is not given to the tagger (one model for all intents).
 */
export async function evaluateSlots(train: readonly SlotUtterance[], test: readonly SlotUtterance[]): Promise<SlotScores> {
  const model = trainSlotTagger(train.map((u) => ({ text: u.text, slots: u.slots ?? [] })));
  let predicted = 0;
  let gold = 0;
  let correct = 0;
  for (const u of test) {
    const wanted = new Set((u.slots ?? []).map((s) => `${s.slot}|${s.start}|${s.end}`));
    const found = new Set(tagSlots(model, u.text).map((s) => `${s.slot}|${s.start}|${s.end}`));
    gold += wanted.size;
    predicted += found.size;
    for (const k of found) if (wanted.has(k)) correct++;
  }
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1: pct(f1), precision: pct(precision), recall: pct(recall) };
}
