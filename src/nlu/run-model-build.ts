import type { DomainContext } from '../domain/domain-context.js';
import { modelKey, recordBuildProgress } from '../domain/model-builds.js';
import { trainNluModel } from './nlu-model.js';
import { checkTrainingSet, readTrainingSet } from './training-set.js';

/**
 * Run one build: `building`, read and check the training data, train and store the model, then
 * `completed` (the assistant serves it from then on) or `failed` with an error code (the previous
 * model keeps serving).
 */
export async function runModelBuild(ctx: DomainContext, assistantSid: string, buildSid: string): Promise<void> {
  const started = Date.now();
  const building = await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'building' });
  if (building === null) return; // deleted while it waited
  const trainingSet = await readTrainingSet(ctx, assistantSid);
  const check = checkTrainingSet(trainingSet);
  const duration = (): number => Math.round((Date.now() - started) / 1000);
  if (!check.ok) {
    await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'failed', errorCode: check.errorCode, buildDuration: duration() });
    return;
  }
  const model = trainNluModel(buildSid, trainingSet);
  await ctx.store.putValue(assistantSid, modelKey(buildSid), JSON.stringify(model));
  const completed = await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'completed', buildDuration: duration() }, trainingSet.trainingVersion);
  // Deleted while it trained: nothing names this model, so it must not stay behind in the store.
  if (completed === null) await ctx.store.deleteValue(assistantSid, modelKey(buildSid));
}
