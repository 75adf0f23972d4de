import { primaryLanguage, type Token } from './text-tokens.js';

/**
 * How a locale writes 1,234,567.5: its decimal mark (`.` or `,`) and its group separator, from Intl.NumberFormat
 * (CLDR) and not from the language alone: Mexico and the United States write `1,200.50` in Spanish, Spain `1.200,50`,
 * France `1 200,50` with a narrow no-break space.
 */
export interface NumberSeparators {
  readonly decimal: '.' | ',';
  readonly group: string;
}

const separatorCache = new Map<string, NumberSeparators>();

export function numberSeparators(language: string): NumberSeparators {
  let seps = separatorCache.get(language);
  if (seps !== undefined) return seps;
  let parts: Intl.NumberFormatPart[] = [];
  try {
    // English is read as English is typed everywhere (`3.5`, `1,200`), whatever the region's official mark
    // (CLDR gives en-ZA and en-DE a decimal comma): every exported Autopilot bot is en-US and read as before.
    parts = new Intl.NumberFormat(primaryLanguage(language) === 'en' ? 'en-US' : language).formatToParts(1234567.5);
  } catch {
    // A malformed tag reads like English.
  }
  const decimal = parts.find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
  seps = { decimal, group: parts.find((p) => p.type === 'group')?.value ?? (decimal === ',' ? '.' : ',') };
  separatorCache.set(language, seps);
  return seps;
}

const DIGITS = /^\d+(?:[.,]\d+)*$/;

/**
 * `1,200` -> `1200`, `3.50` -> `3.50`, `1.200` where the decimal mark is a comma -> `1200`; null for `4:30`. Of `.` and
 * `,`, the one that is not the decimal mark groups thousands (in French too, where the locale's own group is a space).
 */
export function normaliseDigits(text: string, separators: NumberSeparators): string | null {
  if (!DIGITS.test(text)) return null;
  const decimalSep = separators.decimal;
  const groupSep = decimalSep === ',' ? '.' : ',';
  const grouped = decimalSep === ',' ? /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/ : /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
  let plain = text;
  if (grouped.test(text)) plain = text.split(groupSep).join('');
  if (plain.includes(groupSep)) return null; // 1,2,3 or 1.2.3: not one number
  plain = plain.replace(decimalSep, '.');
  if ((plain.match(/\./g) ?? []).length > 1) return null;
  const [int = '0', frac] = plain.split('.');
  const intPart = int.replace(/^0+(?=\d)/, '');
  return frac === undefined ? intPart : `${intPart}.${frac}`;
}

const SPACE_GROUP = /^[\s\u00a0\u202f]$/u;
/** A group of three digits, the last one perhaps with the decimals, by decimal mark. */
const THREE_DIGITS: Readonly<Record<NumberSeparators['decimal'], RegExp>> = { '.': /^\d{3}(?:\.\d+)?$/, ',': /^\d{3}(?:,\d+)?$/ };

/**
 * Digits grouped in threes by a locale whose group separator is a space or an apostrophe (`1 200` and `1 200,50` in
 * French, `1'234.50` in Swiss German) as one digit string (`1200`, `1200,50`) and the index of its last token; null
 * when the digits at `i` are not followed by such groups. A space between groups is a plain, no-break or narrow
 * no-break space (any one space character: the tokens do not keep it).
 */
export function groupedDigitsAt(tokens: readonly Token[], i: number, separators: NumberSeparators): { text: string; last: number } | null {
  const space = SPACE_GROUP.test(separators.group);
  const apostrophe = /^['’]$/.test(separators.group);
  const first = tokens[i];
  if ((!space && !apostrophe) || first === undefined || !/^\d{1,3}$/.test(first.text)) return null;
  const group = THREE_DIGITS[separators.decimal];
  let text = first.text;
  let last = i;
  for (;;) {
    const prev = tokens[last]!;
    if (/\D/.test(prev.text)) break; // a decimal part ends the number
    let k = last + 1;
    if (apostrophe) {
      const sep = tokens[k];
      if (sep === undefined || !/^['’]$/.test(sep.text) || sep.start !== prev.end) break;
      k++;
    }
    const next = tokens[k];
    // Between groups: one space character (no token between) or the apostrophe right against both.
    const at = apostrophe ? tokens[k - 1]!.end : prev.end + 1;
    if (next === undefined || next.start !== at || !group.test(next.text)) break;
    text += next.text;
    last = k;
  }
  return last === i ? null : { text, last };
}
