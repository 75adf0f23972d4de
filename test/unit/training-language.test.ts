import { describe, expect, it } from 'vitest';
import { modelLanguage, trainNluModel, trainingLanguage } from '../../src/nlu/nlu-model.js';
import type { TrainingSet } from '../../src/nlu/training-set.js';

const setOf = (samples: Array<[string, string]>): TrainingSet => ({
  assistantSid: 'UA1', trainingVersion: 1, fieldTypes: [],
  tasks: [
    { sid: `UD${'1'.repeat(32)}`, uniqueName: 'a', fields: [], samples: samples.filter((_, i) => i % 2 === 0).map(([language, taggedText]) => ({ language, taggedText })) },
    { sid: `UD${'2'.repeat(32)}`, uniqueName: 'b', fields: [], samples: samples.filter((_, i) => i % 2 === 1).map(([language, taggedText]) => ({ language, taggedText })) },
  ],
});

describe('the language an assistant is understood in', () => {
  it.each([
    ['most samples', [['es-ES', 'hola'], ['es-ES', 'adiós'], ['en-US', 'hello']], 'es-ES'],
    ['tags in any case', [['ES-es', 'hola'], ['es-ES', 'adiós'], ['en-US', 'hello']], 'ES-es'],
    ['a tie, by the tag that sorts first', [['fr-FR', 'bonjour'], ['de-DE', 'hallo']], 'de-DE'],
    ['no samples', [], 'en-US'],
  ] as Array<[string, Array<[string, string]>, string]>)('is that of %s', (_name, samples, expected) => {
    expect(trainingLanguage(setOf(samples))).toBe(expected);
  });

  it('trains the classifier in it (its stemmer and word vectors follow the language)', () => {
    const model = trainNluModel('UG1', setOf([['es-ES', 'quiero reservar una habitación'], ['es-ES', 'cuál es el horario'], ['es-ES', 'reservaciones por favor'], ['es-ES', 'a qué hora abren']]));
    expect(modelLanguage(model)).toBe('es-ES');
    expect(model.intents.language).toBe('es-ES');
  });
});
