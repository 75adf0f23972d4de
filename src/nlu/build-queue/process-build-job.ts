import type { Logger } from 'pino';
import type { DomainContext } from '../../domain/domain-context.js';
import type { ModelBuildRecord } from '../../domain/records.js';
import { collections } from '../../store/collections.js';
import type { Metrics } from '../../observability/metrics.js';
import type { OutboundPolicy } from '../../outbound/outbound-policy.js';
import { postSignedForm } from '../../outbound/signed-form-post.js';
import { runModelBuild, type TrainModel } from '../run-model-build.js';

export interface BuildJob {
  readonly assistantSid: string;
  readonly buildSid: string;
}

export interface BuildJobDeps {
  readonly ctx: DomainContext;
  readonly authToken: string;
  readonly logger: Logger;
  readonly callbackTimeoutMs?: number;
  readonly policy: OutboundPolicy;
  readonly metrics?: Pick<Metrics, 'modelBuild'>;
  /** Where models are trained (a TrainingThread's `train` in a server); absent, on the calling thread. */
  readonly train?: TrainModel;
  /** Status callbacks on their way: the queue's drain waits for them, the next build does not. */
  readonly callbacks?: Set<Promise<void>>;
}

/**
 * Run a build, then tell its `StatusCallback` how it ended (a failed callback never fails the build).
 * The callback is not waited for: a slow or dead callback host would hold every other assistant's
 * build behind it for the whole callback timeout.
 */
export async function processBuildJob(deps: BuildJobDeps, job: BuildJob): Promise<void> {
  // A build run again after an interruption (the store went away) that had already ended is not trained again.
  const before = await deps.ctx.store.get<ModelBuildRecord>(collections.modelBuilds(job.assistantSid), job.buildSid);
  if (before === null || before.status === 'completed' || before.status === 'failed') return;
  const { trainingError } = await runModelBuild(deps.ctx, job.assistantSid, job.buildSid, deps.train);
  if (trainingError !== undefined) deps.logger.error({ ...job, err: trainingError }, 'model training failed');
  const build = await deps.ctx.store.get<ModelBuildRecord>(collections.modelBuilds(job.assistantSid), job.buildSid);
  if (build !== null) deps.metrics?.modelBuild(build.status);
  if (build?.statusCallback) {
    const sent = sendStatusCallback(deps, build);
    deps.callbacks?.add(sent);
    void sent.finally(() => deps.callbacks?.delete(sent));
  }
}

/** Waits for the status callbacks on their way (each is bounded by its own timeout). */
export async function callbacksSent(deps: BuildJobDeps): Promise<void> {
  await Promise.all([...(deps.callbacks ?? [])]);
}

/** The callback's form (Autopilot's was never documented; docs/nlu.md lists ours). */
export function statusCallbackParams(accountSid: string, build: ModelBuildRecord): Record<string, string> {
  return {
    AccountSid: accountSid,
    AssistantSid: build.assistantSid,
    ModelBuildSid: build.sid,
    UniqueName: build.uniqueName,
    Status: build.status,
    BuildDuration: String(build.buildDuration ?? 0),
    ...(build.errorCode === null ? {} : { ErrorCode: String(build.errorCode) }),
  };
}

async function sendStatusCallback(deps: BuildJobDeps, build: ModelBuildRecord): Promise<void> {
  const url = build.statusCallback!;
  try {
    const { status } = await postSignedForm(url, statusCallbackParams(deps.ctx.accountSid, build), {
      authToken: deps.authToken,
      timeoutMs: deps.callbackTimeoutMs ?? 10_000,
      policy: deps.policy,
    });
    if (status >= 400) deps.logger.warn({ buildSid: build.sid, status, host: new URL(url).host }, 'model build status callback refused');
  } catch (error) {
    deps.logger.warn({ buildSid: build.sid, err: (error as Error).message, host: new URL(url).host }, 'model build status callback failed');
  }
}
