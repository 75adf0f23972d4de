import { seededRandom, shuffleTail } from '../../util/seeded-random.js';
import type { SparseRows } from './tfidf-vectoriser.js';

export interface LowRankSoftmaxOptions {
  /** Width of the shared feature embeddings. */
  readonly dim: number;
  readonly epochs: number;
  /** Initial SGD step, decayed linearly to 0 over the run (as fastText does). */
  readonly learningRate: number;
  readonly seed: number;
  /** Value of the constant feature (0 for none). */
  readonly bias: number;
  /**
   * Input dropout: in each SGD step each of the sample's features (and word-vector columns) is left out with this
   * probability and the others are scaled by 1 / (1 - dropout), from the same seeded PRNG. 0 or absent = none.
   */
  readonly dropout?: number;
}

/**
 * A fastText-style classifier (Joulin et al. 2017) over the model's own feature rows: each feature has an
 * embedding, a sample is the weighted sum of its features' embeddings, and a softmax reads that sum. Trained by
 * seeded SGD. Everything is linear in the features, so the result is returned as ordinary weights,
 * `W = E U^T` (feature-major, `(nFeatures + 1) x nClasses`, last row the bias), of rank `dim`: the classes share
 * the embedding, which is what the low rank buys over a plain softmax.
 */
export function trainLowRankSoftmax(x: SparseRows, y: Int32Array, nClasses: number, nFeatures: number, o: LowRankSoftmaxOptions): Float32Array {
  const K = nClasses;
  const d = o.dim;
  const l = y.length;
  const random = seededRandom(o.seed);
  const rows = nFeatures + 1;
  const e = new Float32Array(rows * d);
  for (let i = 0; i < e.length; i++) e[i] = (random() * 2 - 1) / d;
  const u = new Float32Array(K * d);
  const h = new Float64Array(d);
  const gh = new Float64Array(d);
  const p = new Float64Array(K);
  const order = Int32Array.from({ length: l }, (_, i) => i);
  const total = o.epochs * l;
  const drop = o.dropout ?? 0;
  let longest = 0;
  for (let i = 0; i < l; i++) longest = Math.max(longest, x.rowStart[i + 1]! - x.rowStart[i]!);
  const keep = new Float32Array(longest).fill(1);
  const kept = new Int32Array(longest);
  const keptValue = new Float64Array(longest);
  const { indices, values } = x;
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleTail(order, 0, random);
    for (const i of order) {
      const lr = o.learningRate * (1 - step++ / total);
      h.fill(0);
      const start = x.rowStart[i]!;
      const end = x.rowStart[i + 1]!;
      if (drop > 0) for (let q = start; q < end; q++) keep[q - start] = random() < drop ? 0 : 1 / (1 - drop);
      // The sample's features that are kept, then summed two at a time: the same additions in the same order as
      // one at a time (bit-identical), with half the loads and stores of h.
      let n = 0;
      for (let q = start; q < end; q++) {
        const v = values[q]! * keep[q - start]!;
        if (v === 0) continue;
        kept[n] = indices[q]! * d;
        keptValue[n++] = v;
      }
      let t = 0;
      for (; t + 1 < n; t += 2) {
        const b0 = kept[t]!;
        const b1 = kept[t + 1]!;
        const v0 = keptValue[t]!;
        const v1 = keptValue[t + 1]!;
        for (let j = 0; j < d; j++) h[j] = h[j]! + v0 * e[b0 + j]! + v1 * e[b1 + j]!;
      }
      if (t < n) {
        const base = kept[t]!;
        const v = keptValue[t]!;
        for (let j = 0; j < d; j++) h[j]! += v * e[base + j]!;
      }
      const biasBase = nFeatures * d;
      for (let j = 0; j < d; j++) h[j]! += o.bias * e[biasBase + j]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += u[k * d + j]! * h[j]!;
        p[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) { p[k] = Math.exp(p[k]! - max); sum += p[k]!; }
      gh.fill(0);
      // Two classes per pass over gh, in the same order of additions as one at a time (bit-identical).
      const yi = y[i]!;
      let k = 0;
      for (; k + 1 < K; k += 2) {
        const g0 = p[k]! / sum - (k === yi ? 1 : 0);
        const g1 = p[k + 1]! / sum - (k + 1 === yi ? 1 : 0);
        const o0 = k * d;
        const o1 = o0 + d;
        for (let j = 0; j < d; j++) {
          const a = u[o0 + j]!;
          const b = u[o1 + j]!;
          gh[j] = gh[j]! + g0 * a + g1 * b;
          u[o0 + j] = a - lr * g0 * h[j]!;
          u[o1 + j] = b - lr * g1 * h[j]!;
        }
      }
      for (; k < K; k++) {
        const g = p[k]! / sum - (k === yi ? 1 : 0);
        for (let j = 0; j < d; j++) {
          gh[j]! += g * u[k * d + j]!;
          u[k * d + j]! -= lr * g * h[j]!;
        }
      }
      for (let q = start; q < end; q++) {
        const v = lr * values[q]! * keep[q - start]!;
        if (v === 0) continue;
        const base = indices[q]! * d;
        for (let j = 0; j < d; j++) e[base + j]! -= v * gh[j]!;
      }
      for (let j = 0; j < d; j++) e[biasBase + j]! -= lr * o.bias * gh[j]!;
    }
  }
  const w = new Float32Array(rows * K);
  for (let f = 0; f < rows; f++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += e[f * d + j]! * u[k * d + j]!;
      w[f * K + k] = s;
    }
  }
  return w;
}
