import { describe, expect, it } from 'vitest';
import { recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T15:00:00Z'), timeZone: 'America/New_York', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;

describe('FIRST_NAME and LAST_NAME: introductions in German, Portuguese, French and Italian are taken off', () => {
  it.each([
    ['ich heiße Jürgen', 'de-DE', 'Jürgen'],
    ['Ich heisse Jürgen', 'de-DE', 'Jürgen'],
    ['mein Name ist Jürgen', 'de-DE', 'Jürgen'],
    ['ich bin Jürgen', 'de-DE', 'Jürgen'],
    ['Hallo, ich bin der Jürgen', 'de-DE', 'Jürgen'],
    ['me chamo João', 'pt-BR', 'João'],
    ['meu nome é João', 'pt-BR', 'João'],
    ['eu sou João', 'pt-BR', 'João'],
    ['sou a Luíza', 'pt-BR', 'Luíza'],
    ['sou o Thiago', 'pt-BR', 'Thiago'],
    ['sou Ana', 'pt-BR', 'Ana'],
    ['chamo-me João', 'pt-PT', 'João'],
    ["je m'appelle Zinedine", 'fr-FR', 'Zinedine'],
    ['je m’appelle Zinedine', 'fr-FR', 'Zinedine'],
    ['mon nom est Zinedine', 'fr-FR', 'Zinedine'],
    ["moi c'est Zinedine", 'fr-FR', 'Zinedine'],
    ['Moi, c’est Zinedine', 'fr-FR', 'Zinedine'],
    ['je suis Zinedine', 'fr-FR', 'Zinedine'],
    ['Je suis Denis', 'fr-FR', 'Denis'],
    ['mi chiamo Giulia', 'it-IT', 'Giulia'],
    ['il mio nome è Giulia', 'it-IT', 'Giulia'],
    ['sono Giulia', 'it-IT', 'Giulia'],
  ])('FIRST_NAME %j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.FIRST_NAME', text, language)).toBe(expected);
  });

  it.each([
    ['ich heiße Jürgen Klopp', 'de-DE', 'Klopp'],
    ['meu nome é João Silva', 'pt-BR', 'Silva'],
    ["je m'appelle Zinedine Zidane, merci", 'fr-FR', 'Zidane'],
    ['mi chiamo Giulia Rossi, grazie', 'it-IT', 'Rossi'],
  ])('LAST_NAME %j (%s) -> %s', (text, language, expected) => {
    expect(answer('Twilio.LAST_NAME', text, language)).toBe(expected);
  });
});
