/**
 * SIGTERM during a slow turn (reliability test L3): the real entry point (`node --import tsx
 * src/main.ts`) over Redis, a custom-channel v2 turn whose actions_url stand-in answers after 1 s,
 * SIGTERM while it waits, then SIGTERM and SIGINT again. The turn still gets its full answer, new
 * connections are refused, and the process exits 0. Only the child this test started is signalled, by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, uniquePrefix } from '../support/redis.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';
import { freePort } from '../support/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('graceful shutdown on SIGTERM', () => {
  const prefix = uniquePrefix('graceful-shutdown');
  let child: ChildProcess | undefined;
  let hooks: WebhookServer;
  let output = '';
  let baseUrl = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/slow', { body: { actions: [{ say: 'Slow but complete.' }] }, delayMs: 1000 });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: baseUrl,
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const started = Date.now();
    while (!output.includes('Parley is up')) {
      if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`parley did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 40_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    await hooks.stop();
    const redis = connectTestRedis();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  const rest = async (path: string, form: Record<string, string>): Promise<any> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(response.status).toBe(201);
    return response.json();
  };

  it('finishes the turn in flight, refuses new connections and exits 0', async () => {
    const assistant = await rest('/v1/Assistants', { UniqueName: 'slowbot' });
    await rest(`/v1/Assistants/${assistant.sid}/Tasks`, { UniqueName: 'slow', ActionsUrl: hooks.url('/slow') });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const turn = fetch(`${baseUrl}/v2/${TEST_ACCOUNT_SID}/${assistant.sid}/custom/web?TargetTask=slow`, {
      method: 'POST',
      headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Text: 'hello', UserId: 'u1' }).toString(),
    });
    // The turn is in flight once the stand-in has the actions_url request (it answers 1 s later).
    while (hooks.callsTo('/slow').length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const signalledAt = Date.now();
    process.kill(child!.pid!, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Signals repeated during the drain are ignored, not a kill.
    process.kill(child!.pid!, 'SIGTERM');
    process.kill(child!.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${baseUrl}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();

    const response = await turn;
    expect(response.status).toBe(200);
    const body = await response.json() as { response: { says: Array<{ text: string }> } };
    expect(body.response.says.map((s) => s.text)).toEqual(['Slow but complete.']);
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(output).toContain('shutting down');
    expect(output.match(/already shutting down; signal ignored/g)).toHaveLength(2);
    expect(output).toContain('"msg":"stopped"');
  }, 30_000);
});
