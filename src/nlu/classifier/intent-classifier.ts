/**
 * Parley's task (intent) classifier: train from an assistant's samples, rank tasks for an utterance.
 *
 * Pipeline (each step a small pure module): Unicode tokenisation (`text-tokens`) -> word, stem,
 * bigram and character n-gram features (`feature-extraction`) -> sublinear TF-IDF per feature group
 * (`tfidf-vectoriser`) + for English a SIF-weighted mean of GloVe vectors (`sentence-vector`) ->
 * a Crammer-Singer linear SVM (`crammer-singer-trainer`) -> a softmax with temperature and a fixed
 * "none" score (`rank-intents`). The model is a versioned JSON value (`intent-model`).
 */
export { DEFAULT_FALLBACK_THRESHOLD, trainIntentModel, type LabelledText, type TrainingOptions } from './train-intent-model.js';
export { rankIntents, type RankedIntent } from './rank-intents.js';
export { parseIntentModel, INTENT_MODEL_VERSION, type IntentModel } from './intent-model.js';
export { loadWordVectors as preloadWordVectors } from './word-vectors.js';

