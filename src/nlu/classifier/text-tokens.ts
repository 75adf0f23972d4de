import { stemEnglish } from './english-stemmer.js';
import { stemRomance, stemGerman } from './light-stemmers.js';

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

/** The stemmer for a language tag such as `en-US`, `es`, `fr-CA`; identity for languages without one. */
export function stemmerFor(language: string): (word: string) => string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  switch (primary) {
    case 'en': return stemEnglish;
    case 'es': case 'pt': case 'fr': case 'it': return (w) => stemRomance(w, primary);
    case 'de': return stemGerman;
    default: return (w) => w;
  }
}

/**
 * Unicode-aware tokenisation: NFKC, lower-casing, then tags and words. A field tag becomes the
 * placeholder token `{field_name}` (lower-cased): samples tagged `book a table for {date}` and a query
 * whose recognised value the caller replaced by `{date}` share it; raw queries simply lack it.
 */
export function tokenise(text: string, stem: (word: string) => string): Token[] {
  const tokens: Token[] = [];
  for (const [match] of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    if (match.startsWith('{')) {
      const name = `{${match.slice(1, -1).trim()}}`;
      tokens.push({ surface: name, folded: name, stem: name, tag: true });
      continue;
    }
    const folded = foldAccents(match);
    tokens.push({ surface: match, folded, stem: stem(folded), tag: false });
  }
  return tokens;
}
