import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

// Whole collect answers a tester found misread on real bots; the rows marked "as before" must not move.
const NY: RecogniseContext = { referenceTime: new Date('2024-03-15T02:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const SPANISH: RecogniseContext = { ...NY, language: 'es-ES' };
const none = new Map();
const answer = (type: string, text: string, ctx: RecogniseContext = NY): string | null => recogniseAnswer(type, text, none, ctx)?.value ?? null;
const found = (type: string, text: string): string[] => findValues(type, text, none, NY).map((v) => v.value);

describe('Twilio.NUMBER answers to "on a scale of 1 to 10"', () => {
  it.each([
    ['9/10', '9'],
    ['8 out of 10', '8'],
    ["I'd say 9 out of 10", '9'],
    ['7 of 10', '7'],
    ['9 / 10', '9'],
    ['nine out of ten', '9'],
    ['4.5 out of 5', '4.5'],
    ['10/10', '10'],
    ['10', '10'], // as before from here on
    ['12/25', '12'],
    ['25/12', '25'],
    ['12/25/2024', '2024'], // a date, not a score out of 25
    ['3 or 4', '3'],
    ['between 5 and 6', '5'],
    ['1,200', '1200'],
    ['1.5 million', '1500000'],
    ['twenty three', '23'],
    ['3.50', '3.50'],
    ['three point one four', '3.14'],
    ['9 4 1 0 5', '94105'],
  ])('reads %j as %j', (text, expected) => {
    expect(answer('Twilio.NUMBER', text)).toBe(expected);
  });

  it('still finds both numbers inside a sentence', () => {
    expect(found('Twilio.NUMBER', 'I rated it 9 out of 10')).toEqual(['9', '10']);
  });
});
