import { compilePhrases, matchPhrases, selectPhraseMatches, type PhraseEntry, type PhraseMatcher } from '../phrase-matcher.js';
import type { Recogniser } from '../recognition-types.js';
import { foldText, primaryLanguage, wordTokens } from '../text-tokens.js';

const FILIPINO = { Yes: ['oo', 'opo', 'oho', 'sige', 'oo po', 'sige po'], No: ['hindi', 'hindi po', 'huwag', 'huwag po', 'ayoko'], '': ['siguro', 'ewan', 'hindi ko alam'] };

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
      'not interested', 'not interested thanks', 'not interested thank you', 'not at the moment', 'not yet', 'not today', 'not this time',
      'not for me', 'not for now',
      // Affirmatives turned round: the longer phrase wins over its "absolutely" / "of course".
      'absolutely not', 'definitely not', 'certainly not', 'of course not', 'sure not', 'surely not'],
    '': ['not sure', 'maybe', 'perhaps', "i don't know", 'i do not know', 'dunno', 'not certain', 'no idea', 'not sure yet', 'not yet sure'],
  },
  es: {
    Yes: ['sí', 'si', 'claro', 'claro que sí', 'vale', 'de acuerdo', 'por supuesto', 'correcto', 'exacto', 'afirmativo', 'ok', 'okey', 'sí por favor',
      'está bien', 'dale', 'sale', 'simón', 'sip', 'venga', 'perfecto'],
    No: ['no', 'nunca', 'para nada', 'negativo', 'no gracias', 'incorrecto', 'de ninguna manera', 'nel', 'nop', 'ni modo', 'ni hablar'],
    '': ['no sé', 'no estoy seguro', 'no estoy segura', 'quizás', 'quizá', 'tal vez'],
  },
  fr: {
    Yes: ['oui', 'ouais', "d'accord", 'bien sûr', 'exactement', 'ok', "c'est bon", 'ça marche', 'absolument', 'carrément', 'volontiers', 'parfait'],
    No: ['non', 'jamais', 'pas du tout', 'non merci', 'nan', "c'est pas bon", 'ça marche pas', 'pas question', 'absolument pas'],
    '': ['peut-être', 'je ne sais pas'],
  },
  de: {
    Yes: ['ja', 'jawohl', 'genau', 'klar', 'natürlich', 'ok', 'gerne', 'gern', 'passt', 'stimmt', 'auf jeden fall', 'sicher', 'einverstanden'],
    No: ['nein', 'nie', 'niemals', 'nein danke', 'nee', 'nö', 'auf keinen fall', 'passt nicht', 'stimmt nicht', 'lieber nicht'],
    '': ['vielleicht', 'weiß nicht'],
  },
  pt: {
    Yes: ['sim', 'claro', 'com certeza', 'ok', 'tá bom', 'ta bom', 'está bem', 'pode ser', 'pode', 'isso', 'isso mesmo', 'beleza', 'fechado',
      'claro que sim', 'perfeito'],
    No: ['não', 'nunca', 'não obrigado', 'de jeito nenhum', 'nem pensar', 'não quero'],
    '': ['talvez', 'não sei'],
  },
  it: {
    Yes: ['sì', 'si', 'certo', 'esatto', 'ok', 'va bene', "d'accordo", 'certamente', 'perfetto', 'giusto', 'volentieri', 'assolutamente sì'],
    No: ['no', 'mai', 'no grazie', 'per niente', 'assolutamente no', 'nemmeno per sogno'],
    '': ['forse', 'non so'],
  },
  // Filipino (Tagalog): CLDR's fil, and the older tl.
  fil: FILIPINO,
  tl: FILIPINO,
};

// English replies typed in chats whatever the bot's language ("okay", "yes"), understood in every language.
const INTERNATIONAL: Readonly<Record<'Yes' | 'No', readonly string[]>> = { Yes: ['yes', 'yeah', 'yea', 'yep', 'yup', 'ok', 'okay'], No: ['no', 'nope'] };
// ...unless the language has a word spelt so: Portuguese "no" is "in the" ("fico no hotel").
const OWN_WORDS: Readonly<Record<string, ReadonlySet<string>>> = { pt: new Set(['no']) };
// The language's "not" before "ok" / "okay" makes a No ("nicht okay", "pas ok"), not the Yes its last word would give.
const NEGATION: Readonly<Record<string, string>> = { en: 'not', es: 'no', fr: 'pas', de: 'nicht', pt: 'não', it: 'non', fil: 'hindi', tl: 'hindi' };

// Everyday words that are also words of any sentence ("isso é caro", "passt das?", "sale a las 5"): a reply only at the
// end of an answer (ANSWER_ONLY) and only as (nearly) the whole of it (SHORT_REPLIES).
const EVERYDAY_WORDS = ['dale', 'sale', 'sip', 'venga', 'nel', 'nop', 'perfecto', 'absolument', 'volontiers', 'parfait', 'nan', 'gerne', 'gern',
  'passt', 'stimmt', 'sicher', 'nee', 'pode', 'isso', 'beleza', 'fechado', 'perfeito', 'giusto', 'perfetto', 'volentieri', 'oo', 'oho', 'sige', 'hindi'];

// Replies that only mean yes or no as a whole answer ("I do."), never inside a longer sentence.
const ANSWER_ONLY = new Set(['i do', 'i did', 'i would', 'i will', "i don't", 'i do not', "i didn't", 'i did not', "i won't", "i wouldn't",
  'right', 'true', 'false', 'wrong', 'nothing', 'never', 'correct', 'exactly', 'indeed', 'certainly', 'sure', 'ok', 'okay', 'okey', 'alright',
  'all right', "don't", 'do not', 'not yet', 'claro', 'vale', 'bueno', 'nunca', 'exacto', 'correcto', 'genau', 'klar', 'certo', 'esatto',
  ...EVERYDAY_WORDS].map((p) => p.replace(/(\p{L})\1+/gu, '$1')));

// A whole answer of one letter, as typed on a keypad or in a chat: "y", "N.", "n!".
const LETTER_ANSWER = /^\s*([yn])[\s.!?]*$/i;
// A whole answer of one thumb or mark, in any skin tone: 👍 ✅ 👌 yes, 👎 ❌ no.
const EMOJI_ANSWER = /^\s*(?:(👍|👌|✅|✔|☑)|(👎|❌|✖))[\u{1F3FB}-\u{1F3FF}\uFE0F]*[\s.!]*$/u;

// Stretched words ("yesss", "noooo") match once doubled letters are squeezed on both sides.
const squeeze = (s: string): string => s.replace(/(\p{L})\1+/gu, '$1');

/** Everyday replies of one or two words that are also words of any sentence ("isso", "passt", "sicher", "oo"). */
const SHORT_REPLIES = new Set([...EVERYDAY_WORDS, 'carrément', 'certamente', 'va bene', 'isso mesmo', 'pode ser', 'tá bom', 'ta bom', 'está bien']
  .map((p) => squeeze(foldText(p))));

const matchers = new Map<string, PhraseMatcher>();

function matcherFor(language: string): PhraseMatcher {
  const lang = Object.hasOwn(PHRASES, primaryLanguage(language)) ? primaryLanguage(language) : 'en';
  let m = matchers.get(lang);
  if (m === undefined) {
    const table = PHRASES[lang]!;
    const international = (['Yes', 'No'] as const)
      .flatMap((value) => INTERNATIONAL[value].filter((p) => !table[value].includes(p) && !OWN_WORDS[lang]?.has(p)).map((phrase) => ({ phrase, value })));
    const negation = NEGATION[lang];
    // "no está bien", "non va bene", "nicht gerne": the language's "not" before a yes makes a No.
    const notOk = negation === undefined ? [] : [...new Set(['ok', 'okay', ...(lang === 'en' ? [] : table.Yes)])]
      .map((yes) => ({ phrase: `${negation} ${yes}`, value: 'No' as const }));
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
  const emoji = mode === 'answer' ? EMOJI_ANSWER.exec(text) : null;
  if (emoji !== null) {
    const mark = emoji[1] ?? emoji[2]!;
    const start = emoji[0].indexOf(mark);
    return [{ value: emoji[1] !== undefined ? 'Yes' : 'No', start, end: start + mark.length }];
  }
  const letter = mode === 'answer' ? LETTER_ANSWER.exec(text) : null;
  if (letter !== null) {
    const start = letter[0].indexOf(letter[1]!);
    return [{ value: /y/i.test(letter[1]!) ? 'Yes' : 'No', start, end: start + 1 }];
  }
  const words = wordTokens(text).map((t) => ({ ...t, norm: squeeze(t.norm) }));
  const matcher = matcherFor(ctx.language);
  const lastEnd = words[words.length - 1]?.end;
  const phraseOf = (m: { entry: number }): string => squeeze(matcher.entries[m.entry]!.phrase.toLowerCase());
  const question = /\?\s*$/.test(text);
  const found = selectPhraseMatches(matchPhrases(matcher, words, { typos: false, plurals: false }))
    .filter((m) => m.value !== '' && (!ANSWER_ONLY.has(phraseOf(m)) || (mode === 'answer' && m.end === lastEnd)))
    // Short everyday words are a reply only as (nearly) the whole answer, never in a question: "quanto custa isso".
    .filter((m) => !SHORT_REPLIES.has(foldText(phraseOf(m))) || (!question && words.length <= phraseOf(m).split(' ').length + 1));
  const lang = primaryLanguage(ctx.language);
  // Outside English a yes beside the language's "not" or a no ("non mi va bene", "não é isso", "carrément pas") is none.
  const negation = NEGATION[lang];
  const denied = lang !== 'en' && (found.some((m) => m.value === 'No')
    || (negation !== undefined && words.some((w) => w.norm === squeeze(foldText(negation)))));
  return found.filter((m) => !(denied && m.value === 'Yes')).map(({ value, start, end }) => ({ value, start, end }));
};
