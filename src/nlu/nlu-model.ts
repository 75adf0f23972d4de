import { DEFAULT_FALLBACK_THRESHOLD, trainIntentModel, type IntentModel } from './classifier/intent-classifier.js';
import { trainFieldExtractor, type CustomFieldType, type FieldExtractorModel } from './fields/field-recognition.js';
import { taggedSampleVariants } from './tagged-sample-variants.js';
import { sampleVocabulary } from './vocabulary-coverage.js';
import type { TrainingSet } from './training-set.js';

/**
 * What a completed model build stores: the task classifier, the field extractor and what they
 * need at query time. A plain JSON value, versioned; a model of another version is rebuilt, never
 * read.
 */
export interface NluModel {
  readonly version: typeof NLU_MODEL_VERSION;
  readonly buildSid: string;
  readonly trainingVersion: number;
  readonly intents: IntentModel;
  readonly fields: FieldExtractorModel;
  readonly customTypes: readonly CustomFieldType[];
  /** Every task, with or without samples, by unique name: fallback and restrictions name them. */
  readonly tasks: ReadonlyArray<{ readonly name: string; readonly sid: string; readonly fields: ReadonlyArray<{ readonly name: string; readonly type: string }> }>;
  /** The classifier's own default; an assistant may set its own. */
  readonly defaultFallbackThreshold: number;
  /**
   * Samples by normalised text, each with the one task it belongs to: an input that repeats a
   * sample word for word gets that sample's task, whatever the statistics say.
   */
  readonly exactSamples: Readonly<Record<string, string>>;
  /** Every word of the samples (and their filled-in variants): inputs with none of them fall back. */
  readonly vocabulary: readonly string[];
}

/** Case, width, accents as typed, punctuation and spacing do not make a sample different. */
export function normaliseSample(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}{}_'-]+/gu, ' ').trim();
}

/** Samples that name exactly one task (a text filed under two tasks decides nothing). */
function exactSampleIndex(set: TrainingSet): Record<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const task of set.tasks) {
    for (const sample of task.samples) {
      const key = normaliseSample(sample.taggedText);
      owners.set(key, (owners.get(key) ?? new Set()).add(task.uniqueName));
    }
  }
  const index: Record<string, string> = {};
  for (const [key, tasks] of [...owners].sort(([a], [b]) => a.localeCompare(b))) if (tasks.size === 1 && key !== '') index[key] = [...tasks][0]!;
  return index;
}

export const NLU_MODEL_VERSION = 4;

/** Train from a checked training set (see checkTrainingSet). Pure and deterministic. */
export function trainNluModel(buildSid: string, set: TrainingSet): NluModel {
  const customTypes: CustomFieldType[] = set.fieldTypes.map((t) => ({ name: t.uniqueName, values: t.values }));
  const customByName = new Map(customTypes.map((t) => [t.name, t]));
  const examples = set.tasks.flatMap((task) => {
    const fieldTypes = new Map(task.fields.map((f) => [f.uniqueName, f.fieldType]));
    return task.samples.flatMap((s) => [s.taggedText, ...taggedSampleVariants(s.taggedText, s.language, fieldTypes, customByName)]
      .map((text) => ({ text, label: task.uniqueName })));
  });
  return {
    version: NLU_MODEL_VERSION,
    buildSid,
    trainingVersion: set.trainingVersion,
    intents: trainIntentModel(examples, { language: trainingLanguage(set) }),
    fields: trainFieldExtractor(
      set.tasks.map((task) => ({
        name: task.uniqueName,
        fields: task.fields.map((f) => ({ name: f.uniqueName, type: f.fieldType })),
        samples: task.samples.map((s) => s.taggedText),
      })),
      customTypes,
    ),
    customTypes,
    tasks: set.tasks.map((task) => ({
      name: task.uniqueName,
      sid: task.sid,
      fields: task.fields.map((f) => ({ name: f.uniqueName, type: f.fieldType })),
    })),
    defaultFallbackThreshold: DEFAULT_FALLBACK_THRESHOLD,
    exactSamples: exactSampleIndex(set),
    vocabulary: sampleVocabulary(examples.map((e) => e.text)),
  };
}

/**
 * The language an assistant is understood in: that of most of its samples (language tags ignore
 * case; a tie goes to the tag that sorts first, so it is deterministic), `en-US` without samples.
 * It picks the classifier's stemmer and word vectors and the recognisers' words in dialogues.
 */
export function trainingLanguage(set: TrainingSet): string {
  const counts = new Map<string, { tag: string; n: number }>();
  for (const sample of set.tasks.flatMap((t) => t.samples)) {
    const key = sample.language.toLowerCase();
    const entry = counts.get(key) ?? { tag: sample.language, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  const [first] = [...counts].sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : a > b ? 1 : 0));
  return first === undefined ? DEFAULT_LANGUAGE : first[1].tag;
}

/** The language of a model's assistant (trainingLanguage); en-US without a model, and for models stored before it was recorded. */
export function modelLanguage(model: NluModel | null): string {
  return model?.intents.language || DEFAULT_LANGUAGE;
}

const DEFAULT_LANGUAGE = 'en-US';

/** Decode a stored model as untrusted input: anything but the current version is null. */
export function decodeNluModel(raw: string): NluModel | null {
  try {
    const model = JSON.parse(raw) as Partial<NluModel>;
    return model.version === NLU_MODEL_VERSION && model.intents !== undefined && model.fields !== undefined ? (model as NluModel) : null;
  } catch {
    return null;
  }
}
