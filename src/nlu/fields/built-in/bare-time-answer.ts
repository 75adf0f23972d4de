import type { RecognisedValue } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { HOUR_WORDS } from './spoken-time-parsers.js';

// An hour (1-2 digits) or 24-hour digits (HMM, HHMM), alone but for trailing punctuation; in English also an
// hour word and the hedges around it ("around 6", "about six", "6ish").
const DIGITS = '\\d{1,2}|[1-9]\\d{2}|\\d{4}';
const ENGLISH = new RegExp(`^(\\s*(?:(?:at|around|about)\\s+)*)(${HOUR_WORDS.join('|')}|${DIGITS})(?:\\s*-?\\s*ish)?[\\s.!?]*$`, 'i');
const OTHER = new RegExp(`^(\\s*)(${DIGITS})[\\s.!?]*$`);

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A whole answer that is a time only because a time was asked for: a bare hour 1-12 ("4", "eight", "around 6"),
 * read as "at 4" is (`04:00`), or valid 24-hour digits ("1600" `16:00`, "0830" `08:30`). Not left to chrono: it
 * drops results made only of digits, and the spoken-time parsers want "at" or "o'clock" next to an hour word.
 */
export function bareTimeAnswer(text: string, language: string): RecognisedValue | null {
  const m = (primaryLanguage(language) === 'en' ? ENGLISH : OTHER).exec(text);
  if (m === null) return null;
  const said = m[2]!;
  const start = m[1]!.length;
  const word = HOUR_WORDS.indexOf(said.toLowerCase()) + 1;
  const hourOnly = word > 0 || said.length <= 2;
  const hour = word > 0 ? word : Number(hourOnly ? said : said.slice(0, -2));
  const minute = hourOnly ? 0 : Number(said.slice(-2));
  const valid = hourOnly ? hour >= 1 && hour <= 12 : hour <= 23 && minute <= 59;
  return valid ? { value: `${pad(hour)}:${pad(minute)}`, start, end: start + said.length } : null;
}
