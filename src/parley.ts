import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import type { DomainContext } from './domain/domain-context.js';
import { InProcessBuildQueue } from './nlu/in-process-build-queue.js';
import { SampleOverlapAnswerer } from './nlu/sample-overlap-answerer.js';
import type { RecordStore } from './store/record-store.js';

export interface Parley {
  readonly app: Express;
  readonly ctx: DomainContext;
  readonly builds: InProcessBuildQueue;
}

/** Wire Parley's parts over a store; main.ts and the integration tests share it. */
export function createParley(config: Config, store: RecordStore, logger: Logger, now: () => Date = () => new Date()): Parley {
  const ctx: DomainContext = { store, accountSid: config.accountSid, now };
  const builds = new InProcessBuildQueue(ctx, logger);
  const nlu = new SampleOverlapAnswerer(ctx);
  const app = createApp({ config, store, ctx, builds, nlu, logger });
  return { app, ctx, builds };
}
