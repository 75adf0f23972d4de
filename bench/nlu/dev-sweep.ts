/**
 * Dev-only hyper-parameter sweep: never reads a test file. Usage:
 *   npx tsx bench/nlu/dev-sweep.ts <datasets,...> '<json overrides>' ['<json overrides>' ...]
 * Dev splits: snips-joint valid.json; clinc150 in-scope valid.json (top-1); banking77 every 5th sample per intent held out of train;
 * hwu64 likewise; banking77-10 first 10 per intent vs samples 11-30 per intent; hwu64-10 train_10 5-fold CV;
 * clinc150-10 first 10 per in-scope intent of train vs in-scope valid.json; snips2017-10 first 10 per intent of train vs samples 11-110;
 * snips2017-70 first 70 per intent of train vs samples 71-300;
 * braun-* 5-fold CV on train (fallback below DEFAULT_FALLBACK_THRESHOLD, or the config's `threshold`, scores as `None`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FALLBACK_THRESHOLD, HYPERPARAMETERS, trainIntentModel, type Hyperparameters } from '../../src/nlu/classifier/train-intent-model.js';
import { rankIntents } from '../../src/nlu/classifier/rank-intents.js';
import type { Utterance } from './datasets.js';

const dir = process.env.PARLEY_SHARED_DIR ? join(process.env.PARLEY_SHARED_DIR, 'nlu-data') : '../shared/nlu-data';
const read = (f: string): Utterance[] => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Utterance[];

const perIntentIndex = (items: readonly Utterance[]): number[] => {
  const seen = new Map<string, number>();
  return items.map((u) => { const n = seen.get(u.intent) ?? 0; seen.set(u.intent, n + 1); return n; });
};
type Split = { train: Utterance[]; dev: Utterance[]; noneFallback: boolean };
const folds = (items: Utterance[], k: number, noneFallback: boolean): Split[] => {
  const idx = perIntentIndex(items);
  return Array.from({ length: k }, (_, f) => ({
    train: items.filter((_, i) => idx[i]! % k !== f), dev: items.filter((_, i) => idx[i]! % k === f), noneFallback,
  }));
};
const splits: Record<string, () => Split[]> = {
  'snips-joint': () => [{ train: read('snips-joint/train.json'), dev: read('snips-joint/valid.json'), noneFallback: false }],
  banking77: () => { const a = read('banking77/train.json'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! % 5 !== 4), dev: a.filter((_, i) => idx[i]! % 5 === 4), noneFallback: false }]; },
  clinc150: () => [{ train: read('clinc150/train.json').filter((u) => u.intent !== 'oos'), dev: read('clinc150/valid.json').filter((u) => u.intent !== 'oos'), noneFallback: false }],
  hwu64: () => { const a = read('hwu64/train.json'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! % 5 !== 4), dev: a.filter((_, i) => idx[i]! % 5 === 4), noneFallback: false }]; },
  'banking77-10': () => { const a = read('banking77/train.json'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! < 10), dev: a.filter((_, i) => idx[i]! >= 10 && idx[i]! < 30), noneFallback: false }]; },
  'hwu64-10': () => folds(read('hwu64-saas/train_10.json'), 5, false),
  'clinc150-10': () => { const a = read('clinc150/train.json').filter((u) => u.intent !== 'oos'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! < 10), dev: read('clinc150/valid.json').filter((u) => u.intent !== 'oos'), noneFallback: false }]; },
  'snips2017-10': () => { const a = read('snips2017/train.json'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! < 10), dev: a.filter((_, i) => idx[i]! >= 10 && idx[i]! < 110), noneFallback: false }]; },
  'snips2017-70': () => { const a = read('snips2017/train.json'); const idx = perIntentIndex(a); return [{ train: a.filter((_, i) => idx[i]! < 70), dev: a.filter((_, i) => idx[i]! >= 70), noneFallback: false }]; },
  'braun-askubuntu': () => folds(read('braun2017/askubuntu.train.json'), 5, true),
  'braun-webapps': () => folds(read('braun2017/webapps.train.json'), 5, true),
  'braun-chatbot': () => folds(read('braun2017/chatbot.train.json'), 5, false),
};

const [names, ...configs] = process.argv.slice(2);
for (const cfg of configs) {
  // `seeds: n` repeats every split with n solver seeds (the default one, then others) and prints the mean and each run.
  const { threshold = DEFAULT_FALLBACK_THRESHOLD, seeds = 1, ...overrides } = JSON.parse(cfg) as Partial<Hyperparameters> & { threshold?: number; seeds?: number };
  const out: string[] = [];
  const means: number[] = [];
  for (const name of names!.split(',')) {
    const runs: number[] = [];
    for (let r = 0; r < seeds; r++) {
      const hyper: Hyperparameters = { ...HYPERPARAMETERS, ...overrides, seed: (overrides.seed ?? HYPERPARAMETERS.seed) + r * 1000003 };
      let ok = 0, n = 0;
      for (const s of splits[name]!()) {
        const model = trainIntentModel(s.train.map((u) => ({ text: u.text, label: u.intent })), {}, hyper);
        for (const u of s.dev) {
          const ranked = rankIntents(model, u.text);
          let label = ranked[0]?.label;
          if (s.noneFallback && (ranked[0]?.probability ?? 0) < threshold) label = 'None';
          n++; if (label === u.intent) ok++;
        }
      }
      runs.push(100 * ok / n);
    }
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    means.push(mean);
    out.push(`${name} ${mean.toFixed(2)}${runs.length > 1 ? ` (${runs.map((v) => v.toFixed(2)).join(' ')})` : ''}`);
  }
  console.log(cfg, '|', out.join(' | '), '| mean', (means.reduce((a, b) => a + b, 0) / means.length).toFixed(2));
}
