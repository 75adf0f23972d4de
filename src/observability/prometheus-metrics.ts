import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics, MetricsExposition, TurnOutcome } from './metrics.js';

/** Seconds; a turn must answer inside Twilio's 15 s, a webhook inside its 10 s budget. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
const NLU_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * Parley's metrics on a Registry of their own (never prom-client's global one), so several apps
 * in one process (tests, embedders) do not collide. Includes the default process metrics.
 */
export function createPrometheusMetrics(): { metrics: Metrics; exposition: MetricsExposition; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const turnSeconds = new Histogram({
    name: 'parley_turn_duration_seconds', help: 'Dialogue turns by channel and outcome (listen, collect, end, handoff, error, busy, deadline, refused)',
    labelNames: ['channel', 'outcome'] as const, buckets: LATENCY_BUCKETS, registers,
  });
  const replayed = new Counter({
    name: 'parley_turn_replays_total', help: 'Retries of an answered request recognised and answered with the stored reply',
    labelNames: ['channel'] as const, registers,
  });
  const nluSeconds = new Histogram({
    name: 'parley_nlu_query_duration_seconds', help: 'NLU queries (dialogue turns and the Queries resource)',
    labelNames: ['source'] as const, buckets: NLU_BUCKETS, registers,
  });
  const fallbacks = new Counter({
    name: 'parley_nlu_fallbacks_total', help: 'NLU queries that matched no task (fallback)', labelNames: ['source'] as const, registers,
  });
  const webhookSeconds = new Histogram({
    name: 'parley_webhook_duration_seconds', help: 'Calls to customer webhooks (actions_url, redirects, validate, event webhooks) by host',
    labelNames: ['host'] as const, buckets: LATENCY_BUCKETS, registers,
  });
  const webhookErrors = new Counter({
    name: 'parley_webhook_errors_total', help: 'Failed customer webhook calls by host and Twilio error code',
    labelNames: ['host', 'code'] as const, registers,
  });
  const leaseWait = new Histogram({
    name: 'parley_lease_wait_seconds', help: 'Time a turn waited for its conversation (queue and lease), by outcome (granted, busy)',
    labelNames: ['outcome'] as const, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8], registers,
  });
  const builds = new Counter({
    name: 'parley_model_builds_total', help: 'Model builds ended, by status', labelNames: ['status'] as const, registers,
  });
  const eventsDropped = new Counter({
    name: 'parley_event_webhook_dropped_total', help: 'Event webhook deliveries (one webhook, one turn) dropped because too many were waiting', registers,
  });

  const metrics: Metrics = {
    turn: (channel: string, outcome: TurnOutcome, seconds: number) => turnSeconds.observe({ channel, outcome }, seconds),
    turnReplayed: (channel) => replayed.inc({ channel }),
    nluQuery: (source, seconds, fallback) => {
      nluSeconds.observe({ source }, seconds);
      if (fallback) fallbacks.inc({ source });
    },
    webhookCall: (host, seconds, errorCode) => {
      webhookSeconds.observe({ host }, seconds);
      if (errorCode !== null) webhookErrors.inc({ host, code: String(errorCode) });
    },
    leaseWait: (seconds, outcome) => leaseWait.observe({ outcome }, seconds),
    modelBuild: (status) => builds.inc({ status }),
    eventsDropped: () => eventsDropped.inc(),
  };
  return { metrics, exposition: { contentType: registry.contentType, render: () => registry.metrics() }, registry };
}
