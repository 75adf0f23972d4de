import countries from 'i18n-iso-countries';
import { buildGazetteer, gazetteerMatches, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecogniseContext, RecogniseMode, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';

const cache = new Map<string, Gazetteer>();
const ENGLISH_REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
const EXTRA_EN: Readonly<Record<string, string>> = lookupTable({ America: 'US', Holland: 'NL', England: 'GB', Scotland: 'GB', Wales: 'GB', Britain: 'GB' });
/**
 * Whole answers typed in lower case that name a country by a short name or code: most two-letter codes are words
 * or fillers as an answer ("it", "me", "um"), these are how people write the two countries ("the states" too).
 */
const LOWER_CASE_ANSWERS: ReadonlyMap<string, string> = new Map([['us', 'US'], ['uk', 'GB'], ['the states', 'US'], ['states', 'US']]);

/** The CLDR locale Intl.DisplayNames names regions in for a language, if any (`tl` -> `fil`); none for a malformed tag. */
function displayLocale(lang: string): string | undefined {
  try {
    return Intl.DisplayNames.supportedLocalesOf([lang])[0];
  } catch {
    return undefined;
  }
}

/**
 * Every name of every country in English and the context language (i18n-iso-countries, CLDR), plus its codes.
 * A language the package lacks (Filipino `fil`, and `tl`, which CLDR reads as `fil`) has its names from Intl.DisplayNames only.
 */
function countryGazetteer(language: string): Gazetteer {
  const lang = primaryLanguage(language);
  let g = cache.get(lang);
  if (g !== undefined) return g;
  const entries: GazetteerEntry[] = [];
  const langs = [...new Set(['en', lang])].filter((l) => countries.langs().includes(l));
  const displayOnly = langs.includes(lang) ? undefined : displayLocale(lang);
  const add = (name: string, alpha2: string): void => {
    entries.push({ phrase: name, value: alpha2, strictness: /^[A-Z.]{2,5}$/.test(name) ? 'code' : 'open' });
  };
  for (const l of langs) {
    const display = new Intl.DisplayNames([l], { type: 'region' });
    for (const [alpha2, names] of Object.entries(countries.getNames(l, { select: 'all' }))) {
      for (const name of [...names, display.of(alpha2) ?? '']) add(name, alpha2);
    }
  }
  if (displayOnly !== undefined) {
    const display = new Intl.DisplayNames([displayOnly], { type: 'region', fallback: 'none' });
    for (const alpha2 of Object.keys(countries.getAlpha2Codes())) add(display.of(alpha2) ?? '', alpha2);
  }
  for (const [name, alpha2] of Object.entries(EXTRA_EN)) entries.push({ phrase: name, value: alpha2 });
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
    entries.push({ phrase: alpha2, value: alpha2, strictness: 'code' }, { phrase: alpha3, value: alpha2, strictness: 'code' });
  }
  g = buildGazetteer(entries, lang);
  cache.set(lang, g);
  return g;
}

function findCountries(text: string, ctx: RecogniseContext, mode: RecogniseMode, as: (alpha2: string) => string): RecognisedValue[] {
  const said = /^(\s*)(.*?)[\s.!?]*$/s.exec(text)!;
  const lowerCase = mode === 'answer' ? LOWER_CASE_ANSWERS.get(said[2]!.toLowerCase()) : undefined;
  if (lowerCase !== undefined) return [{ value: as(lowerCase), start: said[1]!.length, end: said[1]!.length + said[2]!.length }];
  return selectPhraseMatches(gazetteerMatches(countryGazetteer(ctx.language), text, mode, { typosInAnswers: true }))
    .map(({ value, start, end }) => ({ value: as(value), start, end }));
}

/** Twilio.COUNTRY: the country's CLDR English name (`United States`, `Germany`, `Cote d'Ivoire` with a straight apostrophe). */
export const recogniseCountry: Recogniser = (text, ctx, mode) =>
  findCountries(text, ctx, mode, (a2) => (ENGLISH_REGIONS.of(a2) ?? a2).replace(/’/g, "'"));

/** Twilio.COUNTRY_ISO_ALPHA2: `US`, `DE`, from a country name or code. */
export const recogniseCountryAlpha2: Recogniser = (text, ctx, mode) => findCountries(text, ctx, mode, (a2) => a2);

/** Twilio.COUNTRY_ISO_ALPHA3: `USA`, `DEU`, from a country name or code. */
export const recogniseCountryAlpha3: Recogniser = (text, ctx, mode) => findCountries(text, ctx, mode, (a2) => countries.alpha2ToAlpha3(a2) ?? a2);
