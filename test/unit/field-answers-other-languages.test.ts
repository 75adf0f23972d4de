import { describe, expect, it } from 'vitest';
import { answerQuery } from '../../src/nlu/answer-query.js';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';
import { trainNluModel } from '../../src/nlu/nlu-model.js';

// Sunday 2026-11-22, noon UTC.
const at = (language: string): RecogniseContext => ({ referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): Array<[string, string]> =>
  findValues(type, text, none, at(language)).map((v) => [v.value, text.slice(v.start, v.end)]);

describe('Twilio.DATE: the day after tomorrow and before yesterday in other languages', () => {
  it.each([
    ['fr-FR', 'après-demain', '2026-11-24'],
    ['fr-FR', 'Après-demain', '2026-11-24'],
    ['fr-FR', 'apres demain', '2026-11-24'],
    ['fr-FR', 'après demain', '2026-11-24'],
    ['fr-FR', 'avant-hier', '2026-11-20'],
    ['pt-BR', 'depois de amanhã', '2026-11-24'],
    ['pt-PT', 'depois de amanha', '2026-11-24'],
    ['pt-BR', 'anteontem', '2026-11-20'],
    ['pt-BR', 'antes de ontem', '2026-11-20'],
    ['it-IT', 'dopodomani', '2026-11-24'],
    ['it-IT', 'dopo domani', '2026-11-24'],
    ['it-IT', "l'altro ieri", '2026-11-20'],
    ['es-ES', 'pasado mañana', '2026-11-24'],
    ['es-MX', 'anteayer', '2026-11-20'],
    ['es-MX', 'antes de ayer', '2026-11-20'],
    ['de-DE', 'übermorgen', '2026-11-24'],
    // Tomorrow and yesterday alone are unchanged.
    ['fr-FR', 'demain', '2026-11-23'],
    ['pt-BR', 'amanhã', '2026-11-23'],
    ['it-IT', 'domani', '2026-11-23'],
    ['fr-FR', 'hier', '2026-11-21'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer('Twilio.DATE', text, language)).toBe(expected);
  });

  it.each([
    ['fr-FR', 'je voudrais réserver pour après-demain à 15h', [['2026-11-24', 'après-demain']]],
    ['fr-FR', 'une table apres demain soir', [['2026-11-24', 'apres demain']]],
    ['pt-BR', 'quero reservar para depois de amanhã', [['2026-11-24', 'depois de amanhã']]],
    ['it-IT', 'prenoto un tavolo per dopo domani', [['2026-11-24', 'dopo domani']]],
    ['it-IT', 'prenoto un tavolo per dopodomani', [['2026-11-24', 'dopodomani']]],
    ['es-ES', 'una mesa para pasado mañana a las ocho', [['2026-11-24', 'pasado mañana']]],
  ])('%s: finds the whole phrase in %j', (language, text, expected) => {
    expect(found('Twilio.DATE', text, language)).toEqual(expected);
  });
});

describe('Twilio.NUMBER: a Spanish article is no number inside a sentence', () => {
  it.each([
    ['quiero hacer una reservación', []],
    ['me gustaría reservar una mesa', []],
    ['quiero una mesa para el sábado', []],
    ['un café por favor', []],
    ['una mesa para cuatro', [['4', 'cuatro']]],
    ['quiero uno', [['1', 'uno']]],
    ['somos veintiuna personas', [['21', 'veintiuna']]],
    ['treinta y una noches', [['31', 'treinta y una']]],
    ['doscientas personas', [['200', 'doscientas']]],
    ['un millón de pesos', [['1000000', 'un millón']]],
  ])('finds in %j: %j', (text, expected) => {
    expect(found('Twilio.NUMBER', text, 'es-MX')).toEqual(expected);
  });

  it.each([
    ['quiero hacer una reservación', []],
    ['un café por favor', []],
    ['uno dos tres', [['123', 'uno dos tres']]],
  ])('NUMBER_SEQUENCE finds in %j: %j', (text, expected) => {
    expect(found('Twilio.NUMBER_SEQUENCE', text, 'es-MX')).toEqual(expected);
  });

  it.each([['una', '1'], ['Una', '1'], ['un', '1'], ['uno', '1'], ['veintiuna', '21'], ['veintiún', '21'], ['treinta y una', '31'], ['ciento una', '101']])(
    'a whole answer %j is %s', (text, expected) => {
      expect(answer('Twilio.NUMBER', text, 'es-MX')).toBe(expected);
    },
  );

  it('leaves a question about how many to a collect', () => {
    const model = trainNluModel('UG1', {
      assistantSid: 'UA1', trainingVersion: 1, fieldTypes: [],
      tasks: [{
        sid: `UD${'0'.repeat(32)}`, uniqueName: 'reservar',
        fields: [{ uniqueName: 'personas', fieldType: 'Twilio.NUMBER' }, { uniqueName: 'fecha', fieldType: 'Twilio.DATE' }],
        samples: ['quiero hacer una reservación', 'una mesa para {personas}', 'reservar una mesa para {personas} personas',
          'quiero reservar para el {fecha}', 'me gustaría reservar una mesa'].map((taggedText) => ({ language: 'es-MX', taggedText })),
      }],
    });
    const fields = (text: string) => answerQuery(model, {
      text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold, recognise: at('es-MX'),
    }).fields.map((f) => [f.name, f.value]);
    expect(fields('quiero hacer una reservación')).toEqual([]);
    expect(fields('quiero una mesa para el sábado')).toEqual([['fecha', '2026-11-28']]);
    expect(fields('una mesa para cuatro personas')).toEqual([['personas', '4']]);
  });
});

describe('Twilio.YES_NO: English replies in other languages', () => {
  it.each([
    ['es-MX', 'okay', 'Yes'], ['es-MX', 'Okay', 'Yes'], ['es-MX', 'okey', 'Yes'], ['es-MX', 'ok', 'Yes'], ['es-MX', 'nope', 'No'],
    ['de-DE', 'okay', 'Yes'], ['de-DE', 'Okay', 'Yes'], ['de-DE', 'yes', 'Yes'], ['de-DE', 'yep', 'Yes'], ['de-DE', 'no', 'No'],
    ['pt-BR', 'okay', 'Yes'], ['pt-BR', 'OKAY', 'Yes'], ['pt-BR', 'yeah', 'Yes'], ['pt-BR', 'nope', 'No'],
    ['fr-FR', 'okay', 'Yes'], ['fr-FR', 'no', 'No'], ['it-IT', 'okay', 'Yes'], ['it-IT', 'nope', 'No'],
    // The language's own negatives stay No, also before "ok" / "okay".
    ['es-MX', 'no', 'No'], ['es-MX', 'no gracias', 'No'], ['es-MX', 'no ok', 'No'],
    ['de-DE', 'nein', 'No'], ['de-DE', 'nicht okay', 'No'], ['de-DE', 'nicht ok', 'No'],
    ['fr-FR', 'non', 'No'], ['fr-FR', 'pas ok', 'No'], ['pt-BR', 'não', 'No'], ['pt-BR', 'nao', 'No'], ['pt-BR', 'não ok', 'No'],
    ['it-IT', 'non ok', 'No'], ['en-US', 'not okay', 'No'], ['en-US', 'okay', 'Yes'],
  ])('%s: a whole answer %j is %s', (language, text, expected) => {
    expect(answer('Twilio.YES_NO', text, language)).toBe(expected);
  });

  it.each([
    ['pt-BR', 'vou ficar no hotel'], // Portuguese "no" is "in the"
    ['es-MX', 'okay gracias por la reservación hecha ayer'],
  ])('%s: %j is no reply inside a sentence', (language, text) => {
    expect(found('Twilio.YES_NO', text, language)).toEqual([]);
  });
});

// Everyday replies of native speakers (found by a probe talking to bots in each language), and their negations.
describe('Twilio.YES_NO: everyday replies in other languages', () => {
  const yesNo = (text: string, language: string): string | null => answer('Twilio.YES_NO', text, language);
  it.each([
    ['it-IT', 'va bene', 'Yes'], ['it-IT', 'non va bene', 'No'], ['it-IT', "d'accordo", 'Yes'], ['it-IT', 'perfetto', 'Yes'], ['it-IT', 'per niente', 'No'],
    ['pt-BR', 'tá bom', 'Yes'], ['pt-BR', 'ta bom', 'Yes'], ['pt-BR', 'não tá bom', 'No'], ['pt-BR', 'pode ser', 'Yes'], ['pt-BR', 'não pode', 'No'],
    ['pt-BR', 'isso mesmo', 'Yes'], ['pt-BR', 'beleza', 'Yes'], ['pt-BR', 'de jeito nenhum', 'No'],
    ['de-DE', 'gerne', 'Yes'], ['de-DE', 'nicht gerne', 'No'], ['de-DE', 'passt', 'Yes'], ['de-DE', 'passt nicht', 'No'], ['de-DE', 'nee', 'No'],
    ['de-DE', 'auf keinen Fall', 'No'], ['de-DE', 'auf jeden Fall', 'Yes'],
    ['fr-FR', "c'est bon", 'Yes'], ['fr-FR', "c'est pas bon", 'No'], ['fr-FR', 'ça marche', 'Yes'], ['fr-FR', 'ça marche pas', 'No'],
    ['fr-FR', 'absolument pas', 'No'], ['fr-FR', 'nan', 'No'],
    ['es-MX', 'está bien', 'Yes'], ['es-MX', 'no está bien', 'No'], ['es-MX', 'dale', 'Yes'], ['es-MX', 'sale', 'Yes'], ['es-MX', 'nel', 'No'],
    ['es-ES', 'venga', 'Yes'],
    ['fil-PH', 'oo', 'Yes'], ['fil-PH', 'opo', 'Yes'], ['fil-PH', 'sige', 'Yes'], ['fil-PH', 'hindi po', 'No'], ['tl', 'huwag', 'No'],
  ])('%s: %j is %s', (language, text, expected) => {
    expect(yesNo(text, language)).toBe(expected);
  });

  // Short words that are a reply only as (nearly) the whole answer, never in a question; a yes beside a "not" is none.
  it.each([
    ['pt-BR', 'isso é caro'], ['de-DE', 'passt das?'], ['es-MX', 'sale a las 5'], ['es-MX', 'a qué hora sale'], ['pt-BR', 'quanto custa isso'],
    ['pt-BR', 'o restaurante está fechado'], ['de-DE', 'bist du sicher?'], ['de-DE', 'ist das sicher'], ['it-IT', 'il prezzo giusto'],
    ['fil-PH', 'kumain ka na ba oo'], ['it-IT', 'non mi va bene'], ["it-IT", "non sono d'accordo"], ['de-DE', 'nicht so gerne'], ['fr-FR', 'carrément pas'],
  ])('%s: %j is neither', (language, text) => {
    expect(yesNo(text, language)).toBeNull();
  });

  it.each([['pt-BR', 'não é isso', 'No'], ['es-MX', 'no me parece perfecto', 'No'], ['fr-FR', "non c'est bon", 'No'], ['it-IT', 'no, va bene', 'No'],
    ['pt-BR', 'sim, pode', 'Yes'], ['de-DE', 'ja gerne', 'Yes'], ['it-IT', 'sì, va bene', 'Yes']])('%s: %j is %s', (language, text, expected) => {
    expect(yesNo(text, language)).toBe(expected);
  });
});
