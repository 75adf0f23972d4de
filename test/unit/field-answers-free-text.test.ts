import { describe, expect, it } from 'vitest';
import { recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const NY: RecogniseContext = { referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const none = new Map();
const answer = (type: string, text: string): string | null => recogniseAnswer(type, text, none, NY)?.value ?? null;

const NON_ANSWERS = ['not sure', "I'm not sure", 'help', 'agent', 'operator please', 'cancel', 'stop', 'quit', 'repeat', 'what?', '??',
  'thanks', 'thank you', 'hmm', 'hmmm not sure', 'idk', 'no idea', "i don't know", 'um, I don’t know', 'skip it', 'never mind',
  'hmmmmm'];

describe('free-text types: a non-answer is a failed attempt, not a value', () => {
  it.each(['Twilio.CITY', 'Twilio.FIRST_NAME', 'Twilio.LAST_NAME'].flatMap((type) => NON_ANSWERS.map((text) => [type, text])))(
    '%s: %j -> null', (type, text) => {
      expect(answer(type, text)).toBeNull();
    });

  it.each([
    // Real values, listed or not, are still taken.
    ['Twilio.CITY', 'I live in Palo Alto', 'Palo Alto'],
    ['Twilio.CITY', 'not sure, maybe Paris', 'Paris'],
    ['Twilio.CITY', 'Hope', 'Hope'],
    ['Twilio.FIRST_NAME', 'my name is Sam', 'Sam'],
    ['Twilio.FIRST_NAME', 'hmm Sarah', 'Sarah'],
    ['Twilio.FIRST_NAME', 'Hope', 'Hope'],
    ['Twilio.FIRST_NAME', 'Zoltan', 'Zoltan'],
    ['Twilio.LAST_NAME', 'my name is john smith', 'Smith'],
    // Doubled letters are a name's own ("Persson" is not "person"), and names that are also commands stay names.
    ['Twilio.LAST_NAME', 'Persson', 'Persson'],
    ['Twilio.LAST_NAME', 'Watt', 'Watt'],
    ['Twilio.LAST_NAME', 'Back', 'Back'],
    ['Twilio.LAST_NAME', 'Er', 'Er'],
    ['Twilio.FIRST_NAME', 'Skip', 'Skip'],
    ['Twilio.FIRST_NAME', 'Persson', 'Persson'],
    ['Twilio.CITY', 'skip', null],
    ['Twilio.CITY', 'back', null],
  ])('%s: %j -> %s', (type, text, expected) => {
    expect(answer(type, text)).toBe(expected);
  });
});

describe('free-text types: capitals of an abbreviation are kept', () => {
  it.each([
    ['Twilio.CITY', 'NYC', 'NYC'],
    ['Twilio.CITY', 'LA', 'LA'],
    ['Twilio.CITY', 'SF', 'SF'],
    ['Twilio.CITY', 'DC', 'DC'],
    ['Twilio.CITY', 'Washington DC', 'Washington DC'],
    ['Twilio.CITY', 'I live in NYC', 'NYC'],
    ['Twilio.CITY', 'I LIVE IN NYC', 'NYC'],
    ['Twilio.LAST_NAME', 'John Smith JR', 'JR'],
    // Typed in one case over several words, capitals say nothing; lower case stays proper-cased.
    ['Twilio.CITY', 'nyc', 'Nyc'],
    ['Twilio.CITY', 'PALO ALTO', 'Palo Alto'],
    ['Twilio.CITY', 'palo alto', 'Palo Alto'],
    ['Twilio.CITY', 'CHICAGO', 'Chicago'],
    ['Twilio.FIRST_NAME', 'JOHN', 'John'],
    ['Twilio.LAST_NAME', 'JOHNSON', 'Johnson'],
  ])('%s: %j -> %s', (type, text, expected) => {
    expect(answer(type, text)).toBe(expected);
  });
});
