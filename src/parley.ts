import type { Express } from 'express';
import type { Logger } from 'pino';
import { RemoteActionsClient } from './actions/remote/remote-actions-client.js';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { DEFAULT_DIALOGUE_LIMITS, endConversation, runTurn } from './dialogue/dialogue-runner.js';
import { InFlightTurns } from './dialogue/in-flight-turns.js';
import { TURN_DEADLINE_MS, withDeadline } from './dialogue/turn-deadline.js';
import { TurnGate, type TurnGateOptions } from './dialogue/turn-gate.js';
import type { TurnRequest, TurnResult } from './dialogue/turn-types.js';
import type { DomainContext } from './domain/domain-context.js';
import { BullMqBuildQueue } from './nlu/build-queue/bullmq-build-queue.js';
import { InProcessBuildQueue } from './nlu/build-queue/in-process-build-queue.js';
import { TrainingThread } from './nlu/build-queue/training-thread.js';
import type { ManagedBuildQueue } from './nlu/build-queue/managed-build-queue.js';
import { ModelCache } from './nlu/model-cache.js';
import { warmUpModels, type WarmUpSummary } from './nlu/model-warm-up.js';
import { NluQueryAnswerer } from './nlu/nlu-query-answerer.js';
import { annotateRequest } from './logging/request-context.js';
import { measuredRemote, measuredTurns } from './observability/measured-calls.js';
import type { Metrics } from './observability/metrics.js';
import { createPrometheusMetrics } from './observability/prometheus-metrics.js';
import type { RecordStore } from './store/record-store.js';
import { OutboundPolicy } from './outbound/outbound-policy.js';
import { EventWebhookSender } from './dialogue-events/event-webhook-sender.js';
import type { ConversationEndReason } from './channels/channel-deps.js';
import { queuePrefix } from './store/redis/redis-keys.js';

export interface Parley {
  readonly app: Express;
  readonly ctx: DomainContext;
  readonly builds: ManagedBuildQueue;
  /** Run one dialogue turn (what every channel does after parsing its webhook). */
  runTurn(request: TurnRequest): Promise<TurnResult>;
  /** Finish builds in hand and let go of the queue and webhook connections (the store is the caller's to close). */
  close(): Promise<void>;
  /** From now on `/readyz` answers 503 (shutting down), so load balancers stop sending traffic. */
  markDraining(): void;
  /**
   * Load the assistants' serving models and answer one throwaway query with each, so that no turn
   * pays for a model's first use; `/readyz` answers 503 (loading models) until it ends. A store
   * that fails meanwhile ends it early (logged): the models then load on first use.
   */
  warmUp(after?: Promise<unknown>): Promise<WarmUpSummary | null>;
  /** The metrics the core records (also served at `/metrics`). */
  readonly metrics: Metrics;
}

/** Knobs for embedders and tests; every one defaults to the production value. */
export interface ParleyOptions {
  /** Budget of one customer webhook call (design.md §3: 10 000 ms). */
  readonly webhookTimeoutMs?: number;
  /** When a channel answers its failure reply to a turn still running (TURN_DEADLINE_MS). */
  readonly turnDeadlineMs?: number;
  /** The turn gate's knobs (DEFAULT_TURN_GATE). */
  readonly turnGate?: Partial<TurnGateOptions>;
  /** Reach only `OUTBOUND_ALLOW_PRIVATE`'s hosts, for this reason (conversation specs run offline). */
  readonly outboundOnlyAllowed?: { readonly reason: string; readonly origins?: readonly string[] };
}

/**
 * Wire Parley's parts over a store; main.ts and the integration tests share it. With Redis
 * configured, model builds go through a queue in Redis that every process works on.
 */
export function createParley(config: Config, store: RecordStore, logger: Logger, now: () => Date = () => new Date(), options: ParleyOptions = {}): Parley {
  const ctx: DomainContext = { store, accountSid: config.accountSid, now, timeZone: config.timeZone };
  const policy = new OutboundPolicy(config.outboundAllowPrivate, options.outboundOnlyAllowed ?? null);
  // A registry per app, never prom-client's global one: tests and embedders may run several apps.
  const prometheus = createPrometheusMetrics();
  const metrics = prometheus.metrics;
  let draining = false;
  let warming = false;
  const training = new TrainingThread();
  const jobDeps = { ctx, authToken: config.authToken, logger, policy, metrics, train: training.train };
  const builds: ManagedBuildQueue = config.redisUrl === undefined
    ? new InProcessBuildQueue(jobDeps)
    : new BullMqBuildQueue(config.redisUrl, queuePrefix(config.redisKeyPrefix), jobDeps);
  const models = new ModelCache(store);
  const webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
  const clientOptions = { authToken: config.authToken, timeoutMs: webhookTimeoutMs, maxResponseBytes: 16 * 1024, policy };
  const remote = new RemoteActionsClient(clientOptions);
  const gate = new TurnGate(ctx, options.turnGate, metrics);
  const deadlineMs = options.turnDeadlineMs ?? TURN_DEADLINE_MS;
  const limits = { ...DEFAULT_DIALOGUE_LIMITS, listenWindowSeconds: config.listenWindowSeconds };
  const measured = measuredRemote(remote, metrics);
  // Event webhooks have a pool of their own: a hanging one on the host of the bot's actions_url (every
  // Twilio Function of a service shares one domain) must not take the sockets turns fetch Actions on.
  const eventRemote = new RemoteActionsClient({ ...clientOptions, connectionsPerOrigin: 16 });
  const events = new EventWebhookSender(measuredRemote(eventRemote, metrics), logger, { accountSid: config.accountSid, publicBaseUrl: config.publicBaseUrl, now, metrics });
  const runnerDeps = { ctx, models, remote: measured, publicBaseUrl: config.publicBaseUrl, logger, limits, metrics, events };
  const inFlight = new InFlightTurns();
  // The deadline inside the measurement, so a turn answered with the apology counts as `deadline`.
  const turn = measuredTurns(async (request: TurnRequest): Promise<TurnResult> => {
    annotateRequest(request.requestContext, { assistantSid: request.assistantSid });
    const running = inFlight.run(request, () => runTurn(runnerDeps, gate, request));
    const result = request.deadline === true ? await withDeadline(running, deadlineMs) : await running;
    annotateRequest(request.requestContext, { dialogueSid: result.dialogueSid });
    return result;
  }, metrics);
  const app = createApp({
    config, store, ctx, builds, nlu: new NluQueryAnswerer(models, metrics), logger, runTurn: turn,
    endConversation: (assistantSid: string, conversation: string, reason: ConversationEndReason) => endConversation(gate, assistantSid, conversation, { deps: runnerDeps, reason }),
    metrics: prometheus.exposition, notReadyReason: () => (draining ? 'shutting down' : warming ? 'loading models' : null),
  });
  return {
    app,
    ctx,
    builds,
    runTurn: turn,
    metrics,
    markDraining() {
      draining = true;
    },
    async warmUp(after?: Promise<unknown>) {
      warming = true;
      const started = performance.now();
      try {
        // e.g. the demo's first build: its model is what there is to load.
        await after?.catch(() => undefined);
        const summary = await warmUpModels(ctx, models);
        logger.info({ ...summary, ms: Math.round(performance.now() - started) }, 'models loaded');
        return summary;
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'loading models failed; they load on first use');
        return null;
      } finally {
        warming = false;
      }
    },
    async close() {
      // Builds in hand, and the events of turns already answered, finish side by side within the caller's bound.
      await Promise.all([
        (async () => {
          await builds.drain();
          await builds.close();
          await training.close();
        })(),
        events.drain(webhookTimeoutMs),
      ]);
      await Promise.all([remote.close(), eventRemote.close()]);
    },
  };
}
