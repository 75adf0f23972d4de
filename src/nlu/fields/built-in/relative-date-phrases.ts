import { numberLexicon } from '../number-lexicons.js';
import type { DateTimeMention } from './chrono-parsing.js';

// chrono reads only the anchor of "a week from tomorrow" and "friday after next"; these phrases are combined here.
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?$|^(?:tuesday|wednesday|thursday|saturday)$/i;
const AFTER_NEXT = /^\s+after\s+next\b/i;
const THE_BEFORE = /\bthe\s+$/i;
const FROM = /\b(\d{1,3}|[a-z]+)\s+(day|week|month|year)s?\s+from\s+/gi;
const NOW = /^now\b/i;
/** "for 3 days from tomorrow" is how long, starting tomorrow: the anchor is the date. */
const FOR_BEFORE = /\bfor\s+$/i;
const DAY_MS = 86_400_000;

const isoDate = (at: number): string => new Date(at).toISOString().slice(0, 10);
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

function count(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w === 'a' || w === 'an') return 1;
  const value = numberLexicon('en').units[w];
  return value !== undefined && value > 0 ? value : null;
}

/** Adds the duration; a month or year that has no such day ends on its last day (31 January + 1 month = 28 February). */
function shift(date: string, n: number, unit: string): string {
  const at = new Date(dayOf(date));
  if (unit === 'day' || unit === 'week') return isoDate(at.getTime() + n * (unit === 'week' ? 7 : 1) * DAY_MS);
  const months = at.getUTCMonth() + n * (unit === 'year' ? 12 : 1);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), months + 1, 0)).getUTCDate();
  return isoDate(Date.UTC(at.getUTCFullYear(), months, Math.min(at.getUTCDate(), lastDay)));
}

/** Puts `combined` in place of every mention it overlaps (the anchor, chrono's reading of "a week" alone). */
function replace(mentions: readonly DateTimeMention[], combined: DateTimeMention): DateTimeMention[] {
  return [...mentions.filter((m) => m.end <= combined.start || m.start >= combined.end), combined].sort((a, b) => a.start - b.start);
}

/**
 * "friday after next", "the friday after next": "next friday" as chrono reads it (the weekday in the
 * Monday-to-Sunday week after this one) plus seven days, i.e. that weekday in the week after next week.
 */
function afterNext(text: string, mentions: DateTimeMention[], today: number): DateTimeMention[] {
  for (const m of [...mentions]) {
    if (!mentions.includes(m)) continue;
    const after = AFTER_NEXT.exec(text.slice(m.end));
    if (m.date === null || after === null || !WEEKDAY.test(text.slice(m.start, m.end))) continue;
    const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
    const date = isoDate(monday + 14 * DAY_MS + ((new Date(dayOf(m.date)).getUTCDay() + 6) % 7) * DAY_MS);
    const start = m.start - (THE_BEFORE.exec(text.slice(0, m.start))?.[0].length ?? 0);
    mentions = replace(mentions, { ...m, start, end: m.end + after[0].length, date });
  }
  return mentions;
}

/**
 * "a week from tomorrow", "two months from today", "3 days from March 3rd": the anchor's date moved on; not after
 * "for" ("a room for 3 days from tomorrow" starts tomorrow).
 */
function fromAnchor(text: string, mentions: DateTimeMention[], today: number): DateTimeMention[] {
  for (const match of text.matchAll(FROM)) {
    const n = count(match[1]!);
    const at = match.index + match[0].length;
    const anchor = mentions.find((m) => m.start === at && m.date !== null);
    const now = NOW.exec(text.slice(at));
    if (n === null || (anchor === undefined && now === null)) continue;
    if (FOR_BEFORE.test(text.slice(0, match.index))) {
      // A length of stay is no date of its own (chrono reads "3 days" as three days on): only the anchor stays.
      mentions = mentions.filter((m) => m.end <= match.index || m.start >= at);
      continue;
    }
    const date = shift(anchor?.date ?? isoDate(today), n, match[2]!.toLowerCase());
    const end = anchor?.end ?? at + now![0].length;
    mentions = replace(mentions, { start: match.index, end, date, time: anchor?.time ?? null, answerOnly: anchor?.answerOnly ?? false });
  }
  return mentions;
}

/**
 * English relative phrases chrono resolves only in part. The combined mention replaces the anchor and any
 * mention inside the phrase, so the anchor alone ("tomorrow" in "a week from tomorrow") never wins.
 */
export function resolveRelativePhrases(text: string, mentions: DateTimeMention[], today: number): DateTimeMention[] {
  return fromAnchor(text, afterNext(text, mentions, today), today);
}
