import { parseDigitSequenceAt, parseNumberAt } from '../number-words.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise } from '../text-tokens.js';

/** Twilio.NUMBER: a cardinal in digits or words -> digits ("twenty three" `23`, "1,200" `1200`, "3.5" kept). */
export const recogniseNumber: Recogniser = (text, ctx) => {
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.isWord && tokens[i]!.text !== '-') continue;
    const n = parseNumberAt(tokens, i, ctx.language);
    if (n === null) continue;
    found.push({ value: n.value, start: tokens[i]!.start, end: tokens[n.end - 1]!.end });
    i = n.end - 1;
  }
  return found;
};

/**
 * Twilio.NUMBER_SEQUENCE: digits said or typed one by one or in groups -> one digit string ("four one five"
 * `415`, "oh" is 0, "double five" `55`, "1234-5678" `12345678`). DTMF input is already digits.
 */
export const recogniseNumberSequence: Recogniser = (text, ctx, mode) => {
  const tokens = tokenise(text);
  const found: RecognisedValue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const seq = parseDigitSequenceAt(tokens, i, ctx.language, mode === 'answer');
    if (seq === null) continue;
    found.push({ value: seq.digits, start: tokens[i]!.start, end: tokens[seq.end - 1]!.end });
    i = seq.end - 1;
  }
  return found;
};
