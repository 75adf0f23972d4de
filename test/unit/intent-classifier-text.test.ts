import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../../src/nlu/classifier/english-stemmer.js';
import { extractFeatures, DEFAULT_FEATURES } from '../../src/nlu/classifier/feature-extraction.js';
import { stemGerman, stemRomance } from '../../src/nlu/classifier/light-stemmers.js';
import { foldAccents, languageRules, tokenise } from '../../src/nlu/classifier/text-tokens.js';

const words = (text: string, language = 'en-US'): string[] => tokenise(text, languageRules(language)).map((t) => t.surface);

describe('tokenise', () => {
  it.each([
    ['Book a FLIGHT to Zürich!', ['book', 'a', 'flight', 'to', 'zürich']],
    ['ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ１２３', ['full', 'width', 'abc123']], // NFKC
    ["I don't think I'm late, can't you wait?", ['i', 'do', 'not', 'think', 'i', 'am', 'late', 'can', 'not', 'you', 'wait']],
    ['send {Item } to room {room_number}', ['send', '{item}', 'to', 'room', '{room_number}']],
    ['¿Dónde está la estación?', ['dónde', 'está', 'la', 'estación']],
    ['नमस्ते दुनिया', ['नमस्ते', 'दुनिया']], // combining vowel signs stay inside the word
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('keeps apostrophes as separators outside English', () => {
    expect(words("l'heure d'été", 'fr-FR')).toEqual(['l', 'heure', 'd', 'été']);
  });

  it('keeps the accented surface and a folded, stemmed form', () => {
    const [token] = tokenise('Canciones', languageRules('es'));
    expect(token).toEqual({ surface: 'canciones', folded: 'canciones', stem: 'cancion', tag: false });
    expect(foldAccents('straße ærø ñandú')).toBe('strasse aero nandu');
  });
});

describe('stemmers', () => {
  it.each([
    ['flights', 'flight'], ['cancelled', 'cancel'], ['cancelling', 'cancel'], ['booking', 'book'], ['hopping', 'hop'],
    ['stories', 'stori'], ['story', 'stori'], ['caresses', 'caress'], ['bus', 'bus'], ['was', 'be'], ['stolen', 'steal'],
    ['agreed', 'agree'], ['hoping', 'hope'], ['2019s', '2019s'], ['canceled', 'cancel'], ['calls', 'call'], ['filling', 'fill'],
  ])('English %s -> %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it.each([
    ['es', 'canciones', 'cancion'], ['es', 'luces', 'luz'], ['es', 'reservas', 'reserv'], ['fr', 'chevaux', 'cheval'],
    ['fr', 'reservations', 'reservation'], ['pt', 'cancoes', 'cancao'], ['it', 'prenotazioni', 'prenotazion'],
  ])('%s %s -> %s (input is accent-folded)', (language, word, stem) => {
    expect(stemRomance(word, language)).toBe(stem);
  });

  it('German drops inflection only', () => {
    expect(stemGerman('flugtickets')).toBe('flugticket');
    expect(stemGerman('bestellen')).toBe('bestell');
    expect(stemGerman('haus')).toBe('haus');
  });

  it('does not apply English rules to other languages', () => {
    expect(languageRules('es').stem('gracias')).not.toBe(stemEnglish('gracias'));
    expect(languageRules('fil-PH').stem('salamat')).toBe('salamat');
    expect(languageRules('es').prepare("don't")).toBe("don't");
  });
});

describe('extractFeatures', () => {
  it('makes word, stem, bigram and in-word character n-gram features, none from tags', () => {
    const features = extractFeatures(tokenise('Flights to {city}', languageRules('en')), DEFAULT_FEATURES);
    expect(features).toEqual(expect.arrayContaining(['wflights', 'sflight', 'b^ flight', 'bflight to', 'bto {city}', 'b{city} $', 'c fl', 'cghts ', 's{city}']));
    expect(features.filter((f) => f.startsWith('c') && f.includes('city'))).toEqual([]);
    expect(features.filter((f) => f.startsWith('c') && f.includes('s t'))).toEqual([]); // never across words
  });
});

describe('entity classes (tokenise with entities)', () => {
  const classes = (text: string, language = 'en-US'): string[] =>
    tokenise(text, languageRules(language), true).map((t) => (t.entity === undefined ? t.surface : `${t.surface}/${t.entity}`));

  it.each([
    ['wake me at 7 pm tomorrow', ['wake', 'me', 'at', '7/#time', 'pm/#time', 'tomorrow/#date']],
    ['alarm for 07:30 on Monday', ['alarm', 'for', '07/#time', '30/#time', 'on', 'monday/#date']],
    ['ten o\'clock or 10am or noon', ['ten/#time', 'o', 'clock/#time', 'or', '10am/#time', 'or', 'noon/#time']],
    ['I am late', ['i', 'am', 'late']], // `am` only after a number
    ['remind me in five minutes', ['remind', 'me', 'in', 'five/#num', 'minutes/#dur']],
    ['send $20 and 15% to a@b.com', ['send', '20/#money', 'and', '15/#pct', 'to', 'a/#email', 'b/#email', 'com/#email']],
    ['paid 30 dollars on 12/05', ['paid', '30/#num', 'dollars/#money', 'on', '12/#date', '05/#date']],
    ['open www.example.com', ['open', 'www/#url', 'example/#url', 'com/#url']],
    ['table for {party_size} at 8', ['table', 'for', '{party_size}', 'at', '8/#num']], // tags never get a class
  ])('%j', (text, expected) => {
    expect(classes(text)).toEqual(expected);
  });

  it('uses the English word lists only for English, digits everywhere', () => {
    expect(classes('lunes a las 7', 'es')).toEqual(['lunes', 'a', 'las', '7/#num']);
    expect(classes('five on monday', 'de')).toEqual(['five', 'on', 'monday']);
    expect(tokenise('wake me at 7 pm', languageRules('en'))).toEqual(tokenise('wake me at 7 pm', languageRules('en'), false));
    expect(tokenise('wake me at 7 pm', languageRules('en')).some((t) => t.entity !== undefined)).toBe(false); // off unless asked
  });

  it('adds the class as an extra word and stem feature, keeping the token', () => {
    const features = extractFeatures(tokenise('alarm at 7 pm', languageRules('en'), true), DEFAULT_FEATURES);
    expect(features).toEqual(expect.arrayContaining(['w7', 's7', 'w#time', 's#time', 'bat 7', 'b7 pm']));
    expect(features.filter((f) => f.startsWith('b') && f.includes('#'))).toEqual([]); // bigrams keep the tokens
    expect(extractFeatures(tokenise('alarm at 7 pm', languageRules('en'), true), { ...DEFAULT_FEATURES, entities: false })).not.toContain('w#time');
  });
});
