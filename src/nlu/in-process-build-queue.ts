import type { Logger } from 'pino';
import type { DomainContext } from '../domain/domain-context.js';
import type { BuildQueue } from '../domain/model-builds.js';
import { runModelBuild } from './run-model-build.js';

/**
 * Runs builds one after another in this process. Enough for one process; the NLU issue moves
 * builds to a queue in Redis so any process can build.
 */
export class InProcessBuildQueue implements BuildQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: DomainContext, private readonly logger: Logger) {}

  async enqueue(job: { readonly assistantSid: string; readonly buildSid: string }): Promise<void> {
    this.tail = this.tail.then(async () => {
      try {
        await runModelBuild(this.ctx, job.assistantSid, job.buildSid);
      } catch (error) {
        this.logger.error({ err: error, ...job }, 'model build crashed');
      }
    });
  }

  /** Resolves when every build enqueued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
