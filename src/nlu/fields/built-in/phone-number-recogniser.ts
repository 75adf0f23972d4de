import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parseDigitSequenceAt } from '../number-words.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise } from '../text-tokens.js';

const PLUS_WORDS = new Set(['plus', 'más', 'mas']);

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
    // Groups like "(415) 555-1234" or "415.555.1234": keep reading digit pieces across brackets.
    for (;;) {
      if (tokens[j]?.text === '(' || tokens[j]?.text === ')') { j++; continue; }
      const seq = parseDigitSequenceAt(tokens, j, ctx.language, false);
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
    if (digits.length < 7 || digits.length > 15) continue;
    const phone = parsePhoneNumberFromString(plus ? `+${digits}` : digits, region);
    if (phone === undefined || !phone.isPossible()) continue;
    const last = tokens[j - 1]?.text === ')' ? j - 2 : j - 1;
    found.push({ value: phone.number, start: t.start, end: tokens[last]!.end });
    i = j - 1;
  }
  return found;
};
