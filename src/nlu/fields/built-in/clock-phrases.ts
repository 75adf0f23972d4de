import { lookupTable } from '../../../util/lookup-table.js';
import { parseNumberAt } from '../number-words.js';
import type { RecogniseMode, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage, tokenise, type Token } from '../text-tokens.js';
import { eveningNear } from './chrono-parsing.js';

// Clock times said in words in Spanish, French, German, Portuguese and Italian ("a las cinco y media de la tarde",
// "huit heures moins le quart", "halb fünf", "às 17h", "alle cinque e mezza"), which chrono's locales read only
// as digits, if at all. Token-based, with the NUMBER recogniser's number words for hours and minutes.

type Words = readonly string[];
type Meridiem = 'am' | 'pm';

interface ClockGrammar {
  /** Words before the hour that make it a time inside a sentence ("a las", "à", "um", "às", "alle"), lower case, accents kept. */
  readonly leads: readonly Words[];
  /** Words before the hour trusted only in a whole answer ("las cinco": "las cinco camisas" is no time). */
  readonly answerLeads: readonly Words[];
  /** Answer leads that make an hour noun after the hour a time in a sentence ("à huit heures"; not pt "a": "daqui a uma hora"). */
  readonly nounLeads: readonly Words[];
  /** "o'clock" words, after the hour (de "Uhr", fr "h") or after the minutes (es "en punto"): a time wherever they stand. */
  readonly oclock: readonly Words[];
  /** Hour nouns that also measure time ("dos horas", "deux heures": two hours): a time only after a lead or before minutes. */
  readonly hourNouns: readonly Words[];
  /** Minutes joined after the hour: the join word, then `half`, `quarter` or a number ("y media", "et quart", "e dieci"). */
  readonly plus: Words;
  readonly minus: Words;
  readonly half: readonly Words[];
  readonly quarter: readonly Words[];
  /** Parts of the day after the time, which fix the meridiem ("de la tarde", "du soir", "abends"). */
  readonly parts: ReadonlyMap<string, Meridiem>;
  readonly noon: readonly Words[];
  readonly midnight: readonly Words[];
  /** German: "halb fünf" (4:30), "viertel nach drei" (3:15), "viertel vor drei" (2:45), "zehn nach fünf". */
  readonly germanForms: boolean;
}

const parts = (entries: Record<string, Meridiem>): ReadonlyMap<string, Meridiem> => new Map(Object.entries(entries));
const split = (list: readonly string[]): Words[] => list.map((w) => w.split(' '));

const GRAMMARS: Readonly<Record<string, ClockGrammar>> = lookupTable({
  es: {
    leads: split(['a las', 'a la', 'para las', 'para la', 'sobre las', 'hacia las', 'desde las', 'hasta las', 'antes de las', 'después de las']),
    answerLeads: split(['las', 'la']), nounLeads: [],
    oclock: split(['en punto']), hourNouns: split(['horas', 'hora']),
    plus: ['y'], minus: ['menos'], half: split(['media']), quarter: split(['cuarto']),
    parts: parts({ 'de la mañana': 'am', 'de la madrugada': 'am', 'de la tarde': 'pm', 'de la noche': 'pm', 'del mediodía': 'pm', 'al mediodía': 'pm' }),
    noon: split(['mediodía', 'mediodia']), midnight: split(['medianoche']),
    germanForms: false,
  },
  fr: {
    leads: [],
    answerLeads: split(['à', 'a', 'vers', 'dès']), nounLeads: split(['à', 'vers', 'dès']),
    oclock: split(['h']), hourNouns: split(['heures', 'heure']),
    plus: ['et'], minus: ['moins'], half: split(['demie', 'demi']), quarter: split(['quart', 'le quart']),
    parts: parts({ 'du matin': 'am', 'de l\'après - midi': 'pm', 'de l\'apres - midi': 'pm', 'du soir': 'pm' }),
    noon: split(['midi']), midnight: split(['minuit']),
    germanForms: false,
  },
  de: {
    leads: [],
    answerLeads: split(['um', 'gegen', 'ab']), nounLeads: [],
    oclock: split(['uhr']), hourNouns: [],
    plus: [], minus: [], half: [], quarter: [],
    parts: parts({ morgens: 'am', 'am morgen': 'am', vormittags: 'am', 'am vormittag': 'am', früh: 'am', 'in der früh': 'am',
      nachmittags: 'pm', 'am nachmittag': 'pm', abends: 'pm', 'am abend': 'pm' }),
    noon: split(['um mittag', 'mittags', 'um zwölf uhr mittags']), midnight: split(['mitternacht']),
    germanForms: true,
  },
  pt: {
    leads: split(['às', 'à', 'até às', 'até as', 'pelas', 'lá pelas']),
    answerLeads: split(['as', 'a']), nounLeads: [],
    oclock: split(['h', 'em ponto']), hourNouns: split(['horas', 'hora']),
    plus: ['e'], minus: ['menos'], half: split(['meia']), quarter: split(['um quarto']),
    parts: parts({ 'da manhã': 'am', 'da madrugada': 'am', 'da tarde': 'pm', 'da noite': 'pm' }),
    noon: split(['meio - dia', 'meio dia', 'meiodia']), midnight: split(['meia - noite', 'meia noite']),
    germanForms: false,
  },
  it: {
    leads: split(['alle', 'alle ore', 'verso le', 'per le', 'dalle', 'entro le']),
    answerLeads: split(['le']), nounLeads: [],
    oclock: split(['in punto']), hourNouns: [],
    plus: ['e'], minus: ['meno'], half: split(['mezza', 'mezzo']), quarter: split(['un quarto', 'quarto']),
    parts: parts({ 'di mattina': 'am', 'del mattino': 'am', 'di mattino': 'am', 'del pomeriggio': 'pm', 'di pomeriggio': 'pm',
      'di sera': 'pm', 'della sera': 'pm' }),
    noon: split(['mezzogiorno']), midnight: split(['mezzanotte']),
    germanForms: false,
  },
});

const lower = (t: Token | undefined): string => t?.text.toLowerCase().replace(/’/g, '\'') ?? '';

/** The index after `words` when they stand at `tokens[i]` (exact lower-case text, accents kept), else -1. */
function wordsAt(tokens: readonly Token[], i: number, words: Words): number {
  for (let k = 0; k < words.length; k++) if (lower(tokens[i + k]) !== words[k]) return -1;
  return i + words.length;
}

/** The longest of `options` at `tokens[i]`: its end, else -1. */
function longestAt(tokens: readonly Token[], i: number, options: readonly Words[]): number {
  let best = -1;
  for (const words of options) best = Math.max(best, wordsAt(tokens, i, words));
  return best;
}

interface Reading { readonly value: number; readonly end: number }

/** A whole number 0-59 at `tokens[i]` (digits or words); `17h`, `8h30` and `5:30` are left to their own readers. */
function numberAt(tokens: readonly Token[], i: number, language: string): Reading | null {
  const t = tokens[i];
  if (t === undefined || !t.isWord || /[^\p{L}\p{M}\d]/u.test(t.text)) return null;
  const n = parseNumberAt(tokens, i, language);
  if (n === null || !/^\d{1,2}$/.test(n.value) || Number(n.value) > 59) return null;
  return { value: Number(n.value), end: n.end };
}

/** "l'una", "all'una" (Italian 1 o'clock), `17h`, `8h30` (pt, es, it, de; chrono reads them in French). */
function compactHourAt(tokens: readonly Token[], i: number, lang: string): { hour: number; minute: number | null; lead: boolean } | null {
  const text = lower(tokens[i]);
  if (lang === 'it' && (text === 'l\'una' || text === 'all\'una')) return { hour: 1, minute: null, lead: text === 'all\'una' };
  const dotted = /^(\d{1,2})\.(\d{2})$/.exec(text);
  // "20.30 Uhr", "a las 19.30": a dot between hours and minutes (a time only with a cue or as the whole answer);
  // with a dot after it, "5.12." is a German day and month.
  const dateDot = tokens[i + 1]?.text === '.' && tokens[i + 1]!.start === tokens[i]!.end;
  if (dotted !== null && !dateDot && lang !== 'fr' && lang !== 'en') return { hour: Number(dotted[1]), minute: Number(dotted[2]), lead: false };
  const m = /^(\d{1,2})h(\d{2})?$/.exec(text);
  if (m === null || lang === 'fr') return null;
  return { hour: Number(m[1]), minute: m[2] === undefined ? null : Number(m[2]), lead: true };
}

interface Clock { hour: number; minute: number; end: number; cued: boolean; meridiemSaid?: boolean }

/** Parts of the day whose twelve o'clock is midnight. */
const NIGHT_PARTS: ReadonlySet<string> = new Set(['de la noche', 'da noite', 'de la madrugada', 'da madrugada']);

/** Morning and evening said with Latin letters in any of these languages ("a las 5 pm"). */
const MERIDIEMS: ReadonlyMap<string, Meridiem> = parts({ 'p . m .': 'pm', 'a . m .': 'am', 'p . m': 'pm', 'a . m': 'am', pm: 'pm', am: 'am' });

/**
 * What follows an hour: o'clock words, minutes, a part of the day. `led`: words before the hour asked for a
 * time ("à", "las"), which make an hour noun ("heures", "horas") an o'clock word rather than a duration.
 */
function afterHour(tokens: readonly Token[], j: number, g: ClockGrammar, lang: string, hour: number, cued: boolean, led: boolean): Clock {
  let minute = 0;
  let end = j;
  const oclock = longestAt(tokens, end, g.oclock);
  const noun = oclock > 0 ? -1 : longestAt(tokens, end, g.hourNouns);
  if (oclock > 0) cued = true;
  // "à huit heures" is a time, "deux heures" alone also an amount of time ("j'ai attendu deux heures et demie").
  if (noun > 0 && led) cued = true;
  end = Math.max(end, oclock, noun);
  const join = g.plus.length > 0 ? wordsAt(tokens, end, g.plus) : -1;
  const less = g.minus.length > 0 ? wordsAt(tokens, end, g.minus) : -1;
  if (join > 0 || less > 0) {
    const after = Math.max(join, less);
    const half = join > 0 ? longestAt(tokens, after, g.half) : -1;
    const quarter = longestAt(tokens, after, g.quarter);
    const n = half > 0 || quarter > 0 ? null : numberAt(tokens, after, lang);
    const amount = half > 0 ? 30 : quarter > 0 ? 15 : n?.value ?? 0;
    const amountEnd = half > 0 ? half : quarter > 0 ? quarter : n?.end ?? -1;
    if (amountEnd > 0 && amount > 0) {
      minute = join > 0 ? amount : 60 - amount;
      if (less > 0) hour = hour === 0 ? 23 : hour - 1;
      end = amountEnd;
    }
  } else if (oclock > 0 || noun > 0) {
    // "huit heures trente", "fünf Uhr dreißig", "17 Uhr 30"
    const n = numberAt(tokens, end, lang);
    if (n !== null && n.value > 0) { minute = n.value; end = n.end; cued ||= oclock > 0; }
  }
  const trailing = longestAt(tokens, end, g.oclock);
  if (trailing > 0) { end = trailing; cued = true; }
  let meridiemSaid = false;
  for (const [words, meridiem] of [...g.parts, ...MERIDIEMS]) {
    const after = wordsAt(tokens, end, words.split(' '));
    if (after < 0) continue;
    if (meridiem === 'pm' && hour >= 1 && hour < 12) hour += 12;
    // "12 a.m." is midnight; "las 12 de la mañana" is noon, "las 12 de la noche" midnight.
    if (hour === 12 && (MERIDIEMS.has(words) ? meridiem === 'am' : NIGHT_PARTS.has(words))) hour = 0;
    end = after;
    cued = true;
    meridiemSaid = true;
    break;
  }
  return { hour, minute, end, cued, meridiemSaid };
}

/** German "halb fünf", "viertel nach drei", "viertel vor drei", "dreiviertel drei", "zehn nach fünf" at `tokens[i]`. */
function germanFormAt(tokens: readonly Token[], i: number): { hour: number; minute: number; end: number; cued: boolean } | null {
  const first = lower(tokens[i]);
  const hourAt = (k: number) => numberAt(tokens, k, 'de');
  if (first === 'halb' || first === 'dreiviertel') {
    const h = hourAt(i + 1);
    if (h === null || h.value < 1 || h.value > 24) return null;
    return { hour: h.value - 1, minute: first === 'halb' ? 30 : 45, end: h.end, cued: true };
  }
  const amount = first === 'viertel' ? { value: 15, end: i + 1 } : numberAt(tokens, i, 'de');
  if (amount === null || amount.value < 1 || amount.value > 29) return null;
  const way = lower(tokens[amount.end]);
  if (way !== 'nach' && way !== 'vor') return null;
  const h = hourAt(amount.end + 1);
  if (h === null || h.value < 1 || h.value > 24) return null;
  const minute = way === 'nach' ? amount.value : 60 - amount.value;
  return { hour: way === 'nach' ? h.value : h.value - 1, minute, end: h.end, cued: first === 'viertel' };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The part of `text` that is no answer around a time: spaces and punctuation. */
const isBlankOrPunctuation = (s: string): boolean => /^[\s.,;:!?¡¿]*$/u.test(s);

/**
 * Clock times in words in `text`, for es, fr, de, pt and it (none for other languages). Inside a sentence only
 * with a cue that makes them a time (a lead such as "a las", an o'clock word, a part of the day, noon or
 * midnight); a bare "las cinco", "à huit", "um fünf" only as a whole answer (`mode` `answer`).
 */
export function clockPhrases(text: string, language: string, mode: RecogniseMode): RecognisedValue[] {
  const lang = primaryLanguage(language);
  const g = GRAMMARS[lang];
  if (g === undefined) return [];
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  const wholeAnswer = (start: number, end: number): boolean =>
    mode === 'answer' && isBlankOrPunctuation(text.slice(0, start)) && isBlankOrPunctuation(text.slice(end));
  const push = (clock: Clock, startToken: number, valueStart: number): number => {
    const end = tokens[clock.end - 1]!.end;
    let hour = clock.hour === 24 ? 0 : clock.hour;
    // "esta noche a las ocho", "stasera alle otto": an evening said before the time, as chrono's readings have it.
    if (clock.meridiemSaid !== true && hour >= 1 && hour < 12 && eveningNear(text, valueStart, end, language)) hour += 12;
    if (hour > 23 || clock.minute > 59 || !(clock.cued || wholeAnswer(tokens[startToken]!.start, end))) return -1;
    found.push({ value: `${pad(hour)}:${pad(clock.minute)}`, start: valueStart, end });
    return clock.end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const noon = longestAt(tokens, i, g.noon);
    const special = Math.max(noon, longestAt(tokens, i, g.midnight));
    if (special > 0 && !(lang === 'fr' && /^apr[eè]s$/.test(lower(tokens[i - 2])) && lower(tokens[i - 1]) === '-')) {
      const isNoon = noon === special;
      const clock = afterHour(tokens, special, { ...g, oclock: [], hourNouns: [], parts: new Map() }, lang, isNoon ? 12 : 0, true, true);
      const next = push(clock, i, tokens[i]!.start);
      if (next > 0) { i = next - 1; continue; }
    }
    if (g.germanForms) {
      const form = germanFormAt(tokens, i);
      if (form !== null) {
        const clock = afterHour(tokens, form.end, { ...g, oclock: [] }, lang, form.hour, form.cued, false);
        const next = push({ ...clock, minute: form.minute }, i, tokens[i]!.start);
        if (next > 0) { i = next - 1; continue; }
      }
    }
    const lead = longestAt(tokens, i, g.leads);
    const answerLead = lead > 0 ? -1 : longestAt(tokens, i, g.answerLeads);
    const at = lead > 0 ? lead : answerLead > 0 ? answerLead : i;
    const compact = compactHourAt(tokens, at, lang);
    const hour = compact === null ? numberAt(tokens, at, lang) : { value: compact.hour, end: at + 1 };
    if (hour === null || hour.value > 24) continue;
    const valueStart = tokens[at]!.start;
    // "morgen Abend um acht", "ce soir à huit": an evening near an hour after "um" or "à" makes it a time.
    const evening = answerLead > 0 && eveningNear(text, tokens[at]!.start, tokens[hour.end - 1]!.end, language);
    let clock = afterHour(tokens, hour.end, g, lang, hour.value, lead > 0 || (compact?.lead ?? false) || evening,
      lead > 0 || longestAt(tokens, i, g.nounLeads) > 0);
    if (compact?.minute != null) clock = { ...clock, minute: compact.minute };
    // A bare number is an hour only as a whole answer, and then 1-24 ("0" or "45" asked for a time is no hour).
    if (!clock.cued && clock.end === hour.end && (hour.value < 1 || hour.value > 24)) continue;
    const next = push(clock, i, valueStart);
    if (next > 0) i = next - 1;
  }
  return found;
}
