/**
 * Dev-only hyper-parameter sweep: never reads a test file. Usage:
 *   npx tsx bench/nlu/dev-sweep.ts <datasets,...> '<json overrides>' ['<json overrides>' ...]
 * Dev splits: snips-joint valid.json; clinc150 in-scope valid.json (top-1); banking77 every 5th sample per intent held out of train;
 * hwu64 likewise; banking77-10 first 10 per intent vs samples 11-30 per intent; hwu64-10 train_10 5-fold CV;
 * clinc150-10 first 10 per in-scope intent of train vs in-scope valid.json; snips2017-10 first 10 per intent of train vs samples 11-110;
 * snips2017-70 first 70 per intent of train vs samples 71-300;
 * braun-* 5-fold CV on train (fallback below DEFAULT_FALLBACK_THRESHOLD, or the config's `threshold`, scores as `None`);
 * braun-*-rcv the same over 10 stratified 5-fold assignments from a fixed seeded shuffle, braun-*-loo leave-one-out:
 * 5-fold CV of 30-100 sentences moves in steps of 1-3 points and never moved in ten rounds, so these add predictions.
 * tiny-hwu64-<k> / tiny-clinc150-<k> (k = 5, 10): one bot per domain of 2+ intents (HWU64's name prefix, CLINC150's
 * domains.json) trained on the first k samples per intent of train.json, dev = the next 20 per intent of train.json:
 * 15 / 10 more tiny sets of Braun's size (2-15 tasks, 10-150 samples), pooled, for a rule that must hold beyond Braun's three.
 * Every split also prints the mean probability of the gold answer (`p`) and its mean negative log (`nll`, p floored at 1e-6), which move
 * before accuracy does; where a fallback scores as `None`, the gold `None` gets the `None` task's probability plus the
 * none mass (the rest up to 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FALLBACK_THRESHOLD, HYPERPARAMETERS, trainIntentModel, type Hyperparameters } from '../../src/nlu/classifier/train-intent-model.js';
import { rankIntents } from '../../src/nlu/classifier/rank-intents.js';
import { seededRandom, shuffleTail } from '../../src/util/seeded-random.js';
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
// Stratified k-fold from a seeded shuffle within each intent, so a repeat is a new, reproducible fold assignment.
const shuffledFolds = (items: Utterance[], k: number, noneFallback: boolean, seed: number): Split[] => {
  const random = seededRandom(seed);
  const byIntent = new Map<string, number[]>();
  items.forEach((u, i) => { const list = byIntent.get(u.intent) ?? []; list.push(i); byIntent.set(u.intent, list); });
  const fold = new Int32Array(items.length);
  for (const list of byIntent.values()) {
    const order = Int32Array.from(list);
    shuffleTail(order, 0, random);
    order.forEach((item, p) => { fold[item] = p % k; });
  }
  return Array.from({ length: k }, (_, f) => ({ train: items.filter((_, i) => fold[i] !== f), dev: items.filter((_, i) => fold[i] === f), noneFallback }));
};
const repeatedFolds = (items: Utterance[], noneFallback: boolean): Split[] =>
  Array.from({ length: 10 }, (_, r) => shuffledFolds(items, 5, noneFallback, 7919 * (r + 1))).flat();
const leaveOneOut = (items: Utterance[], noneFallback: boolean): Split[] =>
  items.map((u, i) => ({ train: items.filter((_, j) => j !== i), dev: [u], noneFallback }));
const braun = (set: string): Utterance[] => read(`braun2017/${set}.train.json`);
const domainBots = (items: Utterance[], domainOf: (intent: string) => string | undefined, k: number): Split[] => {
  const idx = perIntentIndex(items);
  const byDomain = new Map<string, Set<string>>();
  for (const u of items) { const d = domainOf(u.intent); if (d !== undefined) byDomain.set(d, (byDomain.get(d) ?? new Set()).add(u.intent)); }
  return [...byDomain.values()].filter((intents) => intents.size > 1).map((intents) => ({
    train: items.filter((u, i) => intents.has(u.intent) && idx[i]! < k),
    dev: items.filter((u, i) => intents.has(u.intent) && idx[i]! >= k && idx[i]! < k + 20),
    noneFallback: false,
  }));
};
const clincDomainOf = (): ((intent: string) => string | undefined) => {
  const domains = JSON.parse(readFileSync(join(dir, 'clinc150/domains.json'), 'utf8')) as Record<string, string[]>;
  const of = new Map(Object.entries(domains).flatMap(([d, intents]) => intents.map((i) => [i, d] as const)));
  return (intent) => of.get(intent);
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
  'braun-askubuntu': () => folds(braun('askubuntu'), 5, true),
  'braun-webapps': () => folds(braun('webapps'), 5, true),
  'braun-chatbot': () => folds(braun('chatbot'), 5, false),
  'braun-askubuntu-rcv': () => repeatedFolds(braun('askubuntu'), true),
  'braun-webapps-rcv': () => repeatedFolds(braun('webapps'), true),
  'braun-chatbot-rcv': () => repeatedFolds(braun('chatbot'), false),
  'braun-askubuntu-loo': () => leaveOneOut(braun('askubuntu'), true),
  'braun-webapps-loo': () => leaveOneOut(braun('webapps'), true),
  'braun-chatbot-loo': () => leaveOneOut(braun('chatbot'), false),
  'tiny-hwu64-5': () => domainBots(read('hwu64/train.json'), (i) => i.split('_')[0], 5),
  'tiny-hwu64-10': () => domainBots(read('hwu64/train.json'), (i) => i.split('_')[0], 10),
  'tiny-clinc150-5': () => domainBots(read('clinc150/train.json'), clincDomainOf(), 5),
  'tiny-clinc150-10': () => domainBots(read('clinc150/train.json'), clincDomainOf(), 10),
};

/** Probability of the gold answer: with a `None` fallback, gold `None` also gets the none mass. */
const goldProbability = (ranked: readonly { label: string; probability: number }[], gold: string, noneFallback: boolean): number => {
  const p = ranked.find((r) => r.label === gold)?.probability ?? 0;
  return noneFallback && gold === 'None' ? p + 1 - ranked.reduce((a, r) => a + r.probability, 0) : p;
};

const [names, ...configs] = process.argv.slice(2);
for (const cfg of configs) {
  // `seeds: n` repeats every split with n solver seeds (the default one, then others) and prints the mean and each run.
  const { threshold = DEFAULT_FALLBACK_THRESHOLD, seeds = 1, ...overrides } = JSON.parse(cfg) as Partial<Hyperparameters> & { threshold?: number; seeds?: number };
  const out: string[] = [];
  const means: number[] = [];
  for (const name of names!.split(',')) {
    const runs: number[] = [];
    let pSum = 0, nllSum = 0, count = 0;
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
          const p = goldProbability(ranked, u.intent, s.noneFallback);
          pSum += p; nllSum += -Math.log(Math.max(p, 1e-6)); count++;
        }
      }
      runs.push(100 * ok / n);
    }
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    means.push(mean);
    out.push(`${name} ${mean.toFixed(2)}${runs.length > 1 ? ` (${runs.map((v) => v.toFixed(2)).join(' ')})` : ''} p ${(pSum / count).toFixed(3)} nll ${(nllSum / count).toFixed(3)}`);
  }
  console.log(cfg, '|', out.join(' | '), '| mean', (means.reduce((a, b) => a + b, 0) / means.length).toFixed(2));
}
