import countries from 'i18n-iso-countries';
import { buildGazetteer, gazetteerMatches, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecogniseContext, RecogniseMode, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';
import { recogniseYesNo } from './yes-no-recogniser.js';

const cache = new Map<string, Gazetteer>();
const ENGLISH_REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
const EXTRA_EN: Readonly<Record<string, string>> = lookupTable({ America: 'US', Holland: 'NL', England: 'GB', Scotland: 'GB', Wales: 'GB', Britain: 'GB' });
/** "the States": capitalised inside a sentence ("which states do you ship to" is none), any case as a whole answer. */
const STATES_AS_US: GazetteerEntry = { phrase: 'States', value: 'US', strictness: 'word' };

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
  entries.push(STATES_AS_US);
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
    entries.push({ phrase: alpha2, value: alpha2, strictness: 'code' }, { phrase: alpha3, value: alpha2, strictness: 'code' });
  }
  g = buildGazetteer(entries, lang);
  cache.set(lang, g);
  return g;
}

function findCountries(text: string, ctx: RecogniseContext, mode: RecogniseMode, as: (alpha2: string) => string): RecognisedValue[] {
  // A whole answer "uk" or "us" is the country, as "ca" is California; a bare "no" is a reply, not Norway.
  const lowercaseCodesInAnswers = recogniseYesNo(text, ctx, 'answer').length === 0;
  return selectPhraseMatches(gazetteerMatches(countryGazetteer(ctx.language), text, mode, { typosInAnswers: true, lowercaseCodesInAnswers }))
    .map(({ value, start, end }) => ({ value: as(value), start, end }));
}

/** Twilio.COUNTRY: the country's CLDR English name (`United States`, `Germany`, `Cote d'Ivoire` with a straight apostrophe). */
export const recogniseCountry: Recogniser = (text, ctx, mode) =>
  findCountries(text, ctx, mode, (a2) => (ENGLISH_REGIONS.of(a2) ?? a2).replace(/’/g, "'"));

/** Twilio.COUNTRY_ISO_ALPHA2: `US`, `DE`, from a country name or code. */
export const recogniseCountryAlpha2: Recogniser = (text, ctx, mode) => findCountries(text, ctx, mode, (a2) => a2);

/** Twilio.COUNTRY_ISO_ALPHA3: `USA`, `DEU`, from a country name or code. */
export const recogniseCountryAlpha3: Recogniser = (text, ctx, mode) => findCountries(text, ctx, mode, (a2) => countries.alpha2ToAlpha3(a2) ?? a2);
