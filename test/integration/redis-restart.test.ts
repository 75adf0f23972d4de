import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { TurnRequest } from '../../src/dialogue/turn-types.js';
import { createAssistant, getAssistant } from '../../src/domain/assistants.js';
import { createModelBuild, getModelBuild } from '../../src/domain/model-builds.js';
import { createSample } from '../../src/domain/samples.js';
import { createTask } from '../../src/domain/tasks.js';
import { createParley } from '../../src/parley.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/test-server.js';
import { freePort } from '../support/free-port.js';
import { startOwnRedis } from '../support/redis.js';

describe.skipIf(process.env.PARLEY_SKIP_REDIS_RESTART === '1')('Redis restart with append-only persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-aof-'));
  let redis: ChildProcess | undefined;
  afterAll(() => {
    if (redis?.exitCode === null) redis.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // The persistence settings themselves: a turn completed (and Parley closed) before a crash is there
  // after it. Turns in flight at the crash, under traffic, are redis-fault-traffic.test.ts's.
  it('loses no completed turn across a restart', async () => {
    const port = await freePort();
    redis = await startOwnRedis(dir, port);
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    const request = (text: string): TurnRequest => ({
      assistantSid: 'keeper', conversationKey: 'c1', channel: 'sms', channelName: 'sms', channelMemoryKey: 'sms', channelMemory: {},
      userIdentifier: '+15550001111', input: { kind: 'text', text }, targetTask: 'note',
    });

    let store = await openStore(config, logger);
    let parley = createParley(config, store, logger);
    await createAssistant(parley.ctx, { uniqueName: 'keeper' });
    await createTask(parley.ctx, 'keeper', { uniqueName: 'note', actions: { actions: [{ remember: { noted: 'yes' } }, { say: 'noted' }, { listen: true }] } });
    const before = await parley.runTurn(request('remember this'));
    await parley.close();
    await store.close();

    // A crash, not a clean stop: with appendfsync always every acknowledged write is already on disk.
    const exited = new Promise<void>((resolve) => redis!.once('exit', () => resolve()));
    redis.kill('SIGKILL');
    await exited;
    redis = await startOwnRedis(dir, port);

    store = await openStore(config, logger);
    parley = createParley(config, store, logger);
    const after = await parley.runTurn(request('still there?'));
    expect(after.dialogueSid).toBe(before.dialogueSid);
    expect(after.memory.noted).toBe('yes');
    await parley.close();
    await store.close();
    redis.kill('SIGTERM');
  });

  it('runs its scripts on a Redis that does not know them, and again after they are flushed', async () => {
    const port = await freePort();
    const ownDir = mkdtempSync(join(tmpdir(), 'parley-scripts-'));
    const own = await startOwnRedis(ownDir, port);
    const admin = new Redis(port, '127.0.0.1');
    const logger = pino({ level: 'silent' });
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, LOG_LEVEL: 'silent' });
    const store = await openStore(config, logger);
    try {
      const lease = { key: 'c1', token: 0 };
      const joined = await store.joinLine('UA1', 'c1', 5_000, 5_000, ['v']); // a fresh server: EVALSHA fails, EVAL runs it
      expect(joined.outcome).toMatchObject({ values: [null] });
      lease.token = (joined.outcome as { token: number }).token;
      await admin.script('FLUSH'); // this test's own server: nobody else loses a script
      expect(await store.fencedWrite('UA1', lease, [{ key: 'v', value: 'saved' }], { release: true })).toBe(true);
      expect(await store.getValue('UA1', 'v')).toBe('saved');
      const cached = (await admin.info('memory')).match(/number_of_cached_scripts:(\d+)/)?.[1];
      expect(Number(cached)).toBe(1); // the fenced write, loaded again by its EVAL
    } finally {
      await store.close();
      admin.disconnect();
      own.kill('SIGTERM');
      rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('finishes a model build that Redis went away under, once it is back', async () => {
    const port = await freePort();
    const ownDir = mkdtempSync(join(tmpdir(), 'parley-build-outage-'));
    let own = await startOwnRedis(ownDir, port);
    const logger = pino({ level: 'silent' });
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, LOG_LEVEL: 'silent' });
    const store = await openStore(config, logger);
    const parley = createParley(config, store, logger);
    try {
      const bot = await createAssistant(parley.ctx, { uniqueName: 'outage' });
      for (const [task, samples] of Object.entries({ hours: ['when are you open', 'opening hours', 'what time do you close'], menu: ['show me the menu', 'what do you serve', 'the menu please'] })) {
        await createTask(parley.ctx, 'outage', { uniqueName: task });
        for (const taggedText of samples) await createSample(parley.ctx, 'outage', task, { language: 'en-US', taggedText });
      }
      const build = await createModelBuild(parley.ctx, parley.builds, 'outage', {});
      // Redis goes away while the build trains (the first training of the process starts its thread and loads word vectors).
      for (let i = 0; i < 500 && (await getModelBuild(parley.ctx, 'outage', build.sid)).status === 'enqueued'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const exited = new Promise<void>((resolve) => own.once('exit', () => resolve()));
      own.kill('SIGKILL');
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      own = await startOwnRedis(ownDir, port);
      let status = '';
      for (let i = 0; i < 300 && status !== 'completed' && status !== 'failed'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = await getModelBuild(parley.ctx, 'outage', build.sid).then((b) => b.status, () => '');
      }
      expect(status).toBe('completed');
      expect((await getAssistant(parley.ctx, bot.sid)).needsModelBuild).toBe(false);
    } finally {
      await parley.close();
      await store.close();
      own.kill('SIGTERM');
      rmSync(ownDir, { recursive: true, force: true });
    }
  }, 60_000);
});
