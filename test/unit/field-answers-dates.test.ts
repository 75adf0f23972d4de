import { describe, expect, it } from 'vitest';
import {
  extractFields, findValues, recogniseAnswer, trainFieldExtractor, type RecogniseContext,
} from '../../src/nlu/fields/field-recognition.js';

// Sunday 2026-11-22, 10:00 in New York. chrono's "next monday" is tomorrow (the Monday-to-Sunday week after this one).
const SUNDAY: RecogniseContext = { referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
// Thursday 2024-03-14, 22:00 in New York: "next friday" is 2024-03-22, not tomorrow.
const THURSDAY: RecogniseContext = { ...SUNDAY, referenceTime: new Date('2024-03-15T02:00:00Z') };
const none = new Map();
const answer = (text: string, ctx: RecogniseContext): string | null => recogniseAnswer('Twilio.DATE', text, none, ctx)?.value ?? null;
const found = (text: string, ctx: RecogniseContext): Array<[string, string]> =>
  findValues('Twilio.DATE', text, none, ctx).map((v) => [v.value, text.slice(v.start, v.end)]);

describe('Twilio.DATE: "<n> <unit> from <anchor>" and "<weekday> after next" as whole answers', () => {
  it.each([
    ['a week from tomorrow', '2026-11-30', SUNDAY],
    ['a month from today', '2026-12-22', SUNDAY],
    ['a month from now', '2026-12-22', SUNDAY],
    ['one year from now', '2027-11-22', SUNDAY],
    ['two days from yesterday', '2026-11-23', SUNDAY],
    ['3 weeks from today', '2026-12-13', SUNDAY],
    ['ten days from tomorrow', '2026-12-03', SUNDAY],
    ['a week from Monday', '2026-11-30', SUNDAY], // the Monday said alone (tomorrow), plus seven days
    ['two weeks from next Monday', '2026-12-07', SUNDAY],
    ['a week from the 5th', '2026-12-12', SUNDAY],
    ['a month from January 31', '2027-02-28', SUNDAY], // no 31 February: the month's last day
    ['a week from friday', '2024-03-22', THURSDAY], // "friday" alone is tomorrow there
    ['Friday after next', '2026-12-04', SUNDAY],
    ['the friday after next', '2026-12-04', SUNDAY],
    ['monday after next', '2026-11-30', SUNDAY],
    ['friday after next', '2024-03-29', THURSDAY], // "next friday" (2024-03-22) plus seven days
    ['a week from friday after next', '2026-12-11', SUNDAY],
    // Unchanged readings around them.
    ['next friday', '2026-11-27', SUNDAY],
    ['next friday', '2024-03-22', THURSDAY],
    ['a week from now', '2026-11-29', SUNDAY],
    ['two days from now', '2026-11-24', SUNDAY],
    ['in two weeks', '2026-12-06', SUNDAY],
    ['tomorrow', '2026-11-23', SUNDAY],
  ])('%j -> %s', (text, expected, ctx) => {
    expect(answer(text, ctx)).toBe(expected);
  });

  it('spans the whole phrase', () => {
    expect(recogniseAnswer('Twilio.DATE', 'on the friday after next please', none, SUNDAY)).toEqual({ value: '2026-12-04', start: 3, end: 24 });
  });
});

describe('Twilio.DATE: the weekday of today, whatever the hour', () => {
  // Thursday 2024-03-14 in UTC: chrono made "thursday" today before noon and next week after.
  const at = (iso: string): RecogniseContext => ({ referenceTime: new Date(iso), timeZone: 'UTC', language: 'en-US' });
  it.each([
    ['thursday', '2024-03-14T09:00:00Z', '2024-03-21'],
    ['thursday', '2024-03-14T11:59:00Z', '2024-03-21'],
    ['thursday', '2024-03-14T15:00:00Z', '2024-03-21'],
    ['on thursday', '2024-03-14T09:00:00Z', '2024-03-21'],
    ['thurs at 5', '2024-03-14T09:00:00Z', '2024-03-21'],
    ['a week from thursday', '2024-03-14T09:00:00Z', '2024-03-28'],
    ['a week from thursday', '2024-03-14T15:00:00Z', '2024-03-28'],
    // "this thursday" said on a Thursday is today, morning or afternoon.
    ['this thursday', '2024-03-14T09:00:00Z', '2024-03-14'],
    ['this thursday', '2024-03-14T15:00:00Z', '2024-03-14'],
    ['this saturday', '2024-03-14T15:00:00Z', '2024-03-16'],
    ['next thursday', '2024-03-14T09:00:00Z', '2024-03-21'],
    ['last thursday', '2024-03-14T15:00:00Z', '2024-03-07'],
    ['friday', '2024-03-14T09:00:00Z', '2024-03-15'],
    ['today', '2024-03-14T09:00:00Z', '2024-03-14'],
  ])('%j at %s -> %s', (text, now, expected) => {
    expect(answer(text, at(now))).toBe(expected);
  });
});

describe('Twilio.DATE: the same phrases inside sentences', () => {
  it.each([
    ['Can I get a new appointment a week from today?', [['2026-11-29', 'a week from today']]],
    ['I can come a week from tomorrow at 3pm', [['2026-11-30', 'a week from tomorrow']]],
    ['how about the Friday after next?', [['2026-12-04', 'the Friday after next']]],
    ['book me in two months from now', [['2027-01-22', 'two months from now']]],
    ['book me for tomorrow', [['2026-11-23', 'tomorrow']]],
    // After "for" the phrase says how long, from the anchor: the date is the anchor's.
    ['book a room for 3 days from tomorrow', [['2026-11-23', 'tomorrow']]],
    ['I want to rent a car for a week from Monday', [['2026-11-23', 'Monday']]],
  ])('%j', (text, expected) => {
    expect(found(text, SUNDAY)).toEqual(expected);
  });

  it('fills a query\'s date field with the whole phrase, not its anchor', () => {
    const model = trainFieldExtractor([{
      name: 'book_appointments',
      fields: [{ name: 'ApptDate', type: 'Twilio.DATE' }],
      samples: ['Can I get a new appointment on {ApptDate}?', 'book appointment for {ApptDate}'],
    }], []);
    expect(extractFields(model, 'book_appointments', 'Can I get a new appointment a week from today?', SUNDAY).map((f) => [f.name, f.value]))
      .toEqual([['ApptDate', '2026-11-29']]);
  });
});
