import type { Recogniser } from '../recognition-types.js';
import { parseDateTimes } from './chrono-parsing.js';

/** Twilio.DATE: `YYYY-MM-DD`; relative days ("tomorrow", "next friday", "the 5th") resolve forwards from the reference time. */
export const recogniseDate: Recogniser = (text, ctx, mode) => parseDateTimes(text, ctx)
  .filter((m) => m.date !== null && (mode === 'answer' || !m.answerOnly))
  .map((m) => ({ value: m.date!, start: m.start, end: m.end }));

/** Twilio.TIME: `HH:MM`, 24-hour clock ("3pm" -> `15:00`, "half past four" -> `04:30`, "noon" -> `12:00`). */
export const recogniseTime: Recogniser = (text, ctx) => parseDateTimes(text, ctx)
  .filter((m) => m.time !== null)
  .map((m) => ({ value: m.time!, start: m.start, end: m.end }));
