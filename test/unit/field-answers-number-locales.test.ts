import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (text: string, language: string): string | null => recogniseAnswer('Twilio.NUMBER', text, none, at(language))?.value ?? null;
const found = (text: string, language: string): string[] => findValues('Twilio.NUMBER', text, none, at(language)).map((v) => v.value);

describe('NUMBER: decimal mark and thousands separator of the locale, not of the language', () => {
  it.each([
    // Mexico, the US and most of Latin America write 1,200.50 in Spanish.
    ['1,200', 'es-MX', '1200'],
    ['2.5', 'es-MX', '2.5'],
    ['12.50', 'es-MX', '12.50'],
    ['1,200.50', 'es-MX', '1200.50'],
    ['1,200', 'es-US', '1200'],
    ['3.75', 'es-419', '3.75'],
    ['tengo 1,500 pesos', 'es-MX', '1500'],
    // Spain and Argentina write 1.200,50.
    ['1.200', 'es-ES', '1200'],
    ['3,5', 'es-ES', '3.5'],
    ['1.200,50', 'es-AR', '1200.50'],
    ['1.200', 'de-DE', '1200'],
    ['3,5', 'de-DE', '3.5'],
    ['1,200', 'en-US', '1200'],
    ['3.5', 'en-US', '3.5'],
    // English keeps the point whatever its region's official mark (CLDR: en-ZA, en-DE write a decimal comma).
    ['3.5', 'en-ZA', '3.5'],
    ['1,200', 'en-ZA', '1200'],
    ['1,200', 'en-DE', '1200'],
    // French groups with a (narrow) no-break space or a plain space; the comma is decimal.
    ['1 200', 'fr-FR', '1200'],
    ['1\u202f200', 'fr-FR', '1200'],
    ['1\u00a0200', 'fr-FR', '1200'],
    ['1 200,50', 'fr-FR', '1200.50'],
    ['12 345 678', 'fr-FR', '12345678'],
    ['3,5', 'fr-FR', '3.5'],
    ['1.200', 'fr-FR', '1200'],
    ['1 200', 'fr-CA', '1200'],
    // Swiss German groups with an apostrophe.
    ["1'234.50", 'de-CH', '1234.50'],
    ['1’234', 'de-CH', '1234'],
  ])('%j (%s) -> %s', (text, language, expected) => {
    expect(answer(text, language)).toBe(expected);
  });

  it.each([
    ["j'ai payé 1 200 euros hier", 'fr-FR', ['1200']],
    ['entre 2 et 3 heures', 'fr-FR', ['2', '3']],
    // Only groups of exactly three digits join.
    ['1 20', 'fr-FR', ['1', '20']],
    ['1 2000', 'fr-FR', ['1', '2000']],
    // A space does not group thousands where the locale's separator is not a space.
    ['1 200', 'en-US', ['1', '200']],
    ['1 200', 'es-MX', ['1', '200']],
  ])('inside %j (%s) -> %j', (text, language, expected) => {
    expect(found(text, language)).toEqual(expected);
  });
});
