import { destination, pino } from 'pino';
import { ConfigError, loadConfig } from '../config/config.js';
import type { DomainContext } from '../domain/domain-context.js';
import { ParleyError } from '../errors/error-catalogue.js';
import type { CompatibilityItem } from '../import-export/compatibility-report.js';
import { exportAssistant } from '../import-export/export-assistant.js';
import { importAssistant } from '../import-export/import-assistant.js';
import { redactUrl } from '../logging/logger.js';
import { OutboundPolicy } from '../outbound/outbound-policy.js';
import { InProcessBuildQueue } from '../nlu/build-queue/in-process-build-queue.js';
import { TrainingThread } from '../nlu/build-queue/training-thread.js';
import type { TrainModel } from '../nlu/run-model-build.js';
import { listModelBuilds } from '../domain/model-builds.js';
import { openStore } from '../store/open-store.js';
import { CliFailure, ImportRefused, type CliBackend } from './cli-backend.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Work on the configured Redis store directly, as the engine would (same REDIS_URL,
 * REDIS_KEY_PREFIX and account). A model build the import starts runs in this process:
 * `finishBuild` waits for it (or stops it), as does `close`.
 */
export async function openStoreBackend(env: Env): Promise<CliBackend> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(error.message);
    throw error;
  }
  // With REDIS_URL set, loadConfig requires the account's credentials: assistants are stored per account.
  // Logs go to stderr, so an export on stdout stays clean; quiet unless LOG_LEVEL asks for more.
  const logger = pino({ level: env.LOG_LEVEL === undefined ? 'warn' : config.logLevel, base: { service: 'parley-cli' } },
    destination({ dest: 2, sync: true }));
  const store = await openStore(config, logger).catch((error: Error) => {
    throw new CliFailure(error.message);
  });
  const ctx: DomainContext = { store, accountSid: config.accountSid, now: () => new Date() };
  // The CLI builds the model itself before it exits; every engine then serves it from the store.
  // It trains on a thread, so that Ctrl-C can stop training midway and mark the build failed
  // (on this thread the signal would wait for training, or kill the process and leave it building).
  const training = new TrainingThread();
  let stopped = false;
  const train: TrainModel = (buildSid, set) => (stopped ? Promise.reject(new Error('training stopped: the CLI was interrupted')) : training.train(buildSid, set));
  const builds = new InProcessBuildQueue({ ctx, authToken: config.authToken, logger, policy: new OutboundPolicy(config.outboundAllowPrivate), train });
  return {
    description: `Redis at ${redactUrl(config.redisUrl ?? '')}`,
    importSchema: async (schema, dryRun, signal) => {
      try {
        const { assistant, report } = await importAssistant(ctx, schema, { dryRun, builds, ...(signal ? { signal } : {}) });
        return { assistant: assistant && { sid: assistant.sid, uniqueName: assistant.uniqueName }, report };
      } catch (error) {
        const report = error instanceof ParleyError ? error.details?.report : undefined;
        if (Array.isArray(report)) throw new ImportRefused((error as Error).message, report as CompatibilityItem[]);
        throw error;
      }
    },
    exportAssistant: (sidOrName) => exportAssistant(ctx, sidOrName),
    finishBuild: async (assistantSid, signal) => {
      const stop = (): void => {
        stopped = true;
        void training.close(); // fails the build in training with 90202
      };
      if (signal.aborted) stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await builds.drain();
      } finally {
        signal.removeEventListener('abort', stop);
      }
      const [build] = (await listModelBuilds(ctx, assistantSid, { limit: 1 })).items;
      return build === undefined ? null : { sid: build.sid, status: build.status, errorCode: build.errorCode };
    },
    close: async () => {
      await builds.drain();
      await training.close();
      await store.close();
    },
  };
}
