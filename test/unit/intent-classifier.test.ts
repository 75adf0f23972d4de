import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FALLBACK_THRESHOLD,
  parseIntentModel,
  rankIntents,
  trainIntentModel,
  type IntentModel,
  type LabelledText,
} from '../../src/nlu/classifier/intent-classifier.js';
import { HYPERPARAMETERS } from '../../src/nlu/classifier/train-intent-model.js';
import { trainSoftmax } from '../../src/nlu/classifier/softmax-trainer.js';
import { trainLowRankSoftmax } from '../../src/nlu/classifier/low-rank-softmax-trainer.js';
import type { SparseRows } from '../../src/nlu/classifier/tfidf-vectoriser.js';

const samples = (label: string, texts: readonly string[]): LabelledText[] => texts.map((text) => ({ text, label }));

const ENGLISH_TRAIN: LabelledText[] = [
  ...samples('check_balance', [
    'what is my account balance', 'how much money do I have', 'show me my balance', 'check my balance please',
    'how much is left in my checking account', 'tell me my current balance', 'balance inquiry', 'what\'s in my savings account',
  ]),
  ...samples('book_flight', [
    'book a flight to Chicago', 'I need a plane ticket to Boston', 'reserve a flight for tomorrow morning',
    'find me flights from Denver to Seattle', 'I want to fly to New York next week', 'get me a ticket on the next flight',
    'book me on a flight to London', 'can you book airline tickets for two',
  ]),
  ...samples('weather', [
    'what is the weather like today', 'will it rain tomorrow', 'is it going to be sunny this weekend',
    'how hot will it be in Phoenix', 'weather forecast for Paris', 'do I need an umbrella today', 'how cold is it outside',
    'is there snow expected tonight',
  ]),
  ...samples('play_music', [
    'play some jazz', 'put on my workout playlist', 'play the latest album by Adele', 'I want to listen to rock music',
    'start playing songs by the Beatles', 'play something relaxing', 'shuffle my favourite songs', 'turn on some music',
  ]),
  ...samples('cancel_order', [
    'cancel my order', 'I want to cancel the purchase I made yesterday', 'please stop my order from shipping',
    'I changed my mind, cancel it', 'how do I cancel an order', 'cancel order number 12345', 'I no longer want the shoes I ordered',
    'call off my last order',
  ]),
];

const ENGLISH_HELD_OUT: LabelledText[] = [
  ...samples('check_balance', ['how much cash is in my account', 'what does my balance look like', 'remaining balance on my card']),
  ...samples('book_flight', ['book a plane ticket to Miami', 'I would like to fly to Dallas on Friday', 'any flights to Tokyo']),
  ...samples('weather', ['is it raining in London', 'what is the forecast for tomorrow', 'will it be windy today']),
  ...samples('play_music', ['play music by Taylor Swift', 'can you play my playlist', 'I feel like listening to some classical music']),
  ...samples('cancel_order', ['cancel the order I placed', 'I want to cancel my purchase', 'stop my order please']),
];

const SPANISH_TRAIN: LabelledText[] = [
  ...samples('reservar_mesa', [
    'quiero reservar una mesa para dos', 'reserva una mesa para esta noche', 'necesito una mesa para cuatro personas',
    'hay mesas libres para mañana', 'quisiera hacer una reservación en el restaurante', 'apártame una mesa a las nueve',
  ]),
  ...samples('horario', [
    '¿a qué hora abren?', '¿cuál es el horario de atención?', '¿están abiertos los domingos?', '¿hasta qué hora cierran hoy?',
    'horario del restaurante', '¿abren en días festivos?',
  ]),
  ...samples('menu', [
    '¿qué platos tienen?', 'quiero ver el menú', '¿tienen opciones vegetarianas?', 'muéstrame la carta',
    '¿cuáles son los postres?', '¿qué bebidas ofrecen?',
  ]),
];

const SPANISH_HELD_OUT: LabelledText[] = [
  ...samples('reservar_mesa', ['reservar mesa para seis personas', 'quiero una mesa para el sábado']),
  ...samples('horario', ['¿a qué hora cierran?', '¿abren los lunes?']),
  ...samples('menu', ['¿tienen platos sin gluten?', 'enséñame el menú por favor']),
];

const accuracy = (model: IntentModel, items: readonly LabelledText[]): number =>
  items.filter((it) => rankIntents(model, it.text)[0]?.label === it.label).length / items.length;

const english = trainIntentModel(ENGLISH_TRAIN);

describe('trainIntentModel / rankIntents', () => {
  it('classifies held-out English utterances', () => {
    expect(accuracy(english, ENGLISH_HELD_OUT)).toBeGreaterThanOrEqual(0.85);
  });

  it('classifies held-out Spanish utterances, accents or not', () => {
    const spanish = trainIntentModel(SPANISH_TRAIN, { language: 'es-MX' });
    expect(spanish.language).toBe('es-MX');
    expect(spanish.wordVectors).toBeNull(); // the English word vectors are not applied to Spanish
    expect(accuracy(spanish, SPANISH_HELD_OUT)).toBeGreaterThanOrEqual(5 / 6);
    expect(rankIntents(spanish, 'quiero ver el menu')[0]?.label).toBe('menu');
    expect(rankIntents(spanish, 'QUIERO VER EL MENÚ')[0]?.label).toBe('menu');
  });

  it('ranks every label, most probable first, with probabilities summing to at most 1', () => {
    const ranked = rankIntents(english, 'will it snow tomorrow');
    expect(ranked.map((r) => r.label).sort()).toEqual(['book_flight', 'cancel_order', 'check_balance', 'play_music', 'weather']);
    expect(ranked[0]?.label).toBe('weather');
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.probability).toBeGreaterThanOrEqual(ranked[i]!.probability);
    const total = ranked.reduce((sum, r) => sum + r.probability, 0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
    expect(total).toBeGreaterThan(0.5);
  });

  it('is deterministic: same samples give a deep-equal model and identical rankings', () => {
    const again = trainIntentModel(ENGLISH_TRAIN);
    expect(again).toEqual(english);
    for (const it of ENGLISH_HELD_OUT) expect(rankIntents(again, it.text)).toEqual(rankIntents(english, it.text));
  });

  it('restricts candidates to `allowed` and renormalises over them', () => {
    const text = 'will it rain in Boston tomorrow';
    const all = rankIntents(english, text);
    const allowed = new Set(['book_flight', 'play_music']);
    const restricted = rankIntents(english, text, allowed);
    expect(restricted.map((r) => r.label).sort()).toEqual(['book_flight', 'play_music']);
    const sumAll = all.filter((r) => allowed.has(r.label)).reduce((s, r) => s + r.probability, 0);
    const sumRestricted = restricted.reduce((s, r) => s + r.probability, 0);
    expect(sumRestricted).toBeGreaterThan(sumAll);
    expect(sumRestricted).toBeLessThanOrEqual(1 + 1e-9);
    expect(rankIntents(english, text, new Set(['no_such_task']))).toEqual([]);
  });

  it('falls back on nonsense but not on in-scope utterances', () => {
    for (const nonsense of ['zxqv blorft kwimble', 'the', '', '🙂🙂', 'my grandmother knits warm socks']) {
      expect(rankIntents(english, nonsense)[0]!.probability).toBeLessThan(DEFAULT_FALLBACK_THRESHOLD);
    }
    const accepted = ENGLISH_HELD_OUT.filter((it) => rankIntents(english, it.text)[0]!.probability >= DEFAULT_FALLBACK_THRESHOLD);
    expect(accepted.length / ENGLISH_HELD_OUT.length).toBeGreaterThanOrEqual(0.6);
  });

  it('survives a JSON round trip and ranks identically', () => {
    const copy = parseIntentModel(JSON.parse(JSON.stringify(english)));
    for (const it of [...ENGLISH_HELD_OUT, { text: 'zxqv blorft', label: '' }]) {
      expect(rankIntents(copy, it.text)).toEqual(rankIntents(english, it.text));
    }
    expect(() => parseIntentModel({ ...JSON.parse(JSON.stringify(english)), version: 0 })).toThrow(/version/);
    expect(() => parseIntentModel({ ...JSON.parse(JSON.stringify(english)), vocabulary: ['x'] })).toThrow(/weights/);
  });

  it('shrinks the scores of requests made of unknown words without changing the ranking (unknownWeight)', () => {
    expect(english.features.unknownWeight).toBe(HYPERPARAMETERS.features.unknownWeight);
    const older = { ...english, features: { ...english.features, unknownWeight: undefined } }; // a model stored before round five
    const known = 'book a flight to Chicago';
    const mixed = 'book a flight to Chicago for the zxqv blorft kwimble conference';
    expect(rankIntents(english, known)).toEqual(rankIntents(older, known)); // every feature known: nothing changes
    const now = rankIntents(english, mixed);
    const before = rankIntents(older, mixed);
    expect(now.map((r) => r.label)).toEqual(before.map((r) => r.label));
    expect(now[0]!.probability).toBeLessThan(before[0]!.probability);
    expect(() => parseIntentModel({ ...JSON.parse(JSON.stringify(english)), features: { ...english.features, unknownWeight: -1 } })).toThrow(/feature options/);
  });

  it('adds entity classes to samples and queries; models stored without them score as before', () => {
    expect(english.features.entities).toBe(true);
    expect(english.vocabulary).toEqual(expect.arrayContaining(['w#num', 's#num', 'w#date', 's#date'])); // 'order number 12345', 'today'
    expect(rankIntents(english, 'cancel order number 98765')[0]?.label).toBe('cancel_order');
    const older = { ...english, features: { ...english.features, entities: undefined } }; // a model stored before round seven
    const plain = 'play some jazz music';
    expect(rankIntents(english, plain)).toEqual(rankIntents(older, plain)); // no entity in the query: nothing changes
    expect(() => parseIntentModel({ ...JSON.parse(JSON.stringify(english)), features: { ...english.features, entities: 'yes' } })).toThrow(/feature options/);
  });

  it('learns from samples tagged with {field} placeholders', () => {
    const tagged = trainIntentModel([
      ...samples('book_table', ['book a table for {party_size} on {date}', 'reserve a table at {time}', 'table for {party_size} please', '{party_size} people at {time}']),
      ...samples('order_item', ['send {item} to my room', 'can I get {item}', 'bring me {Item} please', '{item}']),
    ]);
    expect(tagged.vocabulary).toContain('s{party_size}');
    expect(tagged.vocabulary).toContain('s{item}'); // tags are lower-cased, trimmed placeholders
    expect(tagged.vocabulary.some((f) => f.startsWith('c') && f.includes('{'))).toBe(false); // no character n-grams of tags
    expect(rankIntents(tagged, 'book a table for {party_size}')[0]?.label).toBe('book_table');
    expect(rankIntents(tagged, 'book a table for four tonight')[0]?.label).toBe('book_table');
    expect(rankIntents(tagged, 'send towels to my room')[0]?.label).toBe('order_item');
  });

  it('handles a single task and refuses an empty training set', () => {
    const single = trainIntentModel(samples('greeting', ['hello', 'hi there', 'good morning', 'hey']));
    expect(rankIntents(single, 'hello there')[0]!.probability).toBeGreaterThanOrEqual(DEFAULT_FALLBACK_THRESHOLD);
    expect(rankIntents(single, 'cancel my flight to Denver')[0]!.probability).toBeLessThan(DEFAULT_FALLBACK_THRESHOLD);
    expect(() => trainIntentModel([])).toThrow(/no examples/);
  });

  it('weighs the cost by class size (classBalance) so a task with few samples is not drowned', () => {
    const imbalanced = [
      ...ENGLISH_TRAIN.filter((e) => e.label !== 'book_flight'),
      ...samples('book_flight', ['book a flight to Chicago', 'I need a plane ticket to Boston']),
    ];
    expect(HYPERPARAMETERS.classBalance).toBeGreaterThan(0);
    expect(rankIntents(trainIntentModel(imbalanced), 'book me a flight to Denver')[0]?.label).toBe('book_flight');
    // The weights only matter where the cost bound binds: a small C makes it bind on these few samples.
    const lowC = { ...HYPERPARAMETERS, c: 0.05 };
    const balanced = trainIntentModel(imbalanced, {}, lowC);
    const plain = trainIntentModel(imbalanced, {}, { ...lowC, classBalance: 0 });
    expect(balanced.weights.values).not.toEqual(plain.weights.values);
    expect(trainIntentModel(imbalanced, {}, lowC)).toEqual(balanced);
    const flightScore = (m: IntentModel): number => rankIntents(m, 'I need a plane ticket to Boston').find((r) => r.label === 'book_flight')!.probability;
    expect(flightScore(balanced)).toBeGreaterThan(flightScore(plain));
  });

  it('treats few-shot training sets apart: softmax regression mixed in, lighter stem bigrams, its own SIF constant, low-rank dropout', () => {
    expect(HYPERPARAMETERS.softmaxMix).toBeGreaterThan(0);
    // 8 samples + 2 task names per task: few-shot under the default limit of 30 per task.
    expect(english.features.weights.bigram).toBe(HYPERPARAMETERS.fewShotBigramWeight);
    expect(english.wordVectors?.sif ?? HYPERPARAMETERS.fewShotSif).toBe(HYPERPARAMETERS.fewShotSif);
    const svmOnly = trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, softmaxMix: 0, lowRankMix: 0 });
    expect(english.weights.values).not.toEqual(svmOnly.weights.values);
    // 50 samples x 5 tasks x 20 epochs = 5,000 is over a work cap of 4,999.
    expect(trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, softmaxMaxCells: 40, lowRankMaxWork: 4_999 })).toEqual(svmOnly);
    // The low-rank softmax is mixed in too, and has its own cap on epochs x samples x tasks.
    expect(HYPERPARAMETERS.lowRankMix).toBeGreaterThan(0);
    const withoutLowRank = trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, lowRankMix: 0 });
    expect(english.weights.values).not.toEqual(withoutLowRank.weights.values);
    expect(trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, lowRankMaxWork: 4_999 })).toEqual(withoutLowRank);
    expect(trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, lowRankMaxWork: 5_000 })).toEqual(english);
    const notFewShot = trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, fewShotMaxPerTask: 5 });
    expect(notFewShot.features).toEqual(HYPERPARAMETERS.features);
    expect(notFewShot.wordVectors?.sif ?? HYPERPARAMETERS.sif).toBe(HYPERPARAMETERS.sif);
    // Sets that are not few-shot keep the low-rank mix, with fewer epochs.
    expect(notFewShot.weights.values).not.toEqual(trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, fewShotMaxPerTask: 5, lowRankMix: 0 }).weights.values);
    // Only few-shot sets use input dropout in the low-rank SGD.
    expect(HYPERPARAMETERS.lowRankDropout).toBeGreaterThan(0);
    expect(english.weights.values).not.toEqual(trainIntentModel(ENGLISH_TRAIN, {}, { ...HYPERPARAMETERS, lowRankDropout: 0 }).weights.values);
    const plain = { ...HYPERPARAMETERS, softmaxMix: 0, lowRankEpochs: HYPERPARAMETERS.lowRankFullDataEpochs, lowRankDropout: 0, fewShotBigramWeight: HYPERPARAMETERS.features.weights.bigram, fewShotSif: HYPERPARAMETERS.sif };
    expect(notFewShot).toEqual(trainIntentModel(ENGLISH_TRAIN, {}, plain));
    for (const it of ENGLISH_HELD_OUT) expect(rankIntents(english, it.text)[0]?.label).toBe(it.label);
  });
});

/** Sparse feature rows (the trainers' input) from dense ones. */
function sparseRows(dense: readonly (readonly number[])[]): SparseRows {
  const indices: number[] = [];
  const values: number[] = [];
  const rowStart = [0];
  for (const r of dense) {
    r.forEach((v, f) => { if (v !== 0) { indices.push(f); values.push(v); } });
    rowStart.push(indices.length);
  }
  return { indices: Int32Array.from(indices), values: Float32Array.from(values), rowStart: Int32Array.from(rowStart) };
}

describe('trainSoftmax', () => {
  const x = sparseRows([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0.1, 0.8, 0], [0, 0, 1], [0, 0.2, 0.9]]);
  const y = Int32Array.from([0, 0, 1, 1, 2, 2]);
  const score = (w: Float32Array, r: readonly number[], k: number): number => r.reduce((s, v, f) => s + v * w[f * 3 + k]!, w[9 + k]!);

  it('separates separable classes and is deterministic, from zero or from a starting point', () => {
    const w = trainSoftmax(x, y, 3, 3, { c: 30, maxIterations: 30, bias: 1 });
    expect(trainSoftmax(x, y, 3, 3, { c: 30, maxIterations: 30, bias: 1 })).toEqual(w);
    const dense = [[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0.1, 0.8, 0], [0, 0, 1], [0, 0.2, 0.9]];
    dense.forEach((r, i) => {
      const s = [0, 1, 2].map((k) => score(w, r, k));
      expect(s.indexOf(Math.max(...s))).toBe(y[i]);
    });
    const warm = trainSoftmax(x, y, 3, 3, { c: 30, maxIterations: 30, bias: 1, start: w });
    dense.forEach((r, i) => {
      const s = [0, 1, 2].map((k) => score(warm, r, k));
      expect(s.indexOf(Math.max(...s))).toBe(y[i]);
    });
  });
});

describe('trainLowRankSoftmax', () => {
  const dense = [[1, 0, 0, 0], [0.9, 0.1, 0, 0], [0, 1, 0, 0], [0.1, 0.8, 0, 0.1], [0, 0, 1, 0], [0, 0.2, 0.9, 0], [0, 0, 0, 1], [0.1, 0, 0, 0.9]];
  const x = sparseRows(dense);
  const y = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
  const options = { dim: 2, epochs: 200, learningRate: 0.5, seed: 7, bias: 1 };
  const score = (w: Float32Array, r: readonly number[], k: number): number => r.reduce((s, v, f) => s + v * w[f * 4 + k]!, w[16 + k]!);

  it('separates separable classes through a shared low-rank embedding, deterministically per seed', () => {
    const w = trainLowRankSoftmax(x, y, 4, 4, options);
    expect(w).toHaveLength(5 * 4);
    expect(trainLowRankSoftmax(x, y, 4, 4, options)).toEqual(w);
    expect(trainLowRankSoftmax(x, y, 4, 4, { ...options, seed: 8 })).not.toEqual(w);
    dense.forEach((r, i) => {
      const s = [0, 1, 2, 3].map((k) => score(w, r, k));
      expect(s.indexOf(Math.max(...s))).toBe(y[i]);
    });
    // W = E U^T with 2-wide embeddings: any 3 columns of the 5 x 4 matrix are linearly dependent.
    const col = (k: number): number[] => Array.from({ length: 5 }, (_, f) => w[f * 4 + k]!);
    const [a, b, c] = [col(0), col(1), col(2)];
    const det3 = (r0: number, r1: number, r2: number): number =>
      a[r0]! * (b[r1]! * c[r2]! - b[r2]! * c[r1]!) - b[r0]! * (a[r1]! * c[r2]! - a[r2]! * c[r1]!) + c[r0]! * (a[r1]! * b[r2]! - a[r2]! * b[r1]!);
    const scale = Math.max(...w.map(Math.abs)) ** 3;
    expect(Math.abs(det3(0, 1, 2)) / scale).toBeLessThan(1e-4);
    expect(Math.abs(det3(1, 2, 4)) / scale).toBeLessThan(1e-4);
    // Input dropout is seeded too: deterministic, different from no dropout, still separating.
    const dropped = trainLowRankSoftmax(x, y, 4, 4, { ...options, dropout: 0.2 });
    expect(trainLowRankSoftmax(x, y, 4, 4, { ...options, dropout: 0.2 })).toEqual(dropped);
    expect(dropped).not.toEqual(w);
    dense.forEach((r, i) => {
      const s = [0, 1, 2, 3].map((k) => score(dropped, r, k));
      expect(s.indexOf(Math.max(...s))).toBe(y[i]);
    });
  });
});
