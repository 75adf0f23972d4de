import { buildValueIndex, taggerTokens, tokenFeatures } from './slot-features.js';
import type { SlotExample, SlotTaggerModel } from './slot-tagger-model.js';
import { bioAllowed, viterbi } from './viterbi.js';

export interface SlotTaggerOptions {
  readonly epochs?: number;
  readonly seed?: number;
}

/** Deterministic PRNG (mulberry32) for the epoch shuffles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const valueKey = (slot: string, text: string): string => `${slot}\u0000${taggerTokens(text).map((t) => t.norm).join(' ')}`;

/** Gold BIO label per token; a slot that does not fall on token boundaries is skipped. */
function goldLabels(example: SlotExample, tokens: ReturnType<typeof taggerTokens>, labelIndex: ReadonlyMap<string, number>): number[] {
  const gold = tokens.map(() => 0);
  for (const s of example.slots) {
    const inside = tokens.map((t, i) => (t.start >= s.start && t.end <= s.end ? i : -1)).filter((i) => i >= 0);
    inside.forEach((i, k) => { gold[i] = labelIndex.get(`${k === 0 ? 'B' : 'I'}-${s.slot}`)!; });
  }
  return gold;
}

interface Prepared {
  readonly labels: readonly string[];
  readonly gazetteer: SlotTaggerModel['gazetteer'];
  readonly featureIndex: ReadonlyMap<string, number>;
  /** Per example: feature ids per token and gold label per token. */
  readonly examples: ReadonlyArray<{ readonly feats: readonly number[][]; readonly gold: readonly number[] }>;
}

/** Labels, the training-value gazetteer, and every token's features (rare ones dropped on large sets). */
function prepare(examples: readonly SlotExample[]): Prepared {
  const slots = [...new Set(examples.flatMap((e) => e.slots.map((s) => s.slot)))].sort();
  const labels = ['O', ...slots.flatMap((s) => [`B-${s}`, `I-${s}`])];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const seen = new Map<string, number>();
  const own = examples.map((e) => new Set(e.slots.map((s) => valueKey(s.slot, e.text.slice(s.start, s.end)))));
  for (const keys of own) for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  const gazetteer = [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => {
    const [slot = '', value = ''] = k.split('\u0000');
    return [slot, value, n] as const;
  });
  const values = buildValueIndex(gazetteer);
  const featured = examples.map((e, n) => {
    const tokens = taggerTokens(e.text);
    return { feats: tokenFeatures(e.text, tokens, values, own[n]!), gold: goldLabels(e, tokens, labelIndex) };
  });
  const counts = new Map<string, number>();
  for (const p of featured) for (const fs of p.feats) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const minCount = examples.length > 3000 ? 2 : 1;
  const featureIndex = new Map<string, number>();
  for (const [f, c] of counts) if (c >= minCount) featureIndex.set(f, featureIndex.size);
  const ids = featured.map((p) => ({ gold: p.gold, feats: p.feats.map((fs) => fs.map((f) => featureIndex.get(f) ?? -1).filter((x) => x >= 0)) }));
  return { labels, gazetteer, featureIndex, examples: ids };
}

/** Averaged weights: w - u / c, where u accumulates each update times the step it happened at. */
interface Averaged { readonly w: Float32Array; readonly u: Float32Array; readonly T: Float64Array; readonly Tu: Float64Array; readonly c: number }

function perceptron(data: Prepared, options: SlotTaggerOptions): Averaged {
  const L = data.labels.length;
  const w = new Float32Array(data.featureIndex.size * L);
  const u = new Float32Array(data.featureIndex.size * L);
  const T = new Float64Array((L + 1) * L);
  const Tu = new Float64Array((L + 1) * L);
  const allowed = bioAllowed(data.labels);
  const rand = random(options.seed ?? 7);
  const order = data.examples.map((_, i) => i);
  let c = 1;
  const update = (f: number, y: number, by: number): void => { w[f * L + y]! += by; u[f * L + y]! += by * c; };
  const updateTransition = (prev: number, y: number, by: number): void => { T[(prev + 1) * L + y]! += by; Tu[(prev + 1) * L + y]! += by * c; };
  for (let epoch = 0; epoch < (options.epochs ?? 10); epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    for (const k of order) {
      const { feats, gold } = data.examples[k]!;
      const em = new Float64Array(feats.length * L);
      feats.forEach((fs, t) => { for (const f of fs) for (let y = 0; y < L; y++) em[t * L + y]! += w[f * L + y]!; });
      const pred = viterbi(em, feats.length, L, T, allowed);
      for (let t = 0; t < feats.length; t++) {
        const [g, p] = [gold[t]!, pred[t]!];
        if (g !== p) for (const f of feats[t]!) { update(f, g, 1); update(f, p, -1); }
        const [gPrev, pPrev] = t === 0 ? [-1, -1] : [gold[t - 1]!, pred[t - 1]!];
        if (g !== p || gPrev !== pPrev) { updateTransition(gPrev, g, 1); updateTransition(pPrev, p, -1); }
      }
      c++;
    }
  }
  return { w, u, T, Tu, c };
}

/**
 * Trains a BIO slot tagger from examples with slot spans: an averaged structured perceptron over word, affix,
 * shape, built-in entity and training-value gazetteer features, decoded with BIO-constrained Viterbi.
 * Deterministic for the same examples and options.
 */
export function trainSlotTagger(examples: readonly SlotExample[], options: SlotTaggerOptions = {}): SlotTaggerModel {
  const data = prepare(examples);
  const { w, u, T, Tu, c } = perceptron(data, options);
  const L = data.labels.length;
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, Array<readonly [number, number]>> = {};
  for (const [name, f] of data.featureIndex) {
    const row: Array<readonly [number, number]> = [];
    for (let y = 0; y < L; y++) {
      const avg = round(w[f * L + y]! - u[f * L + y]! / c);
      if (avg !== 0) row.push([y, avg]);
    }
    if (row.length > 0) weights[name] = row;
  }
  return { version: 1, labels: data.labels, weights, transitions: Array.from(T, (t, i) => round(t - Tu[i]! / c)), gazetteer: data.gazetteer };
}
