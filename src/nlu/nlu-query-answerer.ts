import type { QueryAnswerer, QueryRequest } from '../domain/queries.js';
import { answerQuery, queryResults } from './answer-query.js';
import type { ModelCache } from './model-cache.js';

/** Answers Queries from the assistant's stored models. */
export class NluQueryAnswerer implements QueryAnswerer {
  constructor(private readonly cache: ModelCache) {}

  async answer(request: QueryRequest): Promise<Record<string, unknown>> {
    const model = request.modelBuildSid === null ? null : await this.cache.get(request.assistantSid, request.modelBuildSid);
    if (model === null) return { task: null, fields: [], next_best_task: null };
    return queryResults(answerQuery(model, {
      text: request.text,
      tasks: request.tasks,
      field: request.field,
      fallback: request.fallback,
      fallbackThreshold: request.fallbackThreshold ?? model.defaultFallbackThreshold,
      recognise: { referenceTime: request.referenceTime, timeZone: request.timeZone, language: request.language },
    }));
  }
}
