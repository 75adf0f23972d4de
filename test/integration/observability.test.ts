/**
 * Metrics, request logs and readiness over real HTTP: a Parley app with a logger that writes to a
 * buffer, the channels' test assistant, and a customer webhook stand-in that fails on purpose.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createParley } from '../../src/parley.js';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';
import { channelPath, createPizzaBot, customPost, twilioPost } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, configFor, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const lines: Array<Record<string, any>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
    done();
  },
});

/** The app's /metrics text (checked to be served as Prometheus text). */
async function scrapeMetrics(server: TestServer): Promise<string> {
  const response = await fetch(`${server.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** One sample's value in a /metrics text, or null when it is not there. */
function sample(text: string, name: string, labels: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('observability: /metrics, request logs, /readyz', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  let assistantSid = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Done.' }] } });
    hooks.on('/whoami', { status: 500, body: 'boom' });
    server = await startTestServer('observability', { store: 'memory', logger: createLogger('info', sink) });
    assistantSid = await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  const metricsText = (): Promise<string> => scrapeMetrics(server);

  it('counts turns by channel and outcome, NLU queries and fallbacks, webhook errors by host and code, lease waits and builds', async () => {
    const path = channelPath(assistantSid, 'custom/web', 'v2');
    expect((await customPost(server, path, { Text: 'i want to order a pizza', UserId: 'u1' })).status).toBe(200);
    expect((await customPost(server, path, { Text: 'zzqx blorp', UserId: 'u2' })).status).toBe(200);
    expect((await customPost(server, `${path}?TargetTask=whoami`, { Text: 'who am i', UserId: 'u3' })).status).toBe(200);

    const text = await metricsText();
    expect(sample(text, 'parley_turn_duration_seconds_count', 'channel="custom",outcome="collect"')).toBe(1);
    // The nonsense falls back (listen); the failing whoami webhook sends the turn to the fallback task too.
    expect(sample(text, 'parley_turn_duration_seconds_count', 'channel="custom",outcome="listen"')).toBe(2);
    expect(sample(text, 'parley_nlu_query_duration_seconds_count', 'source="dialogue"')).toBe(2);
    expect(sample(text, 'parley_nlu_fallbacks_total', 'source="dialogue"')).toBe(1);
    const host = new URL(hooks.baseUrl).host;
    expect(sample(text, 'parley_webhook_duration_seconds_count', `host="${host}"`)).toBe(1);
    expect(text).toMatch(new RegExp(`^parley_webhook_errors_total\\{host="${host.replace(/\./g, '\\.')}",code="\\d{5}"\\} 1$`, 'm'));
    expect(sample(text, 'parley_lease_wait_seconds_count', 'outcome="granted"')).toBe(3);
    expect(sample(text, 'parley_model_builds_total', 'status="completed"')).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it("logs the bot's own mistakes with their code, URLs cut to their origin", async () => {
    hooks.on('/loop', { body: { actions: [{ redirect: `${hooks.url('/loop')}?token=s3cret-loop` }] } });
    expect((await rest(server, 'POST', `/v1/Assistants/${assistantSid}/Tasks`, { UniqueName: 'looper', ActionsUrl: hooks.url('/loop') })).status).toBe(201);
    lines.length = 0;
    const path = channelPath(assistantSid, 'custom/web', 'v2');
    expect((await customPost(server, `${path}?TargetTask=nope`, { Text: 'hi', UserId: 'u-problem-1' })).status).toBe(200);
    expect((await customPost(server, `${path}?TargetTask=looper`, { Text: 'hi', UserId: 'u-problem-2' })).status).toBe(200);
    const problems = lines.filter((l) => l.level === 40 && typeof l.code === 'number' && l.code >= 90104 && l.code <= 90110);
    expect(problems.map((l) => [l.code, l.msg])).toEqual([
      [90108, 'no task named "nope"'],
      [90107, expect.stringMatching(/^more than 5 redirects in one turn \(next: http:\/\/127\.0\.0\.1:\d+\/…\)$/)],
    ]);
    expect(problems[0]).toMatchObject({ assistantSid, dialogueSid: expect.stringMatching(/^UK/) });
    expect(JSON.stringify(lines)).not.toContain('s3cret-loop');
  });

  it('answers another method on the operational and simulator pages with a 405 naming the path asked for', async () => {
    for (const [method, path] of [['POST', '/healthz'], ['DELETE', '/readyz'], ['PUT', '/metrics'], ['PATCH', '/simulator'], ['PATCH', '/simulator/api/turn']] as const) {
      // The simulator asks for the account's credentials first.
      const response = await fetch(`${server.baseUrl}${path}`, { method, headers: { authorization: authHeader() } });
      expect([method, path, response.status]).toEqual([method, path, 405]);
      expect(((await response.json()) as { message: string }).message).toBe(`Method ${method} is not allowed on ${path}`);
    }
    const missing = await fetch(`${server.baseUrl}/simulator/assets/nothing.js`, { headers: { authorization: authHeader() } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('/simulator/assets/nothing.js');
    expect((await fetch(`${server.baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });

  it('counts a recognised retry (same MessageSid) as a replay', async () => {
    const path = channelPath(assistantSid, 'twilio-messaging');
    const form = { MessageSid: 'SM00000000000000000000000000000001', From: '+15550001111', To: '+15550002222', Body: 'when are you open', AccountSid: server.config.accountSid };
    const first = await twilioPost(server, path, form);
    const again = await twilioPost(server, path, form);
    expect(first.status).toBe(200);
    expect(again.body).toBe(first.body);
    const text = await metricsText();
    expect(sample(text, 'parley_turn_replays_total', 'channel="sms"')).toBe(1);
    // The retry ran no turn: it is a replay only, not a second sms turn.
    const smsTurns = text.split('\n').filter((l) => l.startsWith('parley_turn_duration_seconds_count{channel="sms",'));
    expect(smsTurns.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)).toBe(1);
  });

  it('logs one line per request with its id, and every line of a turn carries the assistant and dialogue SIDs', async () => {
    lines.length = 0;
    const response = await fetch(`${server.baseUrl}${channelPath(assistantSid, 'custom/web', 'v2')}?TargetTask=whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(), 'x-request-id': 'req-abc.123' },
      body: new URLSearchParams({ Text: 'who am i', UserId: 'u-log' }).toString(),
    });
    const body = await response.json() as { dialogue: { sid: string } };
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    expect(response.headers.get('etag')).toBeNull(); // as Twilio's: nothing revalidates a webhook's answer
    const mine = lines.filter((l) => l.reqId === 'req-abc.123');
    const done = mine.find((l) => l.msg === 'request');
    expect(done).toMatchObject({ method: 'POST', status: 200, assistantSid, dialogueSid: body.dialogue.sid, service: 'parley' });
    expect(done!.path).not.toContain('?');
    // The webhook failure is logged deep in the runner, after the body parser: it still carries the request.
    const warning = mine.find((l) => l.level === 40);
    expect(warning).toMatchObject({ assistantSid, dialogueSid: body.dialogue.sid, });
    expect(warning!.code).toEqual(expect.any(Number));
    expect(JSON.stringify(lines)).not.toContain(TEST_AUTH_TOKEN);
  });

  it('gives every turn of a busy conversation its own request\'s id in its log lines', async () => {
    lines.length = 0;
    const ids = ['req-g1', 'req-g2', 'req-g3', 'req-g4', 'req-g5'];
    const responses = await Promise.all(ids.map((id) => fetch(`${server.baseUrl}${channelPath(assistantSid, 'custom/web', 'v2')}?TargetTask=whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(), 'x-request-id': id },
      body: new URLSearchParams({ Text: 'who am i', UserId: 'u-busy' }).toString(),
    })));
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 200));
    // Each turn's webhook failed once: one warning per request, under its own id.
    for (const id of ids) expect(lines.filter((l) => l.level === 40 && l.reqId === id)).toHaveLength(1);
  });

  it('logs a request whose client went away before the answer as aborted, once', async () => {
    hooks.on('/whoami', { status: 500, body: 'boom', delayMs: 400 });
    lines.length = 0;
    try {
      const aborted = fetch(`${server.baseUrl}${channelPath(assistantSid, 'custom/web', 'v2')}?TargetTask=whoami`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(), 'x-request-id': 'req-gone' },
        body: new URLSearchParams({ Text: 'who am i', UserId: 'u-gone' }).toString(),
        signal: AbortSignal.timeout(100),
      });
      await expect(aborted).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const ends = lines.filter((l) => l.reqId === 'req-gone' && /^request/.test(String(l.msg)));
      expect(ends).toEqual([expect.objectContaining({ level: 40, msg: 'request aborted before the response was sent' })]);
    } finally {
      hooks.on('/whoami', { status: 500, body: 'boom' });
    }
  });

  it('generates a request id when none (or a hostile one) is given', async () => {
    const response = await fetch(`${server.baseUrl}/v1/Assistants`, { headers: { authorization: authHeader(), 'x-request-id': 'bad id {"level":60}' } });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.reqId === id && l.path === '/v1/Assistants' && l.status === 200)).toBe(true);
  });

  it('keeps each app\'s metrics apart (a registry per app, not the global one)', async () => {
    const other = createParley(configFor(1), new MemoryRecordStore(), pino({ level: 'silent' }));
    try {
      const before = sample(await metricsText(), 'parley_turn_duration_seconds_count', 'channel="custom",outcome="handoff"');
      other.metrics.turn('custom', 'handoff', 0.01);
      expect(sample(await metricsText(), 'parley_turn_duration_seconds_count', 'channel="custom",outcome="handoff"')).toBe(before);
    } finally {
      await other.close();
    }
  });

  it('answers /readyz 200 while serving and 503 once draining; /healthz stays 200', async () => {
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    server.parley.markDraining();
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});

/**
 * Turns that end without running: a message that waited past the gate's limit (busy) and a turn
 * answered at the channel's deadline, on an app whose limits are short enough for a test; and
 * simulator turns, which are not channel traffic.
 */
describe('observability: busy, deadline and simulator turns', () => {
  const USER = '+15551234567';
  let server: TestServer;
  let hooks: WebhookServer;
  let assistantSid = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/answer', (call) => ({ body: { actions: [{ say: 'Hi.' }, { listen: true }] }, delayMs: ({ slow: 700, slower: 1_300 } as Record<string, number>)[call.params.CurrentInput ?? ''] ?? 0 }));
    server = await startTestServer('observability-limits', {
      store: 'memory', logger: createLogger('info', sink), parley: { turnDeadlineMs: 1_000, turnGate: { maxWaitMs: 300 } },
    });
    const created = await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'quick', Defaults: JSON.stringify({ defaults: { fallback: 'task://answer' } }) });
    assistantSid = created.body.sid as string;
    await rest(server, 'POST', `/v1/Assistants/${assistantSid}/Tasks`, { UniqueName: 'answer', ActionsUrl: hooks.url('/answer') });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  const metric = async (name: string, labels: string): Promise<number | null> => sample(await scrapeMetrics(server), name, labels);

  it('counts a turn answered at the deadline as deadline, a busy message as busy (lease wait too), and logs busy without the user', async () => {
    lines.length = 0;
    const path = channelPath(assistantSid, 'custom/web', 'v2');
    // A turn that holds the conversation 700 ms, and a message behind it that may wait 300 ms.
    const slow = customPost(server, path, { Text: 'slow', UserId: USER });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queuedAt = Date.now();
    const queued = await customPost(server, path, { Text: 'next', UserId: USER });
    expect(queued.status).toBe(503);
    expect(queued.body.message).toMatch(/still busy with an earlier message; this one was not run/);
    // Answered at its own 300 ms limit, not when the 700 ms turn ahead of it ends.
    expect(Date.now() - queuedAt).toBeLessThan(600);
    expect((await slow).status).toBe(200);
    // Another user's turn takes 1.3 s: answered at the 1 s deadline, and not counted again when it finishes.
    expect((await customPost(server, path, { Text: 'slower', UserId: 'other' })).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await metric('parley_turn_duration_seconds_count', 'channel="custom",outcome="deadline"')).toBe(1);
    expect(await metric('parley_turn_duration_seconds_count', 'channel="custom",outcome="busy"')).toBe(1);
    expect(await metric('parley_turn_duration_seconds_count', 'channel="custom",outcome="listen"')).toBe(1);
    expect(await metric('parley_lease_wait_seconds_count', 'outcome="busy"')).toBe(1);
    expect(await metric('parley_lease_wait_seconds_count', 'outcome="granted"')).toBe(2);

    const busy = lines.filter((l) => /busy/.test(String(l.msg)));
    expect(busy).toEqual([expect.objectContaining({ level: 40, msg: 'conversation busy; the message was not run', waitedMs: expect.any(Number) })]);
    expect(busy[0]).not.toHaveProperty('err');
    expect(JSON.stringify(lines)).not.toContain(USER);
  });

  it('counts simulator turns under the channel simulator, not as sms traffic', async () => {
    const response = await fetch(`${server.baseUrl}/simulator/api/turn`, {
      method: 'POST',
      headers: { authorization: authHeader(), 'content-type': 'application/json' },
      body: JSON.stringify({ assistant: assistantSid, channel: 'sms', conversation: 'sim1', input: { kind: 'text', text: 'hi' } }),
    });
    expect(response.status).toBe(200);
    expect(await metric('parley_turn_duration_seconds_count', 'channel="simulator",outcome="listen"')).toBe(1);
    expect(await metric('parley_turn_duration_seconds_count', 'channel="sms",outcome="listen"')).toBeNull();
  });

  // After the simulator's check, which wants no sms turn counted.
  it('tells a texter whose message waited too long behind their earlier one to send it again (nothing failed)', async () => {
    const path = channelPath(assistantSid, 'twilio-messaging');
    const sms = (body: string, n: number) => ({
      MessageSid: `SM${String(n).padStart(32, '0')}`, AccountSid: TEST_ACCOUNT_SID, From: '+15557654321', To: '+15550000000', Body: body, NumMedia: '0',
    });
    const slow = twilioPost(server, path, sms('slow', 901));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = await twilioPost(server, path, sms('next', 902));
    expect(queued.status).toBe(200);
    expect(queued.body).toContain('still answering your previous message. Please send this one again');
    expect((await slow).body).toContain('Hi.');
  });

  it('gives a retry that arrives while its original still runs the original\'s reply, running it once', async () => {
    const path = channelPath(assistantSid, 'twilio-messaging');
    const form = {
      MessageSid: `SM${'7'.repeat(32)}`, AccountSid: TEST_ACCOUNT_SID, From: '+15557650000', To: '+15550000000', Body: 'slow', NumMedia: '0',
    };
    const calls = hooks.callsTo('/answer').length;
    const original = twilioPost(server, path, form);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Twilio retries the same MessageSid: queued behind the 700 ms original it would wait past its 300 ms and be told to resend.
    const retry = await twilioPost(server, path, form);
    expect(retry.body).toContain('Hi.');
    expect((await original).body).toBe(retry.body);
    expect(hooks.callsTo('/answer').length).toBe(calls + 1);
  });
});
