import humanNames from 'human-names';
import { bareAnswer, properCase } from '../free-answer.js';
import { buildGazetteer, gazetteerMatches, type Gazetteer } from '../gazetteer.js';
import { isNonAnswer } from '../non-answers.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { foldText, hasMixedCase, isCapitalised, primaryLanguage, wordTokens, type Token } from '../text-tokens.js';
import { recogniseYesNo } from './yes-no-recogniser.js';

const LISTED_LANGUAGES = ['En', 'Es', 'Fr', 'De', 'It', 'Nl'];
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'st', 'mac', 'bin', 'al']);
const cache = new Map<string, Gazetteer>();

/** Popular given names (human-names) of English and the context language; names are also words, so capitalised only. */
function givenNames(language: string): Gazetteer {
  const lang = primaryLanguage(language);
  let g = cache.get(lang);
  if (g !== undefined) return g;
  const suffixes = [...new Set(['En', lang.charAt(0).toUpperCase() + lang.slice(1)])].filter((s) => LISTED_LANGUAGES.includes(s));
  const names = new Set(suffixes.flatMap((s) => [...(humanNames[`female${s}`] ?? []), ...(humanNames[`male${s}`] ?? [])]));
  g = buildGazetteer([...names].sort().map((n) => ({ phrase: n, value: n, strictness: 'word' as const })), lang);
  cache.set(lang, g);
  return g;
}

/** The words of a whole answer that can be a name: letters only, at most three, not a yes/no reply or a non-answer. */
function nameWords(text: string, ctx: Parameters<Recogniser>[1]): Token[] {
  const { words } = bareAnswer(text, ctx);
  if (words.length === 0 || words.length > 3 || !words.every((w) => /^\p{L}[\p{L}'’-]*$/u.test(w.text)) || isNonAnswer(words, { names: true })) return [];
  const yesNo = recogniseYesNo(text, ctx, 'answer');
  return yesNo.some((y) => y.start <= words[0]!.start && y.end >= words[words.length - 1]!.end) ? [] : words;
}

/**
 * A listed name in the spelling the user typed (`José`, `Björn`, `Maria` for a listed `María`): only the list's
 * capitals are taken, and only when the text was typed in one case (`JOSÉ`, `josé` -> `José`). A match the
 * letters do not line up with ("Mary Ann" for `Maryann`) keeps the listed spelling.
 */
function asTyped(typed: string, listed: string, text: string): string {
  const chars = [...typed.normalize('NFC')];
  const model = [...listed.normalize('NFC')];
  if (chars.length !== model.length || chars.some((c, i) => foldText(c) !== foldText(model[i]!))) return listed;
  if (hasMixedCase(text) && hasMixedCase(typed)) return chars.join('');
  return chars.map((c, i) => (model[i] === model[i]!.toLowerCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

const span = (words: readonly Token[], value: string): RecognisedValue => ({ value, start: words[0]!.start, end: words[words.length - 1]!.end });

/**
 * Twilio.FIRST_NAME: a given name, first letter upper-cased. Inside a sentence: a capitalised name from the
 * human-names lists. As a whole answer: the first word once "my name is" and the like are taken off.
 */
export const recogniseFirstName: Recogniser = (text, ctx, mode) => {
  const listed = selectPhraseMatches(gazetteerMatches(givenNames(ctx.language), text, mode))
    .map(({ value, start, end }) => ({ value: asTyped(text.slice(start, end), value, text), start, end }))
    // "Sarah Connor": a listed name right after another is taken for the surname.
    .filter((n, i, all) => i === 0 || all[i - 1]!.end + 1 < n.start);
  if (mode === 'find') return listed;
  const words = nameWords(text, ctx);
  if (words.length === 0) return listed.slice(0, 1);
  const known = listed.find((l) => words.some((w) => w.start === l.start));
  return [known ?? span(words.slice(0, 1), properCase(words[0]!.text, hasMixedCase(text) || words.length === 1))];
};

/**
 * Twilio.LAST_NAME: a family name as typed (first letter upper-cased when typed all in one case). Inside a
 * sentence: the capitalised word(s) right after a listed given name. As a whole answer: the last word with any
 * particles before it ("van Dyke"), or the only word.
 */
export const recogniseLastName: Recogniser = (text, ctx, mode) => {
  if (mode === 'find') {
    const words = wordTokens(text);
    return recogniseFirstName(text, ctx, 'find').flatMap((first) => {
      const i = words.findIndex((w) => w.start === first.start);
      const next = words[i + 1];
      return next !== undefined && isCapitalised(next) && next.start - first.end <= 1 ? [span([next], next.text)] : [];
    });
  }
  const words = nameWords(text, ctx);
  if (words.length === 0) return [];
  let from = words.length - 1;
  while (from > 0 && PARTICLES.has(words[from - 1]!.norm)) from--;
  const last = words.slice(from);
  const capitalsTell = hasMixedCase(text) || words.length === 1;
  return [span(last, last.map((w, k) => (k === last.length - 1 ? properCase(w.text, capitalsTell) : w.text)).join(' '))];
};
