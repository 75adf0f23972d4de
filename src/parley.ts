import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import type { DomainContext } from './domain/domain-context.js';
import { BullMqBuildQueue } from './nlu/build-queue/bullmq-build-queue.js';
import { InProcessBuildQueue } from './nlu/build-queue/in-process-build-queue.js';
import type { ManagedBuildQueue } from './nlu/build-queue/managed-build-queue.js';
import { SampleOverlapAnswerer } from './nlu/sample-overlap-answerer.js';
import type { RecordStore } from './store/record-store.js';
import { queuePrefix } from './store/redis/redis-keys.js';

export interface Parley {
  readonly app: Express;
  readonly ctx: DomainContext;
  readonly builds: ManagedBuildQueue;
  /** Finish builds in hand and let go of the queue (the store is the caller's to close). */
  close(): Promise<void>;
}

/**
 * Wire Parley's parts over a store; main.ts and the integration tests share it. With Redis
 * configured, model builds go through a queue in Redis that every process works on.
 */
export function createParley(config: Config, store: RecordStore, logger: Logger, now: () => Date = () => new Date()): Parley {
  const ctx: DomainContext = { store, accountSid: config.accountSid, now };
  const jobDeps = { ctx, authToken: config.authToken, logger };
  const builds: ManagedBuildQueue = config.redisUrl === undefined
    ? new InProcessBuildQueue(jobDeps)
    : new BullMqBuildQueue(config.redisUrl, queuePrefix(config.redisKeyPrefix), jobDeps);
  const nlu = new SampleOverlapAnswerer(ctx);
  const app = createApp({ config, store, ctx, builds, nlu, logger });
  return {
    app,
    ctx,
    builds,
    async close() {
      await builds.drain();
      await builds.close();
    },
  };
}
