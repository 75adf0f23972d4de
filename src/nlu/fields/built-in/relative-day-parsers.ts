import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';

/*
 * "The day after tomorrow" and "the day before yesterday" where chrono's locale reads only the
 * "tomorrow" or "yesterday" inside them ("après-demain", "depois de amanhã", "dopo domani", "antes de
 * ayer" were a day off) or nothing at all ("pasado mañana", "anteontem"). German "übermorgen" and
 * Italian "dopodomani" chrono reads itself. Lower or upper case, with or without accents and hyphens.
 */
const PHRASES: Readonly<Record<string, ReadonlyArray<{ readonly pattern: string; readonly days: number }>>> = {
  es: [{ pattern: 'pasado\\s+ma[ñn]ana', days: 2 }, { pattern: 'anteayer|antier|antes\\s+de\\s+ayer', days: -2 }],
  fr: [{ pattern: 'apr[eè]s[\\s-]*demain', days: 2 }, { pattern: 'avant[\\s-]*hier', days: -2 }],
  pt: [{ pattern: 'depois\\s+de\\s+amanh[ãa]', days: 2 }, { pattern: 'anteontem|antes\\s+de\\s+ontem', days: -2 }],
  it: [{ pattern: 'dopo[\\s-]*domani', days: 2 }, { pattern: "(?:l['’]\\s*)?altro\\s*ieri|ieri\\s+l['’]\\s*altro", days: -2 }],
  // Filipino (Tagalog), which chrono has no locale for: every relative day is ours.
  fil: [
    { pattern: 'bukas', days: 1 }, { pattern: 'ngayon(?:g\\s+araw)?', days: 0 }, { pattern: 'kahapon', days: -1 },
    { pattern: 'sa\\s*makalawa|makalawa', days: 2 }, { pattern: 'kamakalawa', days: -2 },
  ],
};
const ALIASES: Readonly<Record<string, string>> = { tl: 'fil' };

// Filipino weekdays, Lunes to Linggo: the coming one, today's included, as chrono reads an English weekday. Not after "susunod na"
// (next), "nakaraang" / "noong" (last), "isang" (one) or "ngayong" (this): "linggo" is also "week" ("isang linggo", "ngayong linggo").
const FILIPINO_WEEKDAYS = ['linggo', 'lunes', 'martes', 'miyerkules|miyerkoles', 'huwebes', 'biyernes|byernes', 'sabado'];
const FILIPINO_WEEKDAY = new RegExp(
  `(?<![\\p{L}\\p{N}])(?<!(?:na|ng|nakaraang|noong|nung|isang|ngayong|susunod)\\s+)(sa\\s+)?(${FILIPINO_WEEKDAYS.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const filipinoWeekday: Parser = {
  pattern: () => FILIPINO_WEEKDAY,
  extract: (context, match) => {
    const said = match[2]!.toLowerCase();
    const weekday = FILIPINO_WEEKDAYS.findIndex((w) => new RegExp(`^(?:${w})$`).test(said));
    const now = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
    const c = dayFrom(context, (weekday - now.getUTCDay() + 7) % 7).assign('weekday', weekday);
    // "linggo" alone is a week as often as a Sunday: only "sa Linggo" inside a sentence.
    return weekday === 0 && match[1] === undefined ? c.addTag('parley/answerOnly') : c;
  },
};

/** The reference day in the context's zone, moved by `days`. */
function dayFrom(context: ParsingContext, days: number): ParsingComponents {
  const now = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return context.createParsingComponents({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
}

/** chrono parsers for the language's two-days-off phrases (none for a language not listed). */
export function relativeDayParsers(language: string): Parser[] {
  const lang = ALIASES[language] ?? language;
  return [...(PHRASES[lang] ?? []).map(({ pattern, days }): Parser => ({
    pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'iu'),
    extract: (context) => dayFrom(context, days),
  })), ...(lang === 'fil' ? [filipinoWeekday] : [])];
}
