import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parseDigitSequenceAt } from '../number-words.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { likelyRegion, tokenise } from '../text-tokens.js';

const PLUS_WORDS = new Set(['plus', 'más', 'mas']);
/** E.164 numbers have at most 15 digits. */
const MAX_DIGITS = 15;

/**
 * E.164 for digits of a possible number in the region (or after a `+`), else null. Outside the US a national reading
 * must be a valid number there, else the digits are read as North American ("1 415 555 1234", "415 555 1234" on a
 * British bot), where a possible length is enough (made-up 555 numbers pass).
 */
function phoneNumber(digits: string, plus: boolean, region: CountryCode): string | null {
  if (digits.length < 7 || digits.length > MAX_DIGITS) return null;
  if (!plus && region !== 'US') {
    const local = parsePhoneNumberFromString(digits, region);
    if (local !== undefined && local.isValid()) return local.number;
    // "1 800 555 1234" on a British bot: eleven digits from a 1 are a North American number with its country code.
    const american = digits.length === 11 && digits.startsWith('1') ? parsePhoneNumberFromString(`+${digits}`) : undefined;
    if (american !== undefined && american.isPossible()) return american.number;
    region = 'US';
  }
  const phone = parsePhoneNumberFromString(plus ? `+${digits}` : digits, region);
  return phone !== undefined && phone.isPossible() ? phone.number : null;
}

/**
 * Twilio.PHONE_NUMBER: E.164 (`+14155551234`), typed in any common layout or said digit by digit
 * ("four one five five five five ..."), national numbers read in `ctx.region`, else the region the language most
 * likely means (en-US US, fr-FR FR, es-MX MX, pt BR). A number only has
 * to have a possible length for its country, so made-up 555 numbers pass; real validity is a bonus, not a gate.
 */
export const recognisePhoneNumber: Recogniser = (text, ctx) => {
  // National numbers are read where the bot's language says (a French bot's "06 12 34 56 78" is +33...).
  const region = (ctx.region ?? likelyRegion(ctx.language)).toUpperCase() as CountryCode;
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const plus = t.text === '+' || PLUS_WORDS.has(t.norm);
    const from = plus ? i + 1 : t.text === '(' ? i + 1 : i;
    let j = from;
    let digits = '';
    // Speech transcripts put commas between groups ("415, 555, 0199"): read across them, but keep where the
    // first comma stood, for a number followed by a list ("415 555 0199, 2 more").
    let beforeComma: { digits: string; j: number } | undefined;
    // Only groups of 3 or 4 digits after the first are read across commas: "10, 20, 30, 40, 50 units" is a list of
    // numbers, not a phone number (a list shaped like one, "250, 300, 4500", still reads as one inside a sentence).
    let groupStart = 0;
    let groupsFit = true;
    // Groups like "(415) 555-1234" or "415.555.1234": keep reading digit pieces across brackets. A run past
    // E.164's 15 digits is no number from this start, however long it goes on: stop reading it (from every
    // token of a long run of digits, reading it to its end made a 2 KB message take ~0.1 s).
    while (digits.length <= MAX_DIGITS) {
      if (tokens[j]?.text === '(' || tokens[j]?.text === ')') { j++; continue; }
      if (tokens[j]?.text === ',' && digits !== '') {
        if (beforeComma !== undefined) groupsFit &&= digits.length - groupStart >= 3 && digits.length - groupStart <= 4;
        beforeComma ??= { digits, j };
        groupStart = digits.length;
        j++;
        continue;
      }
      const seq = parseDigitSequenceAt(tokens, j, ctx.language, false, MAX_DIGITS - digits.length);
      if (seq === null) {
        const grouped = tokens[j]?.text.match(/^\d+(?:\.\d+)+$/); // 415.555.1234 is one token
        if (grouped === null || grouped === undefined) break;
        digits += grouped[0].replace(/\D/g, '');
        j++;
        continue;
      }
      digits += seq.digits;
      j = seq.end;
    }
    while (tokens[j - 1]?.text === ',') j--;
    const lastGroup = digits.length - groupStart;
    if (beforeComma !== undefined && lastGroup > 0) groupsFit &&= lastGroup >= 3 && lastGroup <= 4;
    const listEnd = j;
    if (!groupsFit) ({ digits, j } = beforeComma!);
    // Two readings at most: trying the number at every comma made a 2 KB list of digits about ten times slower.
    const readings = beforeComma === undefined || beforeComma.digits === digits ? [{ digits, j }] : [{ digits, j }, beforeComma];
    let read = false;
    for (const end of readings) {
      const value = phoneNumber(end.digits, plus, region);
      if (value === null) continue;
      const last = tokens[end.j - 1]?.text === ')' ? end.j - 2 : end.j - 1;
      found.push({ value, start: t.start, end: tokens[last]!.end });
      i = end.j - 1;
      read = true;
      break;
    }
    // A list of numbers that is no phone number is one list: its later numbers start none either ("200, 300, 4000").
    if (!read && beforeComma !== undefined) i = listEnd - 1;
  }
  return found;
};
