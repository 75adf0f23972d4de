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
