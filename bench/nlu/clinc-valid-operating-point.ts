/**
 * Dev only (CLINC150 train -> valid.json, never test): for each configuration given, the top-1 accuracy, the AUROC of
 * the confidence (in-scope vs oos) and the operating points the bench would take: Larson's criterion (best plain
 * accuracy on valid), 0.5 and the product's default 0.65. A configuration is a SIF constant (`0.005`) or JSON
 * hyper-parameter overrides (`'{"sif":0.003,"seeds":2}'`; `seeds` averages the figures over solver seeds).
 * `--signals` also prints other confidence signals computed from the same scores (raw top score, margin, top
 * probability at other temperatures / none scores), for comparison only.
 * Usage: npx tsx bench/nlu/clinc-valid-operating-point.ts 0.001 0.005 '{"noneScore":0.2}' [--signals]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FALLBACK_THRESHOLD, HYPERPARAMETERS, trainIntentModel, type Hyperparameters } from '../../src/nlu/classifier/train-intent-model.js';
import { noneSoftmax, scoreLabels } from '../../src/nlu/classifier/rank-intents.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { chooseThreshold } from './metrics.js';
import { preloadWordVectors } from '../../src/nlu/classifier/intent-classifier.js';
type U = { text: string; intent: string };
const read = (f: string) => JSON.parse(readFileSync(join(process.env.PARLEY_SHARED_DIR ?? '../shared', 'nlu-data/clinc150', f), 'utf8')) as U[];
const train = read('train.json').filter((u) => u.intent !== 'oos');
const valid = read('valid.json');
// 250 oos queries of train_oos_plus.json (a superset of train.json's 100; none in valid): never trained on here, they
// show how the threshold Larson's criterion picks on valid transfers to unseen oos queries.
const heldOos = read('train_oos_plus.json').filter((u) => u.intent === 'oos');
await preloadWordVectors();
const argv = process.argv.slice(2);
const showSignals = argv.includes('--signals');

const topProbability = (s: Float64Array, t: number, none: number): number => Math.max(...noneSoftmax(s, t, none));
type Item = { inScope: boolean; correct: boolean; c: number };
/** Larson's criterion as the benchmark applies it (bench/nlu/metrics.ts): the best plain accuracy, here over weighted (bootstrap) items. */
const larsonThreshold = (items: readonly Item[], weight: readonly number[]): number => {
  const total = weight.reduce((a, b) => a + b, 0);
  const oosShare = items.reduce((sum, it, i) => sum + (it.inScope ? 0 : weight[i]!), 0) / total;
  return chooseThreshold(items.map((it) => ({ gold: it.inScope ? 'in' : 'oos', label: it.correct ? 'in' : 'wrong', confidence: it.c })), 'oos', oosShare, weight);
};
const evaluate = (items: Item[], held: number[]) => {
  const ins = items.filter((i) => i.inScope), oos = items.filter((i) => !i.inScope);
  const at = (t: number) => ({ in: ins.filter((i) => i.c >= t && i.correct).length / ins.length, oos: oos.filter((i) => i.c < t).length / oos.length, held: held.filter((c) => c < t).length / held.length });
  const t = larsonThreshold(items, items.map(() => 1));
  const sorted = [...items].sort((a, b) => a.c - b.c);
  let auc = 0, oosSeen = 0; // rank-sum AUROC, ties counted half
  for (let i = 0; i < sorted.length;) {
    let j = i, tiedOos = 0, tiedIn = 0;
    while (j < sorted.length && sorted[j]!.c === sorted[i]!.c) { if (sorted[j]!.inScope) tiedIn++; else tiedOos++; j++; }
    auc += tiedIn * (oosSeen + tiedOos / 2); oosSeen += tiedOos; i = j;
  }
  auc /= ins.length * oos.length;
  // in-scope accuracy at the threshold that rejects 55 % of the valid oos queries (the dev analogue of the target)
  const oc = oos.map((i) => i.c).sort((a, b) => a - b); const t55 = oc[Math.ceil(0.55 * oc.length) - 1]!;
  // bootstrap of the benchmark's procedure: resample valid, pick Larson's threshold, score valid in-scope + held-out oos
  const random = seededRandom(12345); let bIn = 0, bHeld = 0; const B = 200;
  for (let b = 0; b < B; b++) {
    const w = items.map(() => 0); for (let i = 0; i < items.length; i++) w[Math.floor(random() * items.length)]!++;
    const m = at(larsonThreshold(items, w)); bIn += m.in / B; bHeld += m.held / B;
  }
  // expected calibration error of the confidence as P(top task right), oos queries counting as wrong (10 bins; only
  // meaningful for probabilities): on valid's own mix, and with the oos share of CLINC's test mix (1,000 of 5,500)
  // made of valid's and the held-out oos queries
  const ece = (list: { c: number; ok: boolean; w: number }[]) => {
    const bins = Array.from({ length: 10 }, () => ({ w: 0, c: 0, ok: 0 }));
    let total = 0;
    for (const x of list) { const b = bins[Math.min(9, Math.max(0, Math.floor(x.c * 10)))]!; b.w += x.w; b.c += x.w * x.c; b.ok += x.ok ? x.w : 0; total += x.w; }
    return bins.reduce((e, b) => e + Math.abs(b.c - b.ok), 0) / total;
  };
  const allOos = [...oos.map((i) => i.c), ...held];
  const eceValid = ece(items.map((i) => ({ c: i.c, ok: i.inScope && i.correct, w: 1 })));
  const eceMix = ece([...ins.map((i) => ({ c: i.c, ok: i.correct, w: 4500 / ins.length })), ...allOos.map((c) => ({ c, ok: false, w: 1000 / allOos.length }))]);
  return { eceValid, eceMix, top1: at(-Infinity).in, auc, larson: { t, ...at(t) }, at55: ins.filter((i) => i.c > t55 && i.correct).length / ins.length, boot: { in: bIn, held: bHeld }, at };
};
const pct = (v: number) => (100 * v).toFixed(1);

for (const arg of argv.filter((a) => a !== '--signals')) {
  const { seeds = 1, threshold = DEFAULT_FALLBACK_THRESHOLD, ...overrides } = (/^[\d.e-]+$/.test(arg) ? { sif: Number(arg) } : JSON.parse(arg)) as Partial<Hyperparameters> & { seeds?: number; threshold?: number };
  const rows = new Map<string, ReturnType<typeof evaluate>[]>();
  for (let r = 0; r < seeds; r++) {
    const hyper: Hyperparameters = { ...HYPERPARAMETERS, ...overrides, seed: (overrides.seed ?? HYPERPARAMETERS.seed) + r * 1000003 };
    const model = trainIntentModel(train.map((u) => ({ text: u.text, label: u.intent })), { language: 'en-US' }, hyper);
    const summary = (s: Float64Array) => {
      let a = 0; for (let k = 1; k < s.length; k++) if (s[k]! > s[a]!) a = k;
      let b = a === 0 ? 1 : 0; for (let k = 0; k < s.length; k++) if (k !== a && s[k]! > s[b]!) b = k;
      return { top: a, s, s1: s[a]!, s2: s[b]! };
    };
    const scored = valid.map((u) => { const x = summary(scoreLabels(model, u.text)); return { ...x, inScope: u.intent !== 'oos', correct: model.labels[x.top] === u.intent }; });
    const heldScores = heldOos.map((u) => scoreLabels(model, u.text));
    const signals: Record<string, (x: ReturnType<typeof summary>) => number> = { [`p(T=${hyper.temperature},none=${hyper.noneScore})`]: (x) => topProbability(x.s, hyper.temperature, hyper.noneScore) };
    if (showSignals) {
      signals['top score'] = (x) => x.s1;
      signals['margin s1-s2'] = (x) => x.s1 - x.s2;
      signals['s1+0.5(s1-s2)'] = (x) => x.s1 + 0.5 * (x.s1 - x.s2);
      for (const t of [0.05, 0.1, 0.15, 0.2, 0.3]) for (const none of [0, 0.1, 0.3, 0.5]) if (t !== hyper.temperature || none !== hyper.noneScore) signals[`p(T=${t},none=${none})`] = (x) => topProbability(x.s, t, none);
    }
    for (const [name, f] of Object.entries(signals)) {
      const list = rows.get(name) ?? []; list.push(evaluate(scored.map((x) => ({ inScope: x.inScope, correct: x.correct, c: f(x) })), heldScores.map((hs) => f(summary(hs))))); rows.set(name, list);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const [name, list] of rows) {
    const first = name.startsWith('p(') && rows.keys().next().value === name;
    console.log(`${arg} ${name}: top1 ${pct(mean(list.map((e) => e.top1)))} AUROC ${mean(list.map((e) => e.auc)).toFixed(4)} | Larson ${list.map((e) => `${e.larson.t.toFixed(3)}: ${pct(e.larson.in)}/${pct(e.larson.oos)} held ${pct(e.larson.held)}`).join(', ')}`
      + ` | bootstrap in ${pct(mean(list.map((e) => e.boot.in)))} held oos ${pct(mean(list.map((e) => e.boot.held)))}`
      + ` | in-scope @ 55% oos ${pct(mean(list.map((e) => e.at55)))}`
      + (first ? ` | product t=${threshold} ${pct(mean(list.map((e) => e.at(threshold).in)))}/${pct(mean(list.map((e) => e.at(threshold).oos)))} held ${pct(mean(list.map((e) => e.at(threshold).held)))} | ECE valid ${pct(mean(list.map((e) => e.eceValid)))} test-mix ${pct(mean(list.map((e) => e.eceMix)))}` : ''));
  }
}
