import { tokenise } from '../text-tokens.js';

/** A tagged sample read as words and field slots: `book for {ApptTime}` -> word book, word for, field ApptTime. */
export type SampleItem = { readonly kind: 'word'; readonly norm: string } | { readonly kind: 'field'; readonly name: string };

const TAG = /\{([^{}]+)\}/g;

/** Punctuation is dropped: contexts are the neighbouring words, or the start/end of the sample. */
export function parseTaggedSample(tagged: string): SampleItem[] {
  const items: SampleItem[] = [];
  let last = 0;
  const words = (s: string): void => {
    for (const t of tokenise(s)) if (t.isWord) items.push({ kind: 'word', norm: t.norm });
  };
  for (const m of tagged.matchAll(TAG)) {
    words(tagged.slice(last, m.index));
    items.push({ kind: 'field', name: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  words(tagged.slice(last));
  return items;
}

/** How a neighbouring item reads as context: the word, `{field}` for another slot, `^`/`$` past either end. */
export function contextWord(item: SampleItem | undefined, edge: '^' | '$'): string {
  if (item === undefined) return edge;
  return item.kind === 'word' ? item.norm : `{${item.name}}`;
}
