import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/test-server.js';
import { freePort } from '../support/free-port.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `src/main.ts` as `npm start` would (through tsx, so no build is needed), bounded in time. */
/** A fixed account: with REDIS_URL set, Parley refuses to generate one (config.ts). */
const CREDENTIALS = { TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'boot-test-token' };

function startMain(env: Record<string, string>, untilStdout?: RegExp, timeoutMs = 15_000): Promise<Run & { stop(): Promise<Run>; stdoutNow(): string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const stop = async (): Promise<Run> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main did not get there in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    if (untilStdout) {
      child.stdout.on('data', () => {
        if (untilStdout.test(stdout)) {
          clearTimeout(timer);
          resolve({ code: null, stdout, stderr, stop, stdoutNow: () => stdout });
        }
      });
    }
    void exited.then((run) => {
      clearTimeout(timer);
      resolve({ ...run, stop, stdoutNow: () => stdout });
    });
  });
}

describe('boot', () => {
  it('stops at once with a message naming the variable when a setting is bad', async () => {
    const run = await startMain({ PORT: 'eighty' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Invalid PORT/);
  });

  it('fails fast, never falling back, when REDIS_URL does not answer', async () => {
    const started = Date.now();
    const run = await startMain({ REDIS_URL: 'redis://127.0.0.1:1', ...CREDENTIALS, LOG_LEVEL: 'silent' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - started).toBeLessThan(12_000);
  });

  it('stops, never writing to database 0, when REDIS_URL names a database Redis does not have', async () => {
    const run = await startMain({ REDIS_URL: 'redis://127.0.0.1:6379/99999', ...CREDENTIALS, REDIS_KEY_PREFIX: 'parley-test:boot-db:', LOG_LEVEL: 'silent', PARLEY_DEMO: 'true' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/REDIS_URL.*DB index/);
    expect(run.stdout).not.toMatch(/Parley is up/);
  });

  it('stops with a message naming PORT and HOST when it cannot listen, instead of saying it is up', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (taken.address() as AddressInfo).port;
      const run = await startMain({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', PARLEY_DEMO: 'false' });
      expect(run.code).toBe(78);
      expect(run.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(PORT, HOST\)/);
      expect(run.stdout).not.toMatch(/Parley is up/);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('starts on the embedded store with the demo assistant, and says so', async () => {
    const port = await freePort();
    const run = await startMain({
      PORT: String(port), HOST: '127.0.0.1', TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    }, /Parley is up/);
    try {
      expect(run.stdout).toMatch(/embedded in-process store/);
      expect(run.stdout).toMatch(new RegExp(`Simulator: +http://localhost:${port}/simulator`));
      expect(run.stdout).toMatch(new RegExp(`SMS: +POST http://localhost:${port}/v1/${TEST_ACCOUNT_SID}/\\{AssistantSid or unique name\\}/twilio-messaging`));
      const auth = `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString('base64')}`;
      const response = await fetch(`http://127.0.0.1:${port}/v1/Assistants`, { headers: { authorization: auth } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { assistants: Array<{ unique_name: string }> };
      expect(body.assistants).toHaveLength(1);
      // The demo's model is loaded once its first build ends, so no first message pays for it.
      const deadline = Date.now() + 15_000;
      while (!/"models":1,[^\n]*"msg":"models loaded"/.test(run.stdoutNow()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(run.stdoutNow()).toMatch(/"models":1,[^\n]*"msg":"models loaded"/);
    } finally {
      const stopped = await run.stop();
      expect(stopped.code).toBe(0);
    }
  });
});
