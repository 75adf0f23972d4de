import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, childElements, createPizzaBot, only, parseTwiml, text, twilioPost, verbs } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

interface Answer { status: number; body: any; headers: Headers }

describe('simulator page and JSON API over real HTTP and Redis', () => {
  let server: TestServer;
  let hooks: WebhookServer;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: authHeader() }): Promise<Answer> {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const raw = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, body: json && raw !== '' ? JSON.parse(raw) : raw, headers: response.headers };
  }

  const turn = (channel: 'sms' | 'voice', conversation: string, input: Record<string, string>, assistant = 'pizza'): Promise<Answer> =>
    call('POST', '/simulator/api/turn', { assistant, channel, conversation, input });

  /** The same message on the real SMS webhook, from a sender of its own. */
  let smsSequence = 0;
  async function realSms(from: string, body: string): Promise<string> {
    smsSequence += 1;
    const sid = `SM${String(smsSequence).padStart(32, '0')}`;
    const form = { AccountSid: TEST_ACCOUNT_SID, From: from, To: '+15550009999', Body: body, MessageSid: sid, NumMedia: '0' };
    const reply = await twilioPost(server, channelPath('pizza', 'twilio-messaging'), form);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  async function realVoice(callSid: string, extra: Record<string, string>, gathered: boolean): Promise<string> {
    const form = { AccountSid: TEST_ACCOUNT_SID, CallSid: callSid, CallStatus: 'in-progress', From: '+15550001111', To: '+15550009999', Direction: 'inbound', ...extra };
    const reply = await twilioPost(server, `${channelPath('pizza', 'twilio-voice')}${gathered ? '?Gathered=true' : ''}`, form);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  beforeAll(async () => {
    server = await startTestServer('simulator');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Thanks! Your pizza is on its way.' }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('asks for the REST credentials on the page, its files and its API', async () => {
    const wrong = `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:not-the-token`).toString('base64')}`;
    for (const [method, path] of [['GET', '/simulator'], ['GET', '/simulator/assets/simulator.js'], ['GET', '/simulator/api/assistants'], ['POST', '/simulator/api/turn']] as const) {
      for (const headers of [{}, { authorization: wrong }] as Array<Record<string, string>>) {
        const answer = await call(method, path, method === 'POST' ? { assistant: 'pizza' } : undefined, headers);
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Basic realm="Parley"');
        expect(answer.body).toMatchObject({ code: 20003, status: 401 });
      }
    }
  });

  it('serves the page and its module, stylesheet and security headers', async () => {
    const page = await call('GET', '/simulator');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('<script type="module" src="simulator/assets/simulator.js">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = await call('GET', '/simulator/assets/simulator.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await call('GET', '/simulator/assets/simulator.css')).headers.get('content-type')).toMatch(/text\/css/);
    // With a trailing slash the relative links would miss: it redirects to the canonical URL.
    const slash = await call('GET', '/simulator/');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('../simulator');
    expect((await call('GET', '/simulator/assets/nothing.js')).status).toBe(404);
  });

  it('lists the assistants', async () => {
    const list = await call('GET', '/simulator/api/assistants');
    expect(list.status).toBe(200);
    expect(list.body.assistants).toEqual([{ sid: expect.stringMatching(/^UA[0-9a-f]{32}$/), unique_name: 'pizza', friendly_name: null }]);
  });

  it('runs a multi-turn SMS conversation with its trace, and answers the TwiML the SMS webhook answers', async () => {
    const script = ['I want to order a pizza', 'extra large', 'large', 'https://example.com/door.jpg'];
    const answers: Answer[] = [];
    for (const [n, message] of script.entries()) {
      const answer = await turn('sms', 'sms-conversation-1', { kind: 'text', text: message });
      expect(answer.status).toBe(200);
      answers.push(answer);
      // Same dialogue state: the real channel, in a dialogue of its own, fed the same messages.
      const channelReply = await realSms('+15550004242', message);
      expect(parseTwiml(answer.body.twiml), `turn ${n + 1}`).toEqual(parseTwiml(channelReply));
    }
    const [ordered, refused, sized, done] = answers.map((a) => a.body);
    expect(ordered.result.trace).toMatchObject({ task: 'order_pizza', actions: ['say', 'collect'], webhooks: [], problems: [] });
    expect(ordered.result.trace.confidence).toBeGreaterThan(0);
    expect(ordered.result.trace.probability).toBeGreaterThan(0);
    expect(ordered.result.next).toMatchObject({ kind: 'collect', question: { collect: 'order', question: 'What size would you like?' } });
    const message = only(parseTwiml(ordered.twiml), 'Message');
    expect(text(only(message, 'Body'))).toBe("Let's get your pizza.\nWhat size would you like?");
    expect(only(parseTwiml(refused.twiml), 'Message')).toBeDefined();
    expect(text(only(only(parseTwiml(refused.twiml), 'Message'), 'Body'))).toBe('We have small, medium or large.\nWhat size would you like?');
    expect(sized.result.dialogueSid).toBe(ordered.result.dialogueSid);
    expect(sized.result.memory.twilio.collected_data.order.answers.size).toMatchObject({ answer: 'large', attempts: 2 });
    // The collect's on_complete ran the customer webhook: its call is in the trace, with the memory the channel would give it.
    expect(done.result.trace.task).toBe('order_done');
    expect(done.result.trace.webhooks).toEqual([
      expect.objectContaining({ url: hooks.url('/order-done'), method: 'POST', status: 200, ok: true, durationMs: expect.any(Number) }),
    ]);
    expect(done.result.next).toEqual({ kind: 'end' });
    const hook = hooks.callsTo('/order-done').find((c) => JSON.parse(c.params.Memory!).twilio.sms?.From === '+15555550100');
    expect(hook?.params).toMatchObject({ Channel: 'sms', UserIdentifier: '+15555550100', CurrentTask: 'order_done' });
    expect(hook?.signatureValid).toBe(true);
  });

  it('keeps conversations apart: a new conversation id is a new dialogue', async () => {
    const first = await turn('sms', 'restart-a', { kind: 'text', text: 'I want to order a pizza' });
    const again = await turn('sms', 'restart-b', { kind: 'text', text: 'large' });
    expect(again.body.result.dialogueSid).not.toBe(first.body.result.dialogueSid);
    expect(again.body.result.trace.task).not.toBe('order_pizza');
  });

  it('runs a call: start, speech, keypad digits, hang-up; TwiML as the voice webhook answers it', async () => {
    const steps: Array<{ input: Record<string, string>; form: Record<string, string>; gathered: boolean }> = [
      { input: { kind: 'start' }, form: {}, gathered: false },
      { input: { kind: 'text', text: 'show me the menu' }, form: { SpeechResult: 'show me the menu' }, gathered: true },
      { input: { kind: 'digits', digits: '1' }, form: { Digits: '1' }, gathered: true },
    ];
    const answers: Answer[] = [];
    for (const [n, step] of steps.entries()) {
      const answer = await turn('voice', 'call-1', step.input);
      expect(answer.status).toBe(200);
      answers.push(answer);
      // The real webhook's Gather URL also names its step (a replay guard the simulator does not need).
      const real = (await realVoice('CA00000000000000000000000000000077', step.form, step.gathered)).replace(/&amp;Step=[0-9a-f]{12}/g, '');
      expect(parseTwiml(answer.body.twiml), `step ${n + 1}`).toEqual(parseTwiml(real));
    }
    const [start, menu, hours] = answers.map((a) => a.body);
    expect(start.result.trace.task).toBe('greeting');
    const root = parseTwiml(start.twiml);
    expect(verbs(root)).toEqual(['Gather', 'Redirect']);
    expect(only(root, 'Gather').attributes.action).toBe(`${server.config.publicBaseUrl}${channelPath('pizza', 'twilio-voice')}?Gathered=true`);
    expect(menu.result.trace.task).toBe('menu');
    expect(only(parseTwiml(menu.twiml), 'Gather').attributes).toMatchObject({ numDigits: '1' });
    expect(hours.result.trace.task).toBe('opening_hours');
    expect(childElements(only(parseTwiml(hours.twiml), 'Gather'), 'Say').map(text)).toEqual(['We are open from 11am to 11pm every day.']);
    expect(hours.result.memory.twilio.voice).toMatchObject({ CallSid: 'CAcall-1', Digits: '1', From: '+15555550100', Direction: 'inbound' });

    const hangup = await call('POST', '/simulator/api/hangup', { assistant: 'pizza', conversation: 'call-1' });
    expect(hangup.body).toEqual({ ended: true, twiml: expect.stringContaining('<Response/>') });
    const restarted = await turn('voice', 'call-1', { kind: 'start' });
    expect(restarted.body.result.dialogueSid).not.toBe(start.result.dialogueSid);
    expect((await call('POST', '/simulator/api/hangup', { assistant: 'pizza', conversation: 'never-called' })).body.ended).toBe(false);
  });

  it.each([
    ['no body', undefined, 400],
    ['a JSON array', [], 400],
    ['no assistant', { channel: 'sms', conversation: 'c', input: { kind: 'text', text: 'hi' } }, 400],
    ['an unknown channel', { assistant: 'pizza', channel: 'fax', conversation: 'c', input: { kind: 'text', text: 'hi' } }, 400],
    ['a bad conversation id', { assistant: 'pizza', channel: 'sms', conversation: 'a b/c', input: { kind: 'text', text: 'hi' } }, 400],
    ['no input', { assistant: 'pizza', channel: 'sms', conversation: 'c' }, 400],
    ['digits on SMS', { assistant: 'pizza', channel: 'sms', conversation: 'c', input: { kind: 'digits', digits: '1' } }, 400],
    ['text without text', { assistant: 'pizza', channel: 'voice', conversation: 'c', input: { kind: 'text' } }, 400],
    ['keys that are not keys', { assistant: 'pizza', channel: 'voice', conversation: 'c', input: { kind: 'digits', digits: '12a' } }, 400],
    ['text over 2048 characters', { assistant: 'pizza', channel: 'sms', conversation: 'c', input: { kind: 'text', text: 'x'.repeat(2049) } }, 400],
    ['an unknown assistant', { assistant: 'nobody', channel: 'sms', conversation: 'c', input: { kind: 'text', text: 'hi' } }, 404],
    ['an assistant name with a slash', { assistant: 'a/b', channel: 'sms', conversation: 'c', input: { kind: 'text', text: 'hi' } }, 400],
    ['a blank assistant name', { assistant: '   ', channel: 'sms', conversation: 'c', input: { kind: 'text', text: 'hi' } }, 400],
  ])('refuses a turn with %s (%i), running nothing', async (_name, body, status) => {
    const answer = await call('POST', '/simulator/api/turn', body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code: status === 404 ? 20404 : 20001, status });
  });

  it('drives an assistant by any unique name the REST API accepts (spaces, accents)', async () => {
    expect((await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'Café Pizza' })).status).toBe(201);
    const answer = await call('POST', '/simulator/api/turn', { assistant: 'Café Pizza', channel: 'sms', conversation: 'named', input: { kind: 'text', text: 'hello world' } });
    expect(answer.status).toBe(200);
  });

  it('answers malformed requests with 4xx JSON, never 5xx', async () => {
    const cases: Array<[string, string, string | undefined, Record<string, string>]> = [
      ['POST', '/simulator/api/turn', '{"assistant":', { 'content-type': 'application/json' }],
      ['POST', '/simulator/api/turn', 'assistant=pizza', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/simulator/api/turn', JSON.stringify({ text: 'x'.repeat(70_000) }), { 'content-type': 'application/json' }],
      ['GET', '/simulator/api/turn', undefined, {}],
      ['DELETE', '/simulator/api/assistants', undefined, {}],
      ['GET', '/simulator/api/nothing', undefined, {}],
      ['POST', '/simulator/api/hangup', JSON.stringify({ assistant: 'pizza' }), { 'content-type': 'application/json' }],
    ];
    for (const [method, path, body, headers] of cases) {
      const response = await fetch(`${server.baseUrl}${path}`, { method, headers: { authorization: authHeader(), ...headers }, body });
      expect(response.status, `${method} ${path} ${body?.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    }
  });
});
