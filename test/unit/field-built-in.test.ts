import { describe, expect, it } from 'vitest';
import { BUILT_IN_FIELD_TYPES, builtInFieldType } from '../../src/domain/built-in-field-types.js';
import { BUILT_IN_RECOGNISERS } from '../../src/nlu/fields/built-in-recognisers.js';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

// Thursday 2024-03-14, 22:00 in New York (already Friday 02:00 in UTC).
const NY: RecogniseContext = { referenceTime: new Date('2024-03-15T02:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const PARIS: RecogniseContext = { ...NY, timeZone: 'Europe/Paris' }; // Friday 03:00
const SPANISH: RecogniseContext = { ...NY, language: 'es-ES' };
const none = new Map();
const answer = (type: string, text: string, ctx: RecogniseContext = NY): string | null => recogniseAnswer(type, text, none, ctx)?.value ?? null;

describe('built-in recognisers', () => {
  it('cover exactly the 19 Autopilot built-in types', () => {
    expect(Object.keys(BUILT_IN_RECOGNISERS).sort()).toEqual(Object.keys(BUILT_IN_FIELD_TYPES).sort());
  });

  it('accept a type by SID or in any case', () => {
    expect(answer('twilio.yes_no', 'yep')).toBe('Yes');
    expect(answer(BUILT_IN_FIELD_TYPES['Twilio.NUMBER']!, 'seven')).toBe('7');
    expect(builtInFieldType('TWILIO.DATE')).toBe('Twilio.DATE');
    expect(builtInFieldType(BUILT_IN_FIELD_TYPES['Twilio.CITY']!.toUpperCase())).toBe('Twilio.CITY');
    expect(builtInFieldType('Custom.DATE')).toBeUndefined();
    expect(builtInFieldType('constructor')).toBeUndefined();
  });
});

describe('whole answers', () => {
  it.each([
    ['Twilio.DATE', 'tomorrow', '2024-03-15'],
    ['Twilio.DATE', 'today', '2024-03-14'],
    ['Twilio.DATE', 'next friday', '2024-03-22'],
    ['Twilio.DATE', 'friday', '2024-03-15'],
    ['Twilio.DATE', 'the 5th', '2024-04-05'],
    ['Twilio.DATE', 'on the 20th please', '2024-03-20'],
    ['Twilio.DATE', 'the day after tomorrow', '2024-03-16'],
    ['Twilio.DATE', 'March 3rd', '2025-03-03'],
    ['Twilio.DATE', 'December 25, 2024', '2024-12-25'],
    ['Twilio.DATE', '12/25/2024', '2024-12-25'],
    ['Twilio.DATE', 'in two weeks', '2024-03-28'],
    ['Twilio.DATE', 'tomorrow at 3pm', '2024-03-15'],
    ['Twilio.DATE', 'no idea', null],
    ['Twilio.DATE', 'March', null],
    ['Twilio.TIME', '3pm', '15:00'],
    ['Twilio.TIME', 'at 10:30 am', '10:30'],
    ['Twilio.TIME', 'half past four', '04:30'],
    ['Twilio.TIME', 'quarter to five in the afternoon', '16:45'],
    ['Twilio.TIME', 'four thirty pm', '16:30'],
    ['Twilio.TIME', 'noon', '12:00'],
    ['Twilio.TIME', 'midnight', '00:00'],
    ['Twilio.TIME', "ten o'clock", '10:00'],
    ['Twilio.TIME', 'tonight at 8', '20:00'],
    ['Twilio.TIME', 'tomorrow', null],
    ['Twilio.YES_NO', 'yes', 'Yes'],
    ['Twilio.YES_NO', 'Yeah sure', 'Yes'],
    ['Twilio.YES_NO', 'yep', 'Yes'],
    ['Twilio.YES_NO', 'Yesss please!', 'Yes'],
    ['Twilio.YES_NO', 'that is correct', 'Yes'],
    ['Twilio.YES_NO', 'no problem', 'Yes'],
    ['Twilio.YES_NO', 'nope', 'No'],
    ['Twilio.YES_NO', 'nah', 'No'],
    ['Twilio.YES_NO', 'no thank you', 'No'],
    ['Twilio.YES_NO', "I'm not sure", null],
    ['Twilio.YES_NO', 'maybe', null],
    ['Twilio.YES_NO', 'the blue one', null],
    ['Twilio.NUMBER', 'twenty three', '23'],
    ['Twilio.NUMBER', 'twenty-three', '23'],
    ['Twilio.NUMBER', '1,200', '1200'],
    ['Twilio.NUMBER', '9 4 1 0 5', '94105'], // a number said digit by digit, as speech recognition writes it
    ['Twilio.NUMBER', 'nine four one oh five', '94105'],
    ['Twilio.NUMBER', 'two or three', '3'], // not 23: words between them (the longer value wins, as before)
    ['Twilio.NUMBER', '2-3', '2'], // a range, a list, two numbers: not glued
    ['Twilio.NUMBER', '3, 4', '3'],
    ['Twilio.NUMBER', '4 4', '4'],
    ['Twilio.NUMBER', 'one two', '1'],
    ['Twilio.NUMBER', 'four double two', '422'], // "double two" is two digits
    ['Twilio.NUMBER', 'triple five one', '5551'],
    ['Twilio.NUMBER', '5-5-5-1-2-3-4', '5551234'], // a long punctuated run, as transcripts write digits
    ['Twilio.NUMBER', '5, 5, 5, 1, 2, 3, 4', '5551234'],
    ['Twilio.NUMBER', 'about 3.5 please', '3.5'],
    ['Twilio.NUMBER', 'one hundred and five', '105'],
    ['Twilio.NUMBER', 'a hundred', '100'],
    ['Twilio.NUMBER', 'two thousand twenty four', '2024'],
    ['Twilio.NUMBER', 'three point one four', '3.14'],
    ['Twilio.NUMBER', '1.5 million', '1500000'],
    ['Twilio.NUMBER', 'minus 5', '-5'],
    ['Twilio.NUMBER', 'none of them', null],
    ['Twilio.NUMBER_SEQUENCE', 'four five six', '456'],
    ['Twilio.NUMBER_SEQUENCE', 'nine oh two one oh', '90210'],
    ['Twilio.NUMBER_SEQUENCE', 'double five seven', '557'],
    ['Twilio.NUMBER_SEQUENCE', '1234#', '1234'],
    ['Twilio.NUMBER_SEQUENCE', 'my account is 1234 5678', '12345678'],
    ['Twilio.NUMBER_SEQUENCE', 'I do not know', null],
    ['Twilio.ALPHANUMERIC', 'ab12c', 'AB12C'],
    ['Twilio.ALPHANUMERIC', 'my code is alpha bravo one two', 'AB12'],
    ['Twilio.ALPHANUMERIC', 'claim number XJ-4471', 'XJ4471'],
    ['Twilio.ALPHANUMERIC', 'A B C', 'ABC'],
    ['Twilio.ALPHANUMERIC', 'hello there', null],
    ['Twilio.PHONE_NUMBER', '(415) 555-1234', '+14155551234'],
    ['Twilio.PHONE_NUMBER', '415.555.1234', '+14155551234'],
    ['Twilio.PHONE_NUMBER', 'five five five one two three four five six seven', '+15551234567'],
    ['Twilio.PHONE_NUMBER', 'one eight hundred five five five one two one two', '+18005551212'],
    ['Twilio.PHONE_NUMBER', 'call me on +44 20 7946 0958', '+442079460958'],
    ['Twilio.PHONE_NUMBER', '12345', null],
    ['Twilio.EMAIL', 'John.Smith@Gmail.com', 'john.smith@gmail.com'],
    ['Twilio.EMAIL', 'john dot smith at gmail dot com', 'john.smith@gmail.com'],
    ['Twilio.EMAIL', 'it is j o h n underscore d at yahoo dot co dot uk', 'john_d@yahoo.co.uk'],
    ['Twilio.EMAIL', 'meet me at home', null],
    ['Twilio.MONTH', 'march', 'March'],
    ['Twilio.MONTH', 'in Sept', 'September'],
    ['Twilio.MONTH', 'sometime in the summer', null],
    ['Twilio.DAY_OF_WEEK', 'thurs', 'Thursday'],
    ['Twilio.DAY_OF_WEEK', 'on mondays', 'Monday'],
    ['Twilio.DAY_OF_WEEK', 'tomorrow', 'Friday'],
    ['Twilio.DAY_OF_WEEK', 'whenever', null],
    ['Twilio.US_STATE', 'ca', 'California'],
    ['Twilio.US_STATE', 'I live in New York', 'New York'],
    ['Twilio.US_STATE', 'washington dc', 'District of Columbia'],
    ['Twilio.US_STATE', 'ok', null],
    ['Twilio.COUNTRY', 'usa', 'United States'],
    ['Twilio.COUNTRY', 'I am from Germany', 'Germany'],
    ['Twilio.COUNTRY', 'Ivory Coast', "Côte d'Ivoire"],
    ['Twilio.COUNTRY', 'no', null],
    ['Twilio.COUNTRY_ISO_ALPHA2', 'the United Kingdom', 'GB'],
    ['Twilio.COUNTRY_ISO_ALPHA2', 'DE', 'DE'],
    ['Twilio.COUNTRY_ISO_ALPHA3', 'Germany', 'DEU'],
    ['Twilio.COUNTRY_ISO_ALPHA3', 'Germny', 'DEU'],
    ['Twilio.CITY', 'chicago', 'Chicago'],
    ['Twilio.CITY', 'I live in Palo Alto', 'Palo Alto'],
    ['Twilio.CITY', 'São Paulo', 'Sao Paulo'],
    ['Twilio.CITY', 'yes', null],
    ['Twilio.CURRENCY', '$20', 'USD 20'],
    ['Twilio.CURRENCY', 'twenty dollars and fifty cents', 'USD 20.50'],
    ['Twilio.CURRENCY', '5 euros', 'EUR 5'],
    ['Twilio.CURRENCY', 'EUR 100', 'EUR 100'],
    ['Twilio.CURRENCY', 'British pounds', 'GBP'],
    ['Twilio.CURRENCY', 'I won the game', null],
    ['Twilio.LANGUAGE', 'spanish', 'Spanish'],
    ['Twilio.LANGUAGE', 'Deutsch', 'German'],
    ['Twilio.LANGUAGE', 'fr', 'French'],
    ['Twilio.LANGUAGE', 'pt-BR please', 'Portuguese'],
    ['Twilio.LANGUAGE', 'no', null],
    ['Twilio.FIRST_NAME', 'my name is john smith', 'John'],
    ['Twilio.FIRST_NAME', 'Zoltan', 'Zoltan'],
    ['Twilio.FIRST_NAME', 'yes', null],
    ['Twilio.LAST_NAME', 'my name is john smith', 'Smith'],
    ['Twilio.LAST_NAME', "it's John van Dyke", 'van Dyke'],
    ['Twilio.LAST_NAME', 'I have 2 kids', null],
  ])('%s reads %j as %j', (type, text, expected) => {
    expect(answer(type, text)).toBe(expected);
  });

  it('resolves relative dates in the given time zone', () => {
    expect(answer('Twilio.DATE', 'tomorrow', PARIS)).toBe('2024-03-16');
    expect(answer('Twilio.DATE', 'today', PARIS)).toBe('2024-03-15');
    expect(answer('Twilio.DAY_OF_WEEK', 'today', PARIS)).toBe('Friday');
  });

  it.each([
    ['Twilio.DATE', 'pasado mañana', '2024-03-16'],
    ['Twilio.DATE', 'el 5 de abril', '2024-04-05'],
    ['Twilio.TIME', 'a las ocho y media de la tarde', '20:30'],
    ['Twilio.YES_NO', 'claro que sí', 'Yes'],
    ['Twilio.NUMBER', 'treinta y dos', '32'],
    ['Twilio.MONTH', 'enero', 'January'],
    ['Twilio.COUNTRY', 'Alemania', 'Germany'],
  ])('in Spanish, %s reads %j as %j', (type, text, expected) => {
    expect(answer(type, text, SPANISH)).toBe(expected);
  });

  // Each row was wrong before the thirteenth session (found by probing the recognisers).
  const APRIL_15: RecogniseContext = { referenceTime: new Date('2024-04-15T15:00:00Z'), timeZone: 'UTC', language: 'en-US' }; // a Monday
  it.each([
    ['Twilio.NUMBER', 'constructor', null, NY],
    ['Twilio.NUMBER', 'twenty toString', '20', NY],
    ['Twilio.CURRENCY', 'toString', null, NY],
    ['Twilio.NUMBER', '12345678901234567890', '12345678901234567890', NY],
    ['Twilio.NUMBER', '4111 1111 1111 1111'.replace(/ /g, ''), '4111111111111111', NY],
    ['Twilio.NUMBER', '1000000000 trillion', '1000000000000000000000', NY],
    ['Twilio.YES_NO', 'absolutely not', 'No', NY],
    ['Twilio.YES_NO', 'of course not', 'No', NY],
    ['Twilio.YES_NO', 'of course', 'Yes', NY],
    ['Twilio.LAST_NAME', 'van Dyke', 'van Dyke', NY],
    ['Twilio.DATE', 'the 31st', '2024-05-31', APRIL_15],
    ['Twilio.DATE', 'the 15th', '2024-04-15', APRIL_15],
    ['Twilio.DATE', 'March 14', '2024-03-14', NY], // said on 14 March at 22:00, after the implied noon
    ['Twilio.DATE', 'March 13', '2025-03-13', NY],
    ['Twilio.DATE', 'last friday', '2024-04-12', APRIL_15],
    ['Twilio.DATE', 'friday', '2024-04-19', APRIL_15],
  ] as const)('reads %s %j as %j', (type, text, expected, ctx) => {
    expect(answer(type, text, ctx)).toBe(expected);
  });

  it('still finds a phone number after a long run of digits (the scan from each token stops past 15 digits)', () => {
    const found = findValues('Twilio.PHONE_NUMBER', `${'1 '.repeat(400)}then call (415) 555-1234`, none, NY).map((v) => v.value);
    expect(found).toContain('+14155551234');
  });

  it('reports the span the value came from', () => {
    expect(recogniseAnswer('Twilio.TIME', 'book it for 3pm please', none, NY)).toEqual({ value: '15:00', start: 12, end: 15 });
    expect(recogniseAnswer('Twilio.DATE', 'on friday', none, NY)).toEqual({ value: '2024-03-15', start: 3, end: 9 });
  });
});

describe('values inside sentences', () => {
  it.each([
    ['Twilio.CITY', 'Nice to meet you, I fly from Paris to Nice tomorrow', ['Paris', 'Nice']],
    ['Twilio.CITY', 'I am reading a book', []],
    ['Twilio.MONTH', 'May I come in May?', ['May']],
    ['Twilio.US_STATE', 'Portland, OR or Portland, Maine', ['Oregon', 'Maine']],
    ['Twilio.COUNTRY', 'it is in the US, not in Canada', ['United States', 'Canada']],
    ['Twilio.COUNTRY', 'let us go', []],
    ['Twilio.NUMBER', 'two adults and 3 children', ['2', '3']],
    ['Twilio.FIRST_NAME', 'Hi, this is Sarah Connor calling', ['Sarah']],
    ['Twilio.LAST_NAME', 'Hi, this is Sarah Connor calling', ['Connor']],
    ['Twilio.EMAIL', 'write to a@b.co or to c dot d at e dot org', ['a@b.co', 'c.d@e.org']],
    ['Twilio.ALPHANUMERIC', 'book it at 3pm on the 5th', []],
    ['Twilio.LANGUAGE', 'I speak French and a bit of Italian', ['French', 'Italian']],
  ])('%s in %j', (type, text, expected) => {
    expect(findValues(type, text, none, NY).map((v) => v.value)).toEqual(expected);
  });

  it('does not depend on the host time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Kolkata';
      expect(answer('Twilio.DATE', 'the day after tomorrow')).toBe('2024-03-16');
      expect(answer('Twilio.DATE', 'tomorrow')).toBe('2024-03-15');
    } finally {
      if (before === undefined) delete process.env.TZ; else process.env.TZ = before;
    }
  });
});
