import type { Recogniser, RecogniseMode } from '../recognition-types.js';
import { bareTimeAnswer } from './bare-time-answer.js';
import { parseDateTimes, type DateTimeMention } from './chrono-parsing.js';
import { clockPhrases } from './clock-phrases.js';

/** Twilio.DATE: `YYYY-MM-DD`; relative days ("tomorrow", "next friday", "the 5th") resolve forwards from the reference time. */
export const recogniseDate: Recogniser = (text, ctx, mode) => parseDateTimes(text, ctx)
  .filter((m) => m.date !== null && (mode === 'answer' || !m.answerOnly) && pointInTime(m, text, mode))
  .map((m) => ({ value: m.date!, start: m.start, end: m.end }));

/** A mention that is a point in time: not an amount of time ("for two hours"), unless that is the whole answer ("10 minutes"). */
function pointInTime(mention: DateTimeMention, text: string, mode: RecogniseMode): boolean {
  if (mention.bareDuration !== true) return true;
  return mode === 'answer' && /^[\s.,!?]*$/.test(text.slice(0, mention.start)) && /^[\s.,!?]*$/.test(text.slice(mention.end));
}

/**
 * Twilio.TIME: `HH:MM`, 24-hour clock ("3pm" -> `15:00`, "half past four" -> `04:30`, "noon" -> `12:00`).
 * A whole answer may also be a bare hour ("4", "around six") or 24-hour digits ("1600"). Clock times in words
 * in es, fr, de, pt and it come from clock-phrases.ts; where chrono reads the same time, the wider span wins.
 */
export const recogniseTime: Recogniser = (text, ctx, mode) => {
  const said = parseDateTimes(text, ctx)
    .filter((m) => m.time !== null && pointInTime(m, text, mode))
    .map((m) => ({ value: m.time!, start: m.start, end: m.end }));
  said.push(...clockPhrases(text, ctx.language, mode));
  const bare = mode === 'answer' ? bareTimeAnswer(text, ctx.language) : null;
  return bare === null ? said : [...said, bare];
};
