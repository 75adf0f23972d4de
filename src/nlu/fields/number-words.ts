import type { Token } from './text-tokens.js';
import { primaryLanguage } from './text-tokens.js';
import { groupedDigitsAt, normaliseDigits, numberSeparators } from './number-separators.js';
import { lookupTable } from '../../util/lookup-table.js';

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
}

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

const indexed = (words: readonly string[], offset = 0, step = 1): Record<string, number> =>
  Object.fromEntries(words.map((w, i) => [w, offset + i * step]));

const EN: NumberLexicon = {
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
};

/** The number words for a language; English where we have none of its own. */
export function numberLexicon(language: string): NumberLexicon {
  return primaryLanguage(language) === 'es' ? ES : EN;
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

type Last = 'none' | 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

/** A cardinal number starting at `tokens[i]` (digits, words or both: "1.5 million", "one hundred and five"). */
export function parseNumberAt(tokens: readonly Token[], i: number, language: string): ParsedNumber | null {
  const lx = numberLexicon(language);
  const separators = numberSeparators(language);
  let j = i;
  let sign = '';
  const first = tokens[j];
  const second = tokens[j + 1];
  if (first !== undefined && second !== undefined
    && (lx.minus.has(first.norm) || (first.text === '-' && first.end === second.start && /^\d/.test(second.text)
      && (i === 0 || tokens[i - 1]!.end < first.start)))) {
    sign = '-';
    j++;
  }
  let total = 0;
  let current = '0';
  let last: Last = 'none';
  let end = -1;
  let decimals: string | null = null;
  const isWordNumber = (t: Token | undefined): boolean => t !== undefined &&
    (t.norm in lx.units || t.norm in lx.tens || t.norm in lx.hundreds || lx.hundred.has(t.norm) || t.norm in lx.scales);
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    const w = t.norm;
    const cur = Number(current);
    const grouped = last === 'none' ? groupedDigitsAt(tokens, j, separators) : null;
    const digits = last === 'none' ? normaliseDigits(grouped?.text ?? t.text, separators) : null;
    if (digits !== null) { current = digits; last = 'digits'; j = grouped?.last ?? j; }
    else if (w in lx.units) {
      const v = lx.units[w]!;
      if (last === 'digits' || last === 'unit' || last === 'teen' || (last === 'tens' && (v >= 10 || v === 0))) break;
      if (last === 'hundred' && cur % 100 !== 0) break;
      current = String(cur + v); last = v >= 10 ? 'teen' : 'unit';
    } else if (w in lx.tens) {
      if (last === 'digits' || last === 'unit' || last === 'teen' || last === 'tens' || (last === 'hundred' && cur % 100 !== 0)) break;
      current = String(cur + lx.tens[w]!); last = 'tens';
    } else if (w in lx.hundreds) {
      if (last !== 'none' && last !== 'scale') break;
      current = String(lx.hundreds[w]!); last = 'hundred';
    } else if (lx.hundred.has(w)) {
      if (last === 'hundred' || last === 'tens' || last === 'digits' && current.includes('.')) break;
      if (last === 'none' || last === 'scale') break; // "hundred" alone needs "a"/"one"
      current = String(cur * 100); last = 'hundred';
    } else if (w in lx.scales) {
      if (last === 'none' || last === 'scale') {
        if (!(last === 'none' && w === 'mil')) break; // Spanish "mil" alone is 1000
        current = '1';
      }
      total += Number(times(current, lx.scales[w]!)); current = '0'; last = 'scale';
    } else if (lx.article.has(w) && last === 'none' && (lx.hundred.has(tokens[j + 1]?.norm ?? '') || (tokens[j + 1]?.norm ?? '') in lx.scales)) {
      current = '1'; last = 'unit'; continue; // "a hundred": not an end position on its own
    } else if (lx.connectors.has(w) && (last === 'hundred' || last === 'scale' || last === 'tens') && isWordNumber(tokens[j + 1])) {
      continue;
    } else if (t.text === '-' && last === 'tens' && (tokens[j + 1]?.norm ?? '') in lx.units && t.start === tokens[j - 1]!.end) {
      continue;
    } else if (lx.point.has(w) && last !== 'none' && !current.includes('.') && (tokens[j + 1]?.norm ?? '') in lx.digits) {
      let k = j + 1;
      let frac = '';
      for (; k < tokens.length && (tokens[k]!.norm in lx.digits); k++) frac += String(lx.digits[tokens[k]!.norm]);
      decimals = frac;
      end = k;
      break;
    } else break;
    end = j + 1;
  }
  if (end < 0 || last === 'none') return null;
  // Digits alone stay as written (a 16-digit card or account number must not round); sums are plain digits, never 1e+21.
  const whole = total === 0 ? current : plainDigits(total + Number(current));
  const value = decimals === null ? whole : `${whole}.${decimals}`;
  return { value: sign + value, end };
}

export interface DigitSequence {
  readonly digits: string;
  readonly end: number;
  /** How many spoken or written pieces made it up (1 for a single digit string). */
  readonly pieces: number;
}

function spokenPiece(tokens: readonly Token[], j: number, lx: NumberLexicon): { digits: string; next: number } | null {
  const t = tokens[j];
  if (t === undefined) return null;
  if (/^\d+$/.test(t.text)) return { digits: t.text, next: j + 1 };
  if (t.norm in lx.repeat) {
    const inner = spokenPiece(tokens, j + 1, lx);
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
    const piece = spokenPiece(tokens, j, lx);
    if (piece === null) break;
    digits += piece.digits;
    pieces++;
    end = j = piece.next;
    const sep = tokens[j]?.text;
    if (sep === '-' || sep === '.' || sep === '/' || (allowComma && sep === ',')) j++;
  }
  return pieces === 0 ? null : { digits, end, pieces };
}
