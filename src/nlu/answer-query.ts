import { rankIntents, type RankedIntent } from './classifier/intent-classifier.js';
import { extractFields, recogniseAnswer, type RecogniseContext } from './fields/field-recognition.js';
import { normaliseSample, type NluModel } from './nlu-model.js';
import { vocabularyCoverage } from './vocabulary-coverage.js';

export interface QueryInputs {
  readonly text: string;
  /** Candidate tasks by unique name; empty or absent means all. */
  readonly tasks?: readonly string[];
  /** `Field` of a Query: the whole text answers this field of this task. */
  readonly field?: { readonly task: string; readonly field: string };
  readonly fallback: { readonly name: string; readonly sid: string | null };
  readonly fallbackThreshold: number;
  readonly recognise: RecogniseContext;
}

export interface QueryField {
  readonly name: string;
  readonly value: string;
  readonly type: string;
}

export interface QueryAnswer {
  readonly task: { readonly name: string; readonly sid: string | null };
  /** Autopilot's confidence: the margin of the top task over the runner-up, (p1 - p2) / p1. */
  readonly confidence: number;
  /** The classifier's calibrated probability of the top task; fallback is decided on it. */
  readonly probability: number;
  readonly nextBestTask: string | null;
  readonly fields: readonly QueryField[];
  readonly isFallback: boolean;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Classify a text and pick its fields: pure, the same model and inputs give the same answer. */
export function answerQuery(model: NluModel, q: QueryInputs): QueryAnswer {
  const sidOf = new Map(model.tasks.map((t) => [t.name, t.sid]));
  if (q.field !== undefined) return answerField(model, q, sidOf.get(q.field.task) ?? null);
  const allowed = q.tasks !== undefined && q.tasks.length > 0 ? new Set(q.tasks) : undefined;
  const [first, second] = withExactSample(model, q.text, allowed, discounted(model, q.text, rankIntents(model.intents, q.text, allowed)));
  if (first === undefined || first.probability < q.fallbackThreshold) {
    return {
      task: q.fallback, confidence: 0, probability: round(first?.probability ?? 0), nextBestTask: first?.label ?? null,
      fields: [], isFallback: true,
    };
  }
  const margin = second === undefined ? 1 : (first.probability - second.probability) / first.probability;
  return {
    task: { name: first.label, sid: sidOf.get(first.label) ?? null },
    confidence: round(margin),
    probability: round(first.probability),
    // Autopilot left NextBestTask empty when the runner-up was fallback.
    nextBestTask: second !== undefined && second.probability >= q.fallbackThreshold ? second.label : null,
    fields: extractFields(model.fields, first.label, q.text, q.recognise).map(({ name, value, type }) => ({ name, value, type })),
    isFallback: false,
  };
}

/**
 * The classifier's probabilities, scaled by how much of the input the samples ever used: an input
 * made of words no sample has is out of scope however the scores fall; half-known inputs keep
 * their probability (`coverage / 0.5`, capped at 1).
 */
function discounted(model: NluModel, text: string, ranked: RankedIntent[]): RankedIntent[] {
  const coverage = vocabularyCoverage(vocabularyOf(model), text);
  const factor = Math.min(1, coverage / 0.5);
  return factor === 1 ? ranked : ranked.map((r) => ({ label: r.label, probability: r.probability * factor }));
}

const vocabularies = new WeakMap<NluModel, ReadonlySet<string>>();

function vocabularyOf(model: NluModel): ReadonlySet<string> {
  let vocabulary = vocabularies.get(model);
  if (vocabulary === undefined) {
    vocabulary = new Set(model.vocabulary);
    vocabularies.set(model, vocabulary);
  }
  return vocabulary;
}

/** An input that repeats a sample of one task word for word is that task's, at the top. */
function withExactSample(model: NluModel, text: string, allowed: ReadonlySet<string> | undefined, ranked: RankedIntent[]): RankedIntent[] {
  const task = model.exactSamples[normaliseSample(text)];
  if (task === undefined || (allowed !== undefined && !allowed.has(task)) || ranked[0]?.label === task) return ranked;
  const others = ranked.filter((r) => r.label !== task);
  const top = Math.max(ranked[0]?.probability ?? 0, model.defaultFallbackThreshold, ranked.find((r) => r.label === task)?.probability ?? 0);
  return [{ label: task, probability: top }, ...others];
}

function answerField(model: NluModel, q: QueryInputs, taskSid: string | null): QueryAnswer {
  const { task, field } = q.field!;
  const type = model.tasks.find((t) => t.name === task)?.fields.find((f) => f.name === field)?.type;
  const customTypes = new Map(model.customTypes.map((t) => [t.name, t]));
  const value = type === undefined ? null : recogniseAnswer(type, q.text, customTypes, q.recognise);
  return {
    task: { name: task, sid: taskSid },
    confidence: 1,
    probability: 1,
    nextBestTask: null,
    fields: value === null || type === undefined ? [] : [{ name: field, value: value.value, type }],
    isFallback: false,
  };
}

/** Autopilot's Query `results` object. */
export function queryResults(answer: QueryAnswer): Record<string, unknown> {
  return {
    task: { name: answer.task.name, task_sid: answer.task.sid, confidence: answer.confidence, probability: answer.probability },
    fields: answer.fields,
    next_best_task: answer.nextBestTask,
  };
}
