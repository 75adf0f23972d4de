import { describe, expect, it } from 'vitest';
import { answerQuery } from '../../src/nlu/answer-query.js';
import { trainNluModel } from '../../src/nlu/nlu-model.js';
import type { TrainingSet } from '../../src/nlu/training-set.js';
import { sampleVocabulary, vocabularyCoverage, vocabularyOf } from '../../src/nlu/vocabulary-coverage.js';

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
    expect(sampleVocabulary(['send {item} please', 'order food'])).not.toContain('item');
    const vocabulary = vocabularyOf(sampleVocabulary(['send {item} please', 'order food']));
    expect(vocabularyCoverage(vocabulary, 'order some food')).toBe(1);
    expect(vocabularyCoverage(vocabulary, 'orders of pizza')).toBe(0.5);
    expect(vocabularyCoverage(vocabulary, 'the capital of mongolia')).toBe(0);
    expect(vocabularyCoverage(vocabulary, 'what is it')).toBe(1);
    expect(vocabularyCoverage(vocabulary, 'pizza please', [{ start: 0, end: 5 }])).toBe(1);
  });

  it.each([
    ['lattes', ['a latte please']], ['changes', ['change my booking']], ['orders', ['my order']], ['booked', ['booking']],
    ['reservacion', ['necesito una reservación']], ['strasse', ['meine Straße ändern']], ['Rechnungen', ['Rechnung herunterladen']],
    ['RÉSERVATION', ['faire une reservation']],
  ])('counts %s as a word of %j', (word, samples) => {
    expect(vocabularyCoverage(vocabularyOf(sampleVocabulary(samples)), word)).toBe(1);
  });
});

describe('inputs made of field values', () => {
  const typed: TrainingSet = {
    assistantSid: 'UA2', trainingVersion: 1,
    fieldTypes: [{
      uniqueName: 'Custom.ITEM',
      values: ['towel', 'pillow', 'blanket', 'toothpaste', 'slippers', 'charger'].map((value) => ({ language: 'en-US', value, synonymOf: null })),
    }],
    tasks: [
      { ...task('get_item', ['{item}', 'i need a {item}', 'can you bring me {item}', 'send up some {item} please', 'we are out of {item}']),
        fields: [{ uniqueName: 'item', fieldType: 'Custom.ITEM' }] },
      { ...task('appointment', ['{date} at {time}', 'book me in {date} at {time}', 'i want an appointment', 'can i see the doctor {date}', 'schedule a visit']),
        fields: [{ uniqueName: 'date', fieldType: 'Twilio.DATE' }, { uniqueName: 'time', fieldType: 'Twilio.TIME' }] },
      task('check_out', ['what time is check out', 'when do i have to leave', 'late checkout please', 'can i check out later', 'check out time']),
      task('greeting', ['hi', 'hello', 'hey there', 'good morning', 'what can you do', 'hi there']),
    ],
  };
  const model = trainNluModel('UG2', typed);
  const ask = (text: string) => answerQuery(model, {
    text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold,
    recognise: { referenceTime: new Date('2024-05-01T12:00:00Z'), timeZone: 'UTC', language: 'en-US' },
  });

  // Samples show a tag with only a few of its values; the others are as much the task's.
  it.each([
    ['toothpaste', 'get_item'], ['slippers', 'get_item'], ['charger', 'get_item'], ['toothpaste asap', 'get_item'], ['charger now', 'get_item'],
    ['december 3rd at 4pm', 'appointment'], ['tuesday at 5pm', 'appointment'], ['monday at 5pm works', 'appointment'],
  ])(
    '%s finds %s', (text, expected) => {
      expect(ask(text)).toMatchObject({ isFallback: false, task: { name: expected } });
    },
  );

  // A value vouches only for the tasks that take it; a built-in one (any sentence has dates) only half.
  it.each(['zebra quantum pickle', 'what is the capital of mongolia', 'what happened yesterday', 'what happened on 9/11', 'who won on sunday'])('%s still falls back', (text) => {
    expect(ask(text).isFallback).toBe(true);
  });

  // Unique names ignore case: a field of `custom.item` takes the values of `Custom.ITEM` as custom values.
  it('counts values of a custom type the field spells in another case', () => {
    const otherCase: TrainingSet = { ...typed, tasks: typed.tasks.map((t) => ({ ...t, fields: t.fields.map((f) => (f.fieldType === 'Custom.ITEM' ? { ...f, fieldType: 'custom.item' } : f)) })) };
    const lowerModel = trainNluModel('UG3', otherCase);
    const answer = answerQuery(lowerModel, {
      text: 'charger now', fallback: { name: 'fallback', sid: null }, fallbackThreshold: lowerModel.defaultFallbackThreshold,
      recognise: { referenceTime: new Date('2024-05-01T12:00:00Z'), timeZone: 'UTC', language: 'en-US' },
    });
    expect(answer).toMatchObject({ isFallback: false, task: { name: 'get_item' } });
  });
});

describe('known words that fall short, beside a custom value', () => {
  // A hotel bot whose item samples are short ("need {item}"), with other tasks that also "need" things. Values of
  // the type are learnt in the samples' copies, so their words count as known and the words alone do not discount.
  const items = ['toilet paper', 'towel', 'toothpaste', 'toothbrush', 'hangers', 'slippers', 'laundry bag', 'lighter', 'napkins', 'charger', 'bottle opener', 'bandaids'];
  const hotel: TrainingSet = {
    assistantSid: 'UA4', trainingVersion: 1,
    fieldTypes: [{ uniqueName: 'Custom.ROOMITEMS', values: items.map((value) => ({ language: 'en-US', value, synonymOf: null })) }],
    tasks: [
      { ...task('get_quantity', ['send {item} please', 'need {item}', 'get me {item}', '{item}', 'may we have {item}', 'can I have more {item}?', 'deliver {item}']),
        fields: [{ uniqueName: 'item', fieldType: 'Custom.ROOMITEMS' }] },
      task('order_roomservice', ['i need food', "i'm hungry", 'can I order food please', 'is the kitchen open?', 'room service', 'dinner', 'breakfast', 'get me food']),
      task('deliver_roomitems', ['missing things for the room', 'missing items', 'extra items', 'room items', 'i need items for the room', 'get me toiletries', 'i need toiletries']),
      task('greeting', ['hi', 'good morning', 'hello', 'hey']),
    ],
  };
  const model = trainNluModel('UG4', hotel);
  const ask = (text: string) => answerQuery(model, {
    text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold,
    recognise: { referenceTime: new Date('2024-05-01T12:00:00Z'), timeZone: 'UTC', language: 'en-US' },
  });

  it.each(['I need a toothbrush', 'need a bandaid', 'need some slippers', 'can i get a bottle opener', 'bottle opener'])('%s finds the item task, with its value', (text) => {
    const answer = ask(text);
    expect(answer).toMatchObject({ isFallback: false, task: { name: 'get_quantity' } });
    expect(answer.fields.map((f) => f.name)).toEqual(['item']);
  });

  it.each(['i need a taxi', 'can i get a ride to the airport', 'what is the capital of mongolia', 'ok', 'how are you', 'i want'])('%s still falls back', (text) => {
    expect(ask(text).isFallback).toBe(true);
  });

  it('never raises a probability: known words below the threshold keep theirs', () => {
    for (const text of ['ok', 'how are you', 'i want', 'need help', 'get me']) {
      const strict = answerQuery(model, {
        text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: 0.9,
        recognise: { referenceTime: new Date('2024-05-01T12:00:00Z'), timeZone: 'UTC', language: 'en-US' },
      });
      const plain = ask(text);
      expect(strict.probability, text).toBeLessThanOrEqual(1);
      expect(strict.probability, text).toBeLessThanOrEqual(Math.max(plain.probability, 0.5) + 1e-9);
    }
  });
});
