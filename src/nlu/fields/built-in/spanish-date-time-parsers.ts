import type { Parser, ParsingContext } from 'chrono-node';

/*
 * What chrono's Spanish locale misses: hours said in words ("a las ocho y media de la tarde", "las cinco",
 * "cinco de la tarde"), and noon and midnight as a clock time (chrono only implies their hour, and puts
 * "medianoche" on tomorrow's date); "pasado mañana" is in relative-day-parsers.ts.
 */
const HOURS = ['una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];
const PART = '(?:\\s+de\\s+la\\s+(mañana|manana|tarde|noche)|\\s+(?:del|al)\\s+(mediodía|mediodia))';
const MINUTES = '(?:\\s+y\\s+(media|cuarto)|\\s+menos\\s+(cuarto))?';

function clock(context: ParsingContext, word: string, half: string | undefined, toQuarter: string | undefined, said: string) {
  let hour = HOURS.indexOf(word.toLowerCase()) + 1;
  let minute = half === undefined ? 0 : half.toLowerCase() === 'media' ? 30 : 15;
  if (toQuarter !== undefined) { hour = hour === 1 ? 12 : hour - 1; minute = 45; }
  const part = said.toLowerCase();
  const pm = part === 'tarde' || part === 'noche' || part.startsWith('medi');
  if (part !== '' && (pm ? hour < 12 : hour === 12)) hour = (hour % 12) + (pm ? 12 : 0);
  const c = context.createParsingComponents().assign('hour', hour).assign('minute', minute);
  if (part !== '') c.assign('meridiem', hour >= 12 ? 1 : 0);
  return c.addTag('parley/spokenTime');
}

export const SPANISH_DATE_TIME_PARSERS: Parser[] = [
  { // a las ocho y media de la tarde; las cinco (inside a sentence only after a preposition: "las dos" is also "both")
    pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(?:(a|para|hasta|desde|sobre|hacia)\\s+)?la(?:s)?\\s+(${HOURS.join('|')})${MINUTES}${PART}?(?=\\W|$)`, 'iu'),
    extract: (context, match) => {
      const c = clock(context, match[2]!, match[3], match[4], match[5] ?? match[6] ?? '');
      return match[1] === undefined && match[3] === undefined && match[4] === undefined && match[5] === undefined && match[6] === undefined
        ? c.addTag('parley/wholeAnswerOnly') : c;
    },
  },
  { // cinco de la tarde, ocho y media de la noche: an hour word is a time when the part of the day follows it
    pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(${HOURS.join('|')})${MINUTES}${PART}(?=\\W|$)`, 'iu'),
    extract: (context, match) => clock(context, match[1]!, match[2], match[3], match[4] ?? match[5] ?? ''),
  },
];

/** Noon and midnight, placed before chrono's own parsers so that theirs (hour only implied) lose the tie. */
export const SPANISH_NOON_MIDNIGHT_PARSERS: Parser[] = [
  {
    pattern: () => /(?<![\p{L}\p{N}])(?:(?:a|al|a\s+la|para\s+la|para\s+el|hacia\s+el|hacia\s+la)\s+)?(mediod[ií]a|medianoche)(?![\p{L}\p{N}])/iu,
    extract: (context, match) => context.createParsingComponents()
      .assign('hour', /^medianoche$/i.test(match[1]!) ? 0 : 12).assign('minute', 0).addTag('parley/spokenTime'),
  },
];
