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
/** Lead-ins that ask for the family name only: the whole rest is the surname. */
const SURNAME_LEAD = /(?:last|family|sur) ?name|apellido|sobrenome|nachname|familienname|cognome|nom de famille/i;
/** Languages where two surnames are the rule ("García López"), so two words said alone may both be one. */
const DOUBLE_SURNAMES = new Set(['es', 'pt']);
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

const SEPARATOR = /[\s-]/u;

/**
 * A listed name in the spelling the user typed (`José`, `Björn`, `Maria` for a listed `María`, `Mary-Jane` and
 * `Anne Marie` for a listed `Maryjane`, `Annemarie`): only the list's capitals are taken, and only when the text
 * was typed in one case (`JOSÉ`, `josé` -> `José`; `mary-jane` -> `Mary-Jane`).
 */
function asTyped(typed: string, listed: string, text: string): string {
  const chars = [...typed.normalize('NFC')];
  const letters = chars.filter((c) => !SEPARATOR.test(c));
  const model = [...listed.normalize('NFC')].filter((c) => !SEPARATOR.test(c));
  if (letters.length !== model.length || letters.some((c, i) => foldText(c) !== foldText(model[i]!))) return listed;
  if (hasMixedCase(text) && hasMixedCase(typed)) return chars.join('');
  let k = 0;
  return chars.map((c, i) => {
    if (SEPARATOR.test(c)) return c;
    const capital = model[k++] !== model[k - 1]!.toLowerCase() || (i > 0 && SEPARATOR.test(chars[i - 1]!));
    return capital ? c.toUpperCase() : c.toLowerCase();
  }).join('');
}

/** The words from `at` joined to it by hyphens: "Jean-Luc", "Smith-Jones" are one name. */
function hyphenated(words: readonly Token[], at: number, text: string): Token[] {
  let to = at;
  while (to + 1 < words.length && text.slice(words[to]!.end, words[to + 1]!.start) === '-') to++;
  return words.slice(at, to + 1);
}

const span = (words: readonly Token[], value: string): RecognisedValue => ({ value, start: words[0]!.start, end: words[words.length - 1]!.end });

/**
 * Twilio.FIRST_NAME: a given name, first letter upper-cased. Inside a sentence: a capitalised name from the
 * human-names lists. As a whole answer: the first word (with any hyphenated parts: "Jean-Luc") once "my name is"
 * and the like are taken off.
 */
export const recogniseFirstName: Recogniser = (text, ctx, mode) => {
  const mixed = hasMixedCase(text);
  const words = mode === 'answer' ? nameWords(text, ctx) : [];
  const listed = selectPhraseMatches(gazetteerMatches(givenNames(ctx.language), text, mode)
    // In a typed answer a listed name in lower case is a word ("it will be me, Tom"), unless it is the whole answer.
    .filter((m) => mode === 'find' || !mixed || /^\p{Lu}/u.test(text.slice(m.start)) || (m.start === words[0]?.start && m.end === words[words.length - 1]!.end)))
    .map(({ value, start, end }) => ({ value: asTyped(text.slice(start, end), value, text), start, end }))
    // "Sarah Connor": a listed name right after another is taken for the surname.
    .filter((n, i, all) => i === 0 || all[i - 1]!.end + 1 < n.start);
  if (mode === 'find') return listed;
  if (words.length === 0) return listed.slice(0, 1);
  const known = listed.find((l) => words.some((w) => w.start === l.start));
  const name = hyphenated(words, known === undefined ? 0 : words.findIndex((w) => w.start === known.start), text);
  if (known !== undefined && known.end >= name[name.length - 1]!.end) return [known];
  // "Jean-Luc": a hyphenated name is kept whole, as typed, even when only its first part is listed.
  return [span(name, name.map((w) => properCase(w.text, mixed || words.length === 1)).join('-'))];
};

/**
 * Twilio.LAST_NAME: a family name as typed (first letter upper-cased when typed all in one case). Inside a
 * sentence: the capitalised word(s) right after a listed given name. As a whole answer: the last word with any
 * particles or hyphenated parts before it ("van Dyke", "Smith-Jones"), or both of two words after "my last name
 * is", or said alone in Spanish or Portuguese, when the first is no listed given name ("García López").
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
  const joined = (k: number): boolean => text.slice(words[k - 1]!.end, words[k]!.start) === '-';
  let from = words.length - 1;
  while (from > 0 && (PARTICLES.has(words[from - 1]!.norm) || joined(from))) from--;
  // Two words after "my last name is", or said alone in Spanish or Portuguese, the first no given name, are both
  // surnames ("García López"); alone in other languages, after "my name is", or with a listed given name first
  // ("John Smith", "Hiroshi Tanaka" in English), the first is the given name.
  const lead = text.slice(0, words[0]!.start);
  const surnameOnly = SURNAME_LEAD.test(lead) || (/^\P{L}*$/u.test(lead) && DOUBLE_SURNAMES.has(primaryLanguage(ctx.language)));
  if (from === 1 && words.length === 2 && surnameOnly
    && !gazetteerMatches(givenNames(ctx.language), text, 'answer').some((m) => m.start === words[0]!.start)) from = 0;
  const last = words.slice(from);
  const capitalsTell = hasMixedCase(text) || words.length === 1;
  const spelled = last.map((w, k) => (k < last.length - 1 && PARTICLES.has(w.norm) ? w.text : properCase(w.text, capitalsTell)));
  return [span(last, spelled.map((w, k) => (k === 0 ? w : joined(from + k) ? `-${w}` : ` ${w}`)).join(''))];
};
