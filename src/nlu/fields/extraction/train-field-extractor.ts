import type { CustomFieldType } from '../recognition-types.js';
import { FIELD_EXTRACTOR_VERSION, type FieldExtractorModelV1, type TaskFieldModel } from './field-extractor-model.js';
import { contextWord, parseTaggedSample, type SampleItem } from './tagged-sample.js';

/** A task's fields and its tagged samples, e.g. `book for {ApptTime} on {ApptDate}`. */
export interface FieldTrainingTask {
  readonly name: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly samples: readonly string[];
}

const sorted = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const bump = (counts: Map<string, number>, key: string): void => { counts.set(key, (counts.get(key) ?? 0) + 1); };

function countContexts(items: readonly SampleItem[], at: number, left: Map<string, number>, right: Map<string, number>): void {
  const l1 = contextWord(items[at - 1], '^');
  const r1 = contextWord(items[at + 1], '$');
  bump(left, `1:${l1}`);
  bump(right, `1:${r1}`);
  if (l1 !== '^') bump(left, `2:${contextWord(items[at - 2], '^')} ${l1}`);
  if (r1 !== '$') bump(right, `2:${r1} ${contextWord(items[at + 2], '$')}`);
}

/**
 * Learns, per task and field, the words seen around each tagged field (Autopilot samples name the field but
 * carry no example value). Deterministic: the same tasks and types give the same JSON.
 */
export function trainFieldExtractor(tasks: readonly FieldTrainingTask[], customTypes: readonly CustomFieldType[]): FieldExtractorModelV1 {
  const used = new Set<string>();
  const trained: Record<string, TaskFieldModel> = {};
  for (const task of tasks) {
    const parsed = task.samples.map(parseTaggedSample);
    trained[task.name] = {
      fields: task.fields.map((field) => {
        used.add(field.type.toLowerCase());
        const left = new Map<string, number>();
        const right = new Map<string, number>();
        let occurrences = 0;
        for (const items of parsed) {
          items.forEach((item, i) => {
            if (item.kind === 'field' && item.name === field.name) { occurrences++; countContexts(items, i, left, right); }
          });
        }
        return { name: field.name, type: field.type, occurrences, left: sorted(left), right: sorted(right) };
      }),
      vocabulary: [...new Set(parsed.flatMap((items) => items.flatMap((i) => (i.kind === 'word' ? [i.norm] : []))))].sort(),
    };
  }
  const types = customTypes.filter((t) => used.has(t.name.toLowerCase()))
    .map((t) => ({ name: t.name, values: t.values.map((v) => ({ language: v.language, value: v.value, synonymOf: v.synonymOf })) }));
  return { version: FIELD_EXTRACTOR_VERSION, tasks: trained, customTypes: types };
}
