import type { Parser, ParsingContext } from 'chrono-node';

// English clock times said in words, which chrono only reads as digits: "half past four", "quarter to five",
// "four thirty pm", "ten o'clock", "seven in the evening", "at four".
export const HOUR_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty'];
const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const HOUR = `(${HOUR_WORDS.join('|')}|1[0-2]|0?[1-9])`;
const MINUTE = `((?:oh|o)[\\s-]+(?:${UNITS.join('|')})|${TEENS.join('|')}|(?:${TENS.join('|')})(?:[\\s-]+(?:${UNITS.join('|')}))?)`;
const PAST_MINUTE = `(half|(?:a\\s+)?quarter|${UNITS.join('|')}|${TEENS.join('|')}|twenty(?:[\\s-]+(?:${UNITS.join('|')}))?|[1-5]?[0-9])`;
const MERIDIEM = `(?:\\s*(a\\.?m\\.?|p\\.?m\\.?|in\\s+the\\s+morning|in\\s+the\\s+afternoon|in\\s+the\\s+evening|at\\s+night|tonight))`;

const wordValue = (word: string): number => {
  const parts = word.toLowerCase().replace(/^(?:oh|o)[\s-]+/, '').split(/[\s-]+/);
  return parts.reduce((sum, p) => {
    if (/^\d+$/.test(p)) return sum + Number(p);
    if (p === 'half') return sum + 30;
    if (p === 'quarter' || p === 'a') return sum + (p === 'quarter' ? 15 : 0);
    const t = TENS.indexOf(p);
    if (t >= 0) return sum + 20 + t * 10;
    const teen = TEENS.indexOf(p);
    if (teen >= 0) return sum + 10 + teen;
    return sum + UNITS.indexOf(p) + 1;
  }, 0);
};

function clock(context: ParsingContext, hour: number, minute: number, meridiem: string | undefined) {
  if (hour < 1 || hour > 12 || minute > 59) return null;
  const components = context.createParsingComponents();
  const m = meridiem?.toLowerCase().replace(/[.\s]/g, '');
  if (m === undefined) {
    components.assign('hour', hour).assign('minute', minute);
  } else {
    const pm = !(m === 'am' || m === 'inthemorning');
    components.assign('hour', (hour % 12) + (pm ? 12 : 0)).assign('minute', minute).assign('meridiem', pm ? 1 : 0);
  }
  return components.addTag('parley/spokenTime');
}

const pattern = (source: string) => () => new RegExp(`\\b${source}\\b`, 'i');

export const SPOKEN_TIME_PARSERS: Parser[] = [
  { // half past four, quarter to five, twenty past six pm
    pattern: pattern(`${PAST_MINUTE}(?:\\s+minutes?)?\\s+(past|after|to|till|before)\\s+${HOUR}${MERIDIEM}?`),
    extract: (context, match) => {
      const minutes = wordValue(match[1]!);
      const hour = wordValue(match[3]!);
      const before = /^(to|till|before)$/i.test(match[2]!);
      return before ? clock(context, hour === 1 ? 12 : hour - 1, 60 - minutes, match[4]) : clock(context, hour, minutes, match[4]);
    },
  },
  { // four thirty pm, eleven oh five
    pattern: pattern(`${HOUR}[\\s-]+${MINUTE}${MERIDIEM}?`),
    extract: (context, match) => (/^\d/.test(match[1]!) ? null : clock(context, wordValue(match[1]!), wordValue(match[2]!), match[3])),
  },
  { // ten o'clock, seven in the evening, four pm
    pattern: pattern(`${HOUR}(?:\\s+o['’]?\\s?clock${MERIDIEM}?|${MERIDIEM})`),
    extract: (context, match) => clock(context, wordValue(match[1]!), 0, match[2] ?? match[3]),
  },
  { // at four
    pattern: pattern(`at\\s+(${HOUR_WORDS.join('|')})(?!\\s+(?:of|in|to|or|and|people|persons|guests)\\b)`),
    extract: (context, match) => clock(context, wordValue(match[1]!), 0, undefined),
  },
];
