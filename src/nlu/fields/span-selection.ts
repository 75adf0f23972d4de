import type { RecognisedValue } from './recognition-types.js';

/**
 * Non-overlapping values in text order: longer spans win over the ones they overlap, then earlier ones.
 * Identical spans keep the first candidate (recognisers list their preferred reading first).
 */
export function selectNonOverlapping<T extends RecognisedValue>(candidates: readonly T[]): T[] {
  const ranked = candidates
    .map((c, order) => ({ c, order }))
    .sort((a, b) => (b.c.end - b.c.start) - (a.c.end - a.c.start) || a.c.start - b.c.start || a.order - b.order);
  const chosen: T[] = [];
  for (const { c } of ranked) {
    if (chosen.every((k) => c.end <= k.start || c.start >= k.end)) chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The answer's best value: the widest span, earliest on ties. */
export function bestCandidate<T extends RecognisedValue>(candidates: readonly T[]): T | null {
  return selectNonOverlapping(candidates).reduce<T | null>((best, c) => (best === null || c.end - c.start > best.end - best.start ? c : best), null);
}
