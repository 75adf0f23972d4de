import { cityMapping } from 'city-timezones';
import { bareAnswer, properCase } from '../free-answer.js';
import { buildGazetteer, gazetteerMatches, type Gazetteer } from '../gazetteer.js';
import { isNonAnswer } from '../non-answers.js';
import { selectPhraseMatches, type PhraseMatch } from '../phrase-matcher.js';
import type { Recogniser, RecogniseContext, RecognisedValue } from '../recognition-types.js';
import { hasMixedCase, isCapitalised, startsSentence, tokenise, type Token } from '../text-tokens.js';
import { recogniseCountry } from './country-recognisers.js';
import { recogniseUsState } from './us-state-recogniser.js';
import { recogniseYesNo } from './yes-no-recogniser.js';

const BIG_CITY = 1_000_000;
/** Small words inside city names ("Ciudad de México", "Frankfurt am Main"), lower case between capitalised words. */
const PARTICLES = new Set(['de', 'del', 'da', 'do', 'dos', 'das', 'di', 'du', 'des', 'la', 'las', 'los', 'le', 'les', 'el', 'of', 'on',
  'upon', 'am', 'an', 'der', 'im', 'sur']);
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

const hasDiacritics = (t: Token): boolean => /\p{M}/u.test(t.text.normalize('NFD'));

/** A word typed with its diacritics ("München") is spelled on purpose: not a typo of another listed city (Munchon). */
function typoOfAccentedWord(m: PhraseMatch, words: readonly Token[]): boolean {
  if (m.cost === 0) return false;
  const listed = cityList().gazetteer.matcher.entries[m.entry]!.words;
  return words.slice(m.firstWord, m.firstWord + m.wordCount).some((t) => hasDiacritics(t) && !listed.includes(t.norm));
}

/**
 * A typo match on a word that names a country or US state exactly is that region, not a city: "Paris, France" is
 * not Franca. Other typos stay ("Chicgo near Boston" may still mean Chicago).
 */
function withoutTyposOfRegions(matches: readonly PhraseMatch[], text: string, ctx: RecogniseContext): PhraseMatch[] {
  if (!matches.some((m) => m.cost >= 1)) return [...matches];
  const regions = [...recogniseCountry(text, ctx, 'answer'), ...recogniseUsState(text, ctx, 'answer')];
  return matches.filter((m) => m.cost < 1 || !regions.some((r) => r.start <= m.start && m.end <= r.end));
}

/** A country or US state right after a city ("Athens, Georgia", "Seattle in Washington") says where that city is. */
function withoutRegionsAfterCities(found: readonly RecognisedValue[], text: string, ctx: RecogniseContext): RecognisedValue[] {
  if (found.length < 2) return [...found];
  const regions = [...recogniseCountry(text, ctx, 'answer'), ...recogniseUsState(text, ctx, 'answer')];
  return found.filter((c, i) => {
    const before = found[i - 1];
    return before === undefined || !/^(?:\s|,|in\b)*$/i.test(text.slice(before.end, c.start))
      || !regions.some((r) => r.start === c.start && r.end === c.end);
  });
}

/**
 * Twilio.CITY: the city's name as listed by `city-timezones` (about 7,300 cities worldwide with population;
 * the package does not state its data source). Inside a sentence a listed city counts when it has several words, more
 * than a million people, or is capitalised away from the start of a sentence, so "nice" and "reading" stay
 * words. A whole answer may also name an unlisted city: one to three capitalised words (two when the whole
 * answer is lower case), particles such as "de" between them, once "I live in" and the like are taken off, unless they
 * are a non-answer ("not sure", "help"). A word typed with diacritics is not a typo of another listed city
 * ("München" is not Munchon), nor is a word that names a country or US state ("France" is not Franca); a country
 * or state right after a city is not a second city.
 */
export const recogniseCity: Recogniser = (text, ctx, mode) => {
  const all = tokenise(text);
  const mixed = hasMixedCase(text);
  const { gazetteer, population } = cityList();
  const bare = mode === 'answer' ? bareAnswer(text, ctx) : undefined;
  // A non-answer is no city, not even a listed one a typo away ("never mind" is not Nevers); one said exactly still is.
  const nonAnswer = bare !== undefined && isNonAnswer(bare.words);
  const words = all.filter((t) => t.isWord);
  const listed = gazetteerMatches(gazetteer, text, mode, { typosInAnswers: true }).filter((m) => {
    if ((nonAnswer && m.cost > 0) || typoOfAccentedWord(m, words)) return false;
    if (mode === 'answer' || m.wordCount > 1 || (population.get(m.value) ?? 0) >= BIG_CITY) return true;
    const index = all.findIndex((t) => t.start === m.start);
    return mixed && isCapitalised(all[index]!) && !startsSentence(all, index);
  });
  const found = withoutRegionsAfterCities(selectPhraseMatches(mode === 'answer' ? withoutTyposOfRegions(listed, text, ctx) : listed)
    .map(({ value, start, end }) => ({ value, start, end })), text, ctx);
  if (found.length > 0 || bare === undefined) return found;
  const { start, end } = bare;
  const named = bare.words;
  // Particles count only between capitalised words of a name typed in mixed case ("Ciudad de México", never "out of
  // town"); the name itself is up to three words (two in lower case).
  const particle = (w: Token, i: number): boolean => mixed && i > 0 && i < named.length - 1 && PARTICLES.has(w.norm)
    && isCapitalised(named[i - 1]!) && isCapitalised(named[i + 1]!);
  const core = named.filter((w, i) => !particle(w, i));
  const plausible = named.length > 0 && !nonAnswer && named.every((w) => /^\p{L}[\p{L}'’.-]*$/u.test(w.text))
    && (core.every(isCapitalised) ? core.length <= 3 : !mixed && core.length <= 2)
    && recogniseYesNo(text, ctx, 'answer').length === 0;
  const capitalsTell = mixed || named.length === 1;
  const spelled = named.map((w, i) => (particle(w, i) && !isCapitalised(w) ? w.text : properCase(w.text, capitalsTell)));
  return plausible ? [{ value: spelled.join(' '), start, end }] : [];
};

/** Listed cities anywhere in the text, any case: a gazetteer signal for learnt taggers rather than a decision. */
export function listedCityMentions(text: string): RecognisedValue[] {
  return selectPhraseMatches(gazetteerMatches(cityList().gazetteer, text, 'answer')).map(({ value, start, end }) => ({ value, start, end }));
}
