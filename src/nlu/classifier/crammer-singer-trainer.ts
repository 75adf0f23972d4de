import { seededRandom, shuffleTail } from '../../util/seeded-random.js';
import type { SparseRows } from './tfidf-vectoriser.js';

export interface CrammerSingerOptions {
  /** Cost of a margin violation (the inverse of the L2 regularisation strength). */
  readonly c: number;
  /** Stop when the largest projected-gradient violation of a sweep falls below this. */
  readonly eps: number;
  readonly maxSweeps: number;
  readonly seed: number;
  /** Value of the constant feature appended to every row (0 for none); its weights are row `nFeatures` of W. */
  readonly bias: number;
  /** Optional per-class multiplier of `c` (liblinear's `weighted_C`); absent = 1 for every class. */
  readonly classWeights?: Float64Array;
}

/**
 * Multi-class linear SVM of Crammer & Singer trained by the sequential dual method of Keerthi et al.
 * (KDD 2008), with liblinear's shrinking (`Solver_MCSVM_CS`). One sweep reads every row once and
 * updates only the few classes whose dual variables move, so it is much cheaper than one-vs-rest.
 * Returns W, feature-major: `W[f * nClasses + k]`, with `nFeatures + 1` rows (the last is the bias).
 * One long function on purpose: it follows liblinear's solver step by step, and the hot loops stay
 * in one frame (helpers taking the arrays as arguments measured slower).
 */
export function trainCrammerSinger(x: SparseRows, y: Int32Array, nClasses: number, nFeatures: number, o: CrammerSingerOptions): Float32Array {
  const l = y.length;
  const K = nClasses;
  const w = new Float32Array((nFeatures + 1) * K);
  const biasRow = nFeatures * K;
  const alpha = new Float64Array(l * K);
  const alphaIndex = new Int32Array(l * K);
  const activeSizeI = new Int32Array(l).fill(K);
  const yIndex = Int32Array.from(y);
  const qd = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    for (let k = 0; k < K; k++) alphaIndex[i * K + k] = k;
    let sq = o.bias * o.bias;
    for (let p = x.rowStart[i]!; p < x.rowStart[i + 1]!; p++) sq += x.values[p]! * x.values[p]!;
    qd[i] = sq;
  }
  const { indices, values } = x;
  const index = Int32Array.from({ length: l }, (_, i) => i);
  const G = new Float64Array(K);
  const S = new Float64Array(K);
  const B = new Float64Array(K);
  const D = new Float64Array(K);
  const alphaNew = new Float64Array(K);
  const dInd = new Int32Array(K);
  const activeClasses = new Int32Array(K);
  const dVal = new Float64Array(K);
  const random = seededRandom(o.seed);
  const classC = Float64Array.from({ length: K }, (_, k) => o.c * (o.classWeights?.[k] ?? 1));
  let C = o.c;
  let activeSize = l;
  let epsShrink = Math.max(10 * o.eps, 1);
  let startFromAll = true;

  const beShrunk = (m: number, yi: number, a: number, minG: number): boolean =>
    a === (m === yi ? C : 0) && G[m]! < minG;

  /** The per-row sub-problem of Crammer & Singer (Keerthi et al., Fig. 2). */
  const solveSubProblem = (ai: number, yi: number, active: number): void => {
    for (let m = 0; m < active; m++) D[m] = B[m]!;
    if (yi < active) D[yi]! += ai * C;
    const sorted = D.subarray(0, active).sort();
    let beta = sorted[active - 1]! - ai * C;
    let r = 1;
    for (; r < active && beta < r * sorted[active - 1 - r]!; r++) beta += sorted[active - 1 - r]!;
    beta /= r;
    for (let m = 0; m < active; m++) {
      alphaNew[m] = Math.min(m === yi ? C : 0, (beta - B[m]!) / ai);
    }
  };

  for (let sweep = 0; sweep < o.maxSweeps; sweep++) {
    let stopping = -Infinity;
    shuffleTail(index.subarray(0, activeSize), 0, random);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s]!;
      const ai = qd[i]!;
      if (ai <= 0) continue;
      const base = i * K;
      let active = activeSizeI[i]!;
      let yi = yIndex[i]!;
      C = classC[y[i]!]!;
      const start = x.rowStart[i]!;
      const end = x.rowStart[i + 1]!;
      if (active * 4 > K) {
        // Most classes active: contiguous full scores, then gather (far faster than indirect reads).
        // Four rows per pass over S: the sums are added in the same order as one row at a time (so the
        // result is bit-identical), with a quarter of the loads and stores of S.
        S.fill(0);
        let p = start;
        for (; p + 3 < end; p += 4) {
          const r0 = indices[p]! * K;
          const r1 = indices[p + 1]! * K;
          const r2 = indices[p + 2]! * K;
          const r3 = indices[p + 3]! * K;
          const v0 = values[p]!;
          const v1 = values[p + 1]!;
          const v2 = values[p + 2]!;
          const v3 = values[p + 3]!;
          for (let k = 0; k < K; k++) S[k] = S[k]! + w[r0 + k]! * v0 + w[r1 + k]! * v1 + w[r2 + k]! * v2 + w[r3 + k]! * v3;
        }
        for (; p < end; p++) {
          const row = indices[p]! * K;
          const v = values[p]!;
          for (let k = 0; k < K; k++) S[k]! += w[row + k]! * v;
        }
        for (let m = 0; m < active; m++) G[m] = S[alphaIndex[base + m]!]! + 1;
      } else {
        for (let m = 0; m < active; m++) {
          G[m] = 1;
          activeClasses[m] = alphaIndex[base + m]!;
        }
        let p = start;
        for (; p + 1 < end; p += 2) {
          const r0 = indices[p]! * K;
          const r1 = indices[p + 1]! * K;
          const v0 = values[p]!;
          const v1 = values[p + 1]!;
          for (let m = 0; m < active; m++) {
            const k = activeClasses[m]!;
            G[m] = G[m]! + w[r0 + k]! * v0 + w[r1 + k]! * v1;
          }
        }
        for (; p < end; p++) {
          const row = indices[p]! * K;
          const v = values[p]!;
          for (let m = 0; m < active; m++) G[m]! += w[row + activeClasses[m]!]! * v;
        }
      }
      if (yi < active) G[yi]! -= 1;
      if (o.bias !== 0) for (let m = 0; m < active; m++) G[m]! += w[biasRow + alphaIndex[base + m]!]! * o.bias;

      let minG = Infinity;
      let maxG = -Infinity;
      for (let m = 0; m < active; m++) {
        if (alpha[base + alphaIndex[base + m]!]! < 0 && G[m]! < minG) minG = G[m]!;
        if (G[m]! > maxG) maxG = G[m]!;
      }
      if (yi < active && alpha[base + y[i]!]! < C && G[yi]! < minG) minG = G[yi]!;

      for (let m = 0; m < active; m++) {
        if (!beShrunk(m, yi, alpha[base + alphaIndex[base + m]!]!, minG)) continue;
        active--;
        while (active > m) {
          if (!beShrunk(active, yi, alpha[base + alphaIndex[base + active]!]!, minG)) {
            const t = alphaIndex[base + m]!;
            alphaIndex[base + m] = alphaIndex[base + active]!;
            alphaIndex[base + active] = t;
            const g = G[m]!;
            G[m] = G[active]!;
            G[active] = g;
            if (yi === active) yi = m;
            else if (yi === m) yi = active;
            break;
          }
          active--;
        }
      }
      activeSizeI[i] = active;
      yIndex[i] = yi;

      if (active <= 1) {
        activeSize--;
        index[s] = index[activeSize]!;
        index[activeSize] = i;
        s--;
        continue;
      }
      if (maxG - minG <= 1e-12) continue;
      stopping = Math.max(maxG - minG, stopping);

      for (let m = 0; m < active; m++) B[m] = G[m]! - ai * alpha[base + alphaIndex[base + m]!]!;
      solveSubProblem(ai, yi, active);
      let nz = 0;
      for (let m = 0; m < active; m++) {
        const k = alphaIndex[base + m]!;
        const d = alphaNew[m]! - alpha[base + k]!;
        alpha[base + k] = alphaNew[m]!;
        if (Math.abs(d) >= 1e-12) {
          dInd[nz] = k;
          dVal[nz] = d;
          nz++;
        }
      }
      for (let p = start; p < end; p++) {
        const row = indices[p]! * K;
        const v = values[p]!;
        for (let m = 0; m < nz; m++) w[row + dInd[m]!]! += dVal[m]! * v;
      }
      if (o.bias !== 0) for (let m = 0; m < nz; m++) w[biasRow + dInd[m]!]! += dVal[m]! * o.bias;
    }

    if (stopping < epsShrink) {
      if (stopping < o.eps && startFromAll) break;
      activeSize = l;
      activeSizeI.fill(K);
      epsShrink = Math.max(epsShrink / 2, o.eps);
      startFromAll = true;
    } else {
      startFromAll = false;
    }
  }
  return w;
}
