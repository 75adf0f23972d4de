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
    // A listed name matched across two words keeps the words typed (lists have `Maryjane`, `Annemarie`).
    ['Mary-Jane', 'en-US', 'Mary-Jane'],
    ['mary-jane', 'en-US', 'Mary-Jane'],
    ['Anne Marie', 'en-US', 'Anne Marie'],
    ['anne marie', 'en-US', 'Anne Marie'],
    // A hyphenated name is whole even when only its first part is listed.
    ['Jean-Luc', 'fr-FR', 'Jean-Luc'],
    ['jean-luc picard', 'en-US', 'Jean-Luc'],
    // A listed name typed in lower case in a mixed-case answer is a word ("will"), unless it is the whole answer.
    ['it will be me, Tom', 'en-US', 'Tom'],
    ["Hi, I'm will", 'en-US', 'Will'],
    ['Will', 'en-US', 'Will'],
  ])('%j (%s) -> %s, as typed', (text, language, expected) => {
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
    // Two words after "my last name is", or alone in Spanish or Portuguese, the first no listed given name, are both
    // surnames; alone in English the first is taken for a given name the lists lack.
    ['my last name is García López', 'en-US', 'García López'],
    ['García López', 'es-MX', 'García López'],
    ['Hiroshi Tanaka', 'en-US', 'Tanaka'],
    ['Jürgen Müller', 'en-US', 'Müller'],
    ['Mr. Smith', 'en-US', 'Smith'],
    ['garcía lópez', 'es-ES', 'García López'],
    ['mi apellido es García López', 'es-ES', 'García López'],
    ['Smith-Jones', 'en-US', 'Smith-Jones'],
    ['Jane Smith-Jones', 'en-US', 'Smith-Jones'],
    ['john smith', 'en-US', 'Smith'],
  ])('LAST_NAME %j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.LAST_NAME', text, language)).toBe(expected);
  });

  it('LAST_NAME inside a sentence after an accented listed name', () => {
    expect(found('Twilio.LAST_NAME', 'Hola, soy José Núñez', 'es-ES')).toEqual(['Núñez']);
  });
});
