import { boundedEditDistance, typoBudget } from './edit-distance.js';
import { samePlural, singularForms } from './plural-forms.js';
import type { RecognisedValue } from './recognition-types.js';
import { foldText, wordTokens, type Token } from './text-tokens.js';

/** A phrase to look for and the value it stands for. */
export interface PhraseEntry {
  readonly phrase: string;
  readonly value: string;
}

/** A compiled list of phrases for one language; build once, match many texts. */
export interface PhraseMatcher {
  readonly language: string;
  readonly entries: ReadonlyArray<{ readonly words: readonly string[]; readonly joined: string; readonly value: string; readonly phrase: string }>;
  /** Entry indexes by every singular form of their first word. */
  readonly byFirstWord: ReadonlyMap<string, readonly number[]>;
  /** Entry indexes by first letter and length of their first word (typo candidates keep the first letter). */
  readonly byInitial: ReadonlyMap<string, readonly number[]>;
}

export interface MatchOptions {
  readonly typos: boolean;
  readonly plurals: boolean;
}

/**
 * Entries of typo pools (values of the same initial and a near length) one matchPhrases call may try, each a
 * plural and edit-distance comparison of a few µs. A type of thousands of values of one shape, asked about a
 * long message of words of that shape, tried millions (5,000 values, 256 words: ~1.4 s); past this many the rest
 * of the text is matched exactly and by plurals only.
 */
const TYPO_COMPARISONS = 20_000;

/** What one matchPhrases call has left of its typo comparisons. */
interface TypoWork {
  left: number;
}

/** One phrase found in the text: its span, the words it covers and how inexact the match was (0 = exact). */
export interface PhraseMatch extends RecognisedValue {
  readonly entry: number;
  readonly firstWord: number;
  readonly wordCount: number;
  readonly cost: number;
}

const PLURAL_COST = 0.25;
const JOIN_COST = 0.1;

function push<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

export function compilePhrases(entries: readonly PhraseEntry[], language: string): PhraseMatcher {
  const compiled: Array<PhraseMatcher['entries'][number]> = [];
  const byFirstWord = new Map<string, number[]>();
  const byInitial = new Map<string, number[]>();
  for (const entry of entries) {
    const words = wordTokens(entry.phrase).map((t) => t.norm);
    const first = words[0];
    if (first === undefined) continue;
    const index = compiled.length;
    compiled.push({ words, joined: words.join(''), value: entry.value, phrase: entry.phrase });
    for (const form of singularForms(first, language)) push(byFirstWord, form, index);
    push(byFirstWord, words.join(''), index);
    push(byInitial, `${first.charAt(0)}${first.length}`, index);
  }
  return { language, entries: compiled, byFirstWord, byInitial };
}

function wordCost(expected: string, actual: string, language: string, options: MatchOptions): number {
  if (expected === actual) return 0;
  if (options.plurals && singularForms(actual, language).some((f) => singularForms(expected, language).includes(f))) return PLURAL_COST;
  if (!options.typos || expected.charAt(0) !== actual.charAt(0) || /\d/.test(expected + actual)) return Infinity;
  const budget = typoBudget(Math.min(expected.length, actual.length));
  if (budget === 0) return Infinity;
  const d = boundedEditDistance(expected, actual, budget);
  return d <= budget ? d : Infinity;
}

function matchAt(matcher: PhraseMatcher, entry: number, words: readonly Token[], i: number, options: MatchOptions): PhraseMatch | null {
  const e = matcher.entries[entry]!;
  const first = words[i]!;
  const span = (n: number, cost: number): PhraseMatch =>
    ({ value: e.value, start: first.start, end: words[i + n - 1]!.end, entry, firstWord: i, wordCount: n, cost });
  // Written as one word or split in two, plurals included ("pork chops" for `porkchop`, "porkchops" for `pork chop`).
  const joinCost = (typed: string): number => (typed === e.joined ? JOIN_COST
    : options.plurals && samePlural(typed, e.joined, matcher.language) ? JOIN_COST + PLURAL_COST : Infinity);
  if (e.words.length > 1 && joinCost(first.norm) < Infinity) return span(1, joinCost(first.norm));
  const next = words[i + 1];
  if (e.words.length === 1 && next !== undefined && joinCost(first.norm + next.norm) < Infinity) return span(2, joinCost(first.norm + next.norm));
  if (i + e.words.length > words.length) return null;
  let cost = 0;
  for (let k = 0; k < e.words.length; k++) {
    cost += wordCost(e.words[k]!, words[i + k]!.norm, matcher.language, options);
    if (cost === Infinity) return null;
  }
  return span(e.words.length, cost);
}

/** Every phrase occurrence in the word tokens (overlaps included), with plural and typo tolerance as asked. */
export function matchPhrases(matcher: PhraseMatcher, words: readonly Token[], options: MatchOptions): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const work: TypoWork = { left: TYPO_COMPARISONS };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.norm;
    const tried = new Set<number>();
    const keys = options.plurals ? singularForms(word, matcher.language) : [word];
    const next = words[i + 1];
    if (next !== undefined) keys.push(...(options.plurals ? singularForms(word + next.norm, matcher.language) : [word + next.norm]));
    const pools = keys.map((k) => matcher.byFirstWord.get(k) ?? []);
    const exactPools = pools.length;
    if (options.typos && word.length >= 5 && work.left > 0) {
      for (let n = word.length - 2; n <= word.length + 2; n++) pools.push(matcher.byInitial.get(`${word.charAt(0)}${n}`) ?? []);
    }
    for (let p = 0; p < pools.length; p++) {
      for (const entry of pools[p]!) {
        if (tried.has(entry)) continue;
        // Entries of a typo pool (same initial, near length) each cost a comparison: within the call's budget.
        if (p >= exactPools && work.left-- <= 0) break;
        tried.add(entry);
        const m = matchAt(matcher, entry, words, i, options);
        if (m !== null) found.push(m);
      }
    }
  }
  return found;
}

/** Best non-overlapping matches: most words first (longest match wins), then the most exact, then earliest. */
export function selectPhraseMatches(matches: readonly PhraseMatch[]): PhraseMatch[] {
  const ranked = [...matches].sort((a, b) => b.wordCount - a.wordCount || (b.end - b.start) - (a.end - a.start)
    || a.cost - b.cost || a.start - b.start || a.entry - b.entry);
  const chosen: PhraseMatch[] = [];
  for (const m of ranked) {
    if (chosen.every((k) => m.end <= k.start || m.start >= k.end)) chosen.push(m);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Folded phrase text, for callers keeping their own exact-match tables. */
export const phraseKey = (phrase: string): string => wordTokens(phrase).map((t) => t.norm).join(' ') || foldText(phrase);
