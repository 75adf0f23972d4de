import { parseDateTimes } from '../built-in/chrono-parsing.js';
import { listedCityMentions } from '../built-in/city-recogniser.js';
import { recogniseCountry } from '../built-in/country-recognisers.js';
import { recogniseNumber } from '../built-in/number-recognisers.js';
import { recogniseUsState } from '../built-in/us-state-recogniser.js';
import type { RecogniseContext } from '../recognition-types.js';
import { foldText, type Token } from '../text-tokens.js';

// Unlike field tokens, possessive 's and other apostrophe parts are tokens of their own ("Kasey Chambers's").
const TAGGER_TOKEN = /\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+|\S/gu;

export function taggerTokens(text: string): Token[] {
  return [...text.matchAll(TAGGER_TOKEN)].map((m) => ({
    text: m[0], norm: foldText(m[0]), start: m.index, end: m.index + m[0].length, isWord: /^[\p{L}\p{M}\p{N}]/u.test(m[0]),
  }));
}

/** Folded token sequences of training values, by first token, for gazetteer features. */
export type ValueIndex = ReadonlyMap<string, ReadonlyArray<{ readonly slot: string; readonly words: readonly string[]; readonly count: number }>>;

export function buildValueIndex(entries: ReadonlyArray<readonly [string, string, number]>): ValueIndex {
  const index = new Map<string, Array<{ slot: string; words: string[]; count: number }>>();
  for (const [slot, value, count] of entries) {
    const words = taggerTokens(value).map((t) => t.norm);
    const first = words[0];
    if (first === undefined) continue;
    let list = index.get(first);
    if (list === undefined) index.set(first, list = []);
    list.push({ slot, words, count });
  }
  return index;
}

const ENTITY_CTX: RecogniseContext = { referenceTime: new Date(Date.UTC(2020, 0, 1)), timeZone: 'UTC', language: 'en-US' };

function shape(text: string): string {
  return text.replace(/\p{Lu}/gu, 'X').replace(/\p{Ll}/gu, 'x').replace(/\d/g, 'd').replace(/(.)\1+/g, '$1');
}

function markSpans(tokens: readonly Token[], spans: ReadonlyArray<{ readonly start: number; readonly end: number }>, name: string, out: string[][]): void {
  for (const s of spans) {
    let first = true;
    tokens.forEach((t, i) => {
      if (t.start >= s.start && t.end <= s.end) { out[i]!.push(`e=${name}:${first ? 'B' : 'I'}`); first = false; }
    });
  }
}

/**
 * Features of every token: the words around it, affixes, shape, built-in entity spans (dates, times, numbers,
 * places) and training-value gazetteer spans. `exclude` holds `slot\u0000value` pairs of the sentence itself
 * (leave-one-out while training, so the gazetteer is not trusted more than it deserves).
 */
export function tokenFeatures(text: string, tokens: readonly Token[], values: ValueIndex, exclude: ReadonlySet<string>): string[][] {
  const w = (i: number): string => (i < 0 ? '<s>' : i >= tokens.length ? '</s>' : tokens[i]!.norm);
  const out = tokens.map((t, i) => {
    const f = ['b', `w=${t.norm}`, `w-1=${w(i - 1)}`, `w+1=${w(i + 1)}`, `w-2=${w(i - 2)}`, `w+2=${w(i + 2)}`,
      `w-1w=${w(i - 1)}|${t.norm}`, `ww+1=${t.norm}|${w(i + 1)}`, `w-1w+1=${w(i - 1)}|${w(i + 1)}`,
      `w-2w-1=${w(i - 2)}|${w(i - 1)}`, `w+1w+2=${w(i + 1)}|${w(i + 2)}`,
      `sh=${shape(t.text)}`, `s3=${t.norm.slice(-3)}`, `p3=${t.norm.slice(0, 3)}`, `s2=${t.norm.slice(-2)}`,
      `first=${w(0)}`, `first2=${w(0)}|${w(1)}`];
    if (i === 0) f.push('bos');
    if (i === tokens.length - 1) f.push('eos');
    return f;
  });
  for (const m of parseDateTimes(text, ENTITY_CTX)) {
    markSpans(tokens, [m], m.date !== null && m.time !== null ? 'DATETIME' : m.date !== null ? 'DATE' : m.time !== null ? 'TIME' : 'DATEISH', out);
  }
  markSpans(tokens, recogniseNumber(text, ENTITY_CTX, 'find'), 'NUMBER', out);
  markSpans(tokens, listedCityMentions(text), 'CITY', out);
  markSpans(tokens, recogniseCountry(text, ENTITY_CTX, 'find'), 'COUNTRY', out);
  markSpans(tokens, recogniseUsState(text, ENTITY_CTX, 'find'), 'STATE', out);
  for (let i = 0; i < tokens.length; i++) {
    for (const v of values.get(tokens[i]!.norm) ?? []) {
      const n = v.words.length;
      if (i + n > tokens.length || !v.words.every((word, k) => tokens[i + k]!.norm === word)) continue;
      if (v.count - (exclude.has(`${v.slot}\u0000${v.words.join(' ')}`) ? 1 : 0) < 1) continue;
      for (let k = 0; k < n; k++) out[i + k]!.push(`g=${v.slot}:${k === 0 ? 'B' : 'I'}`, `gl=${n > 3 ? 4 : n}`);
    }
  }
  return out;
}
