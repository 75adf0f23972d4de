import type { Parser } from 'chrono-node';

// What chrono's Spanish locale misses: hours said in words ("a las ocho y media de la tarde"); "pasado mañana" is in relative-day-parsers.ts.
const HOURS = ['una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];
const PART = '(?:\\s+de\\s+la\\s+(mañana|manana|tarde|noche)|\\s+(?:del|al)\\s+(mediodía|mediodia))';

export const SPANISH_DATE_TIME_PARSERS: Parser[] = [
  {
    pattern: () => new RegExp(`\\ba\\s+la(?:s)?\\s+(${HOURS.join('|')})(?:\\s+y\\s+(media|cuarto)|\\s+menos\\s+(cuarto))?${PART}?(?=\\W|$)`, 'i'),
    extract: (context, match) => {
      let hour = HOURS.indexOf(match[1]!.toLowerCase()) + 1;
      let minute = match[2] === undefined ? 0 : match[2].toLowerCase() === 'media' ? 30 : 15;
      if (match[3] !== undefined) { hour = hour === 1 ? 12 : hour - 1; minute = 45; }
      const part = (match[4] ?? match[5] ?? '').toLowerCase();
      const pm = part === 'tarde' || part === 'noche' || part.startsWith('medi');
      if (part !== '' && (pm ? hour < 12 : hour === 12)) hour = (hour % 12) + (pm ? 12 : 0);
      const c = context.createParsingComponents().assign('hour', hour).assign('minute', minute);
      if (part !== '') c.assign('meridiem', hour >= 12 ? 1 : 0);
      return c.addTag('parley/spokenTime');
    },
  },
];
