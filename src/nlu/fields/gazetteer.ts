import { compilePhrases, matchPhrases, type PhraseEntry, type PhraseMatch, type PhraseMatcher } from './phrase-matcher.js';
import type { RecogniseMode } from './recognition-types.js';
import { hasMixedCase, isCapitalised, startsSentence, tokenise, type Token } from './text-tokens.js';

/**
 * How sure a listed phrase is on its own inside a sentence:
 * `code` (US, OR, USD) counts only written in capitals in mixed-case text; `word` (May, March) only capitalised
 * away from the start of a sentence, or next to a number; `open` always. Whole answers are judged more leniently.
 */
export type Strictness = 'open' | 'word' | 'code';

export interface GazetteerEntry extends PhraseEntry {
  readonly strictness?: Strictness;
}

/** A list of names (places, months, languages...) compiled for one language. */
export interface Gazetteer {
  readonly matcher: PhraseMatcher;
  readonly strictness: readonly Strictness[];
}

export function buildGazetteer(entries: readonly GazetteerEntry[], language: string): Gazetteer {
  const kept = entries.filter((e) => e.phrase.trim() !== '');
  return { matcher: compilePhrases(kept, language), strictness: kept.map((e) => e.strictness ?? 'open') };
}

export interface GazetteerOptions {
  readonly plurals?: boolean;
  /** Tolerate typos in whole answers (never inside sentences, where they invite false positives). */
  readonly typosInAnswers?: boolean;
  /** Accept a code typed in lower case when it is the whole answer ("ca" for a state). */
  readonly lowercaseCodesInAnswers?: boolean;
}

function passes(strictness: Strictness, m: PhraseMatch, words: readonly Token[], all: readonly Token[], mode: RecogniseMode,
  mixed: boolean, lowercaseCodes: boolean): boolean {
  if (strictness === 'open') return true;
  const covered = words.slice(m.firstWord, m.firstWord + m.wordCount);
  const sole = covered.length === words.length;
  const capitals = covered.every((t) => t.text === t.text.toUpperCase() && /\p{Lu}/u.test(t.text));
  // A bare code is an answer when typed in capitals or 3+ letters long ("usa"), so "no" is not Norway.
  if (strictness === 'code') return mode === 'answer' && sole ? capitals || m.end - m.start >= 3 || lowercaseCodes : capitals && (mixed || mode === 'answer');
  if (mode === 'answer') return true;
  const first = covered[0]!;
  const nearNumber = [words[m.firstWord - 1], words[m.firstWord + m.wordCount]].some((t) => t !== undefined && /^\d/.test(t.text));
  return nearNumber || (mixed && isCapitalised(first) && !startsSentence(all, all.findIndex((t) => t.start === first.start)));
}

/** Listed phrases found in the text, overlapping, after the strictness rules for the mode. */
export function gazetteerMatches(g: Gazetteer, text: string, mode: RecogniseMode, options: GazetteerOptions = {}): PhraseMatch[] {
  const all = tokenise(text);
  const mixed = hasMixedCase(text);
  const words = all.filter((t) => t.isWord);
  const matches = matchPhrases(g.matcher, words, { plurals: options.plurals ?? false, typos: mode === 'answer' && (options.typosInAnswers ?? false) });
  const lowercaseCodes = options.lowercaseCodesInAnswers ?? false;
  return matches.filter((m) => passes(g.strictness[m.entry]!, m, words, all, mode, mixed, lowercaseCodes)).sort((a, b) => a.cost - b.cost);
}
