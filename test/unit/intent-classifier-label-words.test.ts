import { describe, expect, it } from 'vitest';
import { rankIntents, trainIntentModel, type LabelledText } from '../../src/nlu/classifier/intent-classifier.js';
import { labelWords } from '../../src/nlu/classifier/label-words.js';
import { HYPERPARAMETERS } from '../../src/nlu/classifier/train-intent-model.js';
import { loadWordVectors } from '../../src/nlu/classifier/word-vectors.js';

describe('labelWords', () => {
  it.each([
    ['lost_or_stolen_card', 'lost or stolen card'],
    ['DepartureTime', 'departure time'],
    ['AddToPlaylist', 'add to playlist'],
    ['HTTPRequest', 'http request'],
    ['order-status.v2', 'order status v2'],
    ['___', ''],
  ])('splits %s into words without word vectors', (label, words) => {
    expect(labelWords(label, null)).toBe(words);
  });

  it.each([
    ['iot_hue_lightoff', 'iot hue lightoff light off'],
    ['email_sendemail', 'email sendemail send email'],
    ['general_negate', 'general negate'],
  ])('with word vectors, follows run-together words by the known words they split into: %s', (label, words) => {
    const table = loadWordVectors();
    if (table === null) return;
    expect(labelWords(label, table)).toBe(words);
  });
});

describe('task names as samples (labelSamples)', () => {
  const train: LabelledText[] = [
    { text: 'I forgot how to get in', label: 'reset_password' },
    { text: 'cannot sign in any more', label: 'reset_password' },
    { text: 'get me a large pepperoni', label: 'order_pizza' },
    { text: 'I am hungry, deliver food', label: 'order_pizza' },
    { text: 'what time do you close', label: 'opening_hours' },
    { text: 'are you open on sunday', label: 'opening_hours' },
  ];

  it('lets a query that only shares words with the task name find it', () => {
    expect(HYPERPARAMETERS.labelSamples).toBeGreaterThan(0);
    expect(rankIntents(trainIntentModel(train), 'please reset my password')[0]?.label).toBe('reset_password');
    expect(rankIntents(trainIntentModel(train), 'order a pizza')[0]?.label).toBe('order_pizza');
  });

  it('is off with labelSamples 0 (the name is not a vocabulary entry then)', () => {
    const model = trainIntentModel(train, {}, { ...HYPERPARAMETERS, labelSamples: 0 });
    expect(model.vocabulary).not.toContain('wpassword');
    expect(trainIntentModel(train).vocabulary).toContain('wpassword');
  });
});
