import { compilePhrases, matchPhrases, selectPhraseMatches, type PhraseEntry, type PhraseMatcher } from '../phrase-matcher.js';
import type { Recogniser } from '../recognition-types.js';
import { primaryLanguage, wordTokens } from '../text-tokens.js';

// '' marks hedges: they hide the "sure" in "not sure" without answering.
const PHRASES: Readonly<Record<string, Readonly<Record<'Yes' | 'No' | '', readonly string[]>>>> = {
  en: {
    Yes: ['yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'yah', 'sure', 'sure thing', 'ok', 'okay', 'alright', 'all right', 'affirmative',
      'correct', "that's correct", 'that is correct', 'right', "that's right", 'that is right', 'absolutely', 'definitely',
      'certainly', 'of course', 'indeed', 'please do', 'go ahead', 'i do', 'i did', 'i would', 'i will', 'sounds good',
      'why not', 'uh huh', 'yes please', 'you bet', 'exactly', 'true', 'no problem', 'no worries', 'not a problem'],
    No: ['no', 'nope', 'nah', 'naw', 'negative', 'no thanks', 'no thank you', 'not really', 'not at all', 'never',
      "i don't", 'i do not', "i didn't", 'i did not', "i won't", "i wouldn't", 'incorrect', 'wrong', "that's wrong", 'false',
      'no way', 'not now', 'not correct', 'not right', 'not true', "don't", 'do not', 'nothing',
      // Affirmatives turned round: the longer phrase wins over its "absolutely" / "of course".
      'absolutely not', 'definitely not', 'certainly not', 'of course not', 'sure not', 'surely not'],
    '': ['not sure', 'maybe', 'perhaps', "i don't know", 'i do not know', 'dunno', 'not certain', 'no idea', 'not sure yet'],
  },
  es: {
    Yes: ['sí', 'si', 'claro', 'claro que sí', 'claro que si', 'vale', 'va', 'sale', 'órale', 'orale', 'de acuerdo', 'por supuesto', 'correcto',
      'exacto', 'afirmativo', 'ok', 'okey', 'sí por favor', 'desde luego'],
    No: ['no', 'nunca', 'para nada', 'nel', 'negativo', 'no gracias', 'incorrecto', 'de ninguna manera', 'claro que no', 'por supuesto que no',
      'de ningún modo', 'ni modo', 'ni hablar'],
    '': ['no sé', 'no estoy seguro', 'no estoy segura', 'quizás', 'quizá', 'tal vez'],
  },
  fr: {
    Yes: ['oui', 'ouais', 'si', "d'accord", 'bien sûr', 'bien sur', 'absolument', 'exactement', 'ok', 'volontiers', 'tout à fait', 'carrément',
      "c'est ça", 'oui merci', 'oui bien sûr'],
    No: ['non', 'jamais', 'pas du tout', 'non merci', 'absolument pas', 'bien sûr que non', 'certainement pas', 'surtout pas', 'pas question'],
    '': ['peut-être', 'je ne sais pas'],
  },
  de: {
    Yes: ['ja', 'jawohl', 'genau', 'klar', 'na klar', 'natürlich', 'ok', 'doch', 'stimmt', 'das stimmt', 'gerne', 'gern', 'ja gerne',
      'sicher', 'auf jeden fall', 'selbstverständlich', 'richtig', 'ja bitte'],
    No: ['nein', 'nie', 'niemals', 'nein danke', 'auf keinen fall', 'auf gar keinen fall', 'keineswegs', 'stimmt nicht', 'das stimmt nicht',
      'lieber nicht', 'natürlich nicht', 'sicher nicht'],
    '': ['vielleicht', 'weiß nicht', 'weiss nicht'],
  },
  pt: {
    Yes: ['sim', 'claro', 'claro que sim', 'com certeza', 'ok', 'isso', 'isso mesmo', 'pode ser', 'beleza', 'certo', 'pode', 'positivo',
      'sim por favor', 'sem dúvida'],
    No: ['não', 'nunca', 'não obrigado', 'não obrigada', 'de jeito nenhum', 'de forma alguma', 'claro que não', 'nem pensar', 'negativo'],
    '': ['talvez', 'não sei'],
  },
  it: {
    Yes: ['sì', 'si', 'certo', 'certamente', 'esatto', 'ok', 'va bene', 'certo che sì', 'certo che si', 'volentieri', 'sicuro', 'assolutamente',
      'senz\'altro', 'd\'accordo'],
    No: ['no', 'mai', 'no grazie', 'per niente', 'per nulla', 'assolutamente no', 'certo che no', 'neanche per sogno'],
    '': ['forse', 'non so'],
  },
  // Tagalog / Filipino, with the English replies said in Taglish ("sure", "of course"); "opo", "oho", "po" are the polite forms.
  fil: {
    Yes: ['oo', 'oo naman', 'oo po', 'opo', 'oho', 'sige', 'sige po', 'tama', 'tama po', 'tama ka', 'siyempre', 'syempre'],
    No: ['hindi', 'hindi po', 'hindi na', 'hindi salamat', 'hindi po salamat', 'ayoko', 'ayoko po', 'ayaw ko', 'huwag', 'huwag po', 'wag',
      'wag po', 'huwag na', 'wag na', 'hindi tama', 'mali'],
    '': ['siguro', 'baka', 'ewan', 'ewan ko', 'hindi ko alam', 'di ko alam', 'hindi sigurado', 'hindi ako sigurado'],
  },
};

// English replies typed in chats whatever the bot's language ("okay", "yes"), understood in every language.
const INTERNATIONAL: Readonly<Record<'Yes' | 'No', readonly string[]>> = { Yes: ['yes', 'yeah', 'yea', 'yep', 'yup', 'ok', 'okay'], No: ['no', 'nope'] };
// ...unless the language has a word spelt so: Portuguese "no" is "in the" ("fico no hotel").
const OWN_WORDS: Readonly<Record<string, ReadonlySet<string>>> = { pt: new Set(['no']) };
// The language's "not" before "ok" / "okay" makes a No ("nicht okay", "pas ok"), not the Yes its last word would give.
const NEGATION: Readonly<Record<string, string>> = { en: 'not', es: 'no', fr: 'pas', de: 'nicht', pt: 'não', it: 'non', fil: 'hindi' };
// Tagalog is Filipino's other name; Filipino speakers mix in the English replies (Taglish), so their table has both.
const ALIASES: Readonly<Record<string, string>> = { tl: 'fil' };
const WITH_ENGLISH = new Set(['fil']);

// Stretched words ("yesss", "noooo") match once doubled letters are squeezed on both sides; a word of o's alone
// stays "oo", the Filipino yes, which is not "o", the Filipino "or".
const squeeze = (s: string): string => s.replace(/(\p{L})\1+/gu, (run: string, letter: string, at: number, all: string) =>
  (/^o$/i.test(letter) && !/\p{L}/u.test(all[at - 1] ?? '') && !/\p{L}/u.test(all[at + run.length] ?? '') ? 'oo' : letter));

// Replies that only mean yes or no as a whole answer ("I do."), never inside a longer sentence.
const ANSWER_ONLY = new Set(['i do', 'i did', 'i would', 'i will', "i don't", 'i do not', "i didn't", 'i did not', "i won't", "i wouldn't",
  'right', 'true', 'false', 'wrong', 'nothing', 'never', 'correct', 'exactly', 'indeed', 'certainly', 'sure', 'ok', 'okay', 'okey', 'alright',
  'all right', "don't", 'do not', 'claro', 'vale', 'bueno', 'nunca', 'exacto', 'correcto', 'genau', 'klar', 'certo', 'esatto',
  // "va" is also "goes", "sale" "leaves", "doch" and "isso" fill sentences, "gerne" is "ich hätte gerne...", "sige" and "tama" are
  // also "go on" and "enough" ("tama na"), "huwag" is "don't" before a verb.
  'va', 'sale', 'órale', 'orale', 'nel', 'carrément', 'doch', 'stimmt', 'gerne', 'gern', 'sicher', 'richtig', 'na klar', 'isso', 'pode',
  'pode ser', 'beleza', 'positivo', 'certamente', 'sicuro', 'va bene', 'sige', 'tama', 'mali', 'huwag', 'wag', 'siyempre', 'syempre',
].map((p) => squeeze(p)));
// ...and those that are so in one language only: French "si" (yes, to a question put negatively) is also "if".
const ANSWER_ONLY_IN: Readonly<Record<string, ReadonlySet<string>>> = { fr: new Set(['si']) };

// A whole answer of one letter, as typed on a keypad or in a chat: "y", "N.", "n!".
const LETTER_ANSWER = /^\s*([yn])[\s.!?]*$/i;

const matchers = new Map<string, PhraseMatcher>();

function matcherFor(language: string): PhraseMatcher {
  const primary = ALIASES[primaryLanguage(language)] ?? primaryLanguage(language);
  const lang = Object.hasOwn(PHRASES, primary) ? primary : 'en';
  let m = matchers.get(lang);
  if (m === undefined) {
    const own = PHRASES[lang]!;
    const table = WITH_ENGLISH.has(lang) ? { Yes: [...own.Yes, ...PHRASES.en!.Yes], No: [...own.No, ...PHRASES.en!.No], '': [...own[''], ...PHRASES.en!['']] } : own;
    const international = (['Yes', 'No'] as const)
      .flatMap((value) => INTERNATIONAL[value].filter((p) => !table[value].includes(p) && !OWN_WORDS[lang]?.has(p)).map((phrase) => ({ phrase, value })));
    const negation = NEGATION[lang];
    const notOk = negation === undefined ? [] : ['ok', 'okay'].map((ok) => ({ phrase: `${negation} ${ok}`, value: 'No' }));
    const entries: PhraseEntry[] = [
      ...(['Yes', 'No', ''] as const).flatMap((value) => table[value].map((phrase) => ({ phrase, value }))),
      ...(lang === 'en' ? [] : international),
      ...notOk,
    ].map((e) => ({ ...e, phrase: squeeze(e.phrase) }));
    m = compilePhrases(entries, lang);
    matchers.set(lang, m);
  }
  return m;
}

/**
 * Twilio.YES_NO: `Yes` or `No` from affirmative or negative words; hedges ("not sure", "maybe") are neither.
 * Every language also takes the common English replies ("okay", "yes", "nope").
 * Words that are only a reply at the end of an answer ("I do", "right", "sure") do not count inside sentences,
 * nor do the letters `y` and `n`, which are a reply only as the whole answer.
 */
export const recogniseYesNo: Recogniser = (text, ctx, mode) => {
  const letter = mode === 'answer' ? LETTER_ANSWER.exec(text) : null;
  if (letter !== null) {
    const start = letter[0].indexOf(letter[1]!);
    return [{ value: /y/i.test(letter[1]!) ? 'Yes' : 'No', start, end: start + 1 }];
  }
  const words = wordTokens(text).map((t) => ({ ...t, norm: squeeze(t.norm) }));
  const matcher = matcherFor(ctx.language);
  const lastEnd = words[words.length - 1]?.end;
  const ownAnswerOnly = ANSWER_ONLY_IN[primaryLanguage(ctx.language)];
  const answerOnly = (phrase: string): boolean => ANSWER_ONLY.has(phrase) || ownAnswerOnly?.has(phrase) === true;
  return selectPhraseMatches(matchPhrases(matcher, words, { typos: false, plurals: false }))
    .filter((m) => m.value !== '' && (!answerOnly(squeeze(matcher.entries[m.entry]!.phrase.toLowerCase())) || (mode === 'answer' && m.end === lastEnd)))
    .map(({ value, start, end }) => ({ value, start, end }));
};
