import { GROUPS, extractFeatures, groupOfPrefix } from './feature-extraction.js';
import { decodeFloat32, decodeInt8, type IntentModel } from './intent-model.js';
import { appendDense, sentenceVector } from './sentence-vector.js';
import { languageRules, tokenise, type LanguageRules } from './text-tokens.js';
import { vectorise, type Vocabulary } from './tfidf-vectoriser.js';
import { loadWordVectors, type WordVectors } from './word-vectors.js';

export interface RankedIntent {
  readonly label: string;
  /** Calibrated probability; over all labels they sum to at most 1 (the rest is "none of these"). */
  readonly probability: number;
}

/** What scoring needs, rebuilt once per model object (stored models are plain JSON). */
interface ScoringModel {
  readonly rules: LanguageRules;
  readonly vocab: Vocabulary;
  readonly groupWeights: readonly number[];
  /** Query-time weight of features outside the vocabulary (see `FeatureOptions.unknownWeight`). */
  readonly unknown: { weight: number; idf: number } | undefined;
  readonly scales: Float32Array;
  readonly values: Int8Array;
  readonly table: WordVectors | null;
}

const maxOf = (values: Float32Array): number => values.reduce((a, b) => Math.max(a, b), 0);

const scoringModels = new WeakMap<IntentModel, ScoringModel>();

function scoringModel(model: IntentModel): ScoringModel {
  const hit = scoringModels.get(model);
  if (hit !== undefined) return hit;
  const index = new Map<string, number>();
  model.vocabulary.forEach((f, i) => index.set(f, i));
  const group = new Uint8Array(model.vocabulary.length);
  model.vocabulary.forEach((f, i) => { group[i] = groupOfPrefix(f); });
  let table: WordVectors | null = null;
  if (model.wordVectors !== null) {
    table = loadWordVectors();
    if (table === null || table.id !== model.wordVectors.id || table.dim !== model.wordVectors.dim) {
      throw new Error(`intent model needs word vectors ${model.wordVectors.id}; install the package or rebuild the model`);
    }
  }
  const built: ScoringModel = {
    rules: languageRules(model.language),
    vocab: { features: model.vocabulary, index, idf: decodeFloat32(model.idf), group },
    groupWeights: GROUPS.map((g) => model.features.weights[g]),
    unknown: (model.features.unknownWeight ?? 0) > 0 ? { weight: model.features.unknownWeight!, idf: maxOf(decodeFloat32(model.idf)) } : undefined,
    scales: decodeFloat32(model.weights.scales),
    values: decodeInt8(model.weights.values),
    table,
  };
  scoringModels.set(model, built);
  return built;
}

/** Raw linear scores of every label, in `model.labels` order. */
export function scoreLabels(model: IntentModel, text: string): Float64Array {
  const m = scoringModel(model);
  const K = model.labels.length;
  const tokens = tokenise(text, m.rules, model.features.entities === true);
  const sparse = vectorise(extractFeatures(tokens, model.features), m.vocab, m.groupWeights, m.unknown);
  const dense = m.table === null || model.wordVectors === null ? null : sentenceVector(tokens, m.table, model.wordVectors.sif);
  const x = appendDense(sparse, dense, model.vocabulary.length, model.wordVectors?.weight ?? 0);
  const scores = new Float64Array(K);
  const accumulate = (row: number, value: number): void => {
    const v = value * m.scales[row]!;
    if (v === 0) return;
    const base = row * K;
    for (let k = 0; k < K; k++) scores[k]! += v * m.values[base + k]!;
  };
  for (let p = 0; p < x.indices.length; p++) accumulate(x.indices[p]!, x.values[p]!);
  accumulate(model.weights.rows - 1, model.bias);
  if (sparse.knownShare < 1) for (let k = 0; k < K; k++) scores[k]! *= sparse.knownShare;
  return scores;
}

/**
 * Ranks the labels for an utterance, most probable first. `allowed` restricts the candidates (as
 * Autopilot's `listen.tasks` / Query `Tasks`); probabilities are then renormalised over them.
 * Probabilities are a softmax at the model's temperature that includes a fixed "none" score, so an
 * utterance unlike every sample gets low probabilities whatever the number of tasks.
 */
export function rankIntents(model: IntentModel, text: string, allowed?: ReadonlySet<string>): RankedIntent[] {
  const scores = scoreLabels(model, text);
  const candidates: number[] = [];
  model.labels.forEach((label, k) => { if (allowed === undefined || allowed.has(label)) candidates.push(k); });
  if (candidates.length === 0) return [];
  const probabilities = noneSoftmax(candidates.map((k) => scores[k]!), model.temperature, model.noneScore);
  return candidates
    .map((k, i) => ({ label: model.labels[k]!, probability: probabilities[i]! }))
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * A softmax of `scores` at `temperature` that includes a fixed `noneScore`: the probabilities sum to
 * less than 1, the rest being "none of these".
 */
export function noneSoftmax(scores: ArrayLike<number>, temperature: number, noneScore: number): number[] {
  let max = noneScore;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]!);
  let total = Math.exp((noneScore - max) / temperature);
  const expScores = Array.from(scores, (score) => Math.exp((score - max) / temperature));
  for (const e of expScores) total += e;
  return expScores.map((e) => e / total);
}
