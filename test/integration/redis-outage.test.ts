import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { conversationLease } from '../../src/domain/dialogues.js';
import { createLogger } from '../../src/logging/logger.js';
import { createParley, type Parley } from '../../src/parley.js';
import { openStore } from '../../src/store/open-store.js';
import type { RecordStore } from '../../src/store/record-store.js';
import { channelPath, customPost, twilioPost } from '../support/channel-client.js';
import { freePort } from '../support/free-port.js';
import { deleteKeys, startOwnRedis, uniquePrefix } from '../support/redis.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, bounded, closeAppBounded, rest, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

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
    await closeAppBounded({ http, parley, store });
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

/**
 * A Redis of the test's own (its own port and directory) that stays up but refuses commands: out of
 * memory (`maxmemory 1`), a replica of a master that is gone (READONLY), and such a replica that
 * serves no stale data (MASTERDOWN). Each is an outage: 503 / the channel's apology, `/readyz` 503,
 * and nothing of the refused command (records, memory, phone numbers, message text) in the logs.
 * Then it hangs (SIGSTOP): answers still come within the store's command timeout.
 */
describe('a Redis that refuses commands or hangs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-refusing-'));
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  let redis: ChildProcess | undefined;
  let admin: Redis;
  let store: RecordStore;
  let parley: Parley;
  let http: import('node:http').Server;
  let hooks: WebhookServer;
  let server: TestServer;
  let assistant = '';

  beforeAll(async () => {
    const port = await freePort();
    redis = await startOwnRedis(dir, port);
    admin = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/note', { body: { actions: [{ remember: { note: 'my card ends 4242' } }, { say: 'Noted.' }, { listen: true }] } });
    const { createServer: createHttp } = await import('node:http');
    http = createHttp();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const config = loadConfig({
      REDIS_URL: `redis://127.0.0.1:${port}`, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      LOG_LEVEL: 'info', PUBLIC_BASE_URL: base, OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
    });
    const logger = createLogger('info', sink);
    store = await openStore(config, logger);
    parley = createParley(config, store, logger);
    http.on('request', parley.app);
    server = { baseUrl: base, config, parley, store, redis: null, prefix: '', close: async () => undefined };
    const created = await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'noter', Defaults: JSON.stringify({ defaults: { fallback: 'task://note' } }) });
    assistant = created.body.sid as string;
    await rest(server, 'POST', `/v1/Assistants/${assistant}/Tasks`, { UniqueName: 'note', ActionsUrl: hooks.url('/note') });
  }, 30_000);

  afterAll(async () => {
    await closeAppBounded({ http, parley, store });
    admin?.disconnect();
    await hooks?.stop();
    if (redis?.exitCode === null && redis.signalCode === null) {
      redis.kill('SIGCONT');
      redis.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const PHONE = '+15557654321';
  const sms = (body: string, sid: string) => twilioPost(server, channelPath(assistant, 'twilio-messaging'), {
    MessageSid: sid, AccountSid: TEST_ACCOUNT_SID, From: PHONE, To: '+15550009999', Body: body, NumMedia: '0',
  });

  /** While Redis refuses: REST writes 503 20503, SMS the apology, custom channels 503, /readyz 503, and the logs hold nothing of the turn. */
  async function expectOutageAnswers(label: string, readyReason: string): Promise<void> {
    const created = await rest(server, 'POST', '/v1/Assistants', { UniqueName: `refused-${label}` });
    expect(created.status).toBe(503);
    expect(created.body).toMatchObject({ code: 20503, status: 503 });
    const reply = await sms(`secret body ${label}`, `SM${label.padEnd(32, '0')}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Sorry, something went wrong on our side');
    const custom = await customPost(server, channelPath(assistant, 'custom/web', 'v2'), { Text: `custom secret ${label}`, UserId: PHONE });
    expect(custom.status).toBe(503);
    expect(custom.body).toMatchObject({ code: 20503 });
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: readyReason });
    const logged = JSON.stringify(lines);
    for (const secret of [PHONE, 'secret body', 'custom secret', '4242', '"args"']) expect(logged).not.toContain(secret);
  }

  it('answers out of memory, a read-only replica and a replica without its master as outages, and recovers', async () => {
    // A dialogue with memory first, so the refused writes would carry it.
    expect((await sms('hello', 'SM10000000000000000000000000000000')).body).toContain('Noted.');
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    lines.length = 0;

    await admin.config('SET', 'maxmemory', '1');
    try {
      await expectOutageAnswers('oom', 'store refuses writes');
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);

    const nobody = await freePort();
    await admin.replicaof('127.0.0.1', nobody);
    try {
      await expectOutageAnswers('readonly', 'store refuses writes');
      await admin.config('SET', 'replica-serve-stale-data', 'no');
      await expectOutageAnswers('masterdown', 'store refuses writes');
      expect((await rest(server, 'GET', `/v1/Assistants/${assistant}`)).status).toBe(503);
    } finally {
      await admin.config('SET', 'replica-serve-stale-data', 'yes');
      await admin.replicaof('NO', 'ONE');
    }
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect((await sms('again', 'SM20000000000000000000000000000000')).body).toContain('Noted.');
  }, 30_000);

  it('answers within the documented time when Redis hangs, also a message waiting for its turn', async () => {
    // Another holder has the conversation, so the message waits in line, looking again and again.
    const token = await store.acquireLease(assistant, conversationLease('custom:web:waiter'), 15_000);
    expect(token).not.toBeNull();
    const waiting = customPost(server, channelPath(assistant, 'custom/web', 'v2'), { Text: 'hello', UserId: 'waiter' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    redis!.kill('SIGSTOP');
    const stoppedAt = Date.now();
    try {
      const [answer, read] = await Promise.all([
        waiting.then((r) => ({ ...r, ms: Date.now() - stoppedAt })),
        rest(server, 'GET', `/v1/Assistants/${assistant}`).then((r) => ({ ...r, ms: Date.now() - stoppedAt })),
      ]);
      expect(answer.status).toBe(503);
      expect(read.status).toBe(503);
      // A command's timeout (3 s), plus at most one more for the auto-pipeline in flight it queued
      // behind (docs/operations.md); not a third for the ticket's give-back (9 s before).
      expect(answer.ms).toBeLessThan(7_500);
      expect(read.ms).toBeLessThan(7_500);
    } finally {
      redis!.kill('SIGCONT');
    }
    await store.releaseLease(assistant, conversationLease('custom:web:waiter'), token!).catch(() => undefined);
  }, 30_000);
});
