/**
 * What Parley measures, as a small interface the core calls (the turn runner, the turn gate, the
 * build jobs); only the HTTP shell knows it is Prometheus (prometheus-metrics.ts). Every method is
 * cheap and never throws.
 */
export interface Metrics {
  /** A turn answered (or refused) on a channel; `outcome` is what the dialogue does next, or why it failed. */
  turn(channel: string, outcome: TurnOutcome, seconds: number): void;
  /** A retry of an answered request got the stored reply (the turn was not run again). */
  turnReplayed(channel: string): void;
  /** One NLU query; `fallback` when no task reached the threshold. */
  nluQuery(source: 'dialogue' | 'query', seconds: number, fallback: boolean): void;
  /** One call to a customer's webhook; `errorCode` is the Twilio error code of a failed call. */
  webhookCall(host: string, seconds: number, errorCode: number | null): void;
  /** How long a turn waited for its conversation (in-process queue plus the store lease), and whether it got it. */
  leaseWait(seconds: number, outcome: LeaseWaitOutcome): void;
  /** A model build ended (`completed` or `failed`). */
  modelBuild(status: string): void;
  /** A turn's events for one event webhook were dropped: too many deliveries were waiting. */
  eventsDropped(): void;
}

/** `deadline`: the channel answered its failure reply at the turn deadline (the turn went on behind it). */
export type TurnOutcome = 'listen' | 'collect' | 'end' | 'handoff' | 'error' | 'busy' | 'deadline' | 'refused';

/** `busy`: the wait ended at the limit and the message was not run. */
export type LeaseWaitOutcome = 'granted' | 'busy';

/** Text exposition of the metrics, for `GET /metrics`. */
export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

/** Measures nothing: the default where no registry is wired (unit tests, embedders). */
export const NO_METRICS: Metrics = {
  turn: () => undefined,
  turnReplayed: () => undefined,
  nluQuery: () => undefined,
  webhookCall: () => undefined,
  leaseWait: () => undefined,
  modelBuild: () => undefined,
  eventsDropped: () => undefined,
};

/** The host of a URL for a metric label (never its credentials, path or query). */
export function metricHost(url: string): string {
  try {
    return new URL(url).host || 'invalid-url';
  } catch {
    return 'invalid-url';
  }
}
