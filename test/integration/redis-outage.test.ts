import { Socket, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { createParley, type Parley } from '../../src/parley.js';
import { openStore } from '../../src/store/open-store.js';
import type { RecordStore } from '../../src/store/record-store.js';
import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader } from '../support/test-server.js';

/**
 * A TCP proxy on 127.0.0.1 in front of the real Redis that the test can cut and restore: Redis
 * "goes away" mid-traffic without touching the shared server.
 */
class CuttableProxy {
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private open = true;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      upstream.connect(6379, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  cut(): void {
    this.open = false;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.open = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('Redis outage mid-traffic', () => {
  const prefix = uniquePrefix('outage');
  let proxy: CuttableProxy;
  let store: RecordStore;
  let parley: Parley;
  let base: string;
  let http: import('node:http').Server;

  beforeAll(async () => {
    proxy = await new CuttableProxy().start();
    const config = loadConfig({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: prefix, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:1',
    });
    const logger = pino({ level: 'silent' });
    store = await openStore(config, logger);
    parley = createParley(config, store, logger);
    const { createServer: createHttp } = await import('node:http');
    http = createHttp(parley.app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    // Each close is bounded: after the cut, BullMQ's blocking connection may take its time to let go.
    const bounded = (work: Promise<unknown>): Promise<unknown> => Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    http.closeAllConnections();
    await bounded(new Promise<void>((resolve) => http.close(() => resolve())));
    await bounded(parley.close());
    await bounded(store.close());
    await bounded(proxy.stop());
    // Twice, a moment apart: a write still queued on the cut connection may land after the first pass.
    const redis = new Redis('redis://127.0.0.1:6379');
    await deleteKeys(redis, prefix);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await deleteKeys(redis, prefix);
    await redis.quit();
  }, 60_000);

  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: authHeader() } });

  it('answers 503 with Twilio\'s error body fast while Redis is away, and recovers by itself', async () => {
    const created = await fetch(`${base}/v1/Assistants`, {
      method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'UniqueName=steady',
    });
    expect(created.status).toBe(201);

    proxy.cut();
    const started = Date.now();
    const during = await get('/v1/Assistants/steady');
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ code: 20503, status: 503 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/healthz')).status).toBe(200);

    proxy.restore();
    let after = 0;
    for (let i = 0; i < 50 && after !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = (await get('/v1/Assistants/steady')).status;
    }
    expect(after).toBe(200);
  });
});
