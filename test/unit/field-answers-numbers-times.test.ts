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

describe('Twilio.TIME answers that are a bare hour or 24-hour digits', () => {
  it.each([
    ['4', '04:00'],
    ['four', '04:00'],
    ['8', '08:00'],
    ['eight', '08:00'],
    ['Eight.', '08:00'],
    ['12', '12:00'],
    ['around 6', '06:00'],
    ['about six', '06:00'],
    ['6ish', '06:00'],
    ['6-ish', '06:00'],
    ['1600', '16:00'],
    ['1930', '19:30'],
    ['0830', '08:30'],
    ['930', '09:30'],
    ['at 1600', '16:00'],
    ['at 4', '04:00'], // as before, and what a bare hour now matches
    ['tonight at 8', '20:00'],
    ['13', null], // an hour alone is 1-12; 24-hour forms need their minutes
    ['0', null],
    ['2430', null],
    ['1260', null],
    ['I have 4 kids', null],
    ['4 people', null],
  ])('reads %j as %j', (text, expected) => {
    expect(answer('Twilio.TIME', text)).toBe(expected);
  });

  it('reads 24-hour digits and bare hours in other languages too', () => {
    expect(answer('Twilio.TIME', '1600', SPANISH)).toBe('16:00');
    expect(answer('Twilio.TIME', '4', SPANISH)).toBe('04:00');
  });

  it('reports the span of the hour, without the hedges around it', () => {
    expect(recogniseAnswer('Twilio.TIME', 'around 6ish', none, NY)).toEqual({ value: '06:00', start: 7, end: 8 });
  });

  it.each(['4', '1600', 'around 6', 'meet me in room 1600', 'we are 4'])('does not read %j as a time inside sentences', (text) => {
    expect(found('Twilio.TIME', text)).toEqual([]);
  });
});

describe('Twilio.PHONE_NUMBER with commas between groups, as speech transcripts write it', () => {
  it.each([
    ['415, 555, 0199', '+14155550199'],
    ['five one zero, five five five, one two three four', '+15105551234'],
    ['call me on 415, 555, 0199, please', '+14155550199'],
    ['415 555 0199', '+14155550199'], // as before
    ['(415) 555-0199, thanks', '+14155550199'],
    ['415 555 0199, 2 more', '+14155550199'], // the comma-joined run is no number: it ends at the comma
    ['3, 4', null],
    // Lists of numbers are no phone number: groups after the first must have 3 or 4 digits.
    ['10, 20, 30, 40, 50', null],
    ['1, 800, 555, 1234', '+18005551234'],
  ])('reads %j as %j', (text, expected) => {
    expect(answer('Twilio.PHONE_NUMBER', text)).toBe(expected);
  });

  it('ends the span before a trailing comma', () => {
    expect(recogniseAnswer('Twilio.PHONE_NUMBER', '(415) 555-0199, thanks', none, NY)).toEqual({ value: '+14155550199', start: 0, end: 14 });
  });

  it.each(['I need 10, 20, 30, 40, 50 units', 'quantities 100, 200, 300, 4000'])('finds no phone number in the list %j', (text) => {
    expect(found('Twilio.PHONE_NUMBER', text)).toEqual([]);
  });

  it('finds two comma-grouped numbers in a sentence', () => {
    expect(found('Twilio.PHONE_NUMBER', 'it is 415, 555, 0199 or 510, 555, 1234')).toEqual(['+14155550199', '+15105551234']);
  });
});

describe('Twilio.YES_NO answers of one letter', () => {
  it.each([
    ['y', 'Yes'],
    ['n', 'No'],
    ['Y', 'Yes'],
    ['N', 'No'],
    ['Y.', 'Yes'],
    ['n!', 'No'],
    ['y n', null],
    ['plan b or plan n', null],
  ])('reads %j as %j', (text, expected) => {
    expect(answer('Twilio.YES_NO', text)).toBe(expected);
  });

  it.each(['y', 'n', 'I pressed y'])('does not read %j inside sentences', (text) => {
    expect(found('Twilio.YES_NO', text)).toEqual([]);
  });
});
