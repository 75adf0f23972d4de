import { trainCrammerSinger } from './crammer-singer-trainer.js';
import { trainSoftmax } from './softmax-trainer.js';
import { trainLowRankSoftmax } from './low-rank-softmax-trainer.js';
import { DEFAULT_FEATURES, GROUPS, extractFeatures, type FeatureOptions } from './feature-extraction.js';
import { INTENT_MODEL_VERSION, encodeFloat32, encodeInt8, quantiseRows, type IntentModel } from './intent-model.js';
import { appendDense, sentenceVector } from './sentence-vector.js';
import { languageRules, tokenise } from './text-tokens.js';
import { buildVocabulary, toSparseRows, vectorise, type SparseRows } from './tfidf-vectoriser.js';
import { labelWords } from './label-words.js';
import { loadWordVectors, type WordVectors } from './word-vectors.js';

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export interface TrainingOptions {
  /** BCP 47 tag of the samples (`en-US`, `es-MX`, ...); picks the stemmer and whether English word vectors apply. */
  readonly language?: string;
}

/** The pipeline's settings, chosen on train/valid splits only (see bench/nlu/README.md). */
export interface Hyperparameters {
  readonly features: FeatureOptions;
  readonly minDf: number;
  /** Crammer-Singer cost; higher fits the samples more closely. */
  readonly c: number;
  /** Class-balanced cost: class k's cost is c x (n / (K n_k))^classBalance (0 = the same c for all). */
  readonly classBalance?: number;
  readonly eps: number;
  readonly maxSweeps: number;
  readonly bias: number;
  /** Weight of the word-vector view against the TF-IDF view (0 disables it). */
  readonly wordVectorWeight: number;
  readonly sif: number;
  readonly temperature: number;
  /** Score of the implicit "none of these" outcome in the softmax. */
  readonly noneScore: number;
  readonly seed: number;
  /** Copies of each task's name, as words, added to its samples (0 = none); see `label-words.ts`. */
  readonly labelSamples: number;
  /**
   * A training set is few-shot when its tasks have at most `fewShotMaxPerTask` samples on average (task-name
   * samples included). Few-shot sets of 2+ tasks weigh the stem-bigram group by `fewShotBigramWeight` instead of
   * `features.weights.bigram` and use `fewShotSif` instead of `sif` (the model records the values it used).
   */
  readonly fewShotMaxPerTask: number;
  readonly fewShotBigramWeight: number;
  /** The SIF constant of the sentence vector (`sif`) on few-shot sets. */
  readonly fewShotSif: number;
  /**
   * Few-shot sets of at most `softmaxMaxCells` samples x tasks (which bounds the cost) also train softmax
   * regression (cost `softmaxC`, `softmaxIterations` L-BFGS steps from the SVM's weights); the model's weights
   * are (1 - softmaxMix) x SVM + softmaxMix x softmax rescaled to the SVM's norm. 0 = the SVM alone.
   */
  readonly softmaxMix: number;
  readonly softmaxC: number;
  readonly softmaxIterations: number;
  readonly softmaxMaxCells: number;
  /**
   * Every set of 2+ tasks also trains a fastText-style low-rank softmax (`low-rank-softmax-trainer.ts`:
   * `lowRankDim`-wide feature embeddings, `lowRankEpochs` epochs of seeded SGD on few-shot sets and
   * `lowRankFullDataEpochs` on the others, from step `lowRankLearningRate`), unless epochs x samples x tasks exceeds
   * `lowRankMaxWork` (which bounds its cost); the weights become (1 - lowRankMix) x the weights above + lowRankMix x its
   * weights rescaled to their norm. 0 = off.
   */
  readonly lowRankMix: number;
  readonly lowRankDim: number;
  readonly lowRankEpochs: number;
  readonly lowRankFullDataEpochs: number;
  readonly lowRankLearningRate: number;
  readonly lowRankMaxWork: number;
  /** Input dropout of the low-rank SGD on few-shot sets (see `LowRankSoftmaxOptions.dropout`); other sets use none. */
  readonly lowRankDropout: number;
}

/**
 * Fallback (out-of-scope) decision: the top probability is below this. Chosen with the temperature
 * and none score on CLINC150 train + valid.json by bench/nlu/choose-fallback.ts (see src/nlu/classifier/README.md).
 * It belongs to the temperature and none score: a stored NLU model records the threshold it was trained with.
 */
export const DEFAULT_FALLBACK_THRESHOLD = 0.35;

export const HYPERPARAMETERS: Hyperparameters = {
  features: DEFAULT_FEATURES,
  minDf: 1,
  c: 3,
  classBalance: 0.5,
  eps: 0.1,
  maxSweeps: 20,
  bias: 1,
  wordVectorWeight: 1,
  sif: 5e-3,
  temperature: 0.125,
  noneScore: 0.15,
  seed: 20170601,
  labelSamples: 2,
  fewShotMaxPerTask: 30,
  fewShotBigramWeight: 0.7,
  fewShotSif: 1e-3,
  softmaxMix: 0.5,
  softmaxC: 30,
  softmaxIterations: 15,
  softmaxMaxCells: 100_000,
  lowRankMix: 0.3,
  lowRankDim: 32,
  lowRankEpochs: 20,
  // 5 epochs were no better on dev; 10 pushed CLINC150 (15k samples) past 15 s of training.
  lowRankFullDataEpochs: 3,
  lowRankLearningRate: 0.25,
  lowRankMaxWork: 10_000_000,
  // Tenth round: +0.11 on the mean of the four 10-shot dev splits over 13 seeds; neutral with full data, so few-shot only.
  lowRankDropout: 0.2,
};

const usesEnglishVectors = (language: string): boolean => language.toLowerCase().split(/[-_]/)[0] === 'en';

/**
 * Trains a task classifier from labelled samples. Deterministic: the same samples in the same order
 * give a deep-equal model. Samples may carry Autopilot field tags (`{city}`): each becomes the
 * placeholder word `{city}`, so no character n-grams are made from it.
 */
export function trainIntentModel(examples: readonly LabelledText[], options: TrainingOptions = {}, hyper: Hyperparameters = HYPERPARAMETERS): IntentModel {
  if (examples.length === 0) throw new Error('trainIntentModel: no examples');
  const language = options.language ?? 'en-US';
  const rules = languageRules(language);
  const table = hyper.wordVectorWeight > 0 && usesEnglishVectors(language) ? loadWordVectors() : null;
  if (hyper.labelSamples > 0) examples = [...examples, ...labelSamples(examples, table, hyper.labelSamples)];
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const y = new Int32Array(examples.length);
  examples.forEach((e, i) => {
    if (!labelIndex.has(e.label)) {
      labelIndex.set(e.label, labels.length);
      labels.push(e.label);
    }
    y[i] = labelIndex.get(e.label)!;
  });

  const fewShot = labels.length > 1 && y.length <= hyper.fewShotMaxPerTask * labels.length;
  const sif = fewShot ? hyper.fewShotSif : hyper.sif;
  const features: FeatureOptions = fewShot ? { ...hyper.features, weights: { ...hyper.features.weights, bigram: hyper.fewShotBigramWeight } } : hyper.features;

  const tokens = examples.map((e) => tokenise(e.text, rules, features.entities === true));
  const docs = tokens.map((t) => extractFeatures(t, features));
  const vocab = buildVocabulary(docs, hyper.minDf);
  const groupWeights = GROUPS.map((g) => features.weights[g]);
  const nFeatures = vocab.features.length;
  const x = toSparseRows(docs.map((doc, i) => appendDense(
    vectorise(doc, vocab, groupWeights),
    table === null ? null : sentenceVector(tokens[i]!, table, sif),
    nFeatures,
    hyper.wordVectorWeight,
  )));
  const rows = nFeatures + (table?.dim ?? 0);
  const balance = hyper.classBalance ?? 0;
  const counts = new Float64Array(labels.length);
  for (const k of y) counts[k]! += 1;
  const classWeights = balance === 0 ? undefined : counts.map((n) => (y.length / (labels.length * n)) ** balance);
  const w = labels.length > 1
    ? trainCrammerSinger(x, y, labels.length, rows, { c: hyper.c, eps: hyper.eps, maxSweeps: hyper.maxSweeps, seed: hyper.seed, bias: hyper.bias, classWeights })
    : centroidWeights(x, rows, (f) => f < nFeatures && vocab.group[f] !== GROUPS.indexOf('char'));
  if (fewShot && hyper.softmaxMix > 0 && y.length * labels.length <= hyper.softmaxMaxCells) {
    const v = trainSoftmax(x, y, labels.length, rows, { c: hyper.softmaxC, maxIterations: hyper.softmaxIterations, bias: hyper.bias, classWeights, start: w });
    mixWeights(w, v, hyper.softmaxMix);
  }
  const epochs = fewShot ? hyper.lowRankEpochs : hyper.lowRankFullDataEpochs;
  if (labels.length > 1 && hyper.lowRankMix > 0 && epochs > 0 && epochs * y.length * labels.length <= hyper.lowRankMaxWork) {
    const v = trainLowRankSoftmax(x, y, labels.length, rows, { dim: hyper.lowRankDim, epochs, learningRate: hyper.lowRankLearningRate, seed: hyper.seed, bias: hyper.bias, dropout: fewShot ? hyper.lowRankDropout : 0 });
    mixWeights(w, v, hyper.lowRankMix);
  }
  const { scales, values } = quantiseRows(w, rows + 1, labels.length);
  return {
    version: INTENT_MODEL_VERSION,
    language,
    labels,
    features,
    vocabulary: vocab.features,
    idf: encodeFloat32(vocab.idf),
    wordVectors: table === null ? null : { id: table.id, dim: table.dim, weight: hyper.wordVectorWeight, sif },
    weights: { rows: rows + 1, scales: encodeFloat32(scales), values: encodeInt8(values) },
    bias: hyper.bias,
    temperature: hyper.temperature,
    noneScore: hyper.noneScore,
  };
}

/** `copies` samples per task made of its name (`lost_or_stolen_card` -> `lost or stolen card`), in first-seen order. */
function labelSamples(examples: readonly LabelledText[], table: WordVectors | null, copies: number): LabelledText[] {
  const labels = [...new Set(examples.map((e) => e.label))];
  return labels.flatMap((label) => {
    const text = labelWords(label, table);
    return text === '' ? [] : Array.from({ length: copies }, () => ({ text, label }));
  });
}

/**
 * `w = (1 - share) w + share s v`, where s gives v the norm of w: softmax regression's weights grow with
 * its cost, the SVM's set the scale that the temperature and none score were chosen for.
 */
function mixWeights(w: Float32Array, v: Float32Array, share: number): void {
  let nw = 0;
  let nv = 0;
  for (let i = 0; i < w.length; i++) {
    nw += w[i]! * w[i]!;
    nv += v[i]! * v[i]!;
  }
  const scale = nv > 0 ? Math.sqrt(nw / nv) : 0;
  for (let i = 0; i < w.length; i++) w[i] = (1 - share) * w[i]! + share * scale * v[i]!;
}

/**
 * With a single task there is nothing to discriminate: score by similarity to the samples' centroid
 * over the word features only, scaled so that the samples score 1 on average (like SVM margins), so
 * that `noneScore` can reject. Character n-grams and averaged word vectors are left out: any two
 * English sentences share some of those.
 */
function centroidWeights(x: SparseRows, rows: number, use: (feature: number) => boolean): Float32Array {
  const w = new Float32Array(rows + 1);
  for (let p = 0; p < x.indices.length; p++) if (use(x.indices[p]!)) w[x.indices[p]!]! += x.values[p]!;
  let norm = 0;
  for (let f = 0; f < rows; f++) norm += w[f]! * w[f]!;
  const n = x.rowStart.length - 1;
  if (norm > 0) for (let f = 0; f < rows; f++) w[f] = (w[f]! * n) / norm;
  return w;
}
