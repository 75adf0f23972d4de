import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const at = (language: string): RecogniseContext =>
  ({ referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language });
const none = new Map();
const answer = (text: string, language: string, type = 'Twilio.NUMBER'): string | null =>
  recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (text: string, language: string, type = 'Twilio.NUMBER'): Array<[string, string]> =>
  findValues(type, text, none, at(language)).map((v) => [v.value, text.slice(v.start, v.end)]);

describe('Twilio.NUMBER: spelled-out numbers in French, German, Portuguese and Italian', () => {
  it.each([
    // French: hyphens, "et", 70-99 as 60 + 10-19 and 4 x 20, Belgian and Swiss tens.
    ['fr-FR', 'trois', '3'],
    ['fr-FR', 'zéro', '0'],
    ['fr-FR', 'seize', '16'],
    ['fr-FR', 'dix-sept', '17'],
    ['fr-FR', 'dix neuf', '19'],
    ['fr-FR', 'vingt-deux', '22'],
    ['fr-FR', 'vingt et un', '21'],
    ['fr-FR', 'vingt-et-une', '21'],
    ['fr-FR', 'trente et une', '31'],
    ['fr-FR', 'soixante-dix', '70'],
    ['fr-FR', 'soixante et onze', '71'],
    ['fr-FR', 'soixante-dix-neuf', '79'],
    ['fr-FR', 'quatre-vingts', '80'],
    ['fr-FR', 'quatre vingt un', '81'],
    ['fr-FR', 'quatre-vingt-onze', '91'],
    ['fr-FR', 'quatre-vingt-dix-sept', '97'],
    ['fr-BE', 'septante-deux', '72'],
    ['fr-BE', 'septante et un', '71'],
    ['fr-CH', 'huitante', '80'],
    ['fr-FR', 'octante', '80'],
    ['fr-BE', 'nonante-neuf', '99'],
    ['fr-FR', 'cent', '100'],
    ['fr-FR', 'cent un', '101'],
    ['fr-FR', 'deux cents', '200'],
    ['fr-FR', 'deux cent trois', '203'],
    ['fr-FR', 'deux-cent-trois', '203'],
    ['fr-FR', 'cent quatre-vingts', '180'],
    ['fr-FR', 'mille', '1000'],
    ['fr-FR', 'deux mille vingt-cinq', '2025'],
    ['fr-FR', 'mille neuf cent quatre-vingt-dix-neuf', '1999'],
    ['fr-FR', 'dix mille quatre-vingts', '10080'],
    ['fr-FR', 'un million', '1000000'],
    ['fr-FR', 'trois millions deux cent mille', '3200000'],
    ['fr-FR', 'trois virgule cinq', '3.5'],
    ['fr-FR', 'moins cinq', '-5'],
    ['fr-FR', 'nous serons trois', '3'],
    ['fr-FR', 'pour vingt-deux nuits', '22'],
    // German: unit first, "und", compounds, "eins" and "ein".
    ['de-DE', 'drei', '3'],
    ['de-DE', 'eins', '1'],
    ['de-DE', 'zwo', '2'],
    ['de-DE', 'zwölf', '12'],
    ['de-DE', 'siebzehn', '17'],
    ['de-DE', 'dreißig', '30'],
    ['de-DE', 'dreissig', '30'],
    ['de-DE', 'zweiundzwanzig', '22'],
    ['de-DE', 'einundzwanzig Nächte', '21'],
    ['de-DE', 'fünfundsiebzig', '75'],
    ['de-DE', 'hundert', '100'],
    ['de-DE', 'hundertundeins', '101'],
    ['de-DE', 'einhundertzwanzig', '120'],
    ['de-DE', 'dreihundertfünfzig', '350'],
    ['de-DE', 'tausend', '1000'],
    ['de-DE', 'dreitausend', '3000'],
    ['de-DE', 'neunzehnhundert', '1900'],
    ['de-DE', 'achtzehnhundertneunundneunzig', '1899'],
    ['de-DE', 'zweitausendvierhundertdreiundzwanzig', '2423'],
    ['de-DE', 'eine Million', '1000000'],
    ['de-DE', 'zwei Millionen dreihunderttausend', '2300000'],
    ['de-DE', 'drei Komma fünf', '3.5'],
    ['de-DE', 'minus fünf', '-5'],
    // Portuguese: "e" joins, "cem"/"cento", feminine forms, Portugal's and Brazil's teens.
    ['pt-BR', 'duas', '2'],
    ['pt-BR', 'três', '3'],
    ['pt-BR', 'dezesseis', '16'],
    ['pt-PT', 'dezasseis', '16'],
    ['pt-PT', 'dezanove', '19'],
    ['pt-BR', 'vinte e dois', '22'],
    ['pt-BR', 'trinta e uma noites', '31'],
    ['pt-BR', 'cem', '100'],
    ['pt-BR', 'cento e cinco', '105'],
    ['pt-BR', 'duzentas pessoas', '200'],
    ['pt-BR', 'quinhentos', '500'],
    ['pt-PT', 'mil e quinhentos', '1500'],
    ['pt-BR', 'dois mil e vinte e cinco', '2025'],
    ['pt-BR', 'cento e cinco mil', '105000'],
    ['pt-BR', 'um milhão', '1000000'],
    ['pt-BR', 'dois milhões', '2000000'],
    ['pt-BR', 'três vírgula cinco', '3.5'],
    ['pt-BR', 'menos cinco', '-5'],
    // Italian: one word, elided tens, "cento", "mille"/"mila".
    ['it-IT', 'tre', '3'],
    ['it-IT', 'diciassette', '17'],
    ['it-IT', 'ventitré', '23'],
    ['it-IT', 'venti tre', '23'],
    ['it-IT', 'ventuno', '21'],
    ['it-IT', 'trentotto', '38'],
    ['it-IT', 'quarantuno', '41'],
    ['it-IT', 'cento', '100'],
    ['it-IT', 'centocinque', '105'],
    ['it-IT', 'centottanta', '180'],
    ['it-IT', 'duecentocinquanta', '250'],
    ['it-IT', 'novecentonovantanove', '999'],
    ['it-IT', 'mille', '1000'],
    ['it-IT', 'mille e cinquecento', '1500'],
    ['it-IT', 'milleduecento', '1200'],
    ['it-IT', 'duemila', '2000'],
    ['it-IT', 'tremilacinquecento', '3500'],
    ['it-IT', 'un milione', '1000000'],
    ['it-IT', 'due milioni', '2000000'],
    ['it-IT', 'tre virgola cinque', '3.5'],
    ['it-IT', 'meno cinque', '-5'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer(text, language)).toBe(expected);
  });

  it.each([
    // An article is 1 as the whole answer ("Combien de personnes ?" "Une").
    ['fr-FR', 'un'], ['fr-FR', 'une'],
    ['de-DE', 'ein'], ['de-DE', 'eine'], ['de-DE', 'einen'],
    ['pt-BR', 'um'], ['pt-BR', 'uma'],
    ['it-IT', 'un'], ['it-IT', 'una'], ['it-IT', 'uno'],
  ])('%s: the whole answer %j is 1', (language, text) => {
    expect(answer(text, language)).toBe('1');
  });

  it.each([
    ['fr-FR', 'je voudrais une chambre pour trois nuits', [['3', 'trois']]],
    ['fr-FR', 'une table pour vingt-deux personnes', [['22', 'vingt-deux']]],
    ['fr-FR', "j'ai un chien", []],
    ['fr-FR', 'nous serons quatre-vingt-dix-sept', [['97', 'quatre-vingt-dix-sept']]],
    ['fr-FR', 'soixante et onze euros', [['71', 'soixante et onze']]],
    ['fr-FR', 'au moins deux personnes', [['2', 'deux']]],
    ['fr-FR', 'entre vingt et trente', [['20', 'vingt'], ['30', 'trente']]],
    ['fr-FR', 'entre soixante et quatre-vingts', [['60', 'soixante'], ['80', 'quatre-vingts']]],
    ['fr-FR', 'trois-quatre personnes', [['3', 'trois'], ['4', 'quatre']]],
    ['fr-FR', 'entre 2 et 3 heures', [['2', '2'], ['3', '3']]],
    ['fr-FR', 'ça coûte 50 cents', [['50', '50']]],
    ['de-DE', 'einen Tisch für vier Personen', [['4', 'vier']]],
    ['de-DE', 'ein Zimmer für zweiundzwanzig Nächte', [['22', 'zweiundzwanzig']]],
    ['de-DE', 'wir kommen zu dritt, also drei', [['3', 'drei']]],
    ['de-DE', 'zwischen zwei und drei Personen', [['2', 'zwei'], ['3', 'drei']]],
    ['de-DE', 'zwanzig drei', [['20', 'zwanzig'], ['3', 'drei']]],
    ['de-DE', 'zwischen hundert und zweihundert', [['100', 'hundert'], ['200', 'zweihundert']]],
    ['de-DE', 'Achtung, einmal bitte', []],
    ['pt-BR', 'quero um quarto para três noites', [['3', 'três']]],
    ['pt-BR', 'uma mesa para vinte e dois', [['22', 'vinte e dois']]],
    ['pt-BR', 'pelo menos dois', [['2', 'dois']]],
    ['pt-BR', 'mais ou menos dois', [['2', 'dois']]],
    ['pt-BR', 'dois e três', [['2', 'dois'], ['3', 'três']]],
    ['pt-BR', 'entre cem e duzentos', [['100', 'cem'], ['200', 'duzentos']]],
    ['pt-BR', 'entre mil e dois mil', [['1000', 'mil'], ['2000', 'dois mil']]],
    ['pt-BR', 'somos duas pessoas', [['2', 'duas']]],
    ['it-IT', 'vorrei una camera per tre notti', [['3', 'tre']]],
    ['it-IT', 'siamo in ventitré', [['23', 'ventitré']]],
    ['it-IT', 'ho ventun anni', [['21', 'ventun']]],
    ['it-IT', 'uno studente e cento euro', [['100', 'cento']]],
    ['it-IT', 'tra cento e duecento', [['100', 'cento'], ['200', 'duecento']]],
    ['it-IT', 'tra mille e duemila', [['1000', 'mille'], ['2000', 'duemila']]],
    ['it-IT', 'più o meno due', [['2', 'due']]],
    ['it-IT', 'a settembre, in treno', []],
  ])('%s: finds in %j: %j', (language, text, expected) => {
    expect(found(text, language)).toEqual(expected);
  });

  it.each([
    // English and Spanish read as before.
    ['en-US', 'one hundred and five', '105'],
    ['en-US', 'a hundred', '100'],
    ['en-US', 'twenty-one', '21'],
    ['en-US', 'hundred', null],
    ['en-US', 'thousand', null],
    ['en-US', 'nineteen hundred', '1900'],
    ['en-US', 'three point one four', '3.14'],
    ['en-US', 'minus 5', '-5'],
    ['en-US', 'trois', null],
    ['es-MX', 'treinta y dos', '32'],
    ['es-MX', 'mil', '1000'],
    ['es-MX', 'doscientas', '200'],
    ['es-MX', 'veintiuna', '21'],
    ['es-MX', 'una', '1'],
  ])('%s: %j -> %s as before', (language, text, expected) => {
    expect(answer(text, language)).toBe(expected);
  });

  it.each([
    ['en-US', 'a table for two', [['2', 'two']]],
    ['es-MX', 'quiero una mesa para el sábado', []],
    ['es-MX', 'somos treinta y una personas', [['31', 'treinta y una']]],
    ['en-US', 'one hundred and five dollars', [['105', 'one hundred and five']]],
  ])('%s: finds in %j: %j as before', (language, text, expected) => {
    expect(found(text, language)).toEqual(expected);
  });
});

describe('Twilio.NUMBER_SEQUENCE: digits and pairs said in French, German, Portuguese and Italian', () => {
  it.each([
    ['fr-FR', 'zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit', '0612345678'],
    ['fr-FR', 'quatre cinq six', '456'],
    ['fr-FR', 'un deux trois', '123'],
    ['de-DE', 'null eins zwo drei', '0123'],
    ['de-DE', 'zweiundzwanzig dreiunddreißig', '2233'],
    ['pt-BR', 'nove oito sete', '987'],
    ['it-IT', 'tre tre nove', '339'],
    ['it-IT', 'ventitré quarantuno', '2341'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer(text, language, 'Twilio.NUMBER_SEQUENCE')).toBe(expected);
  });
});

describe('Twilio.NUMBER: an answer with an article and a number is the number', () => {
  it.each([
    ['es-MX', 'una mesa para dos personas', '2'],
    ['es-MX', 'una', '1'],
    ['es-MX', 'quiero una mesa', '1'],
    ['fr-FR', 'une chambre pour deux', '2'],
    ['fr-FR', 'un deux trois', '123'],
    ['de-DE', 'einen Tisch für vier Personen', '4'],
    ['pt-BR', 'uma mesa para seis', '6'],
    ['it-IT', 'una camera per tre notti', '3'],
    ['en-US', 'a table for two', '2'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer(text, language)).toBe(expected);
  });
});

describe('ALPHANUMERIC: one-letter words between spoken numbers are words outside English', () => {
  it.each([
    ['fr-FR', 'il y a deux personnes', []],
    ['it-IT', 'tra due e tre', []],
    ['es-ES', 'entre dos y tres', []],
    ['es-ES', 'mi código es A B dos tres', ['AB23']],
    ['fr-FR', 'le code ab12c', ['AB12C']],
    ['en-US', 'a b c one two', ['ABC12']],
    // Spelt codes keep their letters (only a joining letter next to a spoken number is a word).
    ['es-ES', 'mi código es a b c 1 2 3', ['ABC123']],
    ['de-DE', 'b 1 2', ['B12']],
    ['it-IT', 'a e i 1 2', ['AEI12']],
    ['fr-FR', 'a b 1 2', ['AB12']],
  ] as Array<[string, string, string[]]>)('%s: %j -> %j', (language, text, expected) => {
    expect(findValues('Twilio.ALPHANUMERIC', text, none, at(language)).map((v) => v.value)).toEqual(expected);
  });
});

describe('NUMBER: words that are also other words, and articles, outside Spanish', () => {
  it.each([
    ['it-IT', 'sei disponibile domani?', null],
    ['it-IT', 'sei', '6'],
    ['it-IT', 'sei notti', '6'],
    ['fr-FR', "j'ai acheté un vélo neuf", null],
    ['fr-FR', 'neuf', '9'],
    ['fr-FR', 'un peu', null],
    ['fr-FR', 'une', '1'],
    ['de-DE', 'ein paar', null],
    ['de-DE', 'ein Dutzend', null],
    ['pt-BR', 'um pouco', null],
    ['it-IT', 'un paio', null],
    ['es-ES', 'una persona', '1'],
  ] as Array<[string, string, string | null]>)('%s: %j -> %s', (language, text, expected) => {
    expect(answer(text, language)).toBe(expected);
  });

  it.each([['it-IT', 'sei disponibile domani?'], ['it-IT', 'dove sei'], ['fr-FR', 'quoi de neuf']])('%s: no number inside %j', (language, text) => {
    expect(found(text, language)).toEqual([]);
  });
});
