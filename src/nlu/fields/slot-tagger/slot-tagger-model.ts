/** A learnt BIO slot tagger (averaged structured perceptron), JSON-serialisable. */
export interface SlotTaggerModel {
  readonly version: 1;
  /** `O`, then `B-<slot>` and `I-<slot>` per slot. */
  readonly labels: readonly string[];
  /** Feature name -> sparse weights as [label index, weight] pairs. */
  readonly weights: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>;
  /** (labels + 1) x labels label-transition weights; row 0 is the sentence start. */
  readonly transitions: readonly number[];
  /** Slot values seen in training: [slot, folded value, times seen]. */
  readonly gazetteer: ReadonlyArray<readonly [string, string, number]>;
}

/** A text and its slots as character spans (SNIPS style). */
export interface SlotExample {
  readonly text: string;
  readonly slots: ReadonlyArray<{ readonly slot: string; readonly start: number; readonly end: number }>;
}

export interface TaggedSlot {
  readonly slot: string;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}
