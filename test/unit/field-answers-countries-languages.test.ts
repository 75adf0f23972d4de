import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): string[] => findValues(type, text, none, at(language)).map((v) => v.value);

describe('COUNTRY in a language i18n-iso-countries lacks: CLDR names from Intl.DisplayNames', () => {
  it.each([
    ['Twilio.COUNTRY', 'Pilipinas', 'fil-PH', 'Philippines'],
    ['Twilio.COUNTRY', 'Estados Unidos', 'fil-PH', 'United States'],
    ['Twilio.COUNTRY', 'Timog Korea', 'fil-PH', 'South Korea'],
    ['Twilio.COUNTRY', 'Hilagang Korea', 'fil', 'North Korea'],
    ['Twilio.COUNTRY', 'Pilipinas', 'tl-PH', 'Philippines'],
    ['Twilio.COUNTRY_ISO_ALPHA2', 'Pilipinas', 'fil-PH', 'PH'],
    ['Twilio.COUNTRY_ISO_ALPHA3', 'Estados Unidos', 'tl', 'USA'],
    // English names and codes still count.
    ['Twilio.COUNTRY', 'Japan', 'fil-PH', 'Japan'],
    ['Twilio.COUNTRY', 'PH', 'fil-PH', 'Philippines'],
  ])('%s %j (%s) -> %s', (type, text, language, expected) => {
    expect(answer(type, text, language)).toBe(expected);
  });

  it('finds a Filipino country name inside a sentence', () => {
    expect(found('Twilio.COUNTRY', 'Nakatira ako sa Pilipinas ngayon', 'fil-PH')).toEqual(['Philippines']);
  });
});
