/**
 * Cheap entity classes for tokens (seventh round): numbers, times, dates, durations, money / percent,
 * emails / URLs. Regexes and small word lists only, no date library: a query pays a few map lookups.
 * Classes: `#num`, `#time`, `#date`, `#dur`, `#money`, `#pct`, `#email`, `#url`.
 */

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'dozen',
]);
const ORDINAL_WORDS = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
  'twentieth', 'thirtieth',
]);
const DATE_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mondays', 'tuesdays',
  'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'today', 'tomorrow', 'yesterday', 'tonight',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sept', 'oct', 'nov', 'dec', 'weekend',
]);
const TIME_WORDS = new Set(['noon', 'midnight', 'am', 'pm', 'clock']);
const DURATION_UNITS = new Set([
  'second', 'seconds', 'sec', 'secs', 'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day',
  'days', 'week', 'weeks', 'month', 'months', 'year', 'years',
]);
const MONEY_WORDS = new Set(['dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'bucks', 'usd', 'eur', 'gbp', 'cents', 'yen']);

const DIGITS = /^\d+$/;
const ORDINAL = /^\d+(st|nd|rd|th)$/;
const CLOCK = /^\d{1,4}(am|pm)$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/g;
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|org|net|io|edu|gov|co\.uk)\b\S*/g;

/** Spans [start, end) of emails and URLs in `text` with their class, or empty (the common case: no `@`, no `.`). */
function spanClasses(text: string): [number, number, string][] {
  if (!text.includes('@') && !text.includes('.')) return [];
  const spans: [number, number, string][] = [];
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) spans.push([m.index!, m.index! + m[0].length, '#email']);
  for (const m of text.matchAll(URL)) if (!spans.some(([s, e]) => m.index! >= s && m.index! < e)) spans.push([m.index!, m.index! + m[0].length, '#url']);
  return spans;
}

const isNumberLike = (w: string): boolean => DIGITS.test(w) || NUMBER_WORDS.has(w);

/**
 * The entity class of each word (`undefined` for none). `words` are the lower-cased tokens, `starts` / `ends`
 * their offsets in `text` (the prepared text they were matched in), so that `7:30`, `$20`, `15%`, `12/05`
 * and emails can be seen from the characters around them. English word lists apply only when `english`.
 */
export function entityClasses(text: string, words: readonly string[], starts: readonly number[], ends: readonly number[], english: boolean): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(words.length);
  const spans = spanClasses(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const start = starts[i]!;
    const end = ends[i]!;
    if (spans.length > 0) {
      const span = spans.find(([s, e]) => start >= s && start < e);
      if (span !== undefined) { out[i] = span[2]; continue; }
    }
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    if (DIGITS.test(w)) {
      const prevDigit = /\d/.test(text[start - 2] ?? '');
      const nextDigit = /\d/.test(text[end + 1] ?? '');
      if ((after === ':' && nextDigit) || (before === ':' && prevDigit)) out[i] = '#time';
      else if (((after === '/' || after === '-') && nextDigit) || ((before === '/' || before === '-') && prevDigit)) out[i] = '#date';
      else if (before === '$' || before === '€' || before === '£') out[i] = '#money';
      else if (after === '%') out[i] = '#pct';
      else out[i] = '#num';
      continue;
    }
    if (CLOCK.test(w)) { out[i] = '#time'; continue; }
    if (ORDINAL.test(w)) { out[i] = '#num'; continue; }
    if (!english) continue;
    if (NUMBER_WORDS.has(w)) out[i] = '#num';
    else if (ORDINAL_WORDS.has(w) && (i + 1 < words.length && DATE_WORDS.has(words[i + 1]!) || i > 0 && DATE_WORDS.has(words[i - 1]!))) out[i] = '#date';
    else if (DATE_WORDS.has(w)) out[i] = '#date';
    else if (TIME_WORDS.has(w)) {
      // `am` / `pm` only after a number (`7 pm`, not `i am`); `clock` only in `o'clock`.
      const prev = i > 0 ? words[i - 1]! : '';
      if (w === 'noon' || w === 'midnight' || (w === 'clock' ? prev === 'o' : isNumberLike(prev))) out[i] = '#time';
    } else if (DURATION_UNITS.has(w) && i > 0 && (isNumberLike(words[i - 1]!) || words[i - 1] === 'a' || words[i - 1] === 'an')) out[i] = '#dur';
    else if (MONEY_WORDS.has(w) && i > 0 && isNumberLike(words[i - 1]!)) out[i] = '#money';
    else if (w === 'percent' && i > 0 && isNumberLike(words[i - 1]!)) out[i] = '#pct';
    // `7 pm`, `10 o'clock`: the number is a time too.
    if (out[i] === '#time' && i > 0 && out[i - 1] === '#num' && (w === 'am' || w === 'pm')) out[i - 1] = '#time';
    if (out[i] === '#time' && w === 'clock' && i > 1 && out[i - 2] === '#num') out[i - 2] = '#time';
  }
  return out;
}
