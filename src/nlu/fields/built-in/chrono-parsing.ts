import * as chrono from 'chrono-node';
import type { Chrono, Parser, ParsedResult, ParsingComponents, ParsingContext } from 'chrono-node';
import type { RecogniseContext } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { relativeDayParsers } from './relative-day-parsers.js';
import { resolveRelativePhrases } from './relative-date-phrases.js';
import { SPOKEN_TIME_PARSERS } from './spoken-time-parsers.js';

/** A date and/or time chrono found, resolved to wall-clock values in the context's time zone. */
export interface DateTimeMention {
  readonly start: number;
  readonly end: number;
  /** `YYYY-MM-DD` when a day (or weekday, or a relative day) was said. */
  readonly date: string | null;
  /** `HH:MM` (24 h) when an hour was said. */
  readonly time: string | null;
  /** Only trusted as a whole answer ("the first" could be anything inside a sentence). */
  readonly answerOnly: boolean;
  /**
   * An amount of time chrono read as that long from now ("for two hours", "a week"): no point in time inside a
   * sentence; a whole answer to "when?" ("10 minutes", "a week") still means from now.
   */
  readonly bareDuration?: boolean;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ordinalWordValue = (text: string): number => {
  const [a = '', b] = text.toLowerCase().split(/[\s-]+/);
  if (b === undefined) return a === 'twentieth' ? 20 : a === 'thirtieth' ? 30 : ORDINAL_WORDS.indexOf(a) + 1;
  return (a === 'twenty' ? 20 : 30) + ORDINAL_WORDS.indexOf(b) + 1;
};
const ORDINAL_WORD = `((?:twenty|thirty)[\\s-]+(?:${ORDINAL_WORDS.slice(0, 9).join('|')})|${ORDINAL_WORDS.join('|')}|twentieth|thirtieth)`;

// Wall-clock arithmetic happens on UTC fields of a shifted instant, so the host's time zone never leaks in.
const wallClock = (instant: Date, offsetMinutes: number): Date => new Date(instant.getTime() + offsetMinutes * 60_000);

/**
 * "the 31st": this month's day, or the next month's that has it once it has passed (or this month has
 * none: on 15 April, "the 31st" is 31 May). Resolved here: left to chrono, an impossible date for
 * the current month was dropped before we could look ahead.
 */
function ordinalDay(context: ParsingContext, day: number): ParsingComponents | null {
  const now = wallClock(context.reference.instant, context.reference.getTimezoneOffset());
  for (let m = 0; m < 12; m++) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m, 1));
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    if (day <= lastDay && (m > 0 || day >= now.getUTCDate())) {
      return context.createParsingComponents({ year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day }).addTag('parley/ordinalDay');
    }
  }
  return null;
}

const ENGLISH_DAY_PARSERS: Parser[] = [
  { // the 5th, on the 21st: day of the current month, or of the next one once it has passed
    pattern: () => /\b(?:the\s+)?([12]?\d|3[01])(?:st|nd|rd|th)\b/i,
    extract: (context, match) => ordinalDay(context, Number(match[1])),
  },
  { // the fifth, the twenty-first
    pattern: () => new RegExp(`\\bthe\\s+${ORDINAL_WORD}\\b`, 'i'),
    extract: (context, match) => ordinalDay(context, ordinalWordValue(match[1]!))?.addTag('parley/answerOnly') ?? null,
  },
  { // chrono resolves this one in the host's zone; ours does not
    pattern: () => /\b(?:the\s+)?day\s+(after\s+tomorrow|before\s+yesterday)\b/i,
    extract: (context, match) => {
      const now = wallClock(context.reference.instant, context.reference.getTimezoneOffset());
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (/^after/i.test(match[1]!) ? 2 : -2)));
      return context.createParsingComponents({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
    },
  },
];

/**
 * Chat spellings of day words, read as the words they stand for ("tues at 5", "tonite", "2moro"). "Tues" and
 * "weds" are also a name and a verb: not before a capitalised word ("Tues Smith"), after a word that makes them a
 * name or a subject's verb ("my friend Tues", "who weds"), or before an object ("weds her"); the others are no
 * word of their own.
 */
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  tues: 'tuesday', weds: 'wednesday', tonite: 'tonight', '2nite': 'tonight', '2moro': 'tomorrow', '2morrow': 'tomorrow', '2mrw': 'tomorrow',
  tomorow: 'tomorrow', tommorow: 'tomorrow', tommorrow: 'tomorrow', tomorro: 'tomorrow', tmorrow: 'tomorrow',
};
const WEEKDAY_SPELLINGS = new Set(['tues', 'weds']);
const NAME_OR_VERB_BEFORE = /\b(?:who|he|she|it|they|my|his|her|our|their|friend|named|called|mr|mrs|ms)\.?\s+$/i;
const NAME_OR_VERB_AFTER = /^\s+(?:\p{Lu}|(?:whom|her|him|them|the|a|an|his|me|you)\b)/u;
const CHAT_SPELLING_PARSER: Parser = {
  pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])((?:next|this|last)\\s+)?(${Object.keys(CHAT_SPELLINGS).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
  extract: (context, match) => {
    const spelt = match[2]!.toLowerCase();
    if (WEEKDAY_SPELLINGS.has(spelt) && match[1] === undefined) {
      const before = context.text.slice(0, match.index);
      const after = context.text.slice(match.index! + match[0].length);
      if (NAME_OR_VERB_BEFORE.test(before) || NAME_OR_VERB_AFTER.test(after)) return null;
    }
    const words = `${match[1] ?? ''}${CHAT_SPELLINGS[spelt]!}`;
    const reference = { instant: context.reference.instant, timezone: context.reference.getTimezoneOffset() };
    // The components chrono gives the words spelt out, as this parser's reading.
    return (chrono.en.casual.parse(words, reference, { forwardDate: true })[0]?.start as ParsingComponents | undefined) ?? null;
  },
};

/** German "24.12." and "am 5.12.": day and month with their dots, the year left to the next such day. */
const GERMAN_DAY_MONTH: Parser = {
  pattern: () => /(?<![\d.])([12]?\d|3[01])\.(1[0-2]|0?[1-9])\.(?![\d])/,
  extract: (context, match) => context.createParsingComponents({ day: Number(match[1]), month: Number(match[2]) })
    .imply('year', context.reference.instant.getUTCFullYear()),
};

const LOCALES: Readonly<Record<string, { casual: Chrono }>> = {
  en: chrono.en, es: chrono.es, fr: chrono.fr, de: chrono.de, pt: chrono.pt, nl: chrono.nl, it: chrono.it, ja: chrono.ja,
  zh: chrono.zh, ru: chrono.ru, sv: chrono.sv, uk: chrono.uk, fi: chrono.fi, vi: chrono.vi, id: chrono.id,
};
const LITTLE_ENDIAN_ENGLISH = new Set(['gb', 'au', 'nz', 'ie', 'in', 'za']);
const parsers = new Map<string, Chrono>();

/**
 * One chrono per language with our additions. Date and time stay separate results (the date-time merging
 * refiner is left out) so that "3pm tomorrow" yields a TIME span and a DATE span.
 */
function chronoFor(language: string): Chrono {
  const lang = primaryLanguage(language);
  const region = language.toLowerCase().split(/[-_]/)[1] ?? '';
  const key = lang === 'en' && LITTLE_ENDIAN_ENGLISH.has(region) ? 'en-gb' : lang;
  const cached = parsers.get(key);
  if (cached !== undefined) return cached;
  const base = key === 'en-gb' ? chrono.en.GB : (LOCALES[lang] ?? chrono.en).casual;
  const instance = base.clone();
  instance.refiners = instance.refiners.filter((r) => !/MergeDateTimeRefiner$/.test(r.constructor.name));
  if (lang === 'en') instance.parsers.push(...ENGLISH_DAY_PARSERS, ...SPOKEN_TIME_PARSERS, CHAT_SPELLING_PARSER);
  if (lang === 'de') instance.parsers.push(GERMAN_DAY_MONTH);
  instance.parsers.push(...relativeDayParsers(lang));
  parsers.set(key, instance);
  return instance;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at that instant (DST included). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const part = (type: string): number => Number(format.formatToParts(instant).find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

const pad = (n: number): string => String(n).padStart(2, '0');
// "tonight at 8", "demain soir à 8h", "heute Abend um 7": the words near an hour that make it p.m.
// Per language: Spanish "sera" (será, typed without its accent) is no evening.
const EVENING = /\b(tonight|tonite|2nite|evening|afternoon|night|p\.?m\.?|tarde|noche)\b/i;
const EVENING_IN: Readonly<Record<string, RegExp>> = {
  fr: /\b(soir|apr[eè]s-midi)\b/i, de: /\b(abends?|nachmittags?)\b/i, pt: /\b(noite)\b/i, it: /\b(sera|stasera|pomeriggio)\b/i,
};
/** Greetings say when it is now, not when the time said is ("Buenas tardes, a las 9", "Guten Abend, um 9"). */
const GREETINGS = /\b(?:good\s+(?:evening|afternoon|night)|buenas\s+(?:tardes|noches)|bonsoir|bonne\s+soir[ée]e|guten\s+abend|buona\s*sera|boa\s+(?:tarde|noite))\b/gi;

/** An evening word within 20 characters of the time at `start`..`end`, greetings aside: the time is p.m. */
export function eveningNear(text: string, start: number, end: number, language: string): boolean {
  const around = text.slice(Math.max(0, start - 20), end + 20).replace(GREETINGS, ' ');
  return EVENING.test(around) || (EVENING_IN[primaryLanguage(language)]?.test(around) ?? false);
}

// Prepositions chrono keeps at the front of a mention ("on friday", "a las 3"); the value span leaves them out.
const LEADING_FILLERS: Readonly<Record<string, RegExp>> = {
  en: /^(?:(?:on|at|by|for|around|about|from|until|till)\s+)+/i,
  es: /^(?:(?:el|la|las|los|a|para|desde|hasta)\s+)+/i,
  fr: /^(?:(?:le|à|pour|vers)\s+)+/i,
  de: /^(?:(?:am|um|ab|bis)\s+)+/i,
  pt: /^(?:(?:às|as|à|a|até|pelas)\s+)+/i,
  it: /^(?:(?:alle|le|verso|per|dalle|entro)\s+)+/i,
};

/** Words that put a weekday behind us, in the languages chrono reads. */
const PAST_WEEKDAY = /(?<![\p{L}])(?:last|past|previous|pasad[oa]|anterior|derni(?:er|ère|ere)|letzte[nrms]?|vergangene[nrms]?|passad[oa]|passat[oa]|scors[oa])(?![\p{L}])/iu;

/** "this" right before a weekday, in the languages chrono reads: that weekday may be today. */
const THIS_WEEKDAY = /(?<![\p{L}])(?:this|este|esta|ce|cette|diese[nrms]?|questo|questa|nesta|neste)\s+\p{L}+\s*$/iu;

function dateOf(result: ParsedResult, now: Date, text: string): string | null {
  const s = result.start;
  const tags = result.tags();
  const casualDay = [...tags].some((t) => t.startsWith('casualReference/') && !/noon|midnight|morning|afternoon|evening|night|now/.test(t));
  const dayLike = s.isCertain('day') || s.isCertain('weekday') || casualDay;
  if (!dayLike) return null;
  let year = s.get('year')!;
  let month = s.get('month')!;
  let day = s.get('day')!;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (!s.isCertain('year') && s.isCertain('month') && s.isCertain('day') && !tags.has('parley/ordinalDay')) {
    // A date without a year is the next one on or after the reference day, compared as dates in the
    // zone (chrono compared instants at an implied noon, so "March 14" said on 14 March after noon,
    // or from a host in another zone, was next year's).
    year = now.getUTCFullYear();
    if (Date.UTC(year, month - 1, day) < today) year += 1;
  }
  if (s.isCertain('weekday') && !s.isCertain('day')) {
    // "last friday" is behind us, whatever forwardDate made of it; any other weekday is ahead (chrono's Italian
    // read "sabato a mezzogiorno" as last Saturday).
    // The past word may follow the weekday, outside chrono's reading ("el viernes pasado", "venerdì passato").
    const past = PAST_WEEKDAY.test(text.slice(Math.max(0, result.index - 16), result.index + result.text.length + 16));
    const thisOne = THIS_WEEKDAY.test(text.slice(Math.max(0, result.index - 12), result.index + result.text.length));
    const week = 7 * 86_400_000;
    let at = Date.UTC(year, month - 1, day);
    if (past) {
      while (at >= today) at -= week;
    } else {
      // The weekday of today: "this thursday" is today, "thursday" next week's. chrono decided by the hour
      // (today before noon, next week after), so the same answer gave two dates in one day.
      while (at < today) at += week;
      if (thisOne) while (at - week >= today) at -= week;
      else if (at === today) at += week;
    }
    const moved = new Date(at);
    [year, month, day] = [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
  }
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function timeOf(result: ParsedResult, text: string, language: string): string | null {
  const s = result.start;
  if (!s.isCertain('hour')) return null;
  let hour = s.get('hour')!;
  // "tonight at 8": chrono leaves the meridiem open, the words around it do not.
  if (!s.isCertain('meridiem') && hour >= 1 && hour < 12 && eveningNear(text, result.index, result.index + result.text.length, language)) hour += 12;
  return `${pad(hour)}:${pad(s.get('minute') ?? 0)}`;
}

// chrono reads an amount of time as that long from now ("for two hours" 14:00, "por tres días" in three days); only
// these words make it a point in time ("in two hours", "dans deux heures", "next week", "3 days later", "de aquí a
// tres días"): in the reading itself, or right before or after it. Languages not listed keep chrono's reading.
const RELATIVE_CUES: Readonly<Record<string, { readonly within: string; readonly before: string; readonly after: string }>> = {
  en: {
    within: 'in|within|ago|later|earlier|from|after|before|next|last|past|this|coming|previous|hence|afterwards?|out',
    before: 'in|within|after', after: 'from|after|before|ago|later|earlier|hence|afterwards?|out|time|today|tomorrow|and a half from',
  },
  es: {
    within: 'en|dentro|hace|tras|después|despues|antes|próxim[oa]s?|proxim[oa]s?|pasad[oa]s?|últim[oa]s?|ultim[oa]s?|viene|siguientes?',
    before: 'en|dentro de|hace|tras|aquí a|aqui a|a los', after: 'después|despues|más tarde|mas tarde|antes|desde hoy|a partir de',
  },
  fr: {
    within: 'dans|d\'ici|il y a|après|apres|avant|prochaine?s?|dernière?s?|derniere?s?|passée?s?|passee?s?',
    before: 'dans|d\'ici|il y a|après|apres', after: 'plus tard|après|apres|avant|plus tôt',
  },
  de: {
    within: 'in|innerhalb|vor|nach|nächste[nrms]?|nachste[nrms]?|letzte[nrms]?|kommende[nrms]?|später|spater',
    before: 'in|innerhalb|vor|nach', after: 'später|spater|danach|früher|fruher',
  },
  it: { within: 'tra|fra|entro|fa|dopo|prossim[aoie]|scors[aoie]', before: 'tra|fra|entro|dopo', after: 'fa|dopo|più tardi|piu tardi' },
  pt: {
    within: 'em|daqui|dentro|há|ha|depois|próxim[oa]s?|proxim[oa]s?|passad[oa]s?',
    before: 'em|daqui a|dentro de|há|ha|depois de', after: 'depois|mais tarde|atrás|atras',
  },
  nl: { within: 'over|binnen|geleden|na|volgende|vorige|later', before: 'over|binnen|na', after: 'geleden|later' },
};
const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
const relativeCues = new Map(Object.entries(RELATIVE_CUES).map(([lang, cue]) => [lang, {
  within: new RegExp(`${WORD_START}(?:${cue.within})${WORD_END}`, 'iu'),
  before: new RegExp(`${WORD_START}(?:${cue.before})\\s+$`, 'iu'),
  after: new RegExp(`^(?:['’]s)?\\s+(?:${cue.after})${WORD_END}`, 'iu'),
}]));

/** "for two hours", "tres días": an amount of time that no word makes a point in time. */
function isBareDuration(result: ParsedResult, text: string, language: string): boolean {
  const cue = relativeCues.get(primaryLanguage(language));
  if (cue === undefined || !result.tags().has('result/relativeDate')) return false;
  const end = result.index + result.text.length;
  return !cue.within.test(result.text) && !cue.before.test(text.slice(Math.max(0, result.index - 16), result.index))
    && !cue.after.test(text.slice(end, end + 24));
}

/** chrono's Spanish "4 a" (as in "4 a.m."): the "a" of "para 4 a las nueve" is the next time's preposition. */
const LONE_A_TIME = /^\d{1,2}\s+a$/i;

/** Every date/time mention in the text, relative words resolved against `ctx.referenceTime` in `ctx.timeZone`. */
export function parseDateTimes(text: string, ctx: RecogniseContext): DateTimeMention[] {
  const offset = zoneOffsetMinutes(ctx.referenceTime, ctx.timeZone);
  const now = wallClock(ctx.referenceTime, offset);
  const results = chronoFor(ctx.language).parse(text, { instant: ctx.referenceTime, timezone: offset }, { forwardDate: true });
  const mentions = results.filter((r) => !LONE_A_TIME.test(r.text) || primaryLanguage(ctx.language) === 'en').map((r): DateTimeMention => {
    const filler = LEADING_FILLERS[primaryLanguage(ctx.language)]?.exec(r.text)?.[0].length ?? 0;
    const keep = filler < r.text.length ? filler : 0;
    return {
      start: r.index + keep,
      end: r.index + r.text.replace(/[\s.,;:!?]+$/, '').length,
      date: dateOf(r, now, text),
      time: timeOf(r, text, ctx.language),
      answerOnly: r.tags().has('parley/answerOnly'),
      ...(isBareDuration(r, text, ctx.language) ? { bareDuration: true } : {}),
    };
  });
  if (primaryLanguage(ctx.language) !== 'en') return mentions;
  return resolveRelativePhrases(text, mentions, Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
