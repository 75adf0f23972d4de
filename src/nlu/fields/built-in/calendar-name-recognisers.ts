import { buildGazetteer, gazetteerMatches, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecogniseContext, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { parseDateTimes } from './chrono-parsing.js';
import { lookupTable } from '../../../util/lookup-table.js';

const ENGLISH_MONTHS = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, m, 15)));
// 2000-01-02 was a Sunday; index 0 is Monday.
const ENGLISH_DAYS = Array.from({ length: 7 }, (_, d) => new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 3 + d)));
const WORDLIKE_NAMES = new Set(['may', 'march', 'mar', 'jan', 'sun', 'sat', 'wed', 'mon']);
const EXTRA_EN: Readonly<Record<string, string>> = lookupTable({ sept: 'September', tues: 'Tuesday', thur: 'Thursday', thurs: 'Thursday', weds: 'Wednesday' });

function names(lang: string, kind: 'month' | 'weekday', width: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(lang, kind === 'month' ? { month: width, timeZone: 'UTC' } : { weekday: width, timeZone: 'UTC' });
  const day = (i: number): number => (kind === 'month' ? Date.UTC(2000, i, 15) : Date.UTC(2000, 0, 3 + i));
  return Array.from({ length: kind === 'month' ? 12 : 7 }, (_, i) => format.format(day(i)).replace(/\.$/, ''));
}

const cache = new Map<string, Gazetteer>();

/** Month or weekday names of English and the context language (full and abbreviated), valued in English. */
function calendarGazetteer(kind: 'month' | 'weekday', language: string): Gazetteer {
  const lang = primaryLanguage(language);
  const key = `${kind}:${lang}`;
  let g = cache.get(key);
  if (g !== undefined) return g;
  const english = kind === 'month' ? ENGLISH_MONTHS : ENGLISH_DAYS;
  const entries: GazetteerEntry[] = [];
  for (const l of new Set(['en', lang])) {
    for (const width of ['long', 'short'] as const) {
      names(l, kind, width).forEach((name, i) => entries.push({
        phrase: name, value: english[i]!, strictness: WORDLIKE_NAMES.has(name.toLowerCase()) ? 'word' : 'open',
      }));
    }
  }
  for (const [abbr, value] of Object.entries(EXTRA_EN)) if (english.includes(value)) entries.push({ phrase: abbr, value });
  g = buildGazetteer(entries, lang);
  cache.set(key, g);
  return g;
}

function recogniseCalendarName(kind: 'month' | 'weekday', text: string, ctx: RecogniseContext, mode: 'answer' | 'find'): RecognisedValue[] {
  return selectPhraseMatches(gazetteerMatches(calendarGazetteer(kind, ctx.language), text, mode, { plurals: true, typosInAnswers: true }))
    .map(({ value, start, end }) => ({ value, start, end }));
}

/** Twilio.MONTH: the English month name (`January` ... `December`) from a full or short name in English or the context language. */
export const recogniseMonth: Recogniser = (text, ctx, mode) => recogniseCalendarName('month', text, ctx, mode);

/**
 * Twilio.DAY_OF_WEEK: the English weekday name (`Monday` ... `Sunday`); a whole answer naming a day another
 * way ("tomorrow") gives that day's weekday.
 */
export const recogniseDayOfWeek: Recogniser = (text, ctx, mode) => {
  const named = recogniseCalendarName('weekday', text, ctx, mode);
  if (named.length > 0 || mode === 'find') return named;
  return parseDateTimes(text, ctx).filter((m) => m.date !== null).map((m) => {
    const [y, mo, d] = m.date!.split('-').map(Number);
    return { value: ENGLISH_DAYS[(new Date(Date.UTC(y!, mo! - 1, d!)).getUTCDay() + 6) % 7]!, start: m.start, end: m.end };
  });
};
