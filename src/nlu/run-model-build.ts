import type { DomainContext } from '../domain/domain-context.js';
import { recordBuildProgress } from '../domain/model-builds.js';
import { checkTrainingSet, readTrainingSet, type TrainingSet } from './training-set.js';

/** The stored model of a completed build (the NLU issue grows it; its shape is versioned). */
export interface StoredModel {
  readonly version: 1;
  readonly buildSid: string;
  readonly trainingSet: TrainingSet;
}

export const modelKey = (buildSid: string): string => `model:${buildSid}`;

/**
 * Run one build: `building`, read and check the training data, store the model, then `completed`
 * (the assistant serves it from then on) or `failed` with an error code (the previous model keeps
 * serving).
 */
export async function runModelBuild(ctx: DomainContext, assistantSid: string, buildSid: string): Promise<void> {
  const started = ctx.now().getTime();
  const building = await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'building' });
  if (building === null) return; // deleted while it waited
  const trainingSet = await readTrainingSet(ctx, assistantSid);
  const check = checkTrainingSet(trainingSet);
  const buildDuration = Math.round((ctx.now().getTime() - started) / 1000);
  if (!check.ok) {
    await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'failed', errorCode: check.errorCode, buildDuration });
    return;
  }
  const model: StoredModel = { version: 1, buildSid, trainingSet };
  await ctx.store.putValue(assistantSid, modelKey(buildSid), JSON.stringify(model));
  await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'completed', buildDuration }, trainingSet.trainingVersion);
}
