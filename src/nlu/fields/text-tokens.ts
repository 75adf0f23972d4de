/** A token of the input with its character span and a case- and accent-folded form for matching. */
export interface Token {
  readonly text: string;
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** Letters and/or digits (as opposed to a punctuation mark or symbol). */
  readonly isWord: boolean;
}

// Numbers with inner separators (1,200.50 / 4:30) stay whole; other runs of letters and digits are one token
// (3pm, 5th, AB12); apostrophes join word parts (o'clock, don't); anything else is a one-character token.
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\S/gu;
const WORDLIKE = /^[\p{L}\p{M}\p{N}]/u;

/** Lower case without diacritics, so `Café` and `cafe` compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    tokens.push({ text: m[0], norm: foldText(m[0]), start, end: start + m[0].length, isWord: WORDLIKE.test(m[0]) });
  }
  return tokens;
}

/** Only the word tokens, for matching that ignores punctuation. */
export function wordTokens(text: string): Token[] {
  return tokenise(text).filter((t) => t.isWord);
}

/** `John` or `JOHN` (but not `john`, `iPhone` counts): starts with an upper-case letter. */
export function isCapitalised(token: Token): boolean {
  const first = token.text.charAt(0);
  return first !== first.toLowerCase();
}

/** True when the text has both cases, i.e. capitalisation carries information (typed rather than lower-cased ASR). */
export function hasMixedCase(text: string): boolean {
  return text !== text.toLowerCase() && text !== text.toUpperCase();
}

/** The token starts a sentence: first in the text or right after `.`, `!` or `?`. */
export function startsSentence(tokens: readonly Token[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.isWord) return false;
    if (/^[.!?¿¡]$/.test(t.text)) return true;
  }
  return true;
}

/** The primary language subtag: `en-US` -> `en`. */
export function primaryLanguage(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

/**
 * The region a language tag names or most likely means (`fr-FR` FR, `es-MX` MX, `fr` FR, `pt` BR, `fil` PH, `en` US:
 * CLDR's likely subtags), for national phone numbers and the bare `$`; US for a tag Intl cannot read.
 */
export function likelyRegion(language: string): string {
  try {
    return new Intl.Locale(language.replace(/_/g, '-')).maximize().region ?? 'US';
  } catch {
    return 'US';
  }
}
