import type { WordVectors } from './word-vectors.js';

/**
 * A task's name as words, to be used as one more sample of that task: `lost_or_stolen_card` ->
 * `lost or stolen card`, `DepartureTime` -> `departure time`, and with the word-vector table, run-together
 * words are followed by the known words they split into (`iot_hue_lightdim` -> `iot hue lightdim light dim`). Names carry meaning in
 * most bots, and a name that does not (`task_1`) just adds one weak sample.
 */
export function labelWords(label: string, table: WordVectors | null): string {
  const words = label
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  if (table === null) return words.join(' ');
  return words.map((w) => (table.row.has(w) ? w : `${w} ${splitCompound(w, table) ?? ''}`.trim())).join(' ');
}

/**
 * Fewest known words that spell `word` exactly (ties go to the more frequent words). Pieces of one or
 * two letters must be among the 500 most frequent words (`or`, `on`, `up`), so `negate` is not `ne gate`.
 */
function splitCompound(word: string, table: WordVectors): string | null {
  const n = word.length;
  const best: { pieces: number; rank: number; from: number }[] = [{ pieces: 0, rank: 0, from: -1 }];
  for (let end = 1; end <= n; end++) {
    let choice: { pieces: number; rank: number; from: number } | undefined;
    for (let start = 0; start < end; start++) {
      const prev = best[start];
      if (prev === undefined || prev.from === -2) continue;
      const piece = word.slice(start, end);
      const row = table.row.get(piece);
      if (row === undefined || (piece.length < 3 && table.rank[row]! >= 500)) continue;
      const candidate = { pieces: prev.pieces + 1, rank: prev.rank + table.rank[row]!, from: start };
      if (choice === undefined || candidate.pieces < choice.pieces || (candidate.pieces === choice.pieces && candidate.rank < choice.rank)) choice = candidate;
    }
    best[end] = choice ?? { pieces: 0, rank: 0, from: -2 };
  }
  if (best[n]!.from < 0) return null;
  const pieces: string[] = [];
  for (let end = n; end > 0; end = best[end]!.from) pieces.unshift(word.slice(best[end]!.from, end));
  return pieces.length > 1 ? pieces.join(' ') : null;
}
