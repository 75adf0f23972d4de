import { builtInFieldType } from '../../../domain/built-in-field-types.js';
import { properCase } from '../free-answer.js';
import { lookUpCustomType } from '../recognise-values.js';
import type { CustomFieldType } from '../recognition-types.js';
import { ENGLISH_FUNCTION_WORDS } from '../../english-function-words.js';
import { isNumberWord } from '../number-lexicons.js';
import { hasMixedCase, isCapitalised, type Token } from '../text-tokens.js';
import type { Candidate, ContextScorer } from './context-scoring.js';

interface OpenSpanRule {
  readonly maxWords: number;
  readonly minScore: number;
  /** Capitalised letters-only words (in mixed-case text), value upper-cased like a name. */
  readonly names: boolean;
}

/** Types whose values are open-ended, so spans also come from learnt contexts; null for closed built-in types. */
export function openSpanRule(type: string, customTypes: ReadonlyMap<string, CustomFieldType>): OpenSpanRule | null {
  const builtIn = builtInFieldType(type);
  if (builtIn === 'Twilio.FIRST_NAME') return { maxWords: 1, minScore: 2, names: true };
  if (builtIn === 'Twilio.LAST_NAME') return { maxWords: 2, minScore: 2, names: true };
  if (builtIn === 'Twilio.CITY') return { maxWords: 3, minScore: 2, names: true };
  if (builtIn !== undefined) return null;
  // Autopilot generalised custom types beyond their listed values; we only do so on strong context.
  if (lookUpCustomType(type, customTypes) !== undefined) return { maxWords: 3, minScore: 3, names: false };
  return { maxWords: 6, minScore: 2, names: false };
}

export interface OpenSpanInput {
  readonly text: string;
  readonly words: readonly Token[];
  /** Sentence punctuation before word i (an open span does not cross it). */
  readonly broken: readonly boolean[];
  readonly mixedCase: boolean;
  /** Words of the task's samples: an open span does not start or end on one. */
  readonly vocabulary: ReadonlySet<string>;
  readonly scorer: ContextScorer;
}

/**
 * Function and number words are never a name's first or last word: `table for the weekend`,
 * `table for four`, `reserve a table in the city` name no one and no city (in all-lower-case
 * text, where capitals cannot tell).
 */
const neverAName = (norm: string): boolean => (ENGLISH_FUNCTION_WORDS.has(norm) && !ALSO_NAMES.has(norm)) || isNumberWord(norm, 'en');
/** Function words that are also common given names (`will smith`, `may parker`). */
const ALSO_NAMES: ReadonlySet<string> = new Set(['will', 'may', 'can']);

function openValue(span: readonly Token[], text: string, rule: OpenSpanRule, lastName: boolean): string {
  if (!rule.names) return text.slice(span[0]!.start, span[span.length - 1]!.end);
  const capitalsTell = hasMixedCase(text) || span.length === 1;
  if (lastName) return span.map((w, k) => (k === span.length - 1 ? properCase(w.text, capitalsTell) : w.text)).join(' ');
  return span.map((w) => properCase(w.text, capitalsTell)).join(' ');
}

/**
 * For each word after a learnt left context (the right side alone never vouches for a start), the best-scoring
 * span of up to `maxWords` words, if it reaches the rule's minimum score and overlaps no recognised value.
 */
export function openSpans(input: OpenSpanInput, field: number, type: string, rule: OpenSpanRule, candidates: readonly Candidate[]): Candidate[] {
  const { words, broken, vocabulary, scorer } = input;
  const found: Candidate[] = [];
  // Words covered by this field's recognised values, as running counts: an overlap test per span costs O(1).
  const covered = new Int32Array(words.length + 1);
  const known = new Set<string>();
  for (const c of candidates) {
    if (c.field !== field) continue;
    known.add(`${c.from}:${c.to}`);
    if (!c.recognised) continue;
    for (let w = c.from; w < c.to; w++) covered[w + 1] = 1;
  }
  for (let w = 0; w < words.length; w++) covered[w + 1]! += covered[w]!;
  const overlapsRecognised = (from: number, to: number): boolean => covered[to]! - covered[from]! > 0;
  for (let from = 0; from < words.length; from++) {
    if (vocabulary.has(words[from]!.norm) || scorer.left(field, from, candidates) === 0) continue;
    let best: { to: number; score: number } | null = null;
    for (let to = from + 1; to <= Math.min(words.length, from + rule.maxWords); to++) {
      const w = words[to - 1]!;
      if (to > from + 1 && broken[to - 1]) break;
      if (rule.names && (!/^\p{L}[\p{L}'’-]*$/u.test(w.text) || (input.mixedCase && !isCapitalised(w)))) break;
      if (vocabulary.has(w.norm) || overlapsRecognised(from, to)) continue;
      if (rule.names && (neverAName(words[from]!.norm) || neverAName(w.norm))) continue;
      const score = scorer.score({ field, from, to }, candidates);
      if (score >= rule.minScore && (best === null || score > best.score)) best = { to, score };
    }
    if (best === null || known.has(`${from}:${best.to}`)) continue;
    const span = words.slice(from, best.to);
    const base = scorer.side(field, 'left', from, []) + scorer.side(field, 'right', best.to, []);
    found.push({ field, from, to: best.to, value: openValue(span, input.text, rule, builtInFieldType(type) === 'Twilio.LAST_NAME'), recognised: false, base });
  }
  return found;
}
