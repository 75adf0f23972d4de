import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One utterance as stored in `nlu-data/<set>/*.json`. */
export interface Utterance {
  readonly text: string;
  readonly intent: string;
  readonly slots?: ReadonlyArray<{ readonly slot: string; readonly start: number; readonly end: number; readonly value: string }>;
}

/**
 * How a row is scored. `accuracy`: top label against gold (macro-F1 over gold intents too).
 * `oos`: CLINC150: in-scope accuracy and out-of-scope recall with a rejection threshold chosen on `valid`.
 */
export type Scoring = 'accuracy' | 'oos';

export interface BenchDataset {
  readonly name: string;
  readonly scoring: Scoring;
  /** Fill the slot-F1 column (datasets with slot annotations). */
  readonly slots: boolean;
  load(dataDir: string): { train: Utterance[]; test: Utterance[]; valid?: Utterance[] };
}

const read = (dataDir: string, file: string): Utterance[] => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Utterance[];

/** The first `k` utterances of each intent, in file order (the deterministic k-shot draw). */
export function firstPerIntent(items: readonly Utterance[], k: number): Utterance[] {
  const seen = new Map<string, number>();
  return items.filter((u) => {
    const n = seen.get(u.intent) ?? 0;
    seen.set(u.intent, n + 1);
    return n < k;
  });
}

const OOS = 'oos';

const simple = (name: string, train: string, test: string, opts: { k?: number; slots?: boolean } = {}): BenchDataset => ({
  name,
  scoring: 'accuracy',
  slots: opts.slots ?? false,
  load: (dir) => {
    const all = read(dir, train);
    return { train: opts.k === undefined ? all : firstPerIntent(all, opts.k), test: read(dir, test) };
  },
});

/** Every row of the table, in print order. */
export const DATASETS: readonly BenchDataset[] = [
  simple('braun-chatbot', 'braun2017/chatbot.train.json', 'braun2017/chatbot.test.json'),
  simple('braun-askubuntu', 'braun2017/askubuntu.train.json', 'braun2017/askubuntu.test.json'),
  simple('braun-webapps', 'braun2017/webapps.train.json', 'braun2017/webapps.test.json'),
  simple('snips-joint', 'snips-joint/train.json', 'snips-joint/test.json', { slots: true }),
  {
    name: 'clinc150',
    scoring: 'oos',
    slots: false,
    // The threshold method of Larson et al.: train on the 150 in-scope intents only (the 100 oos
    // training utterances are not used), pick the rejection threshold on valid.json.
    load: (dir) => ({
      train: read(dir, 'clinc150/train.json').filter((u) => u.intent !== OOS),
      valid: read(dir, 'clinc150/valid.json'),
      test: read(dir, 'clinc150/test.json'),
    }),
  },
  simple('banking77', 'banking77/train.json', 'banking77/test.json'),
  simple('banking77-10', 'banking77/train.json', 'banking77/test.json', { k: 10 }),
  simple('hwu64', 'hwu64/train.json', 'hwu64/test.json'),
  simple('hwu64-10', 'hwu64-saas/train_10.json', 'hwu64-saas/test_10.json'),
  simple('snips2017-10', 'snips2017/train.json', 'snips2017/test.json', { k: 10 }),
  simple('snips2017-70', 'snips2017/train.json', 'snips2017/test.json', { k: 70, slots: true }),
];

export const OUT_OF_SCOPE = OOS;
