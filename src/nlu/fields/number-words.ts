import type { Token } from './text-tokens.js';
import { numberLexicon, type Last, type NumberLexicon } from './number-lexicons.js';
import { groupedDigitsAt, normaliseDigits, numberSeparators } from './number-separators.js';


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
