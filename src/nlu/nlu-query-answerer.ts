import { performance } from 'node:perf_hooks';
import type { QueryAnswerer, QueryRequest } from '../domain/queries.js';
import { answerQuery, queryResults } from './answer-query.js';
import type { Metrics } from '../observability/metrics.js';
import type { ModelCache } from './model-cache.js';

/** Answers Queries from the assistant's stored models. */
export class NluQueryAnswerer implements QueryAnswerer {
  constructor(private readonly cache: ModelCache, private readonly metrics?: Pick<Metrics, 'nluQuery'>) {}

  async answer(request: QueryRequest): Promise<Record<string, unknown>> {
    const model = request.modelBuildSid === null ? null : await this.cache.get(request.assistantSid, request.modelBuildSid);
    if (model === null) return { task: null, fields: [], next_best_task: null };
    const started = performance.now();
    const answer = answerQuery(model, {
      text: request.text,
      tasks: request.tasks,
      field: request.field,
      taskNames: request.taskNames,
      fallback: request.fallback,
      fallbackThreshold: request.fallbackThreshold ?? model.defaultFallbackThreshold,
      recognise: { referenceTime: request.referenceTime, timeZone: request.timeZone, language: request.language },
    });
    this.metrics?.nluQuery('query', (performance.now() - started) / 1000, answer.isFallback);
    return queryResults(answer);
  }
}
