import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createParley, type Parley, type ParleyOptions } from '../../src/parley.js';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';
import type { RecordStore } from '../../src/store/record-store.js';
import { RedisRecordStore } from '../../src/store/redis/redis-record-store.js';
import { createHttpServer, type RequestTimeLimits } from '../../src/api/rest/http-server.js';
import { TEST_REDIS_URL, deleteKeys, uniquePrefix } from './redis.js';

export const TEST_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789';

export interface TestServer {
  readonly baseUrl: string;
  readonly config: Config;
  readonly parley: Parley;
  readonly store: RecordStore;
  /** The raw Redis connection (null on the embedded store), for assertions on keys. */
  readonly redis: Redis | null;
  readonly prefix: string;
  close(): Promise<void>;
}

/**
 * Start Parley on an ephemeral 127.0.0.1 port, over real Redis under a unique key prefix (or the
 * embedded store); `close` stops it and deletes the prefix's keys.
 */
export async function startTestServer(
  label: string,
  options: {
    store?: 'redis' | 'memory';
    /** Share another server's keys (a second process of one deployment). */
    shareWith?: TestServer;
    /** Put something between Parley and the real store (e.g. to hold one read back). */
    wrapStore?: (store: RecordStore) => RecordStore;
    /** Request time limits other than production's (a test of them need not wait 20 s). */
    requestLimits?: RequestTimeLimits;
    /** Where the app logs (silent unless PARLEY_TEST_LOG says otherwise). */
    logger?: Logger;
    /** The app's limits other than production's (a turn deadline, the turn gate's waits). */
    parley?: ParleyOptions;
  } = {},
): Promise<TestServer> {
  const prefix = options.shareWith?.prefix ?? uniquePrefix(label);
  const redis = options.store === 'memory' ? null : new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const store: RecordStore = redis === null ? new MemoryRecordStore() : new RedisRecordStore(redis, prefix);
  // PUBLIC_BASE_URL needs the port, so listen first and attach the app once the port is known.
  const server = createHttpServer(options.requestLimits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const config = configFor(port, redis === null ? undefined : prefix);
  const logger = options.logger ?? pino({ level: process.env.PARLEY_TEST_LOG ?? 'silent' });
  const parley = createParley(config, options.wrapStore?.(store) ?? store, logger, undefined, options.parley);
  server.on('request', parley.app);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    parley,
    store,
    redis,
    prefix,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parley.close();
      if (redis !== null) {
        // A server sharing another's keys leaves them to their owner.
        if (options.shareWith === undefined) await deleteKeys(redis, prefix);
        await redis.quit();
      }
    },
  };
}

/** With a key prefix, the config names the test Redis, so model builds run on the Redis queue as in production. */
export function configFor(port: number, redisKeyPrefix?: string): Config {
  return loadConfig({
    ...(redisKeyPrefix === undefined ? {} : { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisKeyPrefix }),
    PORT: String(port),
    HOST: '127.0.0.1',
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'silent',
    // The tests' stand-in webhooks listen on loopback, which production refuses by default.
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
  });
}

export const authHeader = (): string => `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString('base64')}`;

/** A form POST (or GET/DELETE) with the test credentials; answers status and parsed JSON. */
export async function rest(
  server: TestServer, method: string, path: string, form?: Record<string, string>,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: authHeader(),
      ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: form === undefined ? undefined : new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}

/** `work`, or nothing after 5 s: a close that waits on a Redis the test stopped must not hang the test. */
export function bounded(work: Promise<unknown> | undefined): Promise<unknown> {
  return Promise.race([(work ?? Promise.resolve()).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

/** Close an app built by hand on a Redis of the test's own (which may be away), each step bounded. */
export async function closeAppBounded(app: { readonly http?: Server; readonly parley?: Parley; readonly store?: RecordStore }): Promise<void> {
  app.http?.closeAllConnections();
  await bounded(app.http === undefined ? undefined : new Promise<void>((resolve) => app.http!.close(() => resolve())));
  await bounded(app.parley?.close());
  await bounded(app.store?.close());
}
