import { performance } from 'node:perf_hooks';
import type { RemoteCall, RemoteOutcome } from '../actions/remote/remote-actions-client.js';
import type { RemoteActions } from '../dialogue/effect-performer.js';
import { TurnDeadlineError } from '../dialogue/turn-deadline.js';
import { DialogueBusyError } from '../dialogue/turn-gate.js';
import type { TurnRequest, TurnResult } from '../dialogue/turn-types.js';
import { metricHost, type Metrics, type TurnOutcome } from './metrics.js';
import { ParleyError } from '../errors/error-catalogue.js';

/**
 * A turn runner that records each turn's latency by channel and outcome, and recognised retries
 * (only as retries: no turn ran). Simulator turns count under the channel `simulator`.
 */
export function measuredTurns(run: (request: TurnRequest) => Promise<TurnResult>, metrics: Metrics): (request: TurnRequest) => Promise<TurnResult> {
  return async (request) => {
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    const channel = request.simulated === true ? 'simulator' : request.channel;
    let result: TurnResult;
    try {
      result = await run(request);
    } catch (error) {
      metrics.turn(channel, failedOutcome(error), seconds());
      throw error;
    }
    if (result.replayed === true) metrics.turnReplayed(channel);
    else metrics.turn(channel, result.next.kind, seconds());
    return result;
  };
}

function failedOutcome(error: unknown): TurnOutcome {
  if (error instanceof DialogueBusyError) return 'busy';
  // The client's mistake (a Language the assistant does not speak, an assistant gone): no turn failed.
  if (error instanceof ParleyError && error.status < 500) return 'refused';
  return error instanceof TurnDeadlineError ? 'deadline' : 'error';
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
