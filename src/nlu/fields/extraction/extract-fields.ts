import { candidateValues } from '../recognise-values.js';
import type { RecogniseContext } from '../recognition-types.js';
import { selectNonOverlapping } from '../span-selection.js';
import { hasMixedCase, tokenise, type Token } from '../text-tokens.js';
import { contextScorer, type Candidate } from './context-scoring.js';
import { isFieldExtractorModelV1, type FieldExtractorModel } from './field-extractor-model.js';
import { openSpanRule, openSpans, type OpenSpanInput } from './open-spans.js';

/** A field value found in an utterance, normalised by its type, with its character span. */
export interface ExtractedField {
  readonly name: string;
  readonly value: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

const BOUNDARY = /^[.,;:!?¿¡()"]$/;

/**
 * The task's fields in the text. Candidates come from each field's type recogniser and, for open-ended types,
 * from the words after a learnt left context; each is scored by how well its neighbouring words match the
 * contexts the field was tagged in, and the best non-overlapping ones are kept, one per field.
 */
export function extractFields(model: FieldExtractorModel, taskName: string, text: string, ctx: RecogniseContext): ExtractedField[] {
  if (!isFieldExtractorModelV1(model)) return [];
  const task = model.tasks[taskName];
  if (task === undefined || task.fields.length === 0) return [];
  const customTypes = new Map(model.customTypes.map((t) => [t.name, t]));
  const all = tokenise(text);
  const words = all.filter((t) => t.isWord);
  const scorer = contextScorer(words, task.fields);
  const candidates: Candidate[] = [];
  task.fields.forEach((field, f) => {
    for (const v of candidateValues(field.type, text, customTypes, ctx, 'find')) {
      const from = words.findIndex((w) => w.start >= v.start);
      const to = words.findLastIndex((w) => w.end <= v.end) + 1;
      if (from >= 0 && to > from) candidates.push({ field: f, from, to, value: v.value, recognised: true, base: scorer.score({ field: f, from, to }, []) });
    }
  });
  const input: OpenSpanInput = {
    text, words, scorer, mixedCase: hasMixedCase(text), vocabulary: new Set(task.vocabulary),
    broken: brokenBefore(all),
  };
  // Twice, so that "{first} {last}" can chain: the second pass sees the first pass's names as anchors.
  for (let pass = 0; pass < 2; pass++) {
    task.fields.forEach((field, f) => {
      const rule = openSpanRule(field.type, customTypes);
      if (rule !== null) candidates.push(...openSpans(input, f, field.type, rule, candidates));
    });
  }
  const scored = candidates.map((c) => ({ c, score: scorer.score(c, candidates) }));
  return assign(scored, task.fields.length).map((c) => {
    const field = task.fields[c.field]!;
    return { name: field.name, value: c.value, type: field.type, start: words[c.from]!.start, end: words[c.to - 1]!.end };
  }).sort((a, b) => a.start - b.start);
}

/** For each word, whether sentence punctuation stands between it and the word before (one pass over the tokens). */
function brokenBefore(tokens: readonly Token[]): boolean[] {
  const broken: boolean[] = [];
  let seenWord = false;
  let boundary = false;
  for (const t of tokens) {
    if (t.isWord) {
      broken.push(seenWord && boundary);
      seenWord = true;
      boundary = false;
    } else if (BOUNDARY.test(t.text)) boundary = true;
  }
  return broken;
}

/**
 * Best-scoring candidates first (score 1 or more), one per field, spans never overlapping; recognised values
 * beat open spans on equal score. A field still empty takes its type's only recognised value, wherever it is.
 */
function assign(scored: ReadonlyArray<{ readonly c: Candidate; readonly score: number }>, fieldCount: number): Candidate[] {
  const chosen: Candidate[] = [];
  const free = (c: Candidate): boolean => chosen.every((k) => k.field !== c.field && (c.to <= k.from || c.from >= k.to));
  const ranked = [...scored].sort((a, b) => b.score - a.score || Number(b.c.recognised) - Number(a.c.recognised)
    || (b.c.to - b.c.from) - (a.c.to - a.c.from) || a.c.from - b.c.from || a.c.field - b.c.field);
  for (const { c, score } of ranked) if (score >= 1 && free(c)) chosen.push(c);
  for (let f = 0; f < fieldCount; f++) {
    if (chosen.some((k) => k.field === f)) continue;
    const own = scored.filter(({ c }) => c.field === f && c.recognised).map(({ c }) => c);
    const distinct = selectNonOverlapping(own.map((c) => ({ ...c, start: c.from, end: c.to })));
    const only = distinct.length === 1 ? own.find((c) => c.from === distinct[0]!.from && c.to === distinct[0]!.to) : undefined;
    if (only !== undefined && free(only)) chosen.push(only);
  }
  return chosen;
}
