import { rankIntents, type RankedIntent } from './classifier/intent-classifier.js';
import { extractFields, findValues, recogniseAnswer, type CustomFieldType, type RecogniseContext, type RecognisedValue } from './fields/field-recognition.js';
import { lookUpCustomType } from './fields/recognise-values.js';
import { selectNonOverlapping } from './fields/span-selection.js';
import { modelLanguage, normaliseSample, type NluModel } from './nlu-model.js';
import { vocabularyCoverage, vocabularyOf, type Vocabulary } from './vocabulary-coverage.js';

export interface QueryInputs {
  readonly text: string;
  /** Candidate tasks by unique name; empty or absent means all. */
  readonly tasks?: readonly string[];
  /** `Field` of a Query: the whole text answers this field of this task. */
  readonly field?: { readonly task: string; readonly field: string };
  /**
   * The assistant's task unique names now, by task SID. The model knows its tasks by the names they had at its build:
   * with this map a task renamed since answers under its new name (a name another task took since is that task's),
   * and a task deleted since is no candidate. Absent: the model's names are current.
   */
  readonly taskNames?: ReadonlyMap<string, string>;
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
  const naming = taskNaming(model, q.taskNames);
  if (q.field !== undefined) return answerField(model, q, naming);
  const allowed = candidateLabels(naming, q.tasks);
  const [first, second] = withExactSample(model, q.text, allowed, scopedRanking(model, q.text, q.recognise, allowed, q.fallbackThreshold));
  if (first === undefined || first.probability < q.fallbackThreshold) {
    return {
      task: q.fallback, confidence: 0, probability: round(first?.probability ?? 0), nextBestTask: first === undefined ? null : naming.nameOf(first.label),
      fields: [], isFallback: true,
    };
  }
  const margin = second === undefined ? 1 : (first.probability - second.probability) / first.probability;
  return {
    task: { name: naming.nameOf(first.label), sid: naming.sidOf(first.label) },
    confidence: round(margin),
    probability: round(first.probability),
    // Autopilot left NextBestTask empty when the runner-up was fallback.
    nextBestTask: second !== undefined && second.probability >= q.fallbackThreshold ? naming.nameOf(second.label) : null,
    fields: extractFields(model.fields, first.label, q.text, q.recognise).map(({ name, value, type }) => ({ name, value, type })),
    isFallback: false,
  };
}

/**
 * The classifier's probabilities, scaled by how much of the input the samples ever used: an input
 * made of words no sample has is out of scope however the scores fall; half-known inputs keep
 * their probability (`coverage / 0.5`, capped at 1).
 *
 * Values of a task's fields count toward that task's coverage (only its own): samples show a tag
 * with only a few of its values (`{item}` stands for every room item, `{date}` for every date), so
 * `toothpaste asap` or `december 3rd at 4pm` is in scope for the tasks that take such values, and
 * custom values are also ranked as the tag they fill (`toothpaste` as `{item}`). A custom value
 * counts as a seen word; a built-in one (a date, a number, a name) as 0.4 of one, as such values
 * turn up in any sentence (`who won on sunday` still falls back), unless values and seen words make
 * up the whole input. Values are looked for only when the words alone would discount or the best
 * task falls short of the threshold, so most queries never pay for it.
 */
function scopedRanking(
  model: NluModel, text: string, recognise: RecogniseContext, allowed: ReadonlySet<string> | undefined, threshold: number,
): RankedIntent[] {
  const ranked = rankIntents(model.intents, text, allowed);
  const scope = scopeOf(model);
  const coverage = vocabularyCoverage(scope.vocabulary, text);
  // Known words and a clear winner: nothing to add. Known words that still fall short of the threshold ("I need a
  // toothbrush" where samples say "need {item}") are tried with their values as tags too.
  if (coverage >= 0.5 && (ranked[0]?.probability ?? 0) >= threshold) return ranked;
  const wordsFactor = Math.min(1, coverage / 0.5);
  const spansOf = new Map(scope.fieldTypes.map((type) => [type, findValues(type, text, scope.customTypes, recognise)]));
  const factorOf = new Map<string, number>();
  for (const task of model.tasks) {
    const spans = task.fields.flatMap((f) => (spansOf.get(f.type) ?? []).map((v) => ({ ...v, weight: scope.customFieldTypes.has(f.type) ? 1 : BUILT_IN_VALUE_WEIGHT })));
    const factor = spans.length === 0 ? wordsFactor
      // Nothing but seen words and values: in scope whatever the values' kind.
      : vocabularyCoverage(scope.vocabulary, text, spans.map((v) => ({ ...v, weight: 1 }))) === 1 ? 1
        : Math.min(1, vocabularyCoverage(scope.vocabulary, text, spans) / 0.5);
    factorOf.set(task.name, factor);
  }
  let best = ranked;
  for (const { tag, variant } of taggedVariants(text, spansOf, scope)) {
    best = higherOf(best, rankIntents(model.intents, variant, allowed), scope.tasksWithTag.get(tag) ?? new Set());
  }
  return best
    .map((r) => ({ label: r.label, probability: r.probability * (factorOf.get(r.label) ?? wordsFactor) }))
    .sort((a, b) => b.probability - a.probability);
}

/** What a recognised built-in value (a date, a number, a name) counts as, against a seen word. */
const BUILT_IN_VALUE_WEIGHT = 0.4;

/** The text with its custom field values replaced by the tag of a field of their type, one variant per tag (a few at most). */
function taggedVariants(text: string, spansOf: ReadonlyMap<string, readonly RecognisedValue[]>, scope: ModelScope): Array<{ tag: string; variant: string }> {
  const variants: Array<{ tag: string; variant: string }> = [];
  for (const [type, spans] of spansOf) {
    if (spans.length === 0 || !scope.customFieldTypes.has(type)) continue;
    for (const tag of scope.tagsOfType.get(type) ?? []) {
      let variant = text;
      for (const span of [...selectNonOverlapping(spans)].sort((a, b) => b.start - a.start)) variant = `${variant.slice(0, span.start)}{${tag}}${variant.slice(span.end)}`;
      variants.push({ tag, variant });
      if (variants.length >= MAX_TAGGED_VARIANTS) return variants;
    }
  }
  return variants;
}

const MAX_TAGGED_VARIANTS = 3;

/** `a`, with the probability of each task in `only` raised to its probability in `b` where that is higher. */
function higherOf(a: readonly RankedIntent[], b: readonly RankedIntent[], only: ReadonlySet<string>): RankedIntent[] {
  const byLabel = new Map(a.map((r) => [r.label, r.probability]));
  for (const r of b) if (only.has(r.label)) byLabel.set(r.label, Math.max(byLabel.get(r.label) ?? 0, r.probability));
  return [...byLabel].map(([label, probability]) => ({ label, probability }));
}

interface ModelScope {
  readonly vocabulary: Vocabulary;
  /** Every field type some task's field has, once. */
  readonly fieldTypes: readonly string[];
  /** The field names (sample tags) of each field type. */
  readonly tagsOfType: ReadonlyMap<string, readonly string[]>;
  /** The tasks that have a field of each name. */
  readonly tasksWithTag: ReadonlyMap<string, ReadonlySet<string>>;
  readonly customTypes: ReadonlyMap<string, CustomFieldType>;
  /** The field types (as the fields spell them) that name a custom type, whose case may differ (unique names ignore case). */
  readonly customFieldTypes: ReadonlySet<string>;
}

const scopes = new WeakMap<NluModel, ModelScope>();

function scopeOf(model: NluModel): ModelScope {
  let scope = scopes.get(model);
  if (scope === undefined) {
    const tasksWithTag = new Map<string, Set<string>>();
    for (const task of model.tasks) for (const field of task.fields) tasksWithTag.set(field.name, (tasksWithTag.get(field.name) ?? new Set()).add(task.name));
    const customTypes = new Map(model.customTypes.map((t) => [t.name, t]));
    const fieldTypes = [...new Set(model.tasks.flatMap((t) => t.fields.map((f) => f.type)))];
    scope = {
      vocabulary: vocabularyOf(model.vocabulary, modelLanguage(model)),
      fieldTypes,
      tagsOfType: tagsByType(model),
      tasksWithTag,
      customTypes,
      customFieldTypes: new Set(fieldTypes.filter((type) => lookUpCustomType(type, customTypes) !== undefined)),
    };
    scopes.set(model, scope);
  }
  return scope;
}

function tagsByType(model: NluModel): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const field of model.tasks.flatMap((t) => t.fields)) {
    const names = tags.get(field.type) ?? [];
    if (!names.includes(field.name)) names.push(field.name);
    tags.set(field.type, names);
  }
  return tags;
}

/** An input that repeats a sample of one task word for word is that task's, at the top. */
function withExactSample(model: NluModel, text: string, allowed: ReadonlySet<string> | undefined, ranked: RankedIntent[]): RankedIntent[] {
  const task = model.exactSamples[normaliseSample(text)];
  if (task === undefined || (allowed !== undefined && !allowed.has(task)) || ranked[0]?.label === task) return ranked;
  const others = ranked.filter((r) => r.label !== task);
  const top = Math.max(ranked[0]?.probability ?? 0, model.defaultFallbackThreshold, ranked.find((r) => r.label === task)?.probability ?? 0);
  return [{ label: task, probability: top }, ...others];
}

function answerField(model: NluModel, q: QueryInputs, naming: TaskNaming): QueryAnswer {
  const { task, field } = q.field!;
  const label = naming.labelOf(task);
  const type = model.tasks.find((t) => t.name === label)?.fields.find((f) => f.name === field)?.type;
  const value = type === undefined ? null : recogniseAnswer(type, q.text, scopeOf(model).customTypes, q.recognise);
  return {
    task: { name: task, sid: label === undefined ? null : naming.sidOf(label) },
    confidence: 1,
    probability: 1,
    nextBestTask: null,
    fields: value === null || type === undefined ? [] : [{ name: field, value: value.value, type }],
    isFallback: false,
  };
}

/** The model's task labels (their names at the build) against the assistant's tasks now. */
interface TaskNaming {
  /** The task's name now (its label when no map was given). */
  nameOf(label: string): string;
  /** The label of the task named so now; undefined for a task the model does not know. */
  labelOf(name: string): string | undefined;
  sidOf(label: string): string | null;
  /** The labels of tasks that still exist; undefined when all do. */
  readonly live: ReadonlySet<string> | undefined;
}

const namings = new WeakMap<NluModel, { readonly taskNames: ReadonlyMap<string, string> | undefined; readonly naming: TaskNaming }>();

/** Kept per model for the last map seen: a turn catalogue hands the same map to every turn of a revision. */
function taskNaming(model: NluModel, taskNames: ReadonlyMap<string, string> | undefined): TaskNaming {
  const kept = namings.get(model);
  if (kept !== undefined && kept.taskNames === taskNames) return kept.naming;
  const sidOfLabel = new Map(model.tasks.map((t) => [t.name, t.sid]));
  const nameOfLabel = new Map<string, string>();
  const labelOfName = new Map<string, string>();
  for (const task of model.tasks) {
    const now = taskNames === undefined ? task.name : taskNames.get(task.sid);
    if (now === undefined) continue;
    nameOfLabel.set(task.name, now);
    labelOfName.set(now, task.name);
  }
  const naming: TaskNaming = {
    nameOf: (label) => nameOfLabel.get(label) ?? label,
    labelOf: (name) => labelOfName.get(name),
    sidOf: (label) => sidOfLabel.get(label) ?? null,
    live: nameOfLabel.size === model.tasks.length ? undefined : new Set(nameOfLabel.keys()),
  };
  namings.set(model, { taskNames, naming });
  return naming;
}

/** The labels a query may answer with: the tasks it names (by their names now) that still exist; undefined for all. */
function candidateLabels(naming: TaskNaming, tasks: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (tasks === undefined || tasks.length === 0) return naming.live;
  const labels = new Set<string>();
  for (const name of tasks) {
    const label = naming.labelOf(name);
    if (label !== undefined) labels.add(label);
  }
  return labels;
}

/** Autopilot's Query `results` object. */
export function queryResults(answer: QueryAnswer): Record<string, unknown> {
  return {
    task: { name: answer.task.name, task_sid: answer.task.sid, confidence: answer.confidence, probability: answer.probability },
    fields: answer.fields,
    next_best_task: answer.nextBestTask,
  };
}
