import type { DomainContext } from '../domain/domain-context.js';
import { modelKey, recordBuildProgress } from '../domain/model-builds.js';
import { trainNluModel } from './nlu-model.js';
import { BUILD_ERRORS, checkTrainingSet, readTrainingSet, type TrainingSet } from './training-set.js';

/** Trains one model: the stored form (JSON) of the model of `set`. */
export type TrainModel = (buildSid: string, set: TrainingSet) => Promise<string>;

/** Training on the calling thread: for one-off tools (the CLI), which serve no turns meanwhile. */
export const trainInThisThread: TrainModel = async (buildSid, set) => JSON.stringify(trainNluModel(buildSid, set));

export interface BuildOutcome {
  /** Why training itself failed (the build is then `failed` with 90202), for the log. */
  readonly trainingError?: string;
}

/**
 * Run one build: `building`, read and check the training data, train and store the model, then
 * `completed` (the assistant serves it from then on) or `failed` with an error code (the previous
 * model keeps serving).
 */
export async function runModelBuild(ctx: DomainContext, assistantSid: string, buildSid: string, train: TrainModel = trainInThisThread): Promise<BuildOutcome> {
  const started = Date.now();
  const building = await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'building' });
  if (building === null) return {}; // deleted while it waited
  const trainingSet = await readTrainingSet(ctx, assistantSid);
  const check = checkTrainingSet(trainingSet);
  const duration = (): number => Math.round((Date.now() - started) / 1000);
  if (!check.ok) {
    await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'failed', errorCode: check.errorCode, buildDuration: duration() });
    return {};
  }
  let model: string;
  try {
    model = await train(buildSid, trainingSet);
  } catch (error) {
    await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'failed', errorCode: BUILD_ERRORS.TRAINING_FAILED, buildDuration: duration() });
    return { trainingError: (error as Error).message };
  }
  await ctx.store.putValue(assistantSid, modelKey(buildSid), model);
  const completed = await recordBuildProgress(ctx, assistantSid, buildSid, { status: 'completed', buildDuration: duration() }, trainingSet.trainingVersion);
  // Deleted while it trained: nothing names this model, so it must not stay behind in the store.
  if (completed === null) await ctx.store.deleteValue(assistantSid, modelKey(buildSid));
  return {};
}
