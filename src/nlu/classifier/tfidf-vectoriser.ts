import { GROUPS, groupOfPrefix } from './feature-extraction.js';

/** Rows of a sparse matrix in compressed-row form; row r is `indices/values[rowStart[r] .. rowStart[r+1])`. */
export interface SparseRows {
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The learnt vocabulary: feature strings by id, their IDF and their group. */
export interface Vocabulary {
  readonly features: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly idf: Float32Array;
  readonly group: Uint8Array;
}

export interface VectoriserOptions {
  /** Keep features seen in at least this many training utterances. */
  readonly minDf: number;
  /** Weight of each group (same order as GROUPS). */
  readonly groupWeights: readonly number[];
}

/** Features in order of first appearance (so the vocabulary is deterministic), smooth IDF `ln((1+n)/(1+df)) + 1`. */
export function buildVocabulary(docs: readonly (readonly string[])[], minDf: number): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) {
    for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const features: string[] = [];
  for (const [f, count] of df) if (count >= minDf) features.push(f);
  const index = new Map<string, number>();
  const idf = new Float32Array(features.length);
  const group = new Uint8Array(features.length);
  features.forEach((f, i) => {
    index.set(f, i);
    idf[i] = Math.log((1 + docs.length) / (1 + (df.get(f) ?? 0))) + 1;
    group[i] = groupOfPrefix(f);
  });
  return { features, index, idf, group };
}

/**
 * Sublinear TF-IDF (`1 + ln tf`), each group L2-normalised and scaled by its weight, then the whole
 * vector L2-normalised. Unknown features are dropped from the vector. Indices come out ascending.
 * `knownShare` (1 without `unknown`): the norm of the known part of the query when its unknown features
 * count as if present, each with `unknown.weight` x `unknown.idf` (so 1 = every feature known, 0 = none known).
 */
export function vectorise(doc: readonly string[], vocab: Vocabulary, groupWeights: readonly number[], unknown?: { weight: number; idf: number }): { indices: Int32Array; values: Float32Array; knownShare: number } {
  const tf = new Map<number, number>();
  const unknownTf = unknown !== undefined && unknown.weight > 0 ? new Map<string, number>() : null;
  for (const f of doc) {
    const id = vocab.index.get(f);
    if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    else if (unknownTf !== null) unknownTf.set(f, (unknownTf.get(f) ?? 0) + 1);
  }
  const indices = Int32Array.from(tf.keys()).sort();
  const values = new Float32Array(indices.length);
  const groupNorm = new Float64Array(GROUPS.length);
  for (let k = 0; k < indices.length; k++) {
    const id = indices[k]!;
    const v = (1 + Math.log(tf.get(id)!)) * vocab.idf[id]!;
    values[k] = v;
    groupNorm[vocab.group[id]!]! += v * v;
  }
  // With the unknown weight on, a query with no known feature at all (empty, emoji only, ...) has a known share of 0.
  let knownShare = unknownTf !== null && tf.size === 0 ? 0 : 1;
  if (unknownTf !== null && unknownTf.size > 0 && tf.size > 0) {
    // The same weighting with the unknown features in: each group normalised over known + unknown, weighted, summed.
    const unknownSq = new Float64Array(GROUPS.length);
    for (const [f, n] of unknownTf) {
      const g = groupOfPrefix(f);
      const v = unknown!.weight * (1 + Math.log(n)) * unknown!.idf;
      if (g >= 0) unknownSq[g]! += v * v;
    }
    let known = 0;
    let total = 0;
    for (let g = 0; g < GROUPS.length; g++) {
      const all = groupNorm[g]! + unknownSq[g]!;
      if (all === 0) continue;
      const w2 = (groupWeights[g] ?? 0) ** 2;
      known += (w2 * groupNorm[g]!) / all;
      total += w2;
    }
    knownShare = total > 0 ? Math.sqrt(known / total) : 1;
  }
  const scale = groupNorm.map((sq, g) => (sq > 0 ? (groupWeights[g] ?? 0) / Math.sqrt(sq) : 0));
  let total = 0;
  for (let k = 0; k < indices.length; k++) {
    const v = values[k]! * scale[vocab.group[indices[k]!]!]!;
    values[k] = v;
    total += v * v;
  }
  if (total > 0) {
    const inv = 1 / Math.sqrt(total);
    for (let k = 0; k < values.length; k++) values[k]! *= inv;
  }
  return { indices, values, knownShare };
}

/** Packs per-row sparse vectors into one compressed-row matrix. */
export function toSparseRows(rows: readonly { indices: Int32Array; values: Float32Array }[]): SparseRows {
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => { rowStart[i + 1] = rowStart[i]! + r.indices.length; });
  const indices = new Int32Array(rowStart[rows.length]!);
  const values = new Float32Array(rowStart[rows.length]!);
  rows.forEach((r, i) => { indices.set(r.indices, rowStart[i]!); values.set(r.values, rowStart[i]!); });
  return { rowStart, indices, values };
}

export function vectoriseAll(docs: readonly (readonly string[])[], vocab: Vocabulary, groupWeights: readonly number[]): SparseRows {
  return toSparseRows(docs.map((d) => vectorise(d, vocab, groupWeights)));
}
