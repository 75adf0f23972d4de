import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): string[] => findValues(type, text, none, at(language)).map((v) => v.value);

describe('CITY: a name spelled in another language is not turned into a different listed city', () => {
  it.each([
    // Typed with its diacritics: not a typo of Munchon; an unlisted city as typed.
    ['München', 'de-DE', 'München'],
    ['ich wohne in München', 'de-DE', 'München'],
    ['Ich komme aus München', 'de-DE', 'München'],
    // A listed city only as the tail of a longer name: the whole name wins.
    ['Nueva York', 'es-MX', 'Nueva York'],
    ['vivo en Nueva York', 'es-MX', 'Nueva York'],
    ['nueva york', 'es-MX', 'Nueva York'],
    ['Nueva Orleans', 'es-MX', 'Nueva Orleans'],
    // Lower-case particles between the capitalised words of an unlisted name.
    ['Ciudad de México', 'es-MX', 'Ciudad de México'],
    ['vivo en Ciudad de México', 'es-MX', 'Ciudad de México'],
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
    ['vivo en Nueva York desde 2010', 'es-MX', []],
    ['Vamos a Nueva Orleans el lunes', 'es-MX', []],
    ['I flew from York to London', 'en-US', ['York', 'London']],
    ['In Paris I met friends from New York', 'en-US', ['Paris', 'New York']],
  ])('inside %j (%s) -> %j', (text, language, expected) => {
    expect(found('Twilio.CITY', text, language)).toEqual(expected);
  });
});
