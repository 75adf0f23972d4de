/** Which label may follow which under BIO: `I-x` only after `B-x` or `I-x`. Row 0 is the sentence start. */
export function bioAllowed(labels: readonly string[]): boolean[][] {
  const slotOf = (l: string | undefined): string => (l === undefined || l === 'O' ? '' : l.slice(2));
  return [undefined, ...labels].map((prev) => labels.map((cur) =>
    !cur.startsWith('I-') || (prev !== undefined && prev !== 'O' && slotOf(prev) === slotOf(cur))));
}

/**
 * Best label sequence for per-token label scores (`emissions[i * L + y]`) and transition scores
 * (`transitions[(prev + 1) * L + y]`, prev -1 for the start), restricted to allowed transitions.
 */
export function viterbi(emissions: Float64Array, n: number, L: number, transitions: ArrayLike<number>, allowed: readonly boolean[][]): number[] {
  if (n === 0) return [];
  let score = new Float64Array(L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) score[y] = allowed[0]![y] ? transitions[y]! + emissions[y]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const next = new Float64Array(L).fill(-Infinity);
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p + 1]![y]) continue;
        const s = score[p]! + transitions[(p + 1) * L + y]!;
        if (s > best) { best = s; arg = p; }
      }
      next[y] = best + emissions[i * L + y]!;
      back[i * L + y] = arg;
    }
    score = next;
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (score[k]! > score[y]!) y = k;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) { path[i] = y; y = back[i * L + y]!; }
  return path;
}
