import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

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
