import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): string[] => findValues(type, text, none, at(language)).map((v) => v.value);

describe('CITY: the country or state after a city is not a city of its own', () => {
  it.each([
    // A word naming a country or state is no typo of a city (France is not Franca, Argentina not Argentia).
    ['Paris, France', 'Paris'],
    ['paris france', 'Paris'],
    ['Nice, France', 'Nice'],
    ['Lyon France', 'Lyon'],
    ['Paris in France', 'Paris'],
    ['Cordoba Argentina', 'Córdoba'],
    // A city typed with a typo keeps it beside a region or another city said exactly.
    ['Orlanod Florida', 'Orlando'],
    ['Maimi, Florida', 'Miami'],
    ['Melborne, Victoria', 'Melbourne'],
    ['Chicgo, near Gary', 'Chicago'],
    // A country or state that is also a listed city, right after a city, says where that city is.
    ['Miami, Florida', 'Miami'],
    ['tampa florida', 'Tampa'],
    ['Norfolk, Virginia', 'Norfolk'],
    ['Helena in Montana', 'Helena'],
    ['Coban, Guatemala', 'Coban'],
    // Unchanged.
    ['Athens, Georgia', 'Athens'],
    ['Seattle, Washington', 'Seattle'],
    ['Rome Italy', 'Rome'],
    ['Chicgo, USA', 'Chicago'],
    ['San Fransisco', 'San Francisco'],
    ['Panama City, Panama', 'Panama City'],
    ['Florida', 'Florida'],
    ['Guatemala', 'Guatemala'],
    ['Kuwait', 'Kuwait'],
  ])('%j -> %s', (text, expected) => {
    expect(answer('Twilio.CITY', text, 'en-US')).toBe(expected);
  });

  it.each([
    ['We moved from Seattle, Washington to Athens, Georgia', ['Seattle', 'Athens']],
    ['We drove from Miami, Florida to Norfolk, Virginia', ['Miami', 'Norfolk']],
    ['I flew from Tampa to Guatemala', ['Tampa', 'Guatemala']],
  ])('inside %j -> %j', (text, expected) => {
    expect(found('Twilio.CITY', text, 'en-US')).toEqual(expected);
  });
});

describe('CITY: a name spelled in another language is not turned into a different listed city', () => {
  it.each([
    // Typed with its diacritics: not a typo of Munchon; an unlisted city as typed.
    ['München', 'de-DE', 'München'],
    ['ich wohne in München', 'de-DE', 'München'],
    ['Ich komme aus München', 'de-DE', 'München'],
    // Lower-case particles between the capitalised words of an unlisted name typed in mixed case; never in
    // lower-case replies ("out of town").
    ['Ciudad de México', 'es-MX', 'Ciudad de México'],
    ['vivo en Ciudad de México', 'es-MX', 'Ciudad de México'],
    ['out of town', 'en-US', null],
    ['none of them', 'en-US', null],
    ['middle of nowhere', 'en-US', null],
    // A listed city after a word that also starts longer listed names is still that city (a known gap: "Nueva
    // York" gives York, as "West London" must give London).
    ['I am staying in West London', 'en-US', 'London'],
    ['central london', 'en-US', 'London'],
    // Unchanged.
    ['Munich', 'en-US', 'Munich'],
    ['New York', 'en-US', 'New York'],
    ['I live in New York', 'en-US', 'New York'],
    ['new orleans', 'en-US', 'New Orleans'],
    ['Mexico City', 'es-MX', 'Mexico City'],
    ['Chicgo', 'en-US', 'Chicago'],
    ['York', 'en-US', 'York'],
    // A listed city at the head of a longer name is still that city.
    ['Frankfurt am Main', 'de-DE', 'Frankfurt'],
    ['Ciudad de Guatemala', 'es-GT', 'Guatemala'],
    ['Bogotá', 'es-CO', 'Bogota'],
    ['São Paulo', 'pt-BR', 'Sao Paulo'],
  ])('%j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.CITY', text, language)).toBe(expected);
  });

  it.each([
    ['I need a hotel in West London tonight', 'en-US', ['London']],
    ['my office is in north dallas', 'en-US', ['Dallas']],
    ['two nights in central tokyo', 'en-US', ['Tokyo']],
    ['I flew from York to London', 'en-US', ['York', 'London']],
    ['In Paris I met friends from New York', 'en-US', ['Paris', 'New York']],
  ])('inside %j (%s) -> %j', (text, language, expected) => {
    expect(found('Twilio.CITY', text, language)).toEqual(expected);
  });
});
