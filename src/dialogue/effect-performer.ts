import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { autopilotRequestParams, dialoguePayloadUrl } from '../actions/remote/autopilot-request.js';
import type { RemoteCall, RemoteOutcome } from '../actions/remote/remote-actions-client.js';
import type { DomainContext } from '../domain/domain-context.js';
import { shareLiveMemory } from '../domain/dialogues.js';
import { dialogueQueryLog } from '../domain/queries.js';
import type { Assistant } from '../domain/records.js';
import { builtInFieldType } from '../domain/built-in-field-types.js';
import { turnCatalogue, type CatalogueEntry } from '../domain/turn-catalogue.js';
import { answerQuery, queryResults } from '../nlu/answer-query.js';
import { recogniseAnswer } from '../nlu/fields/field-recognition.js';
import type { NluModel } from '../nlu/nlu-model.js';
import type { Metrics } from '../observability/metrics.js';
import type { LogInsert } from '../store/record-store.js';
import { readFieldTypes } from '../nlu/training-set.js';
import type { DialogueContext, Effect } from './dialogue-context.js';
import { DIALOGUE_ERRORS } from './dialogue-errors.js';
import type { DialogueEvent } from './dialogue-machine.js';
import { taskOf } from './targets.js';
import type { TurnTrace } from './turn-types.js';
import { requestLogger, type RequestContext } from '../logging/request-context.js';

/** Calls to customers' webhooks, as the runtime sees them. */
export interface RemoteActions {
  call(call: RemoteCall): Promise<RemoteOutcome>;
}

export interface EffectDeps {
  readonly ctx: DomainContext;
  readonly remote: RemoteActions;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'nluQuery'>;
}

export type WebhookRecord = TurnTrace['webhooks'][number];

/** What the performer knows about this turn beyond the machine's context. */
export interface TurnEnvironment {
  readonly assistant: Assistant;
  /** The turn catalogue's entry of `assistant`, where the tasks turns ask for are kept. */
  readonly catalogue: CatalogueEntry;
  readonly model: NluModel | null;
  readonly language: string;
  readonly timeZone: string;
  /** Every customer webhook call of the turn is recorded here, for the trace. */
  readonly webhooks: WebhookRecord[];
  /**
   * Records the turn adds to logs (its Query log), saved with the turn's commit and only with it:
   * one Redis call per turn (or per group of turns) instead of one more per query, and no Query
   * for a turn that is not saved (docs/dialogue.md).
   */
  readonly logs: LogInsert[];
  /** The request the turn serves: its warnings go to that request's logger (made only when one is written). */
  readonly requestContext?: RequestContext;
  /** Set once the turn has shared its memory with a webhook (`shareLiveMemory`), so its commit clears it. */
  sharedLive?: boolean;
}

/** The name a fallback reached by URL goes by in webhook requests and in the Query log. */
const FALLBACK_TASK = 'fallback';

/** Do the work an effect asks for and answer with the event the machine expects. Never throws for a customer's fault. */
export async function performEffect(deps: EffectDeps, env: TurnEnvironment, context: DialogueContext, effect: Effect): Promise<DialogueEvent> {
  switch (effect.kind) {
    case 'understand':
      return understand(deps, env, context, effect.text, effect.tasks);
    case 'resolve': {
      const task = taskOf(effect.target);
      if (task !== null) return resolveTask(deps, env, context, task);
      // A fallback that is a URL is reported as the fallback task (Autopilot's Functions saw CurrentTask=fallback), not as the task before it.
      const asTask = effect.purpose === 'fallback' ? { ...context, currentTask: FALLBACK_TASK } : context;
      const outcome = await callRemote(deps, env, asTask, { url: effect.target.uri, method: effect.target.method, expect: 'actions' }, effect.purpose, null);
      return outcome.ok && outcome.kind === 'actions'
        ? { type: 'RESOLVED', task: effect.purpose === 'fallback' ? FALLBACK_TASK : null, document: outcome.document }
        : { type: 'RESOLVE_FAILED', problem: problemOf(outcome) };
    }
    case 'recognise': {
      // Without a model (a collect-only bot has no samples to build from) the types come from the store.
      const types = env.model?.customTypes
        ?? (await readFieldTypes(deps.ctx, env.assistant.sid)).map((t) => ({ name: t.uniqueName, values: t.values }));
      const customTypes = new Map(types.map((t) => [t.name, t]));
      const known = builtInFieldType(effect.type) !== undefined || [...customTypes.keys()].some((name) => name.toLowerCase() === effect.type.toLowerCase());
      if (!known) {
        // A type nobody can recognise must not trap the user in the question: take the answer as said.
        return { type: 'RECOGNISED', value: effect.text.trim(), problem: { code: DIALOGUE_ERRORS.INVALID_COLLECT_TYPE, message: `unknown field type ${effect.type}; answer taken as free text` } };
      }
      const value = recogniseAnswer(effect.type, effect.text, customTypes, { referenceTime: deps.ctx.now(), timeZone: env.timeZone, language: env.language });
      return { type: 'RECOGNISED', value: value?.value ?? null };
    }
    case 'validate': {
      const extra = { ValidateFieldAnswer: effect.answer, ValidateFieldName: effect.question, ...(effect.type ? { ValidateFieldType: effect.type } : {}) };
      const outcome = await callRemote(deps, env, context, { url: effect.url, method: effect.method, expect: 'validation' }, 'validate', extra);
      if (outcome.ok && outcome.kind === 'validation') return { type: 'VALIDATED', valid: outcome.valid };
      return { type: 'VALIDATED', valid: false, problem: problemOf(outcome) };
    }
  }
}

async function understand(deps: EffectDeps, env: TurnEnvironment, context: DialogueContext, text: string, tasks?: readonly string[]): Promise<DialogueEvent> {
  if (env.model === null) {
    return { type: 'UNDERSTOOD', understanding: { task: null, confidence: 0, probability: 0, nextBestTask: null, fields: [], isFallback: true } };
  }
  const taskNames = await turnCatalogue(deps.ctx).taskNames(env.catalogue);
  const started = performance.now();
  const answer = answerQuery(env.model, {
    text, ...(tasks === undefined ? {} : { tasks }), taskNames,
    fallback: { name: FALLBACK_TASK, sid: null },
    fallbackThreshold: env.assistant.fallbackThreshold ?? env.model.defaultFallbackThreshold,
    recognise: { referenceTime: deps.ctx.now(), timeZone: env.timeZone, language: env.language },
  });
  deps.metrics?.nluQuery('dialogue', (performance.now() - started) / 1000, answer.isFallback);
  const logged = dialogueQueryLog(deps.ctx, env.assistant, {
    language: env.language, text, results: queryResults(answer), modelBuildSid: env.model.buildSid,
    dialogueSid: context.dialogueSid, sourceChannel: context.channelName,
  });
  if (logged !== null) env.logs.push(logged);
  const understanding = {
    task: answer.isFallback ? null : answer.task.name, confidence: answer.confidence, probability: answer.probability,
    nextBestTask: answer.nextBestTask, fields: answer.fields, isFallback: answer.isFallback,
  };
  // The task the machine will ask for next: with static actions (the usual case), they go with the answer.
  const task = understanding.task === null ? null : await turnCatalogue(deps.ctx).task(env.catalogue, understanding.task);
  return task === null || task.actionsUrl !== null ? { type: 'UNDERSTOOD', understanding } : { type: 'UNDERSTOOD', understanding, taskActions: task.actions };
}

/** A task's static actions, or its `actions_url` answer (called with the task as CurrentTask). */
async function resolveTask(deps: EffectDeps, env: TurnEnvironment, context: DialogueContext, name: string): Promise<DialogueEvent> {
  const task = await turnCatalogue(deps.ctx).task(env.catalogue, name);
  if (task === null) return { type: 'RESOLVE_FAILED', problem: { code: DIALOGUE_ERRORS.UNKNOWN_TASK, message: `no task named "${name}"` } };
  if (task.actionsUrl === null) return { type: 'RESOLVED', task: task.uniqueName, document: task.actions };
  const outcome = await callRemote(deps, env, { ...context, currentTask: task.uniqueName }, { url: task.actionsUrl, method: 'POST', expect: 'actions' }, 'actions_url', null);
  return outcome.ok && outcome.kind === 'actions'
    ? { type: 'RESOLVED', task: task.uniqueName, document: outcome.document }
    : { type: 'RESOLVE_FAILED', problem: problemOf(outcome) };
}

async function callRemote(
  deps: EffectDeps, env: TurnEnvironment, context: DialogueContext,
  call: Omit<RemoteCall, 'params'>, purpose: string, extra: Record<string, string> | null,
): Promise<RemoteOutcome> {
  const trace = context.turn!.trace;
  const params = autopilotRequestParams({
    accountSid: deps.ctx.accountSid,
    assistantSid: env.assistant.sid,
    dialogueSid: context.dialogueSid,
    userIdentifier: context.userIdentifier,
    currentInput: context.turn!.currentInput,
    currentTask: context.currentTask ?? '',
    currentTaskConfidence: trace.confidence,
    nextBestTask: trace.nextBestTask,
    fields: trace.fields,
    dialoguePayloadUrl: dialoguePayloadUrl(deps.publicBaseUrl, env.assistant.sid, context.dialogueSid),
    memory: context.memory,
    channel: context.channelName,
    ...(extra === null ? {} : { extra }),
  }, call.method);
  // Not awaited: the write leaves before the webhook request does, and the webhook can only ask
  // for the Dialogue after it has the request; a failed write only costs that fetch its freshness.
  env.sharedLive = true;
  shareLiveMemory(deps.ctx, env.assistant.sid, context.dialogueSid, context.memory).catch((error: unknown) => {
    requestLogger(deps.logger, env.requestContext).debug({ err: error }, 'could not share the in-flight memory');
  });
  const outcome = await deps.remote.call({ ...call, params });
  env.webhooks.push({
    url: call.url, method: call.method, purpose, status: outcome.status, ok: outcome.ok, durationMs: Math.round(outcome.durationMs),
    ...(outcome.ok ? {} : { code: outcome.error.code }),
    ...(context.currentTask === null ? {} : { task: context.currentTask }), step: trace.steps?.length ?? 0,
  });
  if (!outcome.ok) requestLogger(deps.logger, env.requestContext).warn({ code: outcome.error.code, purpose, host: safeHost(call.url), status: outcome.status }, outcome.error.message);
  return outcome;
}

function problemOf(outcome: RemoteOutcome): { code: number; message: string } {
  return outcome.ok ? { code: 90100, message: 'unexpected webhook answer' } : outcome.error;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}
