/**
 * Custom channels, v2 driven by the Autopilot CLI core's own `customChannel` (what
 * `twilio autopilot:simulate` runs), unmodified. It posts with `request-promise` to the hard-coded
 * `https://channels.autopilot.twilio.com/v2/...`; for the test, `https.request` (which `request`
 * calls for every https URL) is wrapped so that this one host goes over plain HTTP to the test
 * server. Everything else (form encoding, Basic auth, JSON parsing) is autopilot-core's and
 * request's own code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import https from 'node:https';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, createPizzaBot, customPost, storedKeys } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const require = createRequire(import.meta.url);
// customChannel(assistantSid, channel, text, twilioClient, UserId = "", Language = ""): Promise<parsed JSON>
const customChannel: (assistant: string, channel: string, text: string, client: unknown, userId?: string, language?: string) => Promise<any> =
  require('@dabblelab/autopilot-core/src/autopilot-core/customChannel');
const twilioV3 = require('twilio-v3') as (sid: string, token: string) => unknown;

const CHANNELS_HOST = 'channels.autopilot.twilio.com';

/** Send https requests for Autopilot's channels host to `port` on 127.0.0.1 over HTTP; returns the undo. */
function redirectChannelsHost(port: number): () => void {
  const original = https.request;
  const previousNoProxy = process.env.NO_PROXY;
  process.env.NO_PROXY = [previousNoProxy, CHANNELS_HOST].filter(Boolean).join(',');
  https.request = ((options: any, callback?: any) => {
    if (typeof options === 'object' && options !== null && !(options instanceof URL) && (options.hostname ?? options.host) === CHANNELS_HOST) {
      const { agent: _agent, ...rest } = options;
      return http.request({ ...rest, protocol: 'http:', hostname: '127.0.0.1', host: '127.0.0.1', port }, callback);
    }
    return original(options, callback);
  }) as typeof https.request;
  return () => {
    https.request = original;
    if (previousNoProxy === undefined) delete process.env.NO_PROXY;
    else process.env.NO_PROXY = previousNoProxy;
  };
}

describe('custom channels (v1 and v2) over real HTTP and Redis', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  let assistantSid = '';
  let restore = (): void => undefined;

  beforeAll(async () => {
    server = await startTestServer('channels-custom');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Thanks! Your pizza is on its way.' }, { show: { body: 'Your order', images: [{ label: 'Pizza', url: 'https://example.com/pizza.png' }] } }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    assistantSid = await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
    restore = redirectChannelsHost(Number(new URL(server.baseUrl).port));
  });

  afterAll(async () => {
    restore();
    await server.close();
    await hooks.stop();
  });

  it("answers autopilot-core's customChannel (v2, Basic auth) with says, listen and the dialogue", async () => {
    const client = twilioV3(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    const first = await customChannel(assistantSid, 'cli', 'I want to order a pizza', client, 'user-42');
    expect(first.response).toEqual({
      says: [{ speech: "Let's get your pizza.", text: "Let's get your pizza." }, { speech: 'What size would you like?', text: 'What size would you like?' }],
      shows: [], plays: [], listen: true, handoff: null,
      collect: { name: 'order', question: 'What size would you like?' },
    });
    expect(first.dialogue).toMatchObject({
      sid: expect.stringMatching(/^UK[0-9a-f]{32}$/), assistant_sid: assistantSid, account_sid: TEST_ACCOUNT_SID,
      current_task: 'order_pizza', user_identifier: 'user-42', status: 'active',
      memory: { twilio: { 'custom.cli': {}, collected_data: { order: { status: 'in-progress' } } } },
    });

    // The unique name works in place of the SID; the same user continues the same dialogue.
    const second = await customChannel('pizza', 'cli', 'large', client, 'user-42', 'en-US');
    expect(second.response.says.map((s: { text: string }) => s.text)).toEqual(['Send us a photo of your door so the driver finds it.']);
    expect(second.dialogue.sid).toBe(first.dialogue.sid);

    const third = await customChannel('pizza', 'cli', 'https://example.com/door.jpg', client, 'user-42');
    expect(third.response).toMatchObject({
      says: [{ text: 'Thanks! Your pizza is on its way.' }],
      shows: [{ body: 'Your order', images: [{ label: 'Pizza', url: 'https://example.com/pizza.png' }] }],
      listen: false, collect: null,
    });
    expect(third.dialogue).toMatchObject({ sid: first.dialogue.sid, current_task: 'order_done', status: 'ended' });
    expect(hooks.callsTo('/order-done').at(-1)!.params).toMatchObject({ Channel: 'custom.cli', UserIdentifier: 'user-42' });

    // Without a UserId autopilot-core sends the account SID: a user like any other.
    const anonymous = await customChannel('pizza', 'cli', 'when are you open', client);
    expect(anonymous.dialogue.user_identifier).toBe(TEST_ACCOUNT_SID);
  });

  it('refuses a post a browser sends for another site (403), and takes one from this origin', async () => {
    const path = channelPath('pizza', 'custom/web', 'v2');
    const post = (headers: Record<string, string>) => fetch(`${server.baseUrl}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(), ...headers }, body: 'Text=hello&UserId=web-1',
    });
    const forged = await post({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 20403, status: 403 });
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: server.baseUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // Behind a proxy that rewrites Host, the browser's own same-origin verdict stands; without it, a
    // proxy's X-Forwarded-Host is one of this origin's names.
    expect((await post({ origin: 'http://localhost:38413', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post({ origin: 'https://alias.example', 'x-forwarded-host': 'alias.example' })).status).toBe(200);
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    const sim = await fetch(`${server.baseUrl}/simulator/api/turn`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: authHeader(), origin: 'http://evil.example' }, body: '{}',
    });
    expect(sim.status).toBe(403);
  });

  it('refuses wrong credentials (401) and unknown assistants (404) in Twilio error bodies', async () => {
    const wrong = twilioV3(TEST_ACCOUNT_SID, 'not-the-token-000');
    await expect(customChannel('pizza', 'cli', 'hello', wrong, 'u')).rejects.toMatchObject({ statusCode: 401, error: { code: 20003 } });
    const client = twilioV3(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    await expect(customChannel('nobody', 'cli', 'hello', client, 'u')).rejects.toMatchObject({ statusCode: 404, error: { code: 20404 } });
  });

  it('serves the legacy v1 URL (text, user_id) with the same dialogue per channel and user', async () => {
    const path = channelPath('pizza', 'custom/web');
    const first = await customPost(server, path, { text: 'what do you serve', user_id: 'web-7' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      says: [{ speech: 'Press 1 for opening hours or 2 to talk to a person.', text: 'Press 1 for opening hours or 2 to talk to a person.' }],
      listen: { voice_digits: { num_digits: 1 } }, dialogue_sid: expect.stringMatching(/^UK/),
    });
    const second = await customPost(server, path, { text: 'when are you open', user_id: 'web-7' });
    expect(second.body.dialogue_sid).toBe(first.body.dialogue_sid);
    const missing = await customPost(server, path, { text: 'hi' });
    expect(missing).toMatchObject({ status: 400, body: { code: 20001, message: expect.stringContaining('user_id') } });
  });

  it('takes TargetTask and Memory from the URL; invalid Memory or language is a 400 and runs nothing', async () => {
    const path = `${channelPath('pizza', 'custom/kiosk', 'v2')}?TargetTask=whoami&Memory=${encodeURIComponent('{"table":12}')}`;
    const reply = await customPost(server, path, { Text: 'anything at all', UserId: 'kiosk-1', Language: 'en-US' });
    expect(reply.status).toBe(200);
    expect(reply.body.response.says).toEqual([{ speech: 'Noted.', text: 'Noted.' }]);
    expect(reply.body.dialogue.memory).toMatchObject({ table: 12, twilio: { 'custom.kiosk': {} } });
    expect(JSON.parse(hooks.callsTo('/whoami').at(-1)!.params.Memory!)).toMatchObject({ table: 12 });

    // The refused requests name whoami too, so a turn that ran would call the hook and store a dialogue.
    const calls = hooks.calls.length;
    const keys = await storedKeys(server);
    const bad = await customPost(server, `${channelPath('pizza', 'custom/kiosk', 'v2')}?TargetTask=whoami&Memory=not-json`, { Text: 'hi', UserId: 'kiosk-2' });
    expect(bad).toMatchObject({ status: 400, body: { code: 20001, message: expect.stringMatching(/Memory.*not valid JSON/) } });
    const french = await customPost(server, `${channelPath('pizza', 'custom/kiosk', 'v2')}?TargetTask=whoami`, { Text: 'bonjour', UserId: 'kiosk-2', Language: 'fr-FR' });
    expect(french).toMatchObject({ status: 400, body: { message: expect.stringContaining('fr-FR') } });
    expect(hooks.calls.length).toBe(calls);
    expect(await storedKeys(server)).toEqual(keys);
    // The client's mistake is no failed turn: operators alert on `error`.
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/parley_turn_duration_seconds_count\{channel="custom",outcome="refused"\} [1-9]/);
    expect(metrics).not.toMatch(/parley_turn_duration_seconds_count\{channel="custom",outcome="error"\}/);
  });

  it('answers a retry with the same I-Twilio-Idempotency-Token from the first reply, without running the turn again', async () => {
    const path = `${channelPath('pizza', 'custom/kiosk', 'v2')}?TargetTask=whoami`;
    const send = async (userId: string): Promise<{ status: number; body: any }> => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(), 'i-twilio-idempotency-token': 'retry-token-1' },
        body: new URLSearchParams({ Text: 'who am i', UserId: userId }).toString(),
      });
      return { status: response.status, body: await response.json() };
    };
    const before = hooks.callsTo('/whoami').length;
    const first = await send('kiosk-retry');
    const retry = await send('kiosk-retry');
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    expect(hooks.callsTo('/whoami').length).toBe(before + 1);
    // Tokens are the client's own: the same token from another user is that user's own message.
    await send('kiosk-other');
    expect(hooks.callsTo('/whoami').length).toBe(before + 2);
  });

  it('serves the Dialogue a webhook is pointed at while the turn that called it runs, first turn included', async () => {
    // The customer's webhook fetches DialoguePayloadUrl (with the account's credentials) before it answers.
    const seen: Array<{ status: number; data: unknown; memory: unknown }> = [];
    const peeker = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => { raw += chunk.toString(); });
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        void fetch(form.get('DialoguePayloadUrl')!, { headers: { authorization: authHeader() } }).then(async (dialogue) => {
          const body = (await dialogue.json()) as { data?: unknown };
          seen.push({ status: dialogue.status, data: body.data, memory: JSON.parse(form.get('Memory')!) });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ actions: [{ say: 'Peeked.' }, { listen: true }] }));
        });
      });
    });
    await new Promise<void>((resolve) => peeker.listen(0, '127.0.0.1', () => resolve()));
    try {
      const peekUrl = `http://127.0.0.1:${(peeker.address() as AddressInfo).port}/peek`;
      for (const [name, turn] of [['peek_one', 'one'], ['peek_two', 'two']] as const) {
        const task = await rest(server, 'POST', '/v1/Assistants/pizza/Tasks', {
          UniqueName: name, Actions: JSON.stringify({ actions: [{ remember: { turn } }, { redirect: peekUrl }] }),
        });
        expect(task.status).toBe(201);
      }
      const path = (task: string): string => `${channelPath('pizza', 'custom/peek', 'v2')}?TargetTask=${task}`;
      expect((await customPost(server, path('peek_one'), { Text: 'hi', UserId: 'peeker' })).body.response.says).toEqual([{ speech: 'Peeked.', text: 'Peeked.' }]);
      await customPost(server, path('peek_two'), { Text: 'again', UserId: 'peeker' });
      expect(seen.map((s) => s.status)).toEqual([200, 200]);
      // The Dialogue shows the memory the webhook was sent, not the last committed turn's.
      expect(seen.map((s) => (s.data as { turn?: string }).turn)).toEqual(['one', 'two']);
      for (const s of seen) expect(s.data).toEqual(s.memory);
      // Once the turn is committed, the Dialogue is the stored one again.
      const sid = (await customPost(server, path('peek_two'), { Text: 'third', UserId: 'peeker' })).body.dialogue.sid as string;
      expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${sid}`)).body.data).toMatchObject({ turn: 'two' });
      expect((await storedKeys(server)).filter((key) => key.includes('live:'))).toEqual([]);
    } finally {
      peeker.closeAllConnections();
      await new Promise<void>((resolve) => peeker.close(() => resolve()));
    }
  });
});
