import { functionWordsOf } from '../../function-words.js';
import { numberLexicon } from '../number-words.js';
import { primaryLanguage } from '../text-tokens.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise, type Token } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';

const NATO = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike',
  'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray', 'yankee', 'zulu'];
const NATO_LETTER: Readonly<Record<string, string>> = lookupTable({
  ...Object.fromEntries(NATO.map((w) => [w, w.charAt(0).toUpperCase()])), alfa: 'A', juliett: 'J', whisky: 'W',
});

type Piece = { readonly text: string; readonly kind: 'letter' | 'digit' | 'mixed' | 'caps' };

/** One element of a code: a spelt letter (incl. NATO), a digit (incl. spoken), or a token mixing both. */
function piece(t: Token, digits: Readonly<Record<string, number>>, notLetters: ReadonlySet<string>): Piece | null {
  if (!t.isWord) return null;
  if (notLetters.has(t.text)) return null;
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
  const digits = numberLexicon(ctx.language).digits;
  const notLetters = lowerCaseFunctionLetters(ctx.language);
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  let i = 0;
  while (i < tokens.length) {
    const run: Piece[] = [];
    let j = i;
    let end = i;
    while (j < tokens.length) {
      const p = piece(tokens[j]!, digits, notLetters);
      if (p === null) break;
      run.push(p);
      end = j + 1;
      j = tokens[end]?.text === '-' ? end + 1 : end;
    }
    if (run.length === 0) { i++; continue; }
    const code = run.map((p) => p.text).join('');
    const hasDigit = /\d/.test(code);
    const hasLetter = /\p{L}/u.test(code);
    const sole = tokens.filter((t) => t.isWord).length === run.length;
    const ok = run.some((p) => p.kind === 'mixed') || (hasDigit && hasLetter && (run.length >= 3 || run.some((p) => p.kind === 'caps')))
      || (mode === 'answer' && sole && ((hasDigit && hasLetter) || (hasLetter && run.length >= 2) || (run.length === 1 && /^[A-Z]{2,}$/.test(tokens[i]!.text))));
    if (ok) found.push({ value: code, start: tokens[i]!.start, end: tokens[end - 1]!.end });
    i = end;
  }
  return found;
};

const functionLetters = new Map<string, ReadonlySet<string>>();

/**
 * Outside English, one-letter words such as Spanish "y", French "a" and "y", Italian "e" join spoken numbers in
 * every sentence ("entre dos y tres", "il y a deux personnes"): typed in lower case they are words, not spelt
 * letters (a spelt code is usually typed or transcribed in capitals: "A B dos tres"). English keeps its rules.
 */
function lowerCaseFunctionLetters(language: string): ReadonlySet<string> {
  const primary = primaryLanguage(language);
  let letters = functionLetters.get(primary);
  if (letters === undefined) {
    letters = primary === 'en' ? new Set() : new Set([...functionWordsOf(language)].filter((w) => [...w].length === 1));
    functionLetters.set(primary, letters);
  }
  return letters;
}
