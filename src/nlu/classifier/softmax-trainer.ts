import type { SparseRows } from './tfidf-vectoriser.js';

export interface SoftmaxOptions {
  /** Cost of the log-loss (the inverse of the L2 regularisation strength), as liblinear's C. */
  readonly c: number;
  /** L-BFGS iterations (each one gradient evaluation, plus a few when the line search backtracks). */
  readonly maxIterations: number;
  /** Value of the constant feature appended to every row; its weights are row `nFeatures` of W. */
  readonly bias: number;
  /** Optional per-class multiplier of `c`, as for the SVM. */
  readonly classWeights?: Float64Array;
  /**
   * Optional starting point (same layout as the result, e.g. the SVM's weights): the search starts from
   * the best of `start x 1, 2, 4, ...` (by the objective) instead of zero, which halves the iterations needed.
   */
  readonly start?: Float32Array;
}

const MEMORY = 5;

/**
 * Multinomial logistic (softmax) regression, min 0.5 |W|^2 + C sum_i c_{y_i} (-log p(y_i | x_i)), by
 * L-BFGS (memory 5, backtracking Armijo line search) stopped after `maxIterations`. No randomness:
 * the same rows give the same weights. Returns W feature-major like `trainCrammerSinger`:
 * `W[f * nClasses + k]`, `nFeatures + 1` rows (the last is the bias).
 * Every class gets a gradient from every row, so one evaluation costs 2 x nonzeros x classes: meant
 * for small training sets only (`train-intent-model.ts` decides).
 */
export function trainSoftmax(x: SparseRows, y: Int32Array, nClasses: number, nFeatures: number, o: SoftmaxOptions): Float32Array {
  const K = nClasses;
  const l = y.length;
  const n = (nFeatures + 1) * K;
  const biasRow = nFeatures * K;
  const rowC = Float64Array.from({ length: l }, (_, i) => o.c * (o.classWeights?.[y[i]!] ?? 1));
  const scores = new Float64Array(K);

  /** The objective at w; its gradient goes into g. */
  const evaluate = (w: Float64Array, g: Float64Array): number => {
    let f = 0;
    for (let j = 0; j < n; j++) {
      f += 0.5 * w[j]! * w[j]!;
      g[j] = w[j]!;
    }
    for (let i = 0; i < l; i++) {
      const start = x.rowStart[i]!;
      const end = x.rowStart[i + 1]!;
      for (let k = 0; k < K; k++) scores[k] = w[biasRow + k]! * o.bias;
      for (let p = start; p < end; p++) {
        const row = x.indices[p]! * K;
        const v = x.values[p]!;
        for (let k = 0; k < K; k++) scores[k]! += w[row + k]! * v;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (scores[k]! > max) max = scores[k]!;
      let total = 0;
      for (let k = 0; k < K; k++) {
        scores[k] = Math.exp(scores[k]! - max);
        total += scores[k]!;
      }
      const yi = y[i]!;
      const ci = rowC[i]!;
      f += ci * (Math.log(total) - Math.log(scores[yi]!));
      // scores becomes ci (p - onehot(yi)), the gradient of row i's loss with respect to its scores.
      for (let k = 0; k < K; k++) scores[k] = (ci * scores[k]!) / total;
      scores[yi]! -= ci;
      for (let p = start; p < end; p++) {
        const row = x.indices[p]! * K;
        const v = x.values[p]!;
        for (let k = 0; k < K; k++) g[row + k]! += scores[k]! * v;
      }
      for (let k = 0; k < K; k++) g[biasRow + k]! += scores[k]! * o.bias;
    }
    return f;
  };
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[j]! * b[j]!;
    return s;
  };

  let w = new Float64Array(n);
  let g = new Float64Array(n);
  let f = evaluate(w, g);
  if (o.start !== undefined) {
    let trial = new Float64Array(n);
    let gTrial = new Float64Array(n);
    for (let factor = 1; factor <= 16; factor *= 2) {
      for (let j = 0; j < n; j++) trial[j] = factor * o.start[j]!;
      const fTrial = evaluate(trial, gTrial);
      if (!(fTrial < f)) break;
      f = fTrial;
      [w, trial] = [trial, w];
      [g, gTrial] = [gTrial, g];
    }
  }

  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(MEMORY);
  const d = new Float64Array(n);
  let wNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let it = 0; it < o.maxIterations; it++) {
    // Two-loop recursion: d = -H g.
    for (let j = 0; j < n; j++) d[j] = -g[j]!;
    for (let h = sList.length - 1; h >= 0; h--) {
      alpha[h] = rho[h]! * dot(sList[h]!, d);
      const yh = yList[h]!;
      const a = alpha[h]!;
      for (let j = 0; j < n; j++) d[j]! -= a * yh[j]!;
    }
    const last = sList.length - 1;
    const gamma = last >= 0 ? dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) d[j]! *= gamma;
    for (let h = 0; h < sList.length; h++) {
      const b = alpha[h]! - rho[h]! * dot(yList[h]!, d);
      const sh = sList[h]!;
      for (let j = 0; j < n; j++) d[j]! += b * sh[j]!;
    }
    const slope = dot(g, d);
    if (!(slope < 0)) break;
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 20; tries++) {
      for (let j = 0; j < n; j++) wNew[j] = w[j]! + step * d[j]!;
      fNew = evaluate(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = sList.length === MEMORY ? sList.shift()! : new Float64Array(n);
    const yv = yList.length === MEMORY ? yList.shift()! : new Float64Array(n);
    if (rho.length === MEMORY) rho.shift();
    let sy = 0;
    for (let j = 0; j < n; j++) {
      s[j] = wNew[j]! - w[j]!;
      yv[j] = gNew[j]! - g[j]!;
      sy += s[j]! * yv[j]!;
    }
    if (sy > 1e-12) {
      sList.push(s);
      yList.push(yv);
      rho.push(1 / sy);
    }
    [w, wNew] = [wNew, w];
    [g, gNew] = [gNew, g];
    f = fNew;
  }
  return Float32Array.from(w);
}
