import { describe, expect, it } from 'vitest';
import { recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string, region?: string): RecogniseContext => ({
  referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language, ...(region === undefined ? {} : { region }),
});
const answer = (type: string, text: string, language: string, region?: string): string | null =>
  recogniseAnswer(type, text, new Map(), at(language, region))?.value ?? null;

// National numbers and the bare `$` are read where the bot's language says, not always in the US.
describe('Twilio.PHONE_NUMBER: national numbers in the region the language means', () => {
  it.each([
    ['fr-FR', '06 12 34 56 78', '+33612345678'],
    ['de-DE', '030 1234567', '+49301234567'],
    ['de-DE', '0171 2345678', '+491712345678'],
    ['it-IT', '333 123 4567', '+393331234567'],
    ['es-MX', '55 1234 5678', '+525512345678'],
    ['es-ES', '612 34 56 78', '+34612345678'],
    ['es', '612 34 56 78', '+34612345678'],
    ['pt-BR', '(11) 98765-4321', '+5511987654321'],
    ['fil-PH', '0917 123 4567', '+639171234567'],
    ['en-GB', '020 7946 0958', '+442079460958'],
    ['en-US', '415 555 0199', '+14155550199'],
    ['en', '415 555 0199', '+14155550199'],
    // A number with its country code is that country's whatever the language; a North American number given as one
    // ("1 415 ...", or ten digits that are no valid number of the region) too.
    ['fr-FR', '+1 415 555 0199', '+14155550199'],
    ['en-GB', '1 415 555 1234', '+14155551234'],
    ['en-GB', '415 555 1234', '+14155551234'],
    ['en-GB', '1-800-555-1234', '+18005551234'],
    // Fragments that some regions allow as local numbers are none.
    ['en-CA', '555-1234', null],
    ['en-AU', '12345678', null],
  ] as Array<[string, string, string | null]>)('%s: %j is %s', (language, text, expected) => {
    expect(answer('Twilio.PHONE_NUMBER', text, language)).toBe(expected);
  });

  it('takes the region it is given over the language', () => {
    expect(answer('Twilio.PHONE_NUMBER', '415 555 0199', 'es-MX', 'US')).toBe('+14155550199');
  });
});

describe('Twilio.CURRENCY: the bare $ of the region', () => {
  it.each([
    ['es-MX', '$200', 'MXN 200'], ['en-US', '$5', 'USD 5'], ['en-CA', '$5', 'CAD 5'], ['fr-FR', '$5', 'USD 5'],
    // The word "dollars" is a dollar: US dollars in Mexico, Canadian in Canada.
    ['es-MX', '20 dólares', 'USD 20'], ['pt-BR', '20 dólares', 'USD 20'], ['en-CA', '20 dollars', 'CAD 20'],
  ])('%s: %j is %s', (language, text, expected) => {
    expect(answer('Twilio.CURRENCY', text, language)).toBe(expected);
  });
});
