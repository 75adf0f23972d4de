import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { loadDemoAssistant } from './demo/load-demo-assistant.js';
import { createHttpServer } from './api/rest/http-server.js';
import { createParley, type Parley } from './parley.js';
import { openStore } from './store/open-store.js';
import type { RecordStore } from './store/record-store.js';

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
  const demoLoaded = config.loadDemo && (await loadDemoAssistant(parley.ctx, parley.builds, logger));
  // Started before listening, so /readyz never says ready while the models still load; a demo just
  // loaded is building, and its model is loaded once built (else the first message would wait for it).
  void parley.warmUp(demoLoaded ? parley.builds.drain() : undefined);

  const server: Server = createHttpServer();
  server.on('request', parley.app);
  // A port in use or a host that is not ours is a configuration error, never a banner and exit 0.
  let listening = false;
  server.on('error', (error: Error) => {
    if (listening) {
      logger.error({ err: error }, 'HTTP server error');
      return;
    }
    process.stderr.write(`parley: cannot listen on ${config.host}:${config.port} (PORT, HOST): ${error.message}\n`);
    process.exit(78);
  });
  server.listen(config.port, config.host, () => {
    listening = true;
    logger.info({ port: config.port, host: config.host }, 'parley listening');
    const channels = `${config.publicBaseUrl}/v1/${config.accountSid}/{AssistantSid or unique name}`;
    process.stdout.write([
      'Parley is up.',
      `  REST API:   ${config.publicBaseUrl}/v1/Assistants`,
      `  Simulator:  ${config.publicBaseUrl}/simulator`,
      `  SMS:        POST ${channels}/twilio-messaging`,
      `  Voice:      POST ${channels}/twilio-voice`,
      `  Custom:     POST ${config.publicBaseUrl}/v2/${config.accountSid}/{AssistantSid}/custom/{Channel}`,
      `  Health:     ${config.publicBaseUrl}/healthz   Metrics: ${config.publicBaseUrl}/metrics`,
      '',
    ].join('\n'));
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    // A second signal (an impatient operator, a supervisor repeating SIGTERM) must not cut the drain
    // short: the drain has its own limit below.
    if (stopping) {
      logger.warn({ signal }, 'already shutting down; signal ignored');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing turns in flight');
    void stopGracefully(server, parley, store, logger).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, REQUEST_DRAIN_MS + BUILD_DRAIN_MS + 5_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Turns in flight get this long to finish (a turn's own deadline is 12 s; most take milliseconds). */
const REQUEST_DRAIN_MS = 10_000;
/** Builds in hand get this long; a BullMQ build cut short is taken up again by another process. */
const BUILD_DRAIN_MS = 10_000;

/**
 * SIGTERM: /readyz turns 503, the listener closes (no new connections), idle keep-alive sockets
 * close as soon as their response is sent, requests in flight finish (bounded), builds drain
 * (bounded), then the queue, webhook pool and store close (docs/operations.md, "Shutdown").
 */
async function stopGracefully(server: Server, parley: Parley, store: RecordStore, logger: Logger): Promise<void> {
  parley.markDraining();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const bound = setTimeout(() => {
    logger.warn({ afterMs: REQUEST_DRAIN_MS }, 'requests still in flight at the drain limit; closing their connections');
    server.closeAllConnections();
  }, REQUEST_DRAIN_MS);
  await closed;
  clearInterval(sweep);
  clearTimeout(bound);
  let timer: NodeJS.Timeout | undefined;
  const buildsDone = await Promise.race([
    parley.close().then(() => true),
    new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), BUILD_DRAIN_MS); }),
  ]);
  clearTimeout(timer);
  if (!buildsDone) logger.warn({ afterMs: BUILD_DRAIN_MS }, 'model builds or event webhook deliveries still running at the drain limit; builds are left to the queue, events dropped');
  await store.close();
  logger.info('stopped');
}

main().catch((error: unknown) => {
  process.stderr.write(`parley: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
