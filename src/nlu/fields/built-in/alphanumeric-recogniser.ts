import { numberLexicon } from '../number-lexicons.js';
import { primaryLanguage } from '../text-tokens.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise, type Token } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';
import { functionWordsOf } from '../../function-words.js';

const NATO = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike',
  'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray', 'yankee', 'zulu'];
const NATO_LETTER: Readonly<Record<string, string>> = lookupTable({
  ...Object.fromEntries(NATO.map((w) => [w, w.charAt(0).toUpperCase()])), alfa: 'A', juliett: 'J', whisky: 'W',
});

type Piece = { readonly text: string; readonly kind: 'letter' | 'digit' | 'mixed' | 'caps' };

/** One element of a code: a spelt letter (incl. NATO), a digit (incl. spoken), or a token mixing both. */
function piece(t: Token, digits: Readonly<Record<string, number>>): Piece | null {
  if (!t.isWord) return null;
  if (/^\d+$/.test(t.text)) return { text: t.text, kind: 'digit' };
  if (/^\d+(?:st|nd|rd|th|am|pm|s)$/i.test(t.text)) return null; // 5th, 3pm, 90s
  if (/^[\p{L}\d]+$/u.test(t.text) && /\d/.test(t.text) && /\p{L}/u.test(t.text)) return { text: t.text.toUpperCase(), kind: 'mixed' };
  if (/^\p{L}$/u.test(t.text)) return { text: t.text.toUpperCase(), kind: 'letter' };
  if (/^[A-Z]{2,4}$/.test(t.text)) return { text: t.text, kind: 'caps' };
  const nato = NATO_LETTER[t.norm];
  if (nato !== undefined) return { text: nato, kind: 'letter' };
  const d = digits[t.norm];
  return d !== undefined && t.norm !== 'o' ? { text: String(d), kind: 'digit' } : null;
}

/**
 * Twilio.ALPHANUMERIC: a code of letters and digits, upper-cased without spaces ("ab12c" `AB12C`, "alpha bravo
 * one two" `AB12`, "XJ-4471" `XJ4471`). Inside a sentence a code needs a token mixing letters and digits, a
 * capitals group next to digits, or three or more spelt pieces with both; a whole answer may also be letters
 * only ("A B C") or a single all-caps word.
 */
export const recogniseAlphanumeric: Recogniser = (text, ctx, mode) => {
  const typed = mode === 'answer' ? typedCode(text, ctx.language) : null;
  if (typed !== null) return [typed];
  const digits = numberLexicon(ctx.language).digits;
  const joiners = JOINING_LETTERS[primaryLanguage(ctx.language)];
  const tokens = tokenise(text);
  const words = tokens.filter((t) => t.isWord);
  const spokenNumber = (t: Token | undefined): boolean => t !== undefined && !/\d/.test(t.text) && digits[t.norm] !== undefined;
  // "entre dos y tres", "il y a deux": a lower-case joining letter next to a spoken number is a word, not a spelt letter.
  const isJoiner = (k: number): boolean => {
    if (joiners?.has(tokens[k]!.text) !== true) return false;
    const w = words.indexOf(tokens[k]!);
    return spokenNumber(words[w - 1]) || spokenNumber(words[w + 1]);
  };
  const found: RecognisedValue[] = [];
  let i = 0;
  while (i < tokens.length) {
    const run: Piece[] = [];
    let j = i;
    let end = i;
    while (j < tokens.length) {
      const p = isJoiner(j) ? null : piece(tokens[j]!, digits);
      if (p === null) break;
      run.push(p);
      end = j + 1;
      j = tokens[end]?.text === '-' ? end + 1 : end;
    }
    if (run.length === 0) { i++; continue; }
    const code = run.map((p) => p.text).join('');
    const hasDigit = /\d/.test(code);
    const hasLetter = /\p{L}/u.test(code);
    const sole = words.length === run.length;
    const ok = run.some((p) => p.kind === 'mixed') || (hasDigit && hasLetter && (run.length >= 3 || run.some((p) => p.kind === 'caps')))
      || (mode === 'answer' && sole && ((hasDigit && hasLetter) || (hasLetter && run.length >= 2) || (run.length === 1 && /^[A-Z]{2,}$/.test(tokens[i]!.text))));
    if (ok) found.push({ value: code, start: tokens[i]!.start, end: tokens[end - 1]!.end });
    i = end;
  }
  return found;
};

/**
 * A whole answer typed as a code in any case that the pieces above miss: letters and digits in groups joined by dashes
 * ("xj-4471", "ab-12c", "zx-99-ab"), or one group of at most three letters and one of three or more digits ("xj 4471",
 * "abc 123"). Words beside a number ("room 12", "top 10", "gate b12") are no such code.
 */
function typedCode(text: string, language: string): RecognisedValue | null {
  const m = /^(\s*)([\p{L}\d]+(?:(?:-|\s+)[\p{L}\d]+){1,3})[\s.!]*$/u.exec(text);
  if (m === null) return null;
  const dashed = /^[\p{L}\d]+(?:-[\p{L}\d]+)+$/u.test(m[2]!);
  const groups = m[2]!.split(/[\s-]+/);
  const joined = groups.join('');
  if (!/\d/.test(joined) || !/\p{L}/u.test(joined)) return null;
  const pair = groups.length === 2 && /^\p{L}{1,3}$/u.test(groups[0]!) && /^\d{3,}$/.test(groups[1]!);
  if (!dashed && !pair) return null;
  const words = functionWordsOf(language);
  if (groups.some((g) => /^\p{L}+$/u.test(g) && (g.length > 4 || words.has(g.toLowerCase())))) return null;
  const start = m[1]!.length;
  return { value: joined.toUpperCase(), start, end: start + m[2]!.length };
}

/**
 * One-letter words that join others outside English (Spanish "y", "o", French "a", "y", Italian "e"): next to a spoken
 * number they are words ("entre dos y tres", "il y a deux personnes"), while a spelt code ("a b c 1 2 3") keeps them.
 */
const JOINING_LETTERS: Readonly<Record<string, ReadonlySet<string>>> = {
  es: new Set(['y', 'o', 'e', 'u', 'a']), fr: new Set(['a', 'y', 'à', 'ou']), it: new Set(['e', 'o', 'a', 'i']), pt: new Set(['e', 'o', 'a']),
};
