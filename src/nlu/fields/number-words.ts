import type { Token } from './text-tokens.js';
import { primaryLanguage } from './text-tokens.js';
import { groupedDigitsAt, normaliseDigits, numberSeparators } from './number-separators.js';
import { lookupTable } from '../../util/lookup-table.js';

/** What the number read so far ends with. */
type Last = 'none' | 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

/** Number words of one language, folded (lower case, no accents). */
interface NumberLexicon {
  /** Words with a value below the tens, which cannot follow one another (0-19; Spanish also 21-29). */
  readonly units: Readonly<Record<string, number>>;
  readonly tens: Readonly<Record<string, number>>;
  /** Words that multiply what precedes them by 100 (`hundred`); Spanish uses additive words instead. */
  readonly hundred: ReadonlySet<string>;
  readonly hundreds: Readonly<Record<string, number>>;
  readonly scales: Readonly<Record<string, number>>;
  /** `and` in "one hundred and five", `y` in "treinta y dos". */
  readonly connectors: ReadonlySet<string>;
  /**
   * Indefinite articles: `a hundred`; in Spanish also units (`un`, `una` are 1), which a sentence uses
   * as articles far more often (`quiero una mesa`), so alone inside one they are no number.
   */
  readonly article: ReadonlySet<string>;
  readonly point: ReadonlySet<string>;
  readonly minus: ReadonlySet<string>;
  /** Digits as said one at a time ("oh" for zero in English). */
  readonly digits: Readonly<Record<string, number>>;
  readonly repeat: Readonly<Record<string, number>>;
  /** A `hundred` word alone is 100 (fr `cent`, de `hundert`, it `cento`); English needs "a" or "one" before it. */
  readonly hundredAlone: boolean;
  /** `hundred` words only after a spelled-out number (fr "deux cents"; "50 cents" is money, "cents" alone no number). */
  readonly spelledHundred: ReadonlySet<string>;
  /** Scale words that alone are one of it (es `mil`, fr `mille`, de `tausend`; not English "thousand", it `mila`). */
  readonly scaleAlone: ReadonlySet<string>;
  /** What a connector may follow (`hundred and five`, `treinta y dos`, `vingt et un`). */
  readonly connectorAfter: ReadonlySet<Last>;
  /** Only these words may follow a connector (fr `et` in "vingt et un", "soixante et onze"); null: any number word. */
  readonly connectorBefore: ReadonlySet<string> | null;
  /**
   * German says the unit first, joined by the connector inside one word ("zweiundzwanzig"), and never a unit
   * after the tens ("zwanzig drei" is two numbers).
   */
  readonly unitFirst: boolean;
  /** Tens followed by 10-19 (French 60 and 80: "soixante-dix" 70, "quatre-vingt-onze" 91). */
  readonly teensAfterTens: ReadonlySet<number>;
  /** 7-9 after a bare ten (French "dix-sept" 17, "soixante-dix-neuf" 79). */
  readonly tenThenUnit: boolean;
  /** Words that make 80 after "quatre" (French "quatre-vingts"). */
  readonly twentyTimesFour: ReadonlySet<string>;
  /** A hyphen between two words is only glue (French "deux-cent-trois", "vingt-et-un"). */
  readonly hyphenGlue: boolean;
  /**
   * Number words written as one word ("dreihundertfünfzig", "duecentocinquanta") split into these parts
   * (a part -> the word it stands for: Italian elides "vent'" in "ventotto"); null where numbers are spaced.
   */
  readonly compoundParts: Readonly<Record<string, string>> | null;
  /**
   * A `hundred` multiplies only what is below 100 and scales come largest first, else the number ends before the
   * connector ("cento e duecento", "mil e dois mil" are two numbers). English and Spanish read as they always did.
   */
  readonly checkOrder: boolean;
  /** Words before a minus word that make it no sign (fr "au moins deux" is "at least two"). */
  readonly minusNotAfter: ReadonlySet<string>;
  /** Digit sequences read two-digit words ("zéro six, trente-quatre", "zweiundzwanzig") as the pair they name. */
  readonly spokenPairs: boolean;
}

/** What English and Spanish do; the newer lexicons set their own. */
const PLAIN = {
  hundredAlone: false,
  spelledHundred: new Set<string>(),
  scaleAlone: new Set<string>(),
  connectorAfter: new Set<Last>(['hundred', 'scale', 'tens']),
  connectorBefore: null,
  unitFirst: false,
  teensAfterTens: new Set<number>(),
  tenThenUnit: false,
  twentyTimesFour: new Set<string>(),
  hyphenGlue: false,
  compoundParts: null,
  checkOrder: false,
  minusNotAfter: new Set<string>(),
  spokenPairs: false,
} as const;

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ES_UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce',
  'trece', 'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno', 'veintidos',
  'veintitres', 'veinticuatro', 'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos',
  'ochocientos', 'novecientos'];
// Feminine forms, as said before a feminine noun ("doscientas personas", "veintiuna noches").
const ES_HUNDREDS_FEMININE = ES_HUNDREDS.slice(1).map((w) => w.replace(/os$/, 'as'));
// French 17-19 are "dix-sept", "dix-huit", "dix-neuf" (tenThenUnit); 70-99 are 60 + 10-19 and 4 x 20 + 0-19.
const FR_UNITS = ['zero', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze',
  'treize', 'quatorze', 'quinze', 'seize'];
const FR_TENS = ['vingt', 'trente', 'quarante', 'cinquante', 'soixante'];
const DE_UNITS = ['null', 'eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf',
  'dreizehn', 'vierzehn', 'funfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const DE_TENS = ['zwanzig', 'dreißig', 'vierzig', 'funfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
const PT_UNITS = ['zero', 'um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze',
  'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const PT_TENS = ['vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const PT_HUNDREDS = ['cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos',
  'oitocentos', 'novecentos'];
const PT_HUNDREDS_FEMININE = PT_HUNDREDS.slice(1).map((w) => w.replace(/os$/, 'as'));
const IT_UNITS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici',
  'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
const IT_TENS = ['venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];

const indexed = (words: readonly string[], offset = 0, step = 1): Record<string, number> =>
  Object.fromEntries(words.map((w, i) => [w, offset + i * step]));

/** Every number word of a lexicon as a part of compounds, with the `elided` forms only compounds use. */
function partsOf(lx: Omit<NumberLexicon, 'compoundParts'>, elided: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const words = [...Object.keys(lx.units), ...Object.keys(lx.tens), ...lx.hundred, ...Object.keys(lx.scales), ...lx.connectors];
  return lookupTable({ ...Object.fromEntries(words.map((w) => [w, w])), ...elided });
}

const EN: NumberLexicon = {
  ...PLAIN,
  units: lookupTable(indexed(EN_UNITS)),
  tens: lookupTable(indexed(EN_TENS, 20, 10)),
  hundred: new Set(['hundred']),
  hundreds: lookupTable({}),
  scales: lookupTable({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 }),
  connectors: new Set(['and']),
  article: new Set(['a', 'an']),
  point: new Set(['point']),
  minus: new Set(['minus', 'negative']),
  digits: lookupTable({ ...indexed(EN_UNITS.slice(0, 10)), oh: 0, o: 0 }),
  repeat: lookupTable({ double: 2, triple: 3 }),
};

const ES: NumberLexicon = {
  ...PLAIN,
  units: lookupTable({ ...indexed(ES_UNITS), un: 1, una: 1, veintiun: 21, veintiuna: 21 }),
  tens: lookupTable(indexed(ES_TENS, 30, 10)),
  hundred: new Set(),
  hundreds: lookupTable({ ...indexed(ES_HUNDREDS, 100, 100), ...indexed(ES_HUNDREDS_FEMININE, 200, 100), cien: 100 }),
  scales: lookupTable({ mil: 1e3, millon: 1e6, millones: 1e6 }),
  connectors: new Set(['y']),
  article: new Set(['un', 'una']),
  point: new Set(['coma', 'punto']),
  minus: new Set(['menos']),
  digits: lookupTable({ ...indexed(ES_UNITS.slice(0, 10)), un: 1, una: 1 }),
  repeat: lookupTable({ doble: 2, triple: 3 }),
  scaleAlone: new Set(['mil']),
};

const FR: NumberLexicon = {
  ...PLAIN,
  units: lookupTable({ ...indexed(FR_UNITS), une: 1 }),
  // Belgian and Swiss 70, 80, 90.
  tens: lookupTable({ ...indexed(FR_TENS, 20, 10), septante: 70, huitante: 80, octante: 80, nonante: 90 }),
  hundred: new Set(['cent', 'cents']),
  hundreds: lookupTable({}),
  scales: lookupTable({ mille: 1e3, mil: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9 }),
  connectors: new Set(['et']),
  article: new Set(['un', 'une']),
  point: new Set(['virgule']),
  minus: new Set(['moins']),
  digits: lookupTable({ ...indexed(FR_UNITS.slice(0, 10)), une: 1 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  spelledHundred: new Set(['cents']),
  scaleAlone: new Set(['mille', 'mil']),
  connectorAfter: new Set<Last>(['tens']),
  connectorBefore: new Set(['un', 'une', 'onze']),
  teensAfterTens: new Set([60, 80]),
  tenThenUnit: true,
  twentyTimesFour: new Set(['vingt', 'vingts']),
  hyphenGlue: true,
  checkOrder: true,
  // "au moins deux", "pas moins de": "at least".
  minusNotAfter: new Set(['au', 'du', 'pas']),
  spokenPairs: true,
};

const DE_BASE: Omit<NumberLexicon, 'compoundParts'> = {
  ...PLAIN,
  // "ein" and its declined forms are the article and, in numbers, 1 ("einhundert", "einundzwanzig"); "eins" only 1.
  units: lookupTable({ ...indexed(DE_UNITS), ein: 1, eine: 1, einen: 1, einem: 1, einer: 1, zwo: 2 }),
  tens: lookupTable({ ...indexed(DE_TENS, 20, 10), dreissig: 30 }),
  hundred: new Set(['hundert']),
  hundreds: lookupTable({}),
  scales: lookupTable({ tausend: 1e3, million: 1e6, millionen: 1e6, milliarde: 1e9, milliarden: 1e9 }),
  connectors: new Set(['und']),
  article: new Set(['ein', 'eine', 'einen', 'einem', 'einer']),
  point: new Set(['komma', 'punkt']),
  minus: new Set(['minus']),
  digits: lookupTable({ ...indexed(DE_UNITS.slice(0, 10)), ein: 1, zwo: 2 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  scaleAlone: new Set(['tausend']),
  connectorAfter: new Set<Last>(['hundred', 'scale', 'unit']),
  unitFirst: true,
  checkOrder: true,
  spokenPairs: true,
};
const DE: NumberLexicon = { ...DE_BASE, compoundParts: partsOf(DE_BASE) };

const PT: NumberLexicon = {
  ...PLAIN,
  // Portugal's 16, 17, 19 and the feminine "duas".
  units: lookupTable({ ...indexed(PT_UNITS), uma: 1, duas: 2, quatorze: 14, dezasseis: 16, dezassete: 17, dezanove: 19 }),
  tens: lookupTable(indexed(PT_TENS, 20, 10)),
  hundred: new Set(),
  hundreds: lookupTable({ ...indexed(PT_HUNDREDS, 100, 100), ...indexed(PT_HUNDREDS_FEMININE, 200, 100), cem: 100 }),
  scales: lookupTable({ mil: 1e3, milhao: 1e6, milhoes: 1e6, bilhao: 1e9, bilhoes: 1e9 }),
  connectors: new Set(['e']),
  article: new Set(['um', 'uma']),
  point: new Set(['virgula', 'ponto']),
  minus: new Set(['menos']),
  digits: lookupTable({ ...indexed(PT_UNITS.slice(0, 10)), uma: 1, duas: 2 }),
  repeat: lookupTable({}),
  scaleAlone: new Set(['mil']),
  checkOrder: true,
  // "pelo menos dois", "ao menos", "mais ou menos dois": "at least", "more or less".
  minusNotAfter: new Set(['pelo', 'ao', 'ou', 'por']),
  spokenPairs: true,
};

const IT_BASE: Omit<NumberLexicon, 'compoundParts'> = {
  ...PLAIN,
  units: lookupTable({ ...indexed(IT_UNITS), un: 1, una: 1 }),
  tens: lookupTable(indexed(IT_TENS, 20, 10)),
  hundred: new Set(['cento']),
  hundreds: lookupTable({}),
  scales: lookupTable({ mille: 1e3, mila: 1e3, milione: 1e6, milioni: 1e6, miliardo: 1e9, miliardi: 1e9 }),
  connectors: new Set(['e']),
  article: new Set(['un', 'una', 'uno']),
  point: new Set(['virgola']),
  minus: new Set(['meno']),
  digits: lookupTable({ ...indexed(IT_UNITS.slice(0, 10)), un: 1, una: 1 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  scaleAlone: new Set(['mille']),
  connectorAfter: new Set<Last>(['hundred', 'scale']),
  checkOrder: true,
  // "più o meno due": "more or less".
  minusNotAfter: new Set(['o']),
  spokenPairs: true,
};
// Tens and "cento" lose their vowel before "uno" and "otto" ("ventuno", "trentotto", "centottanta").
const IT: NumberLexicon = {
  ...IT_BASE,
  compoundParts: partsOf({ ...IT_BASE, connectors: new Set() },
    { ...Object.fromEntries(IT_TENS.map((w) => [w.slice(0, -1), w])), cent: 'cento' }),
};

const LEXICONS: Readonly<Record<string, NumberLexicon>> = lookupTable({ en: EN, es: ES, fr: FR, de: DE, pt: PT, it: IT });

/** The number words for a language; English where we have none of its own. */
export function numberLexicon(language: string): NumberLexicon {
  return LEXICONS[primaryLanguage(language)] ?? EN;
}

/** A word that names a number in the language (`four`, `twenty`, `hundred`; lower-case). */
export function isNumberWord(word: string, language: string): boolean {
  const lexicon = numberLexicon(language);
  return word in lexicon.units || word in lexicon.tens || word in lexicon.hundreds || word in lexicon.scales || lexicon.hundred.has(word);
}

/**
 * A number read from `tokens[start]` to `tokens[end - 1]` that is only an article (`una` in "quiero
 * una mesa"): a whole answer "una" is 1, a sentence's is not, as English "a" is not.
 */
export function isLoneArticle(tokens: readonly Token[], start: number, end: number, language: string): boolean {
  return end === start + 1 && numberLexicon(language).article.has(tokens[start]!.norm);
}

/** A number in plain decimal digits, however large (String() would write 1e+21). */
function plainDigits(n: number): string {
  return Number.isFinite(n) && Math.abs(n) >= 1e21 ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(n);
}

function times(value: string, factor: number): string {
  const product = Number(value) * factor;
  return Number.isSafeInteger(product) ? String(product) : String(Number(product.toPrecision(15)));
}

export interface ParsedNumber {
  readonly value: string;
  /** Index after the last token used. */
  readonly end: number;
}

/** Longer words are never split (a hostile 2 KB word costs nothing); the longest number words are 10 letters. */
const MAX_COMPOUND = 80;
const MAX_PART = 12;

/**
 * The number words a compound is made of ("dreihundertfünfzig" -> drei, hundert, funfzig; "ventotto" -> venti,
 * otto), fewest parts first; null unless it is two or more. Linear: each reachable position tries MAX_PART lengths.
 */
function compoundPartsOf(word: string, lx: NumberLexicon): string[] | null {
  const parts = lx.compoundParts;
  if (parts === null || word.length < 4 || word.length > MAX_COMPOUND || word in parts) return null;
  const fewest: number[] = [0];
  const from: number[] = [];
  for (let p = 0; p < word.length; p++) {
    const here = fewest[p];
    if (here === undefined) continue;
    for (let q = p + 2; q <= Math.min(word.length, p + MAX_PART); q++) {
      if (!(word.slice(p, q) in parts)) continue;
      if (fewest[q] === undefined || here + 1 < fewest[q]!) { fewest[q] = here + 1; from[q] = p; }
    }
  }
  if (fewest[word.length] === undefined || fewest[word.length]! < 2) return null;
  const split: string[] = [];
  for (let q = word.length; q > 0; q = from[q]!) split.push(parts[word.slice(from[q]!, q)]!);
  return split.reverse();
}

/** A word of the number being read: a whole token, or one part of a compound token. */
interface Item {
  readonly norm: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The token it is (part of). */
  readonly token: number;
  /** The token's last part: a number may end after it. */
  readonly last: boolean;
  /** The token itself, not one of its parts. */
  readonly whole: boolean;
}

/** The words from `tokens[from]` on, compounds split and (French) hyphens between words dropped, read as needed. */
class ItemReader {
  private readonly items: Item[] = [];
  private next: number;

  constructor(private readonly tokens: readonly Token[], private readonly from: number, private readonly lx: NumberLexicon) {
    this.next = from;
  }

  at(k: number): Item | undefined {
    const { items, tokens, lx } = this;
    while (items.length <= k && this.next < tokens.length) {
      const index = this.next++;
      const t = tokens[index]!;
      if (lx.hyphenGlue && t.text === '-' && index > this.from && /\p{L}/u.test(tokens[index - 1]!.text)
        && tokens[index - 1]!.end === t.start && tokens[index + 1] !== undefined && tokens[index + 1]!.start === t.end
        && /^\p{L}/u.test(tokens[index + 1]!.text)) continue;
      const parts = t.isWord ? compoundPartsOf(t.norm, lx) : null;
      if (parts === null) items.push({ norm: t.norm, text: t.text, start: t.start, end: t.end, token: index, last: true, whole: true });
      else parts.forEach((p, n) => items.push({ norm: p, text: p, start: t.start, end: t.end, token: index, last: n === parts.length - 1, whole: false }));
    }
    return items[k];
  }

  /** Item `k`, digits grouped up to token `last`, read as one item (`1 200` in French). */
  joinTokens(k: number, last: number): Item {
    const joined = { ...this.items[k]!, end: this.tokens[last]!.end, token: last };
    this.items.length = k;
    this.items.push(joined);
    this.next = last + 1;
    return joined;
  }
}

/** The state of a number read so far, kept each time a token ends so a failed continuation can go back. */
interface Reading {
  readonly total: number;
  readonly current: string;
  readonly last: Last;
  readonly end: number;
  readonly decimals: string | null;
}

/** A cardinal number starting at `tokens[i]` (digits, words or both: "1.5 million", "one hundred and five"). */
export function parseNumberAt(tokens: readonly Token[], i: number, language: string): ParsedNumber | null {
  const lx = numberLexicon(language);
  const separators = numberSeparators(language);
  let j = i;
  let sign = '';
  const first = tokens[j];
  const second = tokens[j + 1];
  if (first !== undefined && second !== undefined
    && ((lx.minus.has(first.norm) && (i === 0 || !lx.minusNotAfter.has(tokens[i - 1]!.norm)))
      || (first.text === '-' && first.end === second.start && /^\d/.test(second.text)
      && (i === 0 || tokens[i - 1]!.end < first.start)))) {
    sign = '-';
    j++;
  }
  const reader = new ItemReader(tokens, j, lx);
  let total = 0;
  let current = '0';
  let last: Last = 'none';
  let decimals: string | null = null;
  let kept: Reading | null = null;
  /** The reading before the last connector, while no scale has followed it (checkOrder). */
  let beforeConnector: Reading | null = null;
  let afterConnector = false;
  /** The value of the unit word just read (French "dix" before "sept"). */
  let unitWord = -1;
  let lastScale = Infinity;
  for (let k = 0; ; k++) {
    let t = reader.at(k);
    if (t === undefined) break;
    const w = t.norm;
    const cur = Number(current);
    const connected = afterConnector;
    afterConnector = false;
    const previousUnit = unitWord;
    unitWord = -1;
    const grouped = last === 'none' && t.whole ? groupedDigitsAt(tokens, t.token, separators) : null;
    const digits = last === 'none' && t.whole ? normaliseDigits(grouped?.text ?? t.text, separators) : null;
    if (digits !== null) {
      current = digits; last = 'digits';
      if (grouped !== null) t = reader.joinTokens(k, grouped.last);
    } else if (lx.twentyTimesFour.has(w) && last === 'unit' && cur % 100 === 4) {
      current = String(cur + 76); last = 'tens'; // "quatre-vingts"
    } else if (w in lx.units) {
      const v = lx.units[w]!;
      if (last === 'digits' || last === 'unit') break;
      const afterTen: boolean = last === 'teen' && lx.tenThenUnit && previousUnit === 10 && v >= 7 && v <= 9;
      if (last === 'teen' && !afterTen) break;
      if (last === 'tens' && (lx.unitFirst || v === 0 || (v >= 10 && !(v < 20 && lx.teensAfterTens.has(cur % 100))))) break;
      if (last === 'hundred' && cur % 100 !== 0) break;
      current = String(cur + v); last = v >= 10 || afterTen ? 'teen' : 'unit'; unitWord = v;
    } else if (w in lx.tens) {
      if (lx.unitFirst && last === 'unit' && connected) {
        current = String(cur + lx.tens[w]!); last = 'teen'; // "zweiundzwanzig": nothing small follows
      } else {
        if (last === 'digits' || last === 'unit' || last === 'teen' || last === 'tens' || (last === 'hundred' && cur % 100 !== 0)) break;
        current = String(cur + lx.tens[w]!); last = 'tens';
      }
    } else if (w in lx.hundreds) {
      if (last !== 'none' && last !== 'scale') break;
      current = String(lx.hundreds[w]!); last = 'hundred';
    } else if (lx.hundred.has(w)) {
      if (last === 'hundred' || last === 'tens' || last === 'digits' && current.includes('.')) break;
      if (lx.spelledHundred.has(w) && (last === 'none' || last === 'scale' || last === 'digits')) break; // "50 cents"
      if (last === 'none' || last === 'scale') {
        if (!lx.hundredAlone) break; // "hundred" alone needs "a"/"one"
        current = '100';
      } else {
        if (lx.checkOrder && cur >= 100) { kept = beforeConnector ?? kept; break; }
        current = String(cur * 100);
      }
      last = 'hundred';
    } else if (w in lx.scales) {
      const scale = lx.scales[w]!;
      if (last === 'none' || last === 'scale') {
        if (!(last === 'none' && lx.scaleAlone.has(w))) break; // Spanish "mil" alone is 1000
        current = '1';
      }
      if (lx.checkOrder && scale >= lastScale) { kept = beforeConnector ?? kept; break; }
      total += Number(times(current, scale)); current = '0'; last = 'scale';
      if (lx.checkOrder) { lastScale = scale; beforeConnector = null; }
    } else if (lx.article.has(w) && last === 'none' && (lx.hundred.has(reader.at(k + 1)?.norm ?? '') || (reader.at(k + 1)?.norm ?? '') in lx.scales)) {
      current = '1'; last = 'unit'; continue; // "a hundred": not an end position on its own
    } else if (lx.connectors.has(w) && lx.connectorAfter.has(last) && isWordNumber(reader.at(k + 1), lx)
      && (lx.connectorBefore === null || lx.connectorBefore.has(reader.at(k + 1)!.norm))
      && (last !== 'unit' || (lx.unitFirst && reader.at(k + 1)!.norm in lx.tens && !t.whole && reader.at(k + 1)!.token === t.token))) {
      if (lx.checkOrder) beforeConnector ??= kept;
      afterConnector = true;
      continue;
    } else if (t.text === '-' && last === 'tens' && (reader.at(k + 1)?.norm ?? '') in lx.units && t.start === reader.at(k - 1)!.end) {
      continue;
    } else if (lx.point.has(w) && last !== 'none' && !current.includes('.') && t.whole && isDigitWord(reader.at(k + 1), lx)) {
      let m = k + 1;
      let frac = '';
      for (; isDigitWord(reader.at(m), lx); m++) frac += String(lx.digits[reader.at(m)!.norm]);
      decimals = frac;
      kept = { total, current, last, end: reader.at(m - 1)!.token + 1, decimals };
      break;
    } else break;
    if (t.last) kept = { total, current, last, end: t.token + 1, decimals };
  }
  if (kept === null || kept.last === 'none') return null;
  // Digits alone stay as written (a 16-digit card or account number must not round); sums are plain digits, never 1e+21.
  const whole = kept.total === 0 ? kept.current : plainDigits(kept.total + Number(kept.current));
  const value = kept.decimals === null ? whole : `${whole}.${kept.decimals}`;
  return { value: sign + value, end: kept.end };
}

const isWordNumber = (t: Item | undefined, lx: NumberLexicon): boolean => t !== undefined &&
  (t.norm in lx.units || t.norm in lx.tens || t.norm in lx.hundreds || lx.hundred.has(t.norm) || t.norm in lx.scales);
const isDigitWord = (t: Item | undefined, lx: NumberLexicon): boolean => t !== undefined && t.whole && t.norm in lx.digits;

export interface DigitSequence {
  readonly digits: string;
  readonly end: number;
  /** How many spoken or written pieces made it up (1 for a single digit string). */
  readonly pieces: number;
}

function spokenPiece(tokens: readonly Token[], j: number, lx: NumberLexicon, language: string): { digits: string; next: number } | null {
  const t = tokens[j];
  if (t === undefined) return null;
  if (/^\d+$/.test(t.text)) return { digits: t.text, next: j + 1 };
  // "trente-quatre", "quatre-vingt-dix-neuf", "zweiundzwanzig", "ventitré": the pair of digits they name. A digit
  // word is one digit ("un deux trois") unless "vingt" follows ("quatre-vingts").
  const following = tokens[j + 1]?.text === '-' ? tokens[j + 2] : tokens[j + 1];
  if (lx.spokenPairs && t.isWord && (!(t.norm in lx.digits) || lx.twentyTimesFour.has(following?.norm ?? ''))) {
    const pair = parseNumberAt(tokens, j, language);
    if (pair !== null && /^[1-9]\d$/.test(pair.value)) return { digits: pair.value, next: pair.end };
  }
  if (t.norm in lx.repeat) {
    const inner = spokenPiece(tokens, j + 1, lx, language);
    return inner !== null && inner.digits.length === 1 ? { digits: inner.digits.repeat(lx.repeat[t.norm]!), next: inner.next } : null;
  }
  if (t.norm in lx.digits) {
    const d = String(lx.digits[t.norm]);
    const after = tokens[j + 1]?.norm ?? '';
    if (lx.hundred.has(after)) return { digits: `${d}00`, next: j + 2 }; // "one eight hundred"
    if (after === 'thousand') return { digits: `${d}000`, next: j + 2 };
    return { digits: d, next: j + 1 };
  }
  if (t.norm in lx.tens) {
    const unit = lx.units[tokens[j + 1]?.norm ?? ''];
    const tens = lx.tens[t.norm]!;
    return unit !== undefined && unit > 0 && unit < 10 ? { digits: String(tens + unit), next: j + 2 } : { digits: String(tens), next: j + 1 };
  }
  const teen = lx.units[t.norm];
  if (teen !== undefined && teen >= 10 && teen < 20) return { digits: String(teen), next: j + 1 };
  return null;
}

/**
 * Digits said or typed one group at a time ("four one five", "oh", "double five", "415-555"), joined into one
 * digit string. Separators (`-`, `.`, and `,` when allowed) may sit between pieces.
 */
export function parseDigitSequenceAt(
  tokens: readonly Token[], i: number, language: string, allowComma: boolean, maxDigits = Infinity,
): DigitSequence | null {
  const lx = numberLexicon(language);
  let digits = '';
  let pieces = 0;
  let j = i;
  let end = i;
  // `maxDigits`: a caller that refuses longer runs stops reading there (its scans from every token stay linear).
  while (j < tokens.length && digits.length <= maxDigits) {
    const piece = spokenPiece(tokens, j, lx, language);
    if (piece === null) break;
    digits += piece.digits;
    pieces++;
    end = j = piece.next;
    const sep = tokens[j]?.text;
    if (sep === '-' || sep === '.' || sep === '/' || (allowComma && sep === ',')) j++;
  }
  return pieces === 0 ? null : { digits, end, pieces };
}
