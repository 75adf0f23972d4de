import { cityMapping } from 'city-timezones';
import { bareAnswer, properCase } from '../free-answer.js';
import { buildGazetteer, gazetteerMatches, type Gazetteer } from '../gazetteer.js';
import { isNonAnswer } from '../non-answers.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { hasMixedCase, isCapitalised, startsSentence, tokenise } from '../text-tokens.js';
import { recogniseYesNo } from './yes-no-recogniser.js';

const BIG_CITY = 1_000_000;
let cities: { readonly gazetteer: Gazetteer; readonly population: ReadonlyMap<string, number> } | undefined;

/** Built on first use: most populous first, so that "Springfield" or "Paris" resolve to the best-known one. */
function cityList(): NonNullable<typeof cities> {
  if (cities !== undefined) return cities;
  const sorted = [...cityMapping].sort((a, b) => b.pop - a.pop || a.city.localeCompare(b.city));
  const population = new Map<string, number>();
  for (const c of sorted) if (!population.has(c.city)) population.set(c.city, c.pop);
  const gazetteer = buildGazetteer(sorted.flatMap((c) => {
    const entry = { phrase: c.city, value: c.city };
    return c.city_ascii !== c.city ? [entry, { phrase: c.city_ascii, value: c.city }] : [entry];
  }), 'en');
  return cities = { gazetteer, population };
}

/**
 * Twilio.CITY: the city's name as listed by `city-timezones` (about 7,300 cities worldwide with population;
 * the package does not state its data source). Inside a sentence a listed city counts when it has several words, more
 * than a million people, or is capitalised away from the start of a sentence, so "nice" and "reading" stay
 * words. A whole answer may also name an unlisted city: one to three capitalised words (two when the whole
 * answer is lower case) once "I live in" and the like are taken off, unless they are a non-answer ("not sure", "help").
 */
export const recogniseCity: Recogniser = (text, ctx, mode) => {
  const all = tokenise(text);
  const mixed = hasMixedCase(text);
  const { gazetteer, population } = cityList();
  const bare = mode === 'answer' ? bareAnswer(text, ctx) : undefined;
  // A non-answer is no city, not even a listed one a typo away ("never mind" is not Nevers); one said exactly still is.
  const nonAnswer = bare !== undefined && isNonAnswer(bare.words);
  const listed = gazetteerMatches(gazetteer, text, mode, { typosInAnswers: true }).filter((m) => {
    if (nonAnswer && m.cost > 0) return false;
    if (mode === 'answer' || m.wordCount > 1 || (population.get(m.value) ?? 0) >= BIG_CITY) return true;
    const index = all.findIndex((t) => t.start === m.start);
    return mixed && isCapitalised(all[index]!) && !startsSentence(all, index);
  });
  const found: RecognisedValue[] = selectPhraseMatches(listed).map(({ value, start, end }) => ({ value, start, end }));
  if (found.length > 0 || bare === undefined) return found;
  const { words, start, end } = bare;
  const plausible = words.length > 0 && !nonAnswer && words.every((w) => /^\p{L}[\p{L}'’.-]*$/u.test(w.text))
    && (words.every(isCapitalised) ? words.length <= 3 : !mixed && words.length <= 2)
    && recogniseYesNo(text, ctx, 'answer').length === 0;
  const capitalsTell = mixed || words.length === 1;
  return plausible ? [{ value: words.map((w) => properCase(w.text, capitalsTell)).join(' '), start, end }] : [];
};

/** Listed cities anywhere in the text, any case: a gazetteer signal for learnt taggers rather than a decision. */
export function listedCityMentions(text: string): RecognisedValue[] {
  return selectPhraseMatches(gazetteerMatches(cityList().gazetteer, text, 'answer')).map(({ value, start, end }) => ({ value, start, end }));
}
