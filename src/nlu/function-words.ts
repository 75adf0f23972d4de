import { deu, fra, ita, por, spa, tgl } from 'stopword';
import { foldAccents } from './classifier/text-tokens.js';
import { ENGLISH_FUNCTION_WORDS } from './english-function-words.js';
import { primaryLanguage } from './fields/text-tokens.js';

/*
 * Function words per language: what an input's share of known words leaves out (vocabulary-coverage.ts).
 * The stopword package's lists (Snowball's for French, Italian and Portuguese) are mostly articles,
 * pronouns, prepositions and auxiliaries; its German and Tagalog lists also hold words a request is
 * about, which are taken out here so that they keep counting, as they would in English: numbers and
 * ordinals, days and times, and content verbs, nouns and adjectives.
 */
const CONTENT_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: [
    'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'zwanzig',
    ...['erst', 'zweit', 'dritt', 'viert', 'fünft', 'sechst', 'siebent', 'acht', 'neunt', 'zehnt']
      .flatMap((stem) => ['e', 'en', 'er', 'es'].map((ending) => stem + ending)),
    'heute', 'morgen', 'früher', 'später', 'tag', 'tage', 'tagen', 'jahr', 'jahre', 'jahren', 'uhr', 'zeit', 'vergangenen',
    'gott', 'mann', 'mensch', 'menschen', 'sache', 'ordnung', 'startseite', 'schluss', 'ende', 'teil', 'mittel', 'beispiel', 'dank',
    'suche', 'machen', 'macht', 'machte', 'gemacht', 'gehen', 'geht', 'ging', 'kommen', 'kommt', 'kam', 'sagt', 'sagte', 'gesagt',
    'sah', 'nahm', 'heisst', 'wissen', 'gekannt', 'bekannt', 'leide',
    'gut', 'gute', 'guter', 'gutes', 'besser', 'besten', 'schlecht', 'neue', 'neuen', 'kleine', 'kleinen', 'kleiner', 'kleines',
    'gross', 'grosse', 'grossen', 'grosser', 'grosses', 'groß', 'große', 'großen', 'großer', 'großes', 'lang', 'lange', 'kurz',
    'hoch', 'offen', 'richtig', 'recht', 'rechte', 'rechten', 'rechter', 'rechtes', 'leicht', 'satt', 'ernst', 'ehrlich',
    'möglich', 'natürlich',
  ],
  tl: [
    'isa', 'dalawa', 'tatlo', 'apat', 'lima', 'una', 'pangalawa', 'ngayon', 'panahon', 'bago',
    'gusto', 'nais', 'ibig', 'kailangan', 'kumuha', 'pumunta', 'pumupunta', 'bababa', 'makita', 'nakita', 'sabi', 'sabihin', 'ilagay',
    'gumawa', 'ginawa', 'ginawang', 'ginagawa', 'gagawin', 'paggawa', 'nabanggit', 'mahusay', 'likod', 'palabas', 'paraan',
    'katiyakan', 'kulang',
  ],
};

/** The package's Spanish list (59 words) lacks the present of ser, estar and haber, and a few determiners. */
const SPANISH_AUXILIARIES = ['es', 'son', 'soy', 'eres', 'somos', 'está', 'están', 'estoy', 'estás', 'estamos', 'hay', 'ha', 'he',
  'has', 'han', 'hemos', 'yo', 'usted', 'ustedes', 'este', 'esta', 'esto', 'estos', 'estas', 'esa', 'esos', 'esas', 'tu', 'tus', 'mis'];

const LISTS: Readonly<Record<string, readonly string[]>> = { de: deu, es: [...spa, ...SPANISH_AUXILIARIES], fr: fra, it: ita, pt: por, tl: tgl };
/** Filipino is written with Tagalog's words. */
const SAME_WORDS: Readonly<Record<string, string>> = { fil: 'tl' };

// Compared as vocabulary-coverage.ts compares words: lower case, without accents.
const fold = (word: string): string => foldAccents(word.normalize('NFKC').toLowerCase());
const sets = new Map<string, ReadonlySet<string>>();

/**
 * The function words of the language (a BCP 47 tag), folded: words that say nothing about what a
 * request is for. English's own list for English and for languages without one.
 */
export function functionWordsOf(language: string): ReadonlySet<string> {
  const lang = SAME_WORDS[primaryLanguage(language)] ?? primaryLanguage(language);
  const list = LISTS[lang];
  if (list === undefined) return ENGLISH_FUNCTION_WORDS;
  let set = sets.get(lang);
  if (set === undefined) {
    const content = new Set((CONTENT_WORDS[lang] ?? []).map(fold));
    set = new Set(list.map(fold).filter((w) => !content.has(w)));
    sets.set(lang, set);
  }
  return set;
}
