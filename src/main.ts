import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { loadDemoAssistant } from './demo/load-demo-assistant.js';
import { createParley } from './parley.js';
import { openStore } from './store/open-store.js';

// The composition root: the only module that reads the environment, opens clients and listens.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`parley: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const store = await openStore(config, logger);
  const parley = createParley(config, store, logger);
  if (config.generatedCredentials) {
    logger.warn({ accountSid: config.accountSid }, 'TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN not set: generated a development pair');
    process.stdout.write(`Development credentials (set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to choose your own):\n  ${config.accountSid}:${config.authToken}\n`);
  }
  if (config.loadDemo) await loadDemoAssistant(parley.ctx, parley.builds, logger);

  const server: Server = parley.app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, host: config.host }, 'parley listening');
    process.stdout.write(`Parley is up.\n  REST API:  ${config.publicBaseUrl}/v1/Assistants\n  Health:    ${config.publicBaseUrl}/healthz\n`);
  });

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void parley.close().then(() => store.close()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`parley: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
