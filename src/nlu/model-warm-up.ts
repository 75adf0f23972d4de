import { withTraining } from '../domain/assistants.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { AssistantRecord } from '../domain/records.js';
import { collections } from '../store/collections.js';
import { listAll } from '../import-export/list-all.js';
import { answerQuery } from './answer-query.js';
import type { ModelCache } from './model-cache.js';
import { modelLanguage } from './nlu-model.js';
import { preloadWordVectors } from './classifier/intent-classifier.js';

export interface WarmUpSummary {
  /** Models loaded and asked one query. */
  readonly models: number;
  /** Assistants with a completed build beyond the cache's size, left to load on first use. */
  readonly skipped: number;
}

/**
 * Load the serving model of each assistant (as many as the cache keeps, in listing order) and answer
 * one throwaway query with each. A model's first query is its slowest by far: reading and parsing the
 * stored model (up to ~14 MB), the classifier's scoring tables and, for English, the word vectors
 * (~0.3 s, read first whether or not a model serves yet); all synchronous work that, left to the first turn, holds up every turn of the process.
 */
export async function warmUpModels(ctx: DomainContext, models: ModelCache): Promise<WarmUpSummary> {
  // Read even when no model serves yet: the first English build of a process's life would pay for them.
  preloadWordVectors();
  const assistants = await listAll((page) => ctx.store.list<AssistantRecord>(collections.assistants(ctx.accountSid), page));
  let warmed = 0;
  let skipped = 0;
  for (const record of assistants) {
    const { sid, latestModelBuildSid: buildSid } = await withTraining(ctx, record);
    if (buildSid === null) continue;
    if (warmed >= models.capacity) {
      skipped += 1;
      continue;
    }
    const model = await models.get(sid, buildSid);
    if (model === null) continue;
    answerQuery(model, {
      text: 'hello',
      fallback: { name: 'fallback', sid: null },
      fallbackThreshold: model.defaultFallbackThreshold,
      recognise: { referenceTime: ctx.now(), timeZone: ctx.timeZone ?? 'UTC', language: modelLanguage(model) },
    });
    warmed += 1;
  }
  return { models: warmed, skipped };
}
