import { describe, expect, it } from 'vitest';
import { recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const NY: RecogniseContext = { referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const none = new Map();
const answer = (type: string, text: string): string | null => recogniseAnswer(type, text, none, NY)?.value ?? null;

const NON_ANSWERS = ['not sure', "I'm not sure", 'help', 'agent', 'operator please', 'cancel', 'stop', 'quit', 'repeat', 'what?', '??',
  'thanks', 'thank you', 'hmm', 'hmmm not sure', 'idk', 'no idea', "i don't know", 'um, I don’t know', 'skip', 'never mind'];

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
  ])('%s: %j -> %s', (type, text, expected) => {
    expect(answer(type, text)).toBe(expected);
  });
});
