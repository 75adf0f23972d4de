import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, only, parseTwiml, storedKeys, twilioPost } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

/**
 * Inputs that real phones, proxies and customers' webhooks send and that used to go wrong: each
 * case below failed before the thirteenth session (found by exploratory probing).
 */
const APOLOGY = 'Sorry, something went wrong';
const call = (CallSid: string, extra: Record<string, string> = {}): Record<string, string> => ({
  AccountSid: TEST_ACCOUNT_SID, CallSid, CallStatus: 'in-progress', From: '+15550001111', To: '+15550009999', Direction: 'inbound', ...extra,
});
const sms = (MessageSid: string, Body: string, From: string, extra: Record<string, string> = {}): Record<string, string> => ({
  AccountSid: TEST_ACCOUNT_SID, MessageSid, From, To: '+15550009999', Body, NumMedia: '0', ...extra,
});
const sid = (prefix: string, n: number): string => `${prefix}${String(n).padStart(32, '0')}`;

describe('channel webhooks: odd but real inputs', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const voice = channelPath('odd', 'twilio-voice');
  const messaging = channelPath('odd', 'twilio-messaging');
  const gatherPath = (xml: string): string => only(parseTwiml(xml), 'Gather').attributes.action!.slice(server.config.publicBaseUrl.length);

  beforeAll(async () => {
    server = await startTestServer('channels-odd-input');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/count', { body: { actions: [{ say: 'counted' }, { listen: true }] } });
    hooks.on('/slow', { body: { actions: [{ say: 'slow' }, { listen: true }] }, delayMs: 1_000 });
    hooks.on('/control', { body: { actions: [{ say: 'Hello\u000bWorld' }, { listen: true }] } });
    hooks.on('/done', { body: { actions: [{ say: 'done' }] } });
    await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'odd', Defaults: JSON.stringify({ defaults: { fallback: 'task://fallback' } }) });
    const ask = (type?: string): Record<string, string> => ({
      Actions: JSON.stringify({ actions: [{ collect: { name: 'c', questions: [{ name: 'q', question: 'Well?', ...(type === undefined ? {} : { type }) }], on_complete: { redirect: 'task://done' } } }] }),
    });
    const tasks: Record<string, Record<string, string>> = {
      fallback: { Actions: JSON.stringify({ actions: [{ say: 'Sorry?' }, { listen: true }] }) },
      menu: { Actions: JSON.stringify({ actions: [{ say: 'Press 1.' }, { listen: { voice_digits: { num_digits: 1, redirects: { 1: 'task://fallback' } } } }] }) },
      confirm: { Actions: JSON.stringify({ actions: [{ collect: { name: 'c', questions: [{ name: 'size', question: 'Size?', confirm: { messages: [{ say: 'You said {size}, right?' }] } }], on_complete: { redirect: 'task://fallback' } } }] }) },
      count: { ActionsUrl: hooks.url('/count') },
      slow: { ActionsUrl: hooks.url('/slow') },
      control: { ActionsUrl: hooks.url('/control') },
      done: { ActionsUrl: hooks.url('/done') },
      ask_number: ask('Twilio.NUMBER'),
      ask_date: ask('Twilio.DATE'),
      ask_free: ask(),
    };
    for (const [UniqueName, params] of Object.entries(tasks)) await rest(server, 'POST', '/v1/Assistants/odd/Tasks', { UniqueName, ...params });
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('takes no photo alone as the answer to a number or date question (its URL holds Twilio\'s API date), but takes it for a free-form one', async () => {
    const photo = `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages/MM${'1'.repeat(32)}/Media/ME${'2'.repeat(32)}`;
    const mms = { NumMedia: '1', MediaUrl0: photo, MediaContentType0: 'image/jpeg' };
    const before = hooks.callsTo('/done').length;
    for (const [n, task] of [[1, 'ask_number'], [2, 'ask_date']] as const) {
      const guest = `+1555000300${n}`;
      await twilioPost(server, `${messaging}?TargetTask=${task}`, sms(sid('SM', 10 * n), 'go', guest));
      const answered = await twilioPost(server, messaging, sms(sid('SM', 10 * n + 1), '', guest, mms));
      expect(answered.body).toContain('Well?'); // asked again
    }
    expect(hooks.callsTo('/done')).toHaveLength(before);
    await twilioPost(server, `${messaging}?TargetTask=ask_free`, sms(sid('SM', 30), 'go', '+15550003003'));
    await twilioPost(server, messaging, sms(sid('SM', 31), '', '+15550003003', mms));
    const done = hooks.callsTo('/done').at(-1)!;
    expect(JSON.parse(done.params.Memory!).twilio.collected_data.c.answers.q).toMatchObject({ answer: photo, media: [{ url: photo, content_type: 'image/jpeg' }] });
  });

  it('records with an answer only the media of the message that answered, not of an attempt refused before it', async () => {
    const photo = `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages/MM${'3'.repeat(32)}/Media/ME${'4'.repeat(32)}`;
    const guest = '+15550003017';
    await twilioPost(server, `${messaging}?TargetTask=ask_number`, sms(sid('SM', 90), 'go', guest));
    expect((await twilioPost(server, messaging, sms(sid('SM', 91), '', guest, { NumMedia: '1', MediaUrl0: photo }))).body).toContain('Well?');
    await twilioPost(server, messaging, sms(sid('SM', 92), '3', guest));
    const answer = JSON.parse(hooks.callsTo('/done').at(-1)!.params.Memory!).twilio.collected_data.c.answers.q;
    expect(answer).toMatchObject({ answer: '3', attempts: 2 });
    expect(answer).not.toHaveProperty('media');
  });

  it('acknowledges a message status callback sent to the messaging URL and runs nothing', async () => {
    const keys = await storedKeys(server);
    const calls = hooks.calls.length;
    const receipts: Record<string, string>[] = [{ MessageStatus: 'delivered', SmsStatus: 'delivered' }, { MessageStatus: 'sent' }, { SmsStatus: 'read' }];
    for (const status of receipts) {
      // A receipt of the bot's own reply: From is the bot's number, To the user.
      const receipt = await twilioPost(server, `${messaging}?TargetTask=count`, { AccountSid: TEST_ACCOUNT_SID, MessageSid: sid('SM', 93), From: '+15550009999', To: '+15550003018', ...status });
      expect(receipt.status).toBe(200);
      expect(receipt.body).toMatch(/<Response\/>/);
    }
    expect(hooks.calls.length).toBe(calls);
    expect(await storedKeys(server)).toEqual(keys);
  });

  it('takes a blank message as no answer to a free-form question', async () => {
    await twilioPost(server, `${messaging}?TargetTask=confirm`, sms(sid('SM', 40), 'go', '+15550003004'));
    const blank = await twilioPost(server, messaging, sms(sid('SM', 41), '   ', '+15550003004'));
    expect(blank.body).not.toContain('You said');
    expect(blank.body).toContain('Size?');
  });

  it('leaves out characters XML cannot carry instead of answering an apology for a turn that ran', async () => {
    const fromWebhook = await twilioPost(server, `${messaging}?TargetTask=control`, sms(sid('SM', 50), 'hi', '+15550003005'));
    expect(fromWebhook.status).toBe(200);
    expect(fromWebhook.body).toContain('HelloWorld');
    // A form feed (GSM-7 has it) in an answer that the confirm message repeats.
    await twilioPost(server, `${messaging}?TargetTask=confirm`, sms(sid('SM', 51), 'go', '+15550003006'));
    const echoed = await twilioPost(server, messaging, sms(sid('SM', 52), 'lar\fge', '+15550003006'));
    expect(echoed.body).toContain('You said large, right?');
    // Spoken: a bell character in the speech result, repeated by the confirm message.
    const callSid = sid('CA', 53);
    const started = await twilioPost(server, `${voice}?TargetTask=confirm`, call(callSid));
    const spoken = await twilioPost(server, gatherPath(started.body), call(callSid, { SpeechResult: 'lar\u0007ge' }));
    expect(spoken.body).not.toContain(APOLOGY);
    expect(spoken.body).toContain('You said large, right?');
  });

  it('ends the dialogue of a call whose hang-up arrives while a turn is still running', async () => {
    const callSid = sid('CA', 60);
    const inFlight = twilioPost(server, `${voice}?TargetTask=slow`, call(callSid));
    while (!hooks.callsTo('/slow').some((c) => c.params.UserIdentifier === '+15550001111' && JSON.parse(c.params.Memory!).twilio.voice.CallSid === callSid)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const hungUp = await twilioPost(server, `${voice}/status`, call(callSid, { CallStatus: 'completed' }));
    expect(hungUp.status).toBe(200);
    await inFlight;
    const dialogueSid = hooks.callsTo('/slow').at(-1)!.params.DialogueSid!;
    expect((await rest(server, 'GET', `/v1/Assistants/odd/Dialogues/${dialogueSid}`)).status).toBe(404);
    // Only the gate's own bookkeeping (fence counter, line) may stay; they lapse by themselves.
    expect((await storedKeys(server)).filter((k) => k.includes(`conversation:voice:${callSid}`) || k.includes(dialogueSid))).toEqual([]);
  });

  it('keeps recognising a retried MessageSid when a proxy forwards Twilio\'s idempotency header empty', async () => {
    const form = sms(sid('SM', 70), 'hello', '+15550003007');
    const before = hooks.callsTo('/count').length;
    for (const header of ['', ' ']) await twilioPost(server, `${messaging}?TargetTask=count`, form, { headers: { 'i-twilio-idempotency-token': header } });
    expect(hooks.callsTo('/count').length - before).toBe(1);
  });

  it('reads digits that name an Object member as digits, not as a redirect', async () => {
    const callSid = sid('CA', 80);
    const started = await twilioPost(server, `${voice}?TargetTask=menu`, call(callSid));
    for (const digits of ['constructor', '__proto__', 'toString']) {
      const pressed = await twilioPost(server, gatherPath(started.body), call(callSid, { Digits: digits }));
      expect(pressed.body).not.toContain(APOLOGY);
      expect(pressed.body).toContain('Sorry?');
    }
  });

  it('answers a body that is not a form with a 415 naming what to send', async () => {
    const json = await fetch(`${server.baseUrl}${channelPath('odd', 'custom/web', 'v2')}`, {
      method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/json' }, body: JSON.stringify({ Text: 'hi', UserId: 'u1' }),
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 20415, message: expect.stringContaining('application/x-www-form-urlencoded') });
  });

  it('refuses a repeated or altered Gathered flag and a call without From, running nothing', async () => {
    const callSid = sid('CA', 90);
    await twilioPost(server, `${voice}?TargetTask=menu`, call(callSid));
    const before = await storedKeys(server);
    for (const query of ['Gathered=true&Gathered=true', 'Gathered=TRUE']) {
      const odd = await twilioPost(server, `${voice}?${query}`, call(callSid));
      expect(odd.status).toBe(400);
      expect(odd.body).toContain('Gathered');
    }
    const { From: _from, ...noFrom } = call(sid('CA', 91));
    const anonymous = await twilioPost(server, voice, noFrom);
    expect(anonymous.status).toBe(400);
    expect(anonymous.body).toContain('From');
    expect(await storedKeys(server)).toEqual(before);
  });

  it('refuses identifiers too long to be any (they become key names), storing nothing', async () => {
    const before = await storedKeys(server);
    const long = 'x'.repeat(300);
    const cases = [
      await twilioPost(server, messaging, sms(`SM${long}`, 'hello', '+15550003001')),
      await twilioPost(server, messaging, sms(sid('SM', 92), 'hello', `+1${'5'.repeat(300)}`)),
      await twilioPost(server, voice, call(`CA${long}`)),
      await fetch(`${server.baseUrl}${channelPath('odd', 'custom/web', 'v2')}`, {
        method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Text: 'hi', UserId: long }).toString(),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
      await fetch(`${server.baseUrl}${channelPath('odd', 'custom/web', 'v2')}`, {
        method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/x-www-form-urlencoded', 'i-twilio-idempotency-token': long },
        body: new URLSearchParams({ Text: 'hi', UserId: 'u-long-token' }).toString(),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400]);
    expect(cases.map((c) => /MessageSid|From|CallSid|UserId|I-Twilio-Idempotency-Token/.exec(c.body)?.[0])).toEqual(['MessageSid', 'From', 'CallSid', 'UserId', 'I-Twilio-Idempotency-Token']);
    expect(await storedKeys(server)).toEqual(before);
    // A real SID is far inside the limit.
    expect((await twilioPost(server, messaging, sms(sid('SM', 93), 'hello', '+15550003002'))).status).toBe(200);
  });
});
