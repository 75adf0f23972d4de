import type { DomainContext } from '../domain/domain-context.js';
import type { FieldRecord, FieldTypeRecord, FieldValueRecord, SampleRecord, TaskRecord } from '../domain/records.js';
import { META, collections } from '../store/collections.js';
import type { CollectionRef, StoredRecord } from '../store/record-store.js';

/** Everything a model is trained from, as one serialisable value. */
export interface TrainingSet {
  readonly assistantSid: string;
  /** The assistant's training version this set was read at. */
  readonly trainingVersion: number;
  readonly tasks: ReadonlyArray<{
    readonly sid: string;
    readonly uniqueName: string;
    readonly fields: ReadonlyArray<{ readonly uniqueName: string; readonly fieldType: string }>;
    readonly samples: ReadonlyArray<{ readonly language: string; readonly taggedText: string }>;
  }>;
  readonly fieldTypes: ReadonlyArray<{
    readonly uniqueName: string;
    readonly values: ReadonlyArray<{ readonly language: string; readonly value: string; readonly synonymOf: string | null }>;
  }>;
}

export type TrainingCheck = { readonly ok: true } | { readonly ok: false; readonly errorCode: number; readonly reason: string };

async function readAll<T extends StoredRecord>(ctx: DomainContext, ref: CollectionRef): Promise<T[]> {
  return (await ctx.store.list<T>(ref, { limit: Number.MAX_SAFE_INTEGER })).items;
}

export async function readTrainingSet(ctx: DomainContext, assistantSid: string): Promise<TrainingSet> {
  const trainingVersion = Number((await ctx.store.readMeta(assistantSid))[META.trainingVersion] ?? 0);
  const tasks = await Promise.all((await readAll<TaskRecord>(ctx, collections.tasks(assistantSid))).map(async (task) => ({
    sid: task.sid,
    uniqueName: task.uniqueName,
    fields: (await readAll<FieldRecord>(ctx, collections.fields(assistantSid, task.sid)))
      .map((f) => ({ uniqueName: f.uniqueName, fieldType: f.fieldType })),
    samples: (await readAll<SampleRecord>(ctx, collections.samples(assistantSid, task.sid)))
      .map((s) => ({ language: s.language, taggedText: s.taggedText })),
  })));
  const fieldTypes = await readFieldTypes(ctx, assistantSid);
  return { assistantSid, trainingVersion, tasks, fieldTypes };
}

/** The assistant's custom field types with their values (synonyms by canonical value text). */
export async function readFieldTypes(ctx: DomainContext, assistantSid: string): Promise<TrainingSet['fieldTypes']> {
  return Promise.all((await readAll<FieldTypeRecord>(ctx, collections.fieldTypes(assistantSid))).map(async (type) => {
    const values = await readAll<FieldValueRecord>(ctx, collections.fieldValues(assistantSid, type.sid));
    const bySid = new Map(values.map((v) => [v.sid, v.value]));
    return {
      uniqueName: type.uniqueName,
      values: values.map((v) => ({ language: v.language, value: v.value, synonymOf: v.synonymOf === null ? null : bySid.get(v.synonymOf) ?? null })),
    };
  }));
}

/** Error codes of failed builds (Autopilot's were undocumented; ours are listed in docs/errors.md). */
export const BUILD_ERRORS = { NO_SAMPLES: 90200, UNKNOWN_FIELD_TAG: 90201, TRAINING_FAILED: 90202 } as const;

const TAG = /\{([^{}]+)\}/g;

/** A build fails when nothing can be learnt, or a sample tags a field its task does not have. */
export function checkTrainingSet(set: TrainingSet): TrainingCheck {
  if (set.tasks.every((t) => t.samples.length === 0)) {
    return { ok: false, errorCode: BUILD_ERRORS.NO_SAMPLES, reason: 'no task has samples' };
  }
  for (const task of set.tasks) {
    const fields = new Set(task.fields.map((f) => f.uniqueName));
    for (const sample of task.samples) {
      for (const [, tag] of sample.taggedText.matchAll(TAG)) {
        if (!fields.has(tag!.trim())) {
          return {
            ok: false,
            errorCode: BUILD_ERRORS.UNKNOWN_FIELD_TAG,
            reason: `a sample of task ${task.uniqueName} tags {${tag}}, which is not one of its fields`,
          };
        }
      }
    }
  }
  return { ok: true };
}
