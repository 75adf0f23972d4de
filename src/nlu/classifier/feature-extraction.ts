import type { Token } from './text-tokens.js';

/**
 * Feature groups. Each group is TF-IDF weighted and L2-normalised on its own, then scaled by its
 * weight, so that the many character n-grams do not drown the few word features.
 */
export const GROUPS = ['word', 'stem', 'bigram', 'char'] as const;
export type FeatureGroup = (typeof GROUPS)[number];
const PREFIX: Readonly<Record<FeatureGroup, string>> = { word: 'w', stem: 's', bigram: 'b', char: 'c' };
export const groupOfPrefix = (feature: string): number => 'wsbc'.indexOf(feature[0] ?? '');

export interface FeatureOptions {
  /** Character n-gram lengths, taken inside word boundaries (each word padded with one space). */
  readonly charMin: number;
  readonly charMax: number;
  /** Stem bigrams, with sentence-boundary markers so that first and last words count too. */
  readonly bigrams: boolean;
  readonly weights: Readonly<Record<FeatureGroup, number>>;
  /**
   * Entity classes (seventh round): a token recognised as a number, time, date, duration, amount of money,
   * percentage, email or URL (`entity-classes.ts`) also yields its class (`#num`, `#time`, ...) as an extra word
   * and stem, so `7 pm` and `07:30` share `#time`. Absent or false (models stored before) = no class features.
   */
  readonly entities?: boolean;
  /**
   * Query time only: features not in the vocabulary count in the query's norm with this weight (and the
   * largest IDF), and every score is scaled by the known share of that norm, so a request made of words no
   * sample had gets low scores (and a low probability) without changing the ranking. 0 or absent (models
   * stored before the fifth round) = unknown features are simply dropped.
   */
  readonly unknownWeight?: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  charMin: 2,
  charMax: 5,
  bigrams: true,
  weights: { word: 0.5, stem: 1, bigram: 1, char: 1 },
  entities: true,
  unknownWeight: 1,
};

/** Character n-grams of ` word ` from `min` to `max` (the whole padded word if it is shorter). */
function pushCharGrams(out: string[], word: string, min: number, max: number): void {
  const padded = ` ${word} `;
  if (padded.length <= min) {
    out.push(`c${padded}`);
    return;
  }
  for (let n = min; n <= max; n++) {
    if (n > padded.length) break;
    for (let i = 0; i + n <= padded.length; i++) out.push(`c${padded.slice(i, i + n)}`);
    if (n === padded.length) break;
  }
}

/** The features of one tokenised utterance, repeated as often as they occur (term frequency). */
export function extractFeatures(tokens: readonly Token[], options: FeatureOptions): string[] {
  const out: string[] = [];
  const w = options.weights;
  let previous = '^';
  for (const token of tokens) {
    if (w.word > 0) out.push(`${PREFIX.word}${token.surface}`);
    if (w.stem > 0) out.push(`${PREFIX.stem}${token.stem}`);
    if (options.bigrams && w.bigram > 0) out.push(`${PREFIX.bigram}${previous} ${token.stem}`);
    if (options.entities === true && token.entity !== undefined) {
      if (w.word > 0) out.push(`${PREFIX.word}${token.entity}`);
      if (w.stem > 0) out.push(`${PREFIX.stem}${token.entity}`);
    }
    previous = token.stem;
    if (!token.tag && w.char > 0) pushCharGrams(out, token.folded, options.charMin, options.charMax);
  }
  if (options.bigrams && w.bigram > 0 && tokens.length > 0) out.push(`${PREFIX.bigram}${previous} $`);
  return out;
}
