import type { BuildJob, BuildJobDeps } from './process-build-job.js';
import { callbacksSent, processBuildJob } from './process-build-job.js';
import type { ManagedBuildQueue } from './managed-build-queue.js';

/** Runs builds one after another in this process: the queue of the embedded store. */
export class InProcessBuildQueue implements ManagedBuildQueue {
  private tail: Promise<void> = Promise.resolve();

  private readonly deps: BuildJobDeps;

  constructor(deps: BuildJobDeps) {
    this.deps = { ...deps, callbacks: deps.callbacks ?? new Set() };
  }

  async enqueue(job: BuildJob): Promise<void> {
    this.tail = this.tail.then(async () => {
      try {
        await processBuildJob(this.deps, job);
      } catch (error) {
        this.deps.logger.error({ err: error, ...job }, 'model build crashed');
      }
    });
  }

  async drain(): Promise<void> {
    await this.tail;
    await callbacksSent(this.deps);
  }

  async close(): Promise<void> {
    await this.drain();
  }
}
