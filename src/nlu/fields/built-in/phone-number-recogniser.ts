import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parseDigitSequenceAt } from '../number-words.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise } from '../text-tokens.js';

const PLUS_WORDS = new Set(['plus', 'más', 'mas']);
/** E.164 numbers have at most 15 digits. */
const MAX_DIGITS = 15;

/**
 * Twilio.PHONE_NUMBER: E.164 (`+14155551234`), typed in any common layout or said digit by digit
 * ("four one five five five five ..."), national numbers read in `ctx.region` (default US). A number only has
 * to have a possible length for its country, so made-up 555 numbers pass; real validity is a bonus, not a gate.
 */
export const recognisePhoneNumber: Recogniser = (text, ctx) => {
  const region = (ctx.region ?? 'US').toUpperCase() as CountryCode;
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const plus = t.text === '+' || PLUS_WORDS.has(t.norm);
    const from = plus ? i + 1 : t.text === '(' ? i + 1 : i;
    let j = from;
    let digits = '';
    // Groups like "(415) 555-1234" or "415.555.1234": keep reading digit pieces across brackets. A run past
    // E.164's 15 digits is no number from this start, however long it goes on: stop reading it (from every
    // token of a long run of digits, reading it to its end made a 2 KB message take ~0.1 s).
    while (digits.length <= MAX_DIGITS) {
      if (tokens[j]?.text === '(' || tokens[j]?.text === ')') { j++; continue; }
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
    if (digits.length < 7 || digits.length > MAX_DIGITS) continue;
    const phone = parsePhoneNumberFromString(plus ? `+${digits}` : digits, region);
    if (phone === undefined || !phone.isPossible()) continue;
    const last = tokens[j - 1]?.text === ')' ? j - 2 : j - 1;
    found.push({ value: phone.number, start: t.start, end: tokens[last]!.end });
    i = j - 1;
  }
  return found;
};
