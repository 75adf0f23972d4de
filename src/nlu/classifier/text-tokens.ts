import { stemEnglish } from './english-stemmer.js';
import { stemRomance, stemGerman } from './light-stemmers.js';
import { entityClasses } from './entity-classes.js';

/** One word of an utterance, in the forms the features are built from. */
export interface Token {
  /** NFKC, lower-cased, accents kept (`música`). */
  readonly surface: string;
  /** `surface` with Latin/Greek/Cyrillic diacritics and a few ligatures folded (`musica`). */
  readonly folded: string;
  /** The folded form after the language's light stemmer (the folded form itself if it has none). */
  readonly stem: string;
  /** True for an Autopilot field tag (`{city}`): surface, folded and stem are all `{city}`. */
  readonly tag: boolean;
  /** Entity class (`#num`, `#time`, `#date`, ...; see `entity-classes.ts`) when asked for and recognised. */
  readonly entity?: string;
}

/**
 * A field tag (`{ApptDate}`) or a run of letters, digits and combining marks. Apostrophes, hyphens
 * and punctuation separate words (`don't` -> `don`, `t`; `l'heure` -> `l`, `heure`), in every language.
 */
const TOKEN = /\{[^{}]*\}|[\p{L}\p{N}\p{M}]+/gu;
/** Combining Diacritical Marks: the accents of Latin, Greek and Cyrillic letters, not Indic vowel signs. */
const DIACRITICS = /[\u0300-\u036f]/g;
const LIGATURES: Readonly<Record<string, string>> = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i' };
const LIGATURE = /[ßæœøłđı]/g;

export function foldAccents(word: string): string {
  const folded = word.normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  return folded.replace(LIGATURE, (c) => LIGATURES[c] ?? c);
}

/** What tokenisation does differently per language. */
export interface LanguageRules {
  /** Rewrites the NFKC, lower-cased text before splitting (English: expands contractions). */
  readonly prepare: (text: string) => string;
  readonly stem: (word: string) => string;
  /** English word lists apply to entity classes (`seven`, `monday`, `7 pm`). */
  readonly english?: boolean;
}

/** English contractions, so that `don't` gives `do not` (not the name `don`) and `i'm` gives `i am`. */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(can)['’]t\b/g, '$1 not'], [/\bwon['’]t\b/g, 'will not'], [/n['’]t\b/g, ' not'], [/['’]re\b/g, ' are'],
  [/['’]m\b/g, ' am'], [/['’]ll\b/g, ' will'], [/['’]ve\b/g, ' have'], [/['’]d\b/g, ' would'],
];
const expandContractions = (text: string): string =>
  /['’]/.test(text) ? CONTRACTIONS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text) : text;

/** The rules for a language tag such as `en-US`, `es`, `fr-CA`; no stemming for languages without a stemmer. */
export function languageRules(language: string): LanguageRules {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  const same = (s: string): string => s;
  switch (primary) {
    case 'en': return { prepare: expandContractions, stem: stemEnglish, english: true };
    case 'es': case 'pt': case 'fr': case 'it': return { prepare: same, stem: (w) => stemRomance(w, primary) };
    case 'de': return { prepare: same, stem: stemGerman };
    default: return { prepare: same, stem: same };
  }
}

/**
 * Unicode-aware tokenisation: NFKC, lower-casing, then tags and words. A field tag becomes the
 * placeholder token `{field_name}` (lower-cased): samples tagged `book a table for {date}` and a query
 * whose recognised value the caller replaced by `{date}` share it; raw queries simply lack it.
 */
export function tokenise(text: string, rules: LanguageRules, entities = false): Token[] {
  const tokens: Token[] = [];
  const prepared = rules.prepare(text.normalize('NFKC').toLowerCase());
  const starts: number[] = [];
  for (const m of prepared.matchAll(TOKEN)) {
    const match = m[0];
    starts.push(m.index!);
    if (match.startsWith('{')) {
      const name = `{${match.slice(1, -1).trim()}}`;
      tokens.push({ surface: name, folded: name, stem: name, tag: true });
      continue;
    }
    const folded = foldAccents(match);
    tokens.push({ surface: match, folded, stem: rules.stem(folded), tag: false });
  }
  if (!entities || tokens.length === 0) return tokens;
  const words = tokens.map((t) => t.surface);
  const classes = entityClasses(prepared, words, starts, starts.map((s, i) => s + words[i]!.length), rules.english === true);
  return tokens.map((t, i) => (classes[i] === undefined || t.tag ? t : { ...t, entity: classes[i] }));
}
