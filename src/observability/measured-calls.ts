import { performance } from 'node:perf_hooks';
import type { RemoteCall, RemoteOutcome } from '../actions/remote/remote-actions-client.js';
import type { RemoteActions } from '../dialogue/effect-performer.js';
import { DialogueBusyError } from '../dialogue/turn-gate.js';
import type { TurnRequest, TurnResult } from '../dialogue/turn-types.js';
import { metricHost, type Metrics, type TurnOutcome } from './metrics.js';

/** A turn runner that records each turn's latency by channel and outcome, and recognised retries. */
export function measuredTurns(run: (request: TurnRequest) => Promise<TurnResult>, metrics: Metrics): (request: TurnRequest) => Promise<TurnResult> {
  return async (request) => {
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    let result: TurnResult;
    try {
      result = await run(request);
    } catch (error) {
      const outcome: TurnOutcome = error instanceof DialogueBusyError ? 'busy' : 'error';
      metrics.turn(request.channel, outcome, seconds());
      throw error;
    }
    metrics.turn(request.channel, result.next.kind, seconds());
    if (result.replayed === true) metrics.turnReplayed(request.channel);
    return result;
  };
}

/** Customer webhook calls with their latency by host, and failures by host and error code. */
export function measuredRemote(remote: RemoteActions, metrics: Metrics): RemoteActions {
  return {
    async call(call: RemoteCall): Promise<RemoteOutcome> {
      const outcome = await remote.call(call);
      metrics.webhookCall(metricHost(call.url), outcome.durationMs / 1000, outcome.ok ? null : outcome.error.code);
      return outcome;
    },
  };
}
