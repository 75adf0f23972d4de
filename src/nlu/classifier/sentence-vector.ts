import type { Token } from './text-tokens.js';
import type { WordVectors } from './word-vectors.js';

/**
 * The dense view of an utterance: the SIF-weighted mean of its words' unit vectors (Arora et al.
 * 2017, weight `a / (a + p(w))` with p from the word's frequency rank by Zipf's law), L2-normalised.
 * Frequent words such as "the" weigh little; words without a vector are skipped. Null if none has one.
 */
export function sentenceVector(tokens: readonly Token[], table: WordVectors, sif: number): Float32Array | null {
  const dim = table.dim;
  const out = new Float32Array(dim);
  let found = false;
  for (const token of tokens) {
    if (token.tag) continue;
    const row = table.row.get(token.surface) ?? table.row.get(token.folded);
    if (row === undefined) continue;
    found = true;
    const p = 1 / (table.rank[row]! + 50);
    const weight = sif / (sif + p);
    const base = row * dim;
    for (let d = 0; d < dim; d++) out[d]! += weight * table.vectors[base + d]!;
  }
  if (!found) return null;
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += out[d]! * out[d]!;
  if (norm === 0) return null;
  const inv = 1 / Math.sqrt(norm);
  for (let d = 0; d < dim; d++) out[d]! *= inv;
  return out;
}

/**
 * Appends the dense view after the sparse one (its indices start at `offset`), weighting the views
 * `1 : weight` so that the whole vector has unit length when both views are present.
 */
export function appendDense(
  sparse: { indices: Int32Array; values: Float32Array },
  dense: Float32Array | null,
  offset: number,
  weight: number,
): { indices: Int32Array; values: Float32Array } {
  if (dense === null) return sparse;
  const n = sparse.indices.length;
  const sparseScale = 1 / Math.sqrt(1 + weight * weight);
  const denseScale = weight * sparseScale;
  const indices = new Int32Array(n + dense.length);
  const values = new Float32Array(n + dense.length);
  indices.set(sparse.indices);
  for (let k = 0; k < n; k++) values[k] = sparse.values[k]! * sparseScale;
  for (let d = 0; d < dense.length; d++) {
    indices[n + d] = offset + d;
    values[n + d] = dense[d]! * denseScale;
  }
  return { indices, values };
}
