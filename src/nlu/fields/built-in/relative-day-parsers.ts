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
};

/** The reference day in the context's zone, moved by `days`. */
function dayFrom(context: ParsingContext, days: number): ParsingComponents {
  const now = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return context.createParsingComponents({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
}

/** chrono parsers for the language's two-days-off phrases (none for a language not listed). */
export function relativeDayParsers(language: string): Parser[] {
  return (PHRASES[language] ?? []).map(({ pattern, days }): Parser => ({
    pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'iu'),
    extract: (context) => dayFrom(context, days),
  }));
}
