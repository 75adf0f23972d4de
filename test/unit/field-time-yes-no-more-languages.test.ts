import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

// Sunday 2026-11-22, noon UTC.
const at = (language: string): RecogniseContext => ({ referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language });
const none = new Map();
const answer = (type: string, text: string, language: string): string | null => recogniseAnswer(type, text, none, at(language))?.value ?? null;
const found = (type: string, text: string, language: string): Array<[string, string]> =>
  findValues(type, text, none, at(language)).map((v) => [v.value, text.slice(v.start, v.end)]);

describe('Twilio.TIME in Spanish, French, Portuguese and German as a whole answer', () => {
  it.each([
    // Spanish: without "a", without "las", noon and midnight
    ['es-ES', 'las cinco', '05:00'],
    ['es-ES', 'la una', '01:00'],
    ['es-ES', 'cinco de la tarde', '17:00'],
    ['es-MX', 'ocho y media de la noche', '20:30'],
    ['es-ES', 'siete menos cuarto de la mañana', '06:45'],
    ['es-ES', 'mediodía', '12:00'],
    ['es-ES', 'al mediodia', '12:00'],
    ['es-ES', 'medianoche', '00:00'],
    ['es-ES', 'a medianoche', '00:00'],
    ['es-ES', 'a las ocho y media de la tarde', '20:30'],
    ['es-ES', 'a las dos del mediodía', '14:00'],
    // French
    ['fr-FR', 'à midi', '12:00'],
    ['fr-FR', 'midi', '12:00'],
    ['fr-FR', 'minuit', '00:00'],
    ['fr-FR', 'midi et demi', '12:30'],
    ['fr-FR', 'vers 15 heures', '15:00'],
    ['fr-FR', '14 h', '14:00'],
    ['fr-FR', '14h30', '14:30'],
    ['fr-FR', '15 heures', '15:00'],
    ['fr-FR', 'à 18h', '18:00'],
    ['fr-FR', 'à 8h du soir', '20:00'],
    ['fr-FR', 'huit heures et demie du soir', '20:30'],
    ['fr-FR', 'neuf heures du matin', '09:00'],
    ['fr-FR', "trois heures de l'après-midi", '15:00'],
    ['fr-FR', 'à 4 heures', '04:00'],
    // Portuguese
    ['pt-BR', 'às 19h', '19:00'],
    ['pt-BR', '20h', '20:00'],
    ['pt-BR', 'as 20 horas', '20:00'],
    ['pt-BR', 'meio-dia', '12:00'],
    ['pt-BR', 'meio-dia e meia', '12:30'],
    ['pt-PT', 'meia-noite', '00:00'],
    ['pt-BR', 'às 8 horas', '08:00'],
    ['pt-BR', 'às oito e meia da noite', '20:30'],
    ['pt-BR', 'duas da tarde', '14:00'],
    ['pt-BR', 'às 8 horas da noite', '20:00'],
    // German: "halb fünf" is half past four
    ['de-DE', 'um halb fünf', '04:30'],
    ['de-DE', 'halb 5', '04:30'],
    ['de-DE', 'viertel nach drei', '03:15'],
    ['de-DE', 'viertel vor acht', '07:45'],
    ['de-DE', 'dreiviertel acht', '07:45'],
    ['de-DE', 'zehn nach drei', '03:10'],
    ['de-DE', 'um halb acht abends', '19:30'],
    ['de-DE', 'Mittag', '12:00'],
    ['de-DE', 'mittags', '12:00'],
    ['de-DE', 'Mitternacht', '00:00'],
    ['de-DE', 'um Mitternacht', '00:00'],
    ['de-DE', '18 Uhr 30', '18:30'],
    ['de-DE', 'um 17 Uhr', '17:00'],
    ['de-DE', 'um acht', '08:00'],
    ['de-DE', 'um acht Uhr abends', '20:00'],
    ['de-DE', 'um 2 Uhr nachts', '02:00'],
    ['de-DE', 'heute Abend um 8', '20:00'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer('Twilio.TIME', text, language)).toBe(expected);
  });

  it.each([
    // "las dos" / "as duas" are also "both", "2 horas" a duration, "zu Mittag essen" lunch: not times in a longer answer.
    ['es-ES', 'quiero las dos mesas'],
    ['pt-BR', 'quero as duas'],
    ['pt-BR', 'fiquei 2 horas'],
    ['de-DE', 'wir möchten zu Mittag essen'],
    ['de-DE', 'um zwei Personen'],
    ['fr-FR', "cet après-midi"],
  ])('%s: %j is no time', (language, text) => {
    expect(answer('Twilio.TIME', text, language)).toBeNull();
  });
});

describe('Twilio.TIME in Spanish, French, Portuguese and German inside sentences', () => {
  it.each([
    ['es-ES', 'una mesa para las cinco', [['05:00', 'cinco']]],
    ['es-ES', 'llegamos a las cinco de la tarde', [['17:00', 'cinco de la tarde']]],
    ['es-MX', 'nos vemos ocho y media de la noche', [['20:30', 'ocho y media de la noche']]],
    ['es-ES', 'una mesa para mañana al mediodía', [['12:00', 'mediodía']]],
    ['es-ES', 'quiero las dos mesas', []],
    ['fr-FR', 'une table pour demain à midi', [['12:00', 'midi']]],
    ['fr-FR', 'on arrive vers 15 heures', [['15:00', '15 heures']]],
    ['fr-FR', 'je serai là à minuit', [['00:00', 'minuit']]],
    ['fr-FR', 'cet après-midi', []],
    ['pt-BR', 'uma mesa para hoje às 19h', [['19:00', '19h']]],
    ['pt-BR', 'chego ao meio-dia', [['12:00', 'meio-dia']]],
    ['pt-BR', 'fiquei 2 horas na fila', []],
    ['de-DE', 'ein Tisch um halb acht bitte', [['07:30', 'halb acht']]],
    ['de-DE', 'wir kommen gegen Mittag', [['12:00', 'Mittag']]],
    ['de-DE', 'wir möchten zu Mittag essen', []],
    ['de-DE', 'wir kommen um 18 Uhr 30', [['18:30', '18 Uhr 30']]],
  ])('%s: %j -> %j', (language, text, expected) => {
    expect(found('Twilio.TIME', text, language)).toEqual(expected);
  });
});

describe('Twilio.TIME and DATE in English are unchanged', () => {
  it.each([
    ['noon', '12:00'], ['midnight', '00:00'], ['half past four', '04:30'], ['at 4', '04:00'], ['3pm', '15:00'],
    ['seven in the evening', '19:00'], ['tonight at 8', '20:00'], ['1600', '16:00'],
  ])('TIME %j -> %s', (text, expected) => {
    expect(answer('Twilio.TIME', text, 'en-US')).toBe(expected);
  });
  it.each([['tomorrow', '2026-11-23'], ['sunday', '2026-11-22'], ['monday', '2026-11-23'], ['midnight', null]])('DATE %j -> %s', (text, expected) => {
    expect(answer('Twilio.DATE', text, 'en-US')).toBe(expected);
  });
});

describe('Twilio.YES_NO in Filipino and more words elsewhere', () => {
  it.each([
    ['fil-PH', 'oo', 'Yes'], ['fil-PH', 'Oo', 'Yes'], ['fil-PH', 'ooo', 'Yes'], ['fil', 'opo', 'Yes'], ['tl', 'oho', 'Yes'],
    ['fil-PH', 'sige', 'Yes'], ['fil-PH', 'tama', 'Yes'], ['fil-PH', 'oo naman', 'Yes'], ['fil-PH', 'sure', 'Yes'], ['fil-PH', 'of course', 'Yes'],
    ['fil-PH', 'hindi', 'No'], ['fil-PH', 'hindi po', 'No'], ['fil-PH', 'ayoko', 'No'], ['tl-PH', 'huwag', 'No'], ['fil-PH', 'hindi, salamat', 'No'],
    ['fil-PH', 'hindi ok', 'No'], ['fil-PH', 'hindi ko alam', null], ['fil-PH', 'siguro', null], ['fil-PH', 'kape o tsaa', null],
    ['es-MX', 'va', 'Yes'], ['es-MX', 'sale', 'Yes'], ['es-ES', 'claro que sí', 'Yes'], ['es-ES', 'por supuesto', 'Yes'],
    ['es-MX', 'nel', 'No'], ['es-ES', 'para nada', 'No'], ['es-ES', 'claro que no', 'No'],
    ['fr-FR', 'si', 'Yes'], ['fr-FR', 'absolument', 'Yes'], ['fr-FR', 'bien sûr', 'Yes'], ["fr-FR", "d'accord", 'Yes'], ['fr-FR', 'd’accord', 'Yes'],
    ['fr-FR', 'pas du tout', 'No'], ['fr-FR', 'absolument pas', 'No'], ['fr-FR', 'bien sûr que non', 'No'],
    ['de-DE', 'doch', 'Yes'], ['de-DE', 'stimmt', 'Yes'], ['de-DE', 'gerne', 'Yes'], ['de-DE', 'klar', 'Yes'],
    ['de-DE', 'auf keinen Fall', 'No'], ['de-DE', 'stimmt nicht', 'No'],
    ['pt-BR', 'isso', 'Yes'], ['pt-BR', 'pode ser', 'Yes'], ['pt-BR', 'beleza', 'Yes'], ['pt-BR', 'claro', 'Yes'], ['pt-BR', 'de jeito nenhum', 'No'],
    ['it-IT', 'certo', 'Yes'], ['it-IT', 'va bene', 'Yes'], ['it-IT', 'per niente', 'No'],
  ])('%s: %j -> %s', (language, text, expected) => {
    expect(answer('Twilio.YES_NO', text, language)).toBe(expected);
  });

  it.each([
    ['fil-PH', 'oo, bukas na lang', [['Yes', 'oo']]],
    ['fil-PH', 'hindi po ako makakapunta', [['No', 'hindi po']]],
    ['fil-PH', 'tama na', []],
    ['fil-PH', 'kape o tsaa', []],
    ['fr-FR', 'si je peux venir', []],
    ['fr-FR', 'absolument, merci', [['Yes', 'absolument']]],
    ['de-DE', 'ich hätte gerne einen Tisch', []],
    ['de-DE', 'das geht auf keinen Fall', [['No', 'auf keinen Fall']]],
    ['pt-BR', 'isso vai demorar', []],
    ['es-MX', 'va a llover', []],
    ['it-IT', 'non mi piace per niente', [['No', 'per niente']]],
  ])('%s: finds %j -> %j', (language, text, expected) => {
    expect(found('Twilio.YES_NO', text, language)).toEqual(expected);
  });

  it.each([
    ['yes', 'Yes'], ['Yesss please!', 'Yes'], ['nooo', 'No'], ['o', null], ['oo', null], ['sure', 'Yes'], ['maybe', null], ['absolutely not', 'No'],
  ])('English %j -> %s', (text, expected) => {
    expect(answer('Twilio.YES_NO', text, 'en-US')).toBe(expected);
  });
});

describe('Twilio.DATE in Filipino', () => {
  it.each([
    ['bukas', '2026-11-23'], ['Bukas', '2026-11-23'], ['ngayon', '2026-11-22'], ['kahapon', '2026-11-21'], ['makalawa', '2026-11-24'],
    ['Lunes', '2026-11-23'], ['sa Lunes', '2026-11-23'], ['sa Miyerkules', '2026-11-25'], ['Biyernes', '2026-11-27'], ['Sabado', '2026-11-28'],
    ['Linggo', '2026-11-22'], ['sa Linggo', '2026-11-22'], ['tomorrow', '2026-11-23'],
    ['isang linggo', null], ['sa susunod na linggo', null], ['ngayong linggo', null],
  ])('fil-PH: %j -> %s', (text, expected) => {
    expect(answer('Twilio.DATE', text, 'fil-PH')).toBe(expected);
  });

  it.each([
    ['gusto ko magpareserba sa Biyernes', [['2026-11-27', 'Biyernes']]],
    ['pupunta kami bukas ng gabi', [['2026-11-23', 'bukas']]],
    ['pupunta kami sa Linggo', [['2026-11-22', 'Linggo']]],
    ['isang linggo pa', []],
  ])('fil-PH: finds %j -> %j', (text, expected) => {
    expect(found('Twilio.DATE', text, 'fil-PH')).toEqual(expected);
  });
});
