import { isLoneArticle, parseDigitSequenceAt, parseNumberAt } from '../number-words.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage, tokenise } from '../text-tokens.js';

/** Number words that are as often other words: a number alone only in a short whole answer. */
const AMBIGUOUS: Readonly<Record<string, ReadonlySet<string>>> = { it: new Set(['sei']), fr: new Set(['neuf']) };

/**
 * What may stand between digits said one by one: spaces and the digit words a cardinal never is
 * (`oh`, `double`); in longer runs also `-`, `,` and `.` (`5-5-5-1-2-3-4`, as transcripts punctuate
 * digits), but not in short ones, where "2-3" and "3, 4" are a range and a list.
 */
const SPOKEN_GAP = /^(?:\s|\boh\b|\bo\b|\bdouble\b|\btriple\b)*$/i;
const PUNCTUATED_GAP = /^(?:[\s,.-]|\boh\b|\bo\b|\bdouble\b|\btriple\b)*$/i;
/** Fewer digits than this are two numbers ("4 4", "one two"), not one said digit by digit; punctuated runs need more. */
const MIN_SPOKEN_DIGITS = 3;
const MIN_PUNCTUATED_DIGITS = 5;
/** "9/10", "8 out of 10", "7 of 10": a score and the scale it is out of. */
const SCORE_GAP = /^\s*(?:\/|out\s+of|of)\s*$/i;

/**
 * Twilio.NUMBER: a cardinal in digits or words -> digits ("twenty three" `23`, "1,200" `1200`, "3.5" kept).
 * Inside a sentence a lone article is none (Spanish "una mesa"); a whole answer "una" is 1, and an answer with another
 * number is that number ("una mesa para dos" is 2, "einen Tisch für vier" 4).
 * An answer made of single digits one after another ("9 4 1 0 5", "nine four one oh five": how
 * speech recognition writes a number said digit by digit) is that number, not its first digit.
 */
export const recogniseNumber: Recogniser = (text, ctx, mode) => {
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  const articles = new Set<RecognisedValue>();
  const language = primaryLanguage(ctx.language);
  const wordCount = tokens.filter((t) => t.isWord).length;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.isWord && tokens[i]!.text !== '-') continue;
    const n = parseNumberAt(tokens, i, ctx.language);
    if (n === null) continue;
    const article = isLoneArticle(tokens, i, n.end, ctx.language);
    if (article && mode === 'find') continue;
    // French, German, Portuguese, Italian: an article is 1 only as the whole answer ("une", not "un peu" or
    // "ein paar"); Spanish keeps its reading ("una persona" is 1).
    if (article && language !== 'es' && wordCount > 1) continue;
    // Number words that are also common words (Italian "sei", you are; French "neuf", new) are a number alone
    // only in a short answer, never inside a sentence ("sei disponibile domani?", "un vélo neuf").
    if (n.end === i + 1 && AMBIGUOUS[language]?.has(tokens[i]!.norm) === true && (mode === 'find' || wordCount > 2)) continue;
    const value = { value: n.value, start: tokens[i]!.start, end: tokens[n.end - 1]!.end };
    if (article) articles.add(value);
    found.push(value);
    i = n.end - 1;
  }
  if (mode === 'answer' && found.length >= 2 && found.every((n) => /^\d$/.test(n.value))) {
    const gaps = found.slice(1).map((n, k) => text.slice(found[k]!.end, n.start));
    const spoken = recogniseNumberSequence(text, ctx, 'answer').find((s) => s.start <= found[0]!.start && s.end >= found.at(-1)!.end);
    const digits = spoken?.value.length ?? 0;
    const joined = (digits >= MIN_SPOKEN_DIGITS && gaps.every((g) => SPOKEN_GAP.test(g)))
      || (digits >= MIN_PUNCTUATED_DIGITS && gaps.every((g) => PUNCTUATED_GAP.test(g)));
    if (joined) return [spoken!];
  }
  if (mode === 'find') return found;
  // The longest number wins an answer: "una" must not beat "dos" in "una mesa para dos".
  const numbers = found.length > articles.size ? found.filter((n) => !articles.has(n)) : found;
  return withoutScales(numbers, text);
};

/**
 * An answer like "9 out of 10" gives its score, not the wider scale. Only a score no bigger than its scale;
 * a third number slashed on ("12/25/2024") makes a date, not a score.
 */
function withoutScales(found: readonly RecognisedValue[], text: string): RecognisedValue[] {
  const isScale = (scale: RecognisedValue, k: number): boolean => {
    const score = found[k - 1];
    if (score === undefined || Number(score.value) > Number(scale.value)) return false;
    const gap = text.slice(score.end, scale.start);
    if (!SCORE_GAP.test(gap)) return false;
    return !gap.includes('/') || !(/\/\s*$/.test(text.slice(0, score.start)) || /^\s*\//.test(text.slice(scale.end)));
  };
  return found.filter((n, k) => !isScale(n, k));
}

/**
 * Twilio.NUMBER_SEQUENCE: digits said or typed one by one or in groups -> one digit string ("four one five"
 * `415`, "oh" is 0, "double five" `55`, "1234-5678" `12345678`). DTMF input is already digits.
 */
export const recogniseNumberSequence: Recogniser = (text, ctx, mode) => {
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const seq = parseDigitSequenceAt(tokens, i, ctx.language, mode === 'answer');
    if (seq === null || (mode === 'find' && isLoneArticle(tokens, i, seq.end, ctx.language))) continue;
    found.push({ value: seq.digits, start: tokens[i]!.start, end: tokens[seq.end - 1]!.end });
    i = seq.end - 1;
  }
  return found;
};
