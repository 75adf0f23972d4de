import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): string[] => findValues(type, text, none, at(language)).map((v) => v.value);

describe('FIRST_NAME keeps the spelling typed, listed names included', () => {
  it.each([
    ['José', 'es-ES', 'José'],
    ['Sofía', 'es-ES', 'Sofía'],
    ['me llamo Sofía', 'es-ES', 'Sofía'],
    ['Raúl', 'es-MX', 'Raúl'],
    ['Ángel', 'es-ES', 'Ángel'],
    ['Íñigo', 'es-ES', 'Íñigo'],
    ['Hélène', 'fr-FR', 'Hélène'],
    ['Éric', 'fr-FR', 'Éric'],
    ['Chloé', 'en-US', 'Chloé'],
    ['Sören', 'de-DE', 'Sören'],
    ['Björn', 'en-US', 'Björn'],
    ['Antônio', 'pt-BR', 'Antônio'],
    ['María José', 'es-ES', 'María José'],
    ['josé', 'es-ES', 'José'],
    ['JOSÉ', 'es-ES', 'José'],
    // A listed accented name typed without its accent is kept as typed too.
    ['Maria', 'es-ES', 'Maria'],
    ['María', 'es-ES', 'María'],
    // Unchanged: one-case spellings of listed names take the list's capitals.
    ['JOHN', 'en-US', 'John'],
    ['john', 'en-US', 'John'],
  ])('%j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.FIRST_NAME', text, language)).toBe(expected);
  });

  it.each([
    ['Hola, soy José y vivo aquí', 'es-ES', ['José']],
    ['Bonjour, ici Hélène Dupont', 'fr-FR', ['Hélène']],
  ])('inside %j (%s) -> %j', (text, language, expected) => {
    expect(found('Twilio.FIRST_NAME', text, language)).toEqual(expected);
  });

  it.each([
    ['José García', 'es-ES', 'García'],
    ['me llamo Raúl Peña', 'es-ES', 'Peña'],
    ['GARCÍA', 'es-ES', 'García'],
    ['Núñez', 'es-ES', 'Núñez'],
  ])('LAST_NAME %j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.LAST_NAME', text, language)).toBe(expected);
  });

  it('LAST_NAME inside a sentence after an accented listed name', () => {
    expect(found('Twilio.LAST_NAME', 'Hola, soy José Núñez', 'es-ES')).toEqual(['Núñez']);
  });
});
