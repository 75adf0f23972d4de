import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { ManagedBuildQueue } from './managed-build-queue.js';
import { recordBuildProgress } from '../../domain/model-builds.js';
import type { ModelBuildRecord } from '../../domain/records.js';
import { collections } from '../../store/collections.js';
import { BUILD_ERRORS } from '../training-set.js';
import { callbacksSent, processBuildJob, type BuildJob, type BuildJobDeps } from './process-build-job.js';

const QUEUE_NAME = 'model-builds';
/** Runs of one build at most: 2, 4, 8, 16, 32 s apart, so a store away for a minute does not leave it unfinished. */
const BUILD_ATTEMPTS = 6;

/** A build whose every attempt failed ends `failed` (90202), so it never stays `enqueued` or `building`. */
async function markFailed(deps: BuildJobDeps, job: BuildJob): Promise<void> {
  const build = await deps.ctx.store.get<ModelBuildRecord>(collections.modelBuilds(job.assistantSid), job.buildSid);
  if (build === null || build.status === 'completed' || build.status === 'failed') return;
  const failed = await recordBuildProgress(deps.ctx, job.assistantSid, job.buildSid, { status: 'failed', errorCode: BUILD_ERRORS.TRAINING_FAILED });
  if (failed !== null) deps.metrics?.modelBuild('failed');
}

/**
 * Builds as jobs on a BullMQ queue in Redis: any Parley process may take a build, and every process
 * serves the completed model from the store. Each process runs one worker, one build at a time.
 */
export class BullMqBuildQueue implements ManagedBuildQueue {
  private readonly connection: Redis;
  private readonly queue: Queue<BuildJob>;
  private readonly worker: Worker<BuildJob>;
  /** Builds this process enqueued that have not finished yet (any process may run them). */
  private readonly pending = new Set<string>();
  private readonly deps: BuildJobDeps;

  constructor(redisUrl: string, queuePrefix: string, jobDeps: BuildJobDeps) {
    const deps = { ...jobDeps, callbacks: jobDeps.callbacks ?? new Set<Promise<void>>() };
    this.deps = deps;
    // Workers block on Redis, so BullMQ needs its own connection that retries without limit.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue<BuildJob>(QUEUE_NAME, { connection: this.connection, prefix: queuePrefix });
    this.worker = new Worker<BuildJob>(QUEUE_NAME, async (job) => processBuildJob(deps, job.data),
      { connection: this.connection, prefix: queuePrefix, concurrency: 1 });
    this.worker.on('failed', (job, error) => {
      if (job === undefined) return;
      const retried = job.attemptsMade < (job.opts.attempts ?? 1);
      deps.logger[retried ? 'warn' : 'error']({ err: error.message, ...job.data, attempt: job.attemptsMade }, retried ? 'model build interrupted; it runs again' : 'model build crashed');
      // The last attempt: the build ends failed rather than staying `building` (best effort; the store may still be away).
      if (!retried) void markFailed(deps, job.data).catch(() => undefined);
    });
    // Connection trouble is reported once per source as a warning; the store's own errors say the rest.
    this.worker.on('error', (error) => deps.logger.warn({ err: error.message }, 'model build worker error'));
    this.queue.on('error', (error) => deps.logger.warn({ err: error.message }, 'model build queue error'));
    this.connection.on('error', (error: Error) => deps.logger.debug({ err: error.message }, 'model build queue connection error'));
  }

  async enqueue(job: BuildJob): Promise<void> {
    // A build cut short by the store going away (it reads the training data and writes the model there) runs again
    // once the store is back: a few attempts over about two minutes.
    await this.queue.add('build', job, {
      jobId: job.buildSid, removeOnComplete: 1000, removeOnFail: 1000, attempts: BUILD_ATTEMPTS, backoff: { type: 'exponential', delay: 2_000 },
    });
    this.pending.add(job.buildSid);
  }

  /** Waits (bounded) until every build this process enqueued has finished, wherever it ran. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      for (const id of [...this.pending]) {
        const state = await this.queue.getJobState(id);
        if (state === 'completed' || state === 'failed' || state === 'unknown') this.pending.delete(id);
      }
      if (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // This process's callbacks only: a build another process ran sends its own.
    await callbacksSent(this.deps);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await callbacksSent(this.deps);
    await this.queue.close();
    this.connection.disconnect();
  }
}
