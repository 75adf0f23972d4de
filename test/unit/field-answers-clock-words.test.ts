import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

// Sunday 2026-11-22, noon UTC.
const at = (language: string): RecogniseContext => ({ referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): Array<[string, string]> =>
  findValues(type, text, none, at(language)).map((v) => [v.value, text.slice(v.start, v.end)]);

describe('Twilio.TIME: clock times in words in Spanish, French, German, Portuguese and Italian', () => {
  it.each([
    ['es-MX', 'las cinco', '05:00'],
    ['es-MX', 'la una', '01:00'],
    ['es-MX', 'cinco y media', '05:30'],
    ['es-MX', 'las nueve menos cuarto', '08:45'],
    ['es-MX', 'las dos y diez', '02:10'],
    ['es-MX', 'a la una y media de la tarde', '13:30'],
    ['es-ES', 'mediodía', '12:00'],
    ['es-ES', 'medianoche', '00:00'],
    ['es-MX', 'a las cinco pm', '17:00'],
    ['es-MX', '17', '17:00'],
    ['fr-FR', 'midi', '12:00'],
    ['fr-FR', 'minuit', '00:00'],
    ['fr-FR', 'midi et demi', '12:30'],
    ['fr-FR', 'à huit heures', '08:00'],
    ['fr-FR', 'à huit', '08:00'],
    ['fr-FR', 'à 8 heures du soir', '20:00'],
    ['fr-FR', 'dix-sept heures', '17:00'],
    ['fr-FR', 'dix-sept heures trente', '17:30'],
    ['fr-FR', 'huit heures et quart', '08:15'],
    ['fr-FR', 'huit heures moins le quart', '07:45'],
    ['fr-FR', 'vingt et une heures', '21:00'],
    ['de-DE', 'halb fünf', '04:30'],
    ['de-DE', 'viertel nach drei', '03:15'],
    ['de-DE', 'viertel vor drei', '02:45'],
    ['de-DE', 'zehn nach fünf', '05:10'],
    ['de-DE', 'um fünf', '05:00'],
    ['de-DE', 'um fünf Uhr', '05:00'],
    ['de-DE', 'fünf Uhr dreißig', '05:30'],
    ['de-DE', 'um halb acht abends', '19:30'],
    ['de-DE', 'Mitternacht', '00:00'],
    ['pt-BR', 'às cinco', '05:00'],
    ['pt-BR', 'as cinco', '05:00'],
    ['pt-BR', 'às 17h', '17:00'],
    ['pt-BR', '17h30', '17:30'],
    ['pt-BR', 'cinco e meia da tarde', '17:30'],
    ['pt-BR', 'meio-dia', '12:00'],
    ['pt-PT', 'meia-noite', '00:00'],
    ['it-IT', 'alle cinque', '05:00'],
    ['it-IT', 'alle cinque e mezza', '05:30'],
    ['it-IT', "all'una", '01:00'],
    ['it-IT', "l'una e un quarto", '01:15'],
    ['it-IT', 'le otto meno un quarto', '07:45'],
    ['it-IT', 'mezzanotte', '00:00'],
  ])('%s: the answer %j is %s', (language, text, expected) => {
    expect(answer('Twilio.TIME', text, language)).toBe(expected);
  });

  it.each([
    ['es-MX', 'reservar para las ocho y media', [['08:30', 'ocho y media']]],
    ['es-MX', 'nos vemos a las cinco en punto', [['05:00', 'cinco en punto']]],
    ['es-MX', 'mañana a la una y media de la tarde', [['13:30', 'una y media de la tarde']]],
    ['fr-FR', 'le rendez-vous à huit heures', [['08:00', 'huit heures']]],
    ['fr-FR', 'je voudrais réserver à dix-sept heures', [['17:00', 'dix-sept heures']]],
    // An evening said before the time, as chrono's readings of digits have it; greetings are no evening.
    ['es-ES', 'esta noche a las ocho', [['20:00', 'ocho']]],
    ['es-ES', 'mañana por la tarde a las cinco y media', [['17:30', 'cinco y media']]],
    ['it-IT', 'stasera alle otto', [['20:00', 'otto']]],
    ['fr-FR', 'ce soir à huit heures', [['20:00', 'huit heures']]],
    ['pt-BR', 'hoje à noite às oito', [['20:00', 'oito']]],
    ['it-IT', 'Buona sera, alle 9 per la colazione', [['09:00', '9']]],
    ['de-DE', 'Guten Abend, um 9 Uhr', [['09:00', '9 Uhr']]],
    ['es-ES', 'a las 12 de la mañana', [['12:00', '12 de la mañana']]],
    ['es-ES', 'a las doce de la noche', [['00:00', 'doce de la noche']]],
    // chrono's "4 a" is the preposition of the time after it.
    ['es-MX', 'una mesa para 4 a las nueve', [['09:00', 'nueve']]],
    ['fr-FR', 'vers midi et demi', [['12:30', 'midi et demi']]],
    ['fr-FR', 'demain soir à 8h', [['20:00', '8h']]],
    ['de-DE', 'gegen viertel vor neun', [['08:45', 'viertel vor neun']]],
    ['de-DE', 'heute Abend um 7', [['19:00', '7']]],
    ['pt-BR', 'chego às 17h30', [['17:30', '17h30']]],
    ['pt-BR', 'às cinco e meia da tarde', [['17:30', 'cinco e meia da tarde']]],
    ['it-IT', 'verso le otto di sera', [['20:00', 'otto di sera']]],
  ])('%s: %j has %j in it', (language, text, expected) => {
    expect(found('Twilio.TIME', text, language)).toEqual(expected);
  });

  // Numbers and durations inside sentences that are no clock time.
  it.each([
    ['es-MX', 'quiero las dos pizzas'],
    ['es-MX', 'las tres camisas'],
    ['es-MX', 'compré cinco y media libras'],
    ['es-MX', 'tengo 2 hijos y 3 perros'],
    ['fr-FR', 'il y a trois personnes'],
    ['fr-FR', 'cet après-midi'],
    ['fr-FR', '24 heures sur 24'],
    ['de-DE', 'ich habe drei Kinder'],
    ['de-DE', 'wir kommen um fünf'],
    ['pt-BR', 'às vezes'],
    ['pt-BR', 'as duas camisas'],
    ['pt-BR', 'daqui a uma hora'],
    ['it-IT', 'ho tre figli'],
    // Hour nouns with minutes are amounts of time too.
    ['fr-FR', "j'ai attendu deux heures et demie"],
    ['fr-FR', "j'ai travaillé 14 heures"],
    ['fr-FR', 'je voudrais réserver pour dix-sept heures'],
    ['pt-BR', 'esperei duas horas e meia'],
    ['es-ES', 'quiero dos horas y media de masaje'],
  ])('%s: %j has no time in it', (language, text) => {
    expect(found('Twilio.TIME', text, language)).toEqual([]);
  });

  it('leaves English answers to their own readers', () => {
    expect(answer('Twilio.TIME', 'las cinco', 'en-US')).toBeNull();
    expect(answer('Twilio.TIME', 'half past four', 'en-US')).toBe('04:30');
  });
});

describe('Twilio.DATE and Twilio.TIME: an amount of time is no point in time', () => {
  it.each([
    ['en-US', 'I need a room for three days'],
    ['en-US', 'for two hours'],
    ['en-US', 'it takes 2 hours'],
    ['es-MX', 'por dos horas'],
    ['es-MX', 'por tres días'],
    ['fr-FR', 'pendant deux heures'],
    ['fr-FR', 'pendant trois jours'],
    ['de-DE', 'für drei Tage'],
    ['it-IT', 'per due ore'],
  ])('%s: %j has neither', (language, text) => {
    expect(found('Twilio.DATE', text, language)).toEqual([]);
    expect(found('Twilio.TIME', text, language)).toEqual([]);
  });

  it.each([
    ['en-US', 'in two hours', 'Twilio.TIME', '14:00'],
    ['en-US', 'in 3 days', 'Twilio.DATE', '2026-11-25'],
    ['en-US', '3 days from now', 'Twilio.DATE', '2026-11-25'],
    ['en-US', 'a week from tomorrow', 'Twilio.DATE', '2026-11-30'],
    ['en-US', 'next week', 'Twilio.DATE', '2026-11-29'],
    ['es-MX', 'en dos horas', 'Twilio.TIME', '14:00'],
    ['es-MX', 'dentro de tres días', 'Twilio.DATE', '2026-11-25'],
    ['fr-FR', 'dans deux heures', 'Twilio.TIME', '14:00'],
    ['fr-FR', 'la semaine prochaine', 'Twilio.DATE', '2026-11-29'],
    ['de-DE', 'in drei Tagen', 'Twilio.DATE', '2026-11-25'],
    ['it-IT', 'tra due ore', 'Twilio.TIME', '14:00'],
    // The word that makes it relative may follow it, or come right before it.
    ['en-US', 'a week earlier', 'Twilio.DATE', '2026-11-15'],
    ['en-US', '3 days out', 'Twilio.DATE', '2026-11-25'],
    ['en-US', "one week's time", 'Twilio.DATE', '2026-11-29'],
    ['en-US', 'three days hence', 'Twilio.DATE', '2026-11-25'],
    ['en-US', 'a week afterwards', 'Twilio.DATE', '2026-11-29'],
    ['es-ES', 'tres días después', 'Twilio.DATE', '2026-11-25'],
    ['es-ES', 'de aquí a tres días', 'Twilio.DATE', '2026-11-25'],
  ])('%s: %j is still a point in time', (language, text, type, expected) => {
    expect(answer(type, text, language)).toBe(expected);
    expect(found(type, `I said ${text}`, language).map(([value]) => value)).toEqual([expected]);
  });

  it.each([
    ['5 minutes', 'Twilio.TIME', '12:05'],
    ['half an hour', 'Twilio.TIME', '12:30'],
    ['a week', 'Twilio.DATE', '2026-11-29'],
  ])('reads a whole answer %j to "when?" as that long from now', (text, type, expected) => {
    expect(answer(type, text, 'en-US')).toBe(expected);
    expect(found(type, `it takes ${text}`, 'en-US')).toEqual([]);
  });
});

describe('times and dates written the local way', () => {
  it.each([
    ['es-MX', 'a las 20 horas', 'Twilio.TIME', '20:00'],
    ['es-MX', 'quiero una mesa para el viernes a las 20 horas para 4', 'Twilio.TIME', '20:00'],
    ['de-DE', '20.30 Uhr', 'Twilio.TIME', '20:30'],
    ['de-DE', '19.30', 'Twilio.TIME', '19:30'],
    ['de-DE', 'Ich hätte gern einen Tisch morgen Abend um acht', 'Twilio.TIME', '20:00'],
    ['de-DE', 'am 24.12.', 'Twilio.DATE', '2026-12-24'],
    ['de-DE', '5.12.', 'Twilio.DATE', '2026-12-05'],
    // chrono's Italian read a weekday before "a mezzogiorno" as the one gone by.
    ['it-IT', 'sabato a mezzogiorno', 'Twilio.DATE', '2026-11-28'],
    ['it-IT', 'sabato scorso', 'Twilio.DATE', '2026-11-21'],
    // The past word may come after the weekday.
    ['es-ES', 'el viernes pasado', 'Twilio.DATE', '2026-11-20'],
    ['it-IT', 'venerdì passato', 'Twilio.DATE', '2026-11-20'],
  ])('%s: %j is %s %s', (language, text, type, expected) => {
    expect(answer(type, text, language)).toBe(expected);
  });

  it('reads "5.12." as no time', () => {
    expect(answer('Twilio.TIME', '5.12.', 'de-DE')).toBeNull();
  });
});
