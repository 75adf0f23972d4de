import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { TEST_REDIS_URL } from './redis.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader } from './test-server.js';
import { freePort } from './free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The sender and the shop's number of the SMS that `sendSms` posts. */
export const SMS_GUEST = '+15550001111';
export const SMS_SHOP = '+15550009999';

export interface Parley {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly exited: Promise<void>;
}

/** A real Parley process (`node --import tsx src/main.ts`) on its own port, sharing one Redis key prefix with its peers. */
export async function startParley(prefix: string): Promise<Parley> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME,
      REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: baseUrl,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      OUTBOUND_ALLOW_PRIVATE: '127.0.0.1', PARLEY_DEMO: 'false', LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`parley on ${port} exited: ${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, baseUrl, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`parley on ${port} not ready after 30 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM this process we started (by its PID), SIGKILL if it lingers. */
export async function stopParley(parley: Parley): Promise<void> {
  if (parley.child.exitCode !== null || parley.child.signalCode !== null) return;
  parley.child.kill('SIGTERM');
  const killer = setTimeout(() => parley.child.kill('SIGKILL'), 5_000);
  await parley.exited;
  clearTimeout(killer);
}

/** An inbound SMS to `assistant` posted as Twilio would, signed over the receiving process's PUBLIC_BASE_URL. */
export async function sendSms(parley: Parley, assistant: string, messageSid: string, body: string, from = SMS_GUEST): Promise<{ status: number; body: string }> {
  const path = `/v1/${TEST_ACCOUNT_SID}/${assistant}/twilio-messaging`;
  const form = { MessageSid: messageSid, SmsMessageSid: messageSid, AccountSid: TEST_ACCOUNT_SID, From: from, To: SMS_SHOP, Body: body, NumMedia: '0' };
  const response = await fetch(`${parley.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${parley.baseUrl}${path}`, form),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * The `relay` assistant of the process tests, made through `parley`'s REST API: no model is built, so every
 * message goes to the fallback task `remember`, whose actions come from `actionsUrl`. Answers its SID.
 */
export async function createRelayAssistant(parley: Parley, actionsUrl: string): Promise<string> {
  const post = async (path: string, form: Record<string, string>): Promise<string> => {
    const response = await fetch(`${parley.baseUrl}${path}`, {
      method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { sid: string }).sid;
  };
  const sid = await post('/v1/Assistants', { UniqueName: 'relay', Defaults: JSON.stringify({ defaults: { fallback: 'task://remember' } }) });
  await post('/v1/Assistants/relay/Tasks', { UniqueName: 'remember', ActionsUrl: actionsUrl });
  return sid;
}
