import type { DomainContext } from '../domain/domain-context.js';
import type { QueryAnswerer, QueryRequest } from '../domain/queries.js';
import { modelKey, type StoredModel } from './run-model-build.js';

/** Below this score no task is claimed and the query reports `fallback`. */
const MIN_SCORE = 0.34;

const tokens = (text: string): string[] =>
  text.normalize('NFKC').toLowerCase().replace(/\{[^{}]*\}/g, ' ').match(/[\p{L}\p{N}']+/gu) ?? [];

/** Dice overlap of two token sets, in [0, 1]. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * The first query answerer: each task scores its best sample's token overlap with the query.
 * It gives real, deterministic answers from the build's training data until the NLU issue
 * replaces it with a trained classifier.
 */
export class SampleOverlapAnswerer implements QueryAnswerer {
  constructor(private readonly ctx: DomainContext) {}

  async answer(request: QueryRequest): Promise<Record<string, unknown>> {
    const empty = { task: null, fields: [], next_best_task: null };
    if (request.modelBuildSid === null) return empty;
    const raw = await this.ctx.store.getValue(request.assistantSid, modelKey(request.modelBuildSid));
    if (raw === null) return empty;
    const model = JSON.parse(raw) as StoredModel;
    const query = new Set(tokens(request.text));
    const allowed = request.tasks === undefined || request.tasks.length === 0 ? null : new Set(request.tasks);
    const ranked = model.trainingSet.tasks
      .filter((task) => allowed === null || allowed.has(task.uniqueName))
      .map((task) => ({
        task,
        score: Math.max(0, ...task.samples.map((s) => overlap(query, new Set(tokens(s.taggedText))))),
      }))
      .sort((a, b) => b.score - a.score || a.task.uniqueName.localeCompare(b.task.uniqueName));
    const [best, second] = ranked;
    if (best === undefined || best.score < MIN_SCORE) {
      return { task: { name: 'fallback', task_sid: null, confidence: 0 }, fields: [], next_best_task: best?.task.uniqueName ?? null };
    }
    // Autopilot's confidence is the margin of the best task over the runner-up.
    const confidence = second === undefined || second.score === 0 ? 1 : (best.score - second.score) / best.score;
    return {
      task: { name: best.task.uniqueName, task_sid: best.task.sid, confidence: Math.round(confidence * 1000) / 1000 },
      fields: [],
      next_best_task: second !== undefined && second.score >= MIN_SCORE ? second.task.uniqueName : null,
    };
  }
}
