import type { Parser, ParsingComponents, ParsingContext } from 'chrono-node';

/*
 * Clock times chrono's French, Portuguese and German locales miss: noon and midnight as a time (chrono only
 * implies their hour, or reads "à midi" only unaccented), hours with "heures" / "horas" / "Uhr" and the words
 * around them ("vers 15 heures", "as 20 horas", "18 Uhr 30", "huit heures du soir"), and German half and
 * quarter hours ("halb fünf" is 04:30, half way to five). An hour without a part of the day stays as said
 * ("um 4 Uhr" is 04:00); "du soir", "de l'après-midi", "da tarde", "da noite", "abends", "nachmittags" move
 * it to the afternoon or evening, "du matin", "da manhã", "morgens" keep it in the morning.
 */

type Period = 'am' | 'pm' | 'night' | 'midday' | '';

const word = (words: readonly string[]): string => words.join('|');
const at = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}'’-])${source}(?![\\p{L}\\p{N}])`, 'iu');

function clock(context: ParsingContext, hour: number, minute: number, period: Period, answerOnly = false): ParsingComponents | null {
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59) return null;
  if (hour === 24) hour = 0;
  let h = hour;
  if (period === 'am' && h === 12) h = 0;
  if (period === 'pm' && h >= 1 && h < 12) h += 12;
  if (period === 'night' && h >= 6 && h < 12) h += 12;
  if (period === 'night' && h === 12) h = 0;
  if (period === 'midday' && h >= 1 && h <= 5) h += 12;
  const c = context.createParsingComponents().assign('hour', h).assign('minute', minute);
  if (period !== '' && h !== hour) c.assign('meridiem', h >= 12 ? 1 : 0);
  else if (period === 'am' || (period === 'pm' && h >= 12)) c.assign('meridiem', period === 'am' ? 0 : 1);
  c.addTag('parley/spokenTime');
  return answerOnly ? c.addTag('parley/wholeAnswerOnly') : c;
}

// ---------------------------------------------------------------- French
const FR_HOURS = ['une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'];
const FR_BEFORE = "(?:(à|a|vers|pour|dès|des|avant|après|apres|jusqu['’]à|jusqu['’]a)\\s+)?";
const FR_PERIOD = "(?:\\s+(du\\s+matin|de\\s+l['’]\\s*apr[eè]s[\\s-]*midi|de\\s+l['’]\\s*aprem|du\\s+soir|de\\s+la\\s+nuit))?";
const FR_EXTRA = '(?:\\s+(et\\s+demie?|et\\s+quart|moins\\s+le\\s+quart|moins\\s+quart))?';
const frPeriod = (said: string | undefined): Period => {
  const p = (said ?? '').toLowerCase();
  return p === '' ? '' : p.includes('matin') ? 'am' : p.includes('nuit') ? 'night' : 'pm';
};
const extra = (hour: number, said: string | undefined): [number, number] => {
  const e = (said ?? '').toLowerCase();
  if (e === '') return [hour, 0];
  if (/quart$/.test(e) && /moins/.test(e)) return [hour === 0 ? 23 : hour - 1, 45];
  return [hour, /quart$/.test(e) ? 15 : 30];
};

const FRENCH_FIRST: Parser[] = [
  { // midi, à midi, minuit, vers minuit et demie ("après-midi" is no noon)
    pattern: () => at(`${FR_BEFORE}(midi|minuit)${FR_EXTRA}`),
    extract: (context, m) => clock(context, ...extra(/^midi$/i.test(m[2]!) ? 12 : 0, m[3]), ''),
  },
];
const FRENCH_LAST: Parser[] = [
  { // vers 15 heures, 14 h, 15h, à huit heures et demie du soir
    pattern: () => at(`${FR_BEFORE}(\\d{1,2}|${word(FR_HOURS)})\\s*(h|heures?)(?:\\s*(\\d{2}))?${FR_EXTRA}${FR_PERIOD}`),
    extract: (context, m) => {
      const digits = /^\d/.test(m[2]!);
      const hour = digits ? Number(m[2]) : FR_HOURS.indexOf(m[2]!.toLowerCase()) + 1;
      const [h, min] = m[4] !== undefined ? [hour, Number(m[4])] : extra(hour, m[5]);
      // "2 heures" alone inside a sentence may be a duration.
      const bare = m[1] === undefined && m[4] === undefined && m[5] === undefined && m[6] === undefined && !/^h$/i.test(m[3]!);
      return clock(context, h, min, frPeriod(m[6]), bare);
    },
  },
];

// ---------------------------------------------------------------- Portuguese
const PT_HOURS = ['uma', 'duas', 'três', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze'];
const ptHour = (said: string): number => {
  if (/^\d/.test(said)) return Number(said);
  const i = PT_HOURS.indexOf(said.toLowerCase());
  return i >= 3 ? i : i + 1;
};
const PT_BEFORE = '(?:(às|as|à|a|pelas|lá\\s+pelas|la\\s+pelas|por\\s+volta\\s+das|até\\s+às|até\\s+as|ate\\s+as|depois\\s+das|antes\\s+das)\\s+)';
const PT_PERIOD = '(?:\\s+(da\\s+manhã|da\\s+manha|da\\s+madrugada|da\\s+tarde|da\\s+noite))?';
const ptPeriod = (said: string | undefined): Period => {
  const p = (said ?? '').toLowerCase();
  return p === '' ? '' : /manh|madrugada/.test(p) ? 'am' : p.includes('noite') ? 'night' : 'pm';
};
const ptMinutes = (said: string | undefined): number => {
  const e = (said ?? '').toLowerCase().replace(/^e\s+/, '');
  return e === '' ? 0 : e === 'meia' || e === 'trinta' ? 30 : e === 'quinze' ? 15 : Number(e);
};
const PT_EXTRA = '(?:\\s+(e\\s+meia|e\\s+quinze|e\\s+trinta|e\\s+\\d{1,2}))?';

const PORTUGUESE_FIRST: Parser[] = [
  { // meio-dia, ao meio-dia e meia, à meia-noite
    pattern: () => at(`(?:(?:ao|à|a|às|até\\s+o|até\\s+a|por\\s+volta\\s+do|por\\s+volta\\s+da)\\s+)?(meio[\\s-]dia|meia[\\s-]noite)${PT_EXTRA}`),
    extract: (context, m) => clock(context, /^meio/i.test(m[1]!) ? 12 : 0, ptMinutes(m[2]), ''),
  },
];
const PORTUGUESE_LAST: Parser[] = [
  { // às 19h, 20h, as 20 horas, às oito e meia da noite, 19h30
    pattern: () => at(`${PT_BEFORE}?(\\d{1,2}|${word(PT_HOURS)})\\s*(h|horas?)(?:\\s*(\\d{2}))?${PT_EXTRA}${PT_PERIOD}`),
    extract: (context, m) => {
      const minute = m[4] !== undefined ? Number(m[4]) : ptMinutes(m[5]);
      const bare = m[1] === undefined && m[4] === undefined && m[5] === undefined && m[6] === undefined && !/^h$/i.test(m[3]!);
      return clock(context, ptHour(m[2]!), minute, ptPeriod(m[6]), bare);
    },
  },
  { // às oito, às oito e meia, oito da noite ("as duas" alone is also "both": it needs "às", minutes or the part of the day)
    pattern: () => at(`${PT_BEFORE}?(${word(PT_HOURS)})${PT_EXTRA}${PT_PERIOD}`),
    extract: (context, m) => {
      const sure = /^(?:às|pelas|lá\s+pelas|la\s+pelas|por\s+volta\s+das|até\s+às|depois\s+das|antes\s+das)$/i.test(m[1] ?? '') || m[3] !== undefined || m[4] !== undefined;
      if (!sure && m[1] === undefined) return null;
      return clock(context, ptHour(m[2]!), ptMinutes(m[3]), ptPeriod(m[4]), !sure);
    },
  },
];

// ---------------------------------------------------------------- German
const DE_HOURS = ['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];
const DE_HOUR = `(\\d{1,2}|ein|${word(DE_HOURS)}|fuenf|zwoelf)`;
const deHour = (said: string): number => {
  const s = said.toLowerCase().replace('fuenf', 'fünf').replace('zwoelf', 'zwölf');
  if (/^\d/.test(s)) return Number(s);
  return s === 'ein' ? 1 : DE_HOURS.indexOf(s) + 1;
};
const DE_BEFORE = '(?:(um|gegen|ab|bis|so\\s+um|so\\s+gegen)\\s+)?';
const DE_PERIOD = '(?:\\s+(morgens|früh|frueh|vormittags|am\\s+morgen|am\\s+vormittag|mittags|nachmittags|am\\s+nachmittag|abends|am\\s+abend|nachts|in\\s+der\\s+nacht))?';
const dePeriod = (said: string | undefined): Period => {
  const p = (said ?? '').toLowerCase();
  if (p === '') return '';
  if (/morgen|früh|frueh|vormittag/.test(p)) return 'am';
  if (p === 'mittags') return 'midday';
  return /nacht/.test(p) ? 'night' : 'pm';
};
// Words after "um <number>" that make it no time: "um zwei Personen", "um acht Prozent".
const DE_NOT_A_TIME = '(?!\\s+(?:personen|leute|gäste|gaeste|tage|wochen|monate|jahre|euro|prozent|stück|minuten|stunden|kinder|mal)\\b)';

const GERMAN_FIRST: Parser[] = [
  { // Mitternacht, um Mitternacht; Mittag / mittags (inside a sentence only after "um", "gegen": "zu Mittag essen" is lunch)
    pattern: () => at(`${DE_BEFORE}(mitternacht|mittags?)`),
    extract: (context, m) => (/^mitternacht$/i.test(m[2]!) ? clock(context, 0, 0, '') : clock(context, 12, 0, '', m[1] === undefined)),
  },
];
const GERMAN_LAST: Parser[] = [
  { // um halb fünf, viertel nach drei, viertel vor acht, dreiviertel acht, zehn nach drei
    pattern: () => at(`${DE_BEFORE}(halb|viertel\\s+nach|viertel\\s+vor|drei\\s*viertel|(?:fünf|fuenf|zehn|zwanzig|\\d{1,2})(?:\\s+minuten)?\\s+(?:nach|vor))\\s+${DE_HOUR}${DE_NOT_A_TIME}(?:\\s+uhr)?${DE_PERIOD}`),
    extract: (context, m) => {
      const hour = deHour(m[3]!);
      if (hour < 1 || hour > 12) return null;
      const how = m[2]!.toLowerCase();
      const previous = hour === 1 ? 12 : hour - 1;
      const period = dePeriod(m[4]);
      if (how === 'halb') return clock(context, previous, 30, period);
      if (/^drei\s*viertel$/.test(how)) return clock(context, previous, 45, period);
      const minutes = /^viertel/.test(how) ? 15 : deHour(how.split(/\s+/)[0]!);
      if (minutes < 1 || minutes > 29) return null;
      return how.endsWith('nach') ? clock(context, hour, minutes, period) : clock(context, previous, 60 - minutes, period);
    },
  },
  { // 18 Uhr 30, um acht Uhr abends, um acht
    pattern: () => at(`${DE_BEFORE}${DE_HOUR}(?:\\s*(uhr)(?:\\s*(\\d{1,2}))?)?${DE_NOT_A_TIME}${DE_PERIOD}`),
    extract: (context, m) => {
      const hour = deHour(m[2]!);
      const digits = /^\d/.test(m[2]!);
      // A number alone is a time only as "um acht" (words; chrono reads "um 8" itself) or with a part of the day.
      if (m[3] === undefined && (m[1] === undefined ? m[5] === undefined : digits && m[5] === undefined)) return null;
      if (m[3] === undefined && m[1] !== undefined && !/^(?:um|gegen|so\s+um|so\s+gegen)$/i.test(m[1])) return null;
      return clock(context, hour, m[4] === undefined ? 0 : Number(m[4]), dePeriod(m[5]));
    },
  },
];

/** Parsers to run before chrono's own (they win a tie of equal spans) and after them, for the language. */
export function clockParsers(language: string): { readonly first: Parser[]; readonly last: Parser[] } {
  switch (language) {
    case 'fr': return { first: FRENCH_FIRST, last: FRENCH_LAST };
    case 'pt': return { first: PORTUGUESE_FIRST, last: PORTUGUESE_LAST };
    case 'de': return { first: GERMAN_FIRST, last: GERMAN_LAST };
    default: return { first: [], last: [] };
  }
}
