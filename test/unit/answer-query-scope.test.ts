import { describe, expect, it } from 'vitest';
import { answerQuery } from '../../src/nlu/answer-query.js';
import { trainNluModel } from '../../src/nlu/nlu-model.js';
import type { TrainingSet } from '../../src/nlu/training-set.js';
import { sampleVocabulary, vocabularyCoverage } from '../../src/nlu/vocabulary-coverage.js';

const task = (name: string, samples: string[]) => ({ sid: `UD${name.padEnd(32, '0').slice(0, 32)}`, uniqueName: name, fields: [], samples: samples.map((taggedText) => ({ language: 'en-US', taggedText })) });

const set: TrainingSet = {
  assistantSid: 'UA1', trainingVersion: 1, fieldTypes: [],
  tasks: [
    task('check_out', ['what time is check out', 'when do i have to leave', 'late checkout please', 'can i check out later', 'check out time']),
    task('room_service', ['i am hungry', 'order food to my room', 'can i get breakfast in my room', 'room service please', 'bring me a sandwich']),
    task('book_room', ['i want to book a room', 'i need a place to stay', 'make a reservation', 'i would like to reserve a room', 'book me a room']),
  ],
};

describe('out-of-scope inputs on a small bot', () => {
  const model = trainNluModel('UG1', set);
  const ask = (text: string) => answerQuery(model, {
    text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold,
    recognise: { referenceTime: new Date('2024-05-01T12:00:00Z'), timeZone: 'UTC', language: 'en-US' },
  });

  it.each(['what is the capital of mongolia', 'zebra quantum pickle', 'tell me a joke', 'sing a song'])('%s falls back', (text) => {
    expect(ask(text)).toMatchObject({ isFallback: true, task: { name: 'fallback' } });
  });

  it.each([['could you send some food up to my room', 'room_service'], ['when is check out', 'check_out'], ['i want to book a room for tonight', 'book_room']])(
    '%s finds %s', (text, expected) => {
      expect(ask(text).task.name).toBe(expected);
    },
  );

  it('measures the share of content words the samples used', () => {
    const vocabulary = new Set(sampleVocabulary(['send {item} please', 'order food']));
    expect(vocabulary.has('item')).toBe(false);
    expect(vocabularyCoverage(vocabulary, 'order some food')).toBe(1);
    expect(vocabularyCoverage(vocabulary, 'orders of pizza')).toBe(0.5);
    expect(vocabularyCoverage(vocabulary, 'the capital of mongolia')).toBe(0);
    expect(vocabularyCoverage(vocabulary, 'what is it')).toBe(1);
  });
});
