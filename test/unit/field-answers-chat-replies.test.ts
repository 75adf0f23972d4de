import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

// Sunday 2026-11-22, noon UTC.
const ctx: RecogniseContext = { referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language: 'en-US' };
const none = new Map();
const answer = (type: string, text: string): string | null => recogniseAnswer(type, text, none, ctx)?.value ?? null;
const found = (type: string, text: string): string[] => findValues(type, text, none, ctx).map((v) => v.value);

// Replies as people type them in chats and SMS, found by a probe that texted the template bots.
describe('Twilio.COUNTRY: codes typed in lower case as the whole answer', () => {
  it.each([
    ['uk', 'United Kingdom'], ['us', 'United States'], ['usa', 'United States'], ['the states', 'United States'], ['UK', 'United Kingdom'],
    ['us.', 'United States'],
    // Other two-letter codes typed in lower case are words or fillers as an answer.
    ['no', null], ['ok', null], ['yes', null], ['um', null], ['it', null], ['me?', null], ['in', null], ['be', null], ['so', null], ['It.', null],
    ['which states do you ship to', null],
  ])('%j is %s', (text, expected) => {
    expect(answer('Twilio.COUNTRY', text)).toBe(expected);
  });

  it.each([
    ['which states do you ship to', []],
    ['Member States of the EU', []],
    ['i live in the us', []],
  ])('%j has %j in it', (text, expected) => {
    expect(found('Twilio.COUNTRY', text)).toEqual(expected);
  });
});

describe('Twilio.YES_NO: common refusals and thumbs', () => {
  it.each([
    ['not interested', 'No'], ['not interested, thanks', 'No'], ['not at the moment', 'No'], ['not yet', 'No'], ['not today', 'No'],
    ['👍', 'Yes'], ['👍🏽', 'Yes'], ['✅', 'Yes'], ['👎', 'No'], ['❌', 'No'],
    ['not yet sure', null], ['not sure yet', null],
    ['not interested at all', 'No'], ['not today thanks', 'No'], ["I'm not interested in that", 'No'], ['not at the moment, call me later', 'No'],
  ])('%j is %s', (text, expected) => {
    expect(answer('Twilio.YES_NO', text)).toBe(expected);
  });

  it('takes "not yet" only at the end of an answer', () => {
    expect(found('Twilio.YES_NO', 'I have not yet decided about the room')).toEqual([]);
  });
});

describe('Twilio.DATE: chat spellings of day words', () => {
  it.each([
    ['tues', '2026-11-24'], ['weds', '2026-11-25'], ['tonite', '2026-11-22'], ['2moro', '2026-11-23'], ['tomorow', '2026-11-23'],
    ['tommorow', '2026-11-23'], ['next tues', '2026-11-24'],
  ])('%j is %s', (text, expected) => {
    expect(answer('Twilio.DATE', text)).toBe(expected);
  });

  it('reads them inside a sentence too', () => {
    expect(found('Twilio.DATE', 'can we do tues at 5')).toEqual(['2026-11-24']);
    expect(found('Twilio.TIME', 'can we do tues at 5')).toEqual(['05:00']);
    expect(found('Twilio.DATE', 'see you on weds')).toEqual(['2026-11-25']);
    expect(answer('Twilio.TIME', 'tonite at 8')).toBe('20:00');
  });

  it.each([['tues please', '2026-11-24'], ['how about tues', '2026-11-24'], ['Tues is fine', '2026-11-24'], ['weds works for me', '2026-11-25']])(
    'reads the whole answer %j as %s', (text, expected) => {
      expect(answer('Twilio.DATE', text)).toBe(expected);
    },
  );

  it('finds both in "tues or weds"', () => {
    expect(found('Twilio.DATE', 'tues or weds')).toEqual(['2026-11-24', '2026-11-25']);
  });

  // "Tues" is also a name, "weds" a verb.
  it.each(['Tues Smith is coming', 'who weds whom', 'my friend Tues', 'she weds him in june'])('%j has no Tuesday or Wednesday', (text) => {
    expect(found('Twilio.DATE', text).filter((d) => d === '2026-11-24' || d === '2026-11-25')).toEqual([]);
  });
});

describe('chat fillers and "anywhere" answer no free-text question', () => {
  it.each(['idk lol', 'anywhere', 'surprise me', 'up to you', 'haha', 'no preference'])('%j is no city and no name', (text) => {
    expect(answer('Twilio.CITY', text)).toBeNull();
    expect(answer('Twilio.FIRST_NAME', text)).toBeNull();
  });

  it('still reads a city with a filler beside it', () => {
    expect(answer('Twilio.CITY', 'Paris lol')).toBe('Paris');
  });
});

describe('codes and addresses typed the way people type them', () => {
  it.each([
    ['ab-12c', 'AB12C'], ['xj-4471', 'XJ4471'], ['Xj-4471', 'XJ4471'], ['zx-99-ab', 'ZX99AB'], ['xj 4471', 'XJ4471'], ['abc 123', 'ABC123'],
    ['my 12', null], ['3 pm', null], ['the 5th', null], ['room 12', null], ['top 10', null], ['5 min', null], ['jan 5', null],
    // A word beside a code is no part of it.
    ['gate b12', 'B12'], ['seat 12a', '12A'],
  ])('ALPHANUMERIC: the whole answer %j is %s', (text, expected) => {
    expect(answer('Twilio.ALPHANUMERIC', text)).toBe(expected);
  });

  it.each([["o'brien@example.com", "o'brien@example.com"], ['o’brien@example.com', "o'brien@example.com"], ["'jo@example.com'", 'jo@example.com']])(
    'EMAIL: %j is %s', (text, expected) => {
      expect(answer('Twilio.EMAIL', text)).toBe(expected);
    },
  );
});
