import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createParley } from '../../src/parley.js';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';
import { channelPath, childElements, createPizzaBot, only, parseTwiml, storedKeys, text, twilioPost, verbs } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const GUEST = '+15550001111';
const SHOP = '+15550009999';
let sequence = 0;

/** An inbound SMS as Twilio posts it. */
function sms(body: string, extra: Record<string, string> = {}, from = GUEST): Record<string, string> {
  sequence += 1;
  return {
    ToCountry: 'US', SmsMessageSid: `SM${String(sequence).padStart(32, '0')}`, NumMedia: '0', From: from, To: SHOP,
    MessageSid: `SM${String(sequence).padStart(32, '0')}`, Body: body, AccountSid: TEST_ACCOUNT_SID, NumSegments: '1', ApiVersion: '2010-04-01', ...extra,
  };
}

/** The `<Message>`s of a reply: body text and media URLs. */
function messages(xml: string): Array<{ body: string; media: string[] }> {
  return childElements(parseTwiml(xml), 'Message').map((m) => ({
    body: childElements(m, 'Body').map(text).join(''),
    media: childElements(m, 'Media').map(text),
  }));
}

describe('SMS / MMS / WhatsApp channel over real HTTP and Redis', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const messaging = channelPath('pizza', 'twilio-messaging');

  beforeAll(async () => {
    server = await startTestServer('channels-sms');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Thanks! Your pizza is on its way.' }, { show: { body: 'Your order', images: [{ label: 'Pizza', url: 'https://example.com/pizza.png' }] } }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('runs a multi-turn conversation with a collect answered by an MMS, one <Message> per turn', async () => {
    const first = await twilioPost(server, messaging, sms('I want to order a pizza'));
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/text\/xml/);
    expect(messages(first.body)).toEqual([{ body: "Let's get your pizza.\nWhat size would you like?", media: [] }]);

    const refused = await twilioPost(server, messaging, sms('extra large'));
    expect(messages(refused.body)).toEqual([{ body: 'We have small, medium or large.\nWhat size would you like?', media: [] }]);

    const sized = await twilioPost(server, messaging, sms('large'));
    expect(messages(sized.body)).toEqual([{ body: 'Send us a photo of your door so the driver finds it.', media: [] }]);

    const photo = 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME1';
    const mms = await twilioPost(server, messaging, sms('', { NumMedia: '1', MediaUrl0: photo, MediaContentType0: 'image/jpeg' }));
    expect(messages(mms.body)).toEqual([{ body: 'Thanks! Your pizza is on its way.\nYour order', media: ['https://example.com/pizza.png'] }]);

    const done = hooks.callsTo('/order-done').at(-1)!;
    expect(done.signatureValid).toBe(true);
    expect(done.params).toMatchObject({ Channel: 'sms', UserIdentifier: GUEST, CurrentTask: 'order_done' });
    const memory = JSON.parse(done.params.Memory!);
    expect(memory.twilio.sms).toMatchObject({ From: GUEST, To: SHOP, NumMedia: '1', MediaUrl0: photo, AccountSid: TEST_ACCOUNT_SID });
    expect(memory.twilio.sms.MessageSid).toMatch(/^SM/);
    expect(memory.twilio.collected_data.order).toMatchObject({
      status: 'complete',
      answers: {
        size: { answer: 'large', attempts: 2, filled: true },
        door_photo: { answer: photo, filled: true, media: [{ url: photo, content_type: 'image/jpeg' }] },
      },
    });
    // No listen after the order: the dialogue ended, so the next message is classified afresh, not taken as an answer.
    const after = await twilioPost(server, messaging, sms('when are you open', {}, GUEST));
    expect(messages(after.body)).toEqual([{ body: 'We are open from 11am to 11pm every day.', media: [] }]);
  });

  it('continues a dialogue within the listen window and starts afresh after it', async () => {
    const sender = '+15550002222';
    await twilioPost(server, `${messaging}?TargetTask=whoami`, sms('first', {}, sender));
    await twilioPost(server, `${messaging}?TargetTask=whoami`, sms('second', {}, sender));
    const [first, second] = hooks.callsTo('/whoami').slice(-2);
    expect(second!.params.DialogueSid).toBe(first!.params.DialogueSid);

    const dialogueSid = first!.params.DialogueSid!;
    // The conversation's key holds the dialogue's state; the dialogue's SID points back at it.
    const [stateKey] = (await storedKeys(server)).filter((k) => k.endsWith(`val:conversation:messaging:${sender}:${SHOP}`));
    expect((await storedKeys(server)).filter((k) => k.endsWith(`val:dialogue:${dialogueSid}`))).toHaveLength(1);
    const ttl = await server.redis!.pttl(stateKey!);
    expect(ttl).toBeGreaterThan(4 * 3600 * 1000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(4 * 3600 * 1000);

    // The window passes: Redis forgets the dialogue, and the next message opens a new one.
    await server.redis!.pexpire(stateKey!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await twilioPost(server, `${messaging}?TargetTask=whoami`, sms('third', {}, sender));
    expect(hooks.callsTo('/whoami').at(-1)!.params.DialogueSid).not.toBe(dialogueSid);
  });

  it('takes TargetTask and Memory from the URL, and refuses invalid Memory JSON without running anything', async () => {
    const path = `${messaging}?TargetTask=whoami&Memory=${encodeURIComponent(JSON.stringify({ CarModel: 'Diablo' }))}`;
    const reply = await twilioPost(server, path, sms('zebra quantum pickle', {}, '+15550003333'));
    expect(messages(reply.body)).toEqual([{ body: 'Noted.', media: [] }]);
    const call = hooks.callsTo('/whoami').at(-1)!;
    expect(call.params).toMatchObject({ CurrentTask: 'whoami', CurrentInput: 'zebra quantum pickle', Channel: 'sms' });
    expect(JSON.parse(call.params.Memory!)).toMatchObject({ CarModel: 'Diablo', twilio: { sms: { From: '+15550003333' } } });

    const calls = hooks.calls.length;
    const keys = await storedKeys(server);
    const bad = await twilioPost(server, `${messaging}?Memory=${encodeURIComponent('{"CarModel":')}`, sms('hi', {}, '+15550004444'));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 20001, status: 400, message: expect.stringMatching(/Memory.*not valid JSON/) });
    expect(hooks.calls.length).toBe(calls);
    expect(await storedKeys(server)).toEqual(keys);
  });

  it('answers WhatsApp on its own URL with twilio.whatsapp memory and Channel whatsapp', async () => {
    const whatsapp = channelPath('pizza', 'twilio-messaging/whatsapp');
    const reply = await twilioPost(server, `${whatsapp}?TargetTask=whoami`, sms('hola', { ProfileName: 'Ana', WaId: '15550005555' }, 'whatsapp:+15550005555'));
    expect(messages(reply.body)).toEqual([{ body: 'Noted.', media: [] }]);
    const call = hooks.callsTo('/whoami').at(-1)!;
    expect(call.params).toMatchObject({ Channel: 'whatsapp', UserIdentifier: 'whatsapp:+15550005555' });
    expect(JSON.parse(call.params.Memory!).twilio.whatsapp).toMatchObject({ ProfileName: 'Ana', From: 'whatsapp:+15550005555' });
  });

  it('refuses a bad or missing signature with a 403 and stores nothing', async () => {
    const keys = await storedKeys(server);
    const calls = hooks.calls.length;
    const wrongToken = (await import('twilio')).default.getExpectedTwilioSignature('not-the-token', `${server.config.publicBaseUrl}${messaging}`, sms('x'));
    for (const signature of ['', wrongToken, 'abc']) {
      const refused = await twilioPost(server, `${messaging}?TargetTask=whoami`, sms('I want to order a pizza', {}, '+15550006666'), { signature });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatch(/X-Twilio-Signature/);
    }
    // Signed for another URL (https instead of the configured http base): also refused.
    const form = sms('I want to order a pizza', {}, '+15550006666');
    const otherUrl = (await import('twilio')).default.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `https://127.0.0.1${messaging}`, form);
    expect((await twilioPost(server, messaging, form, { signature: otherUrl })).status).toBe(403);
    expect(await storedKeys(server)).toEqual(keys);
    expect(hooks.calls.length).toBe(calls);
  });

  it('answers an unknown account or assistant with a Twilio 404 body and a missing From with a 400', async () => {
    const otherAccount = `/v1/AC${'f'.repeat(32)}/pizza/twilio-messaging`;
    const account = await twilioPost(server, otherAccount, sms('hi'));
    expect(account.status).toBe(404);
    expect(JSON.parse(account.body)).toMatchObject({ code: 20404, status: 404 });
    const assistant = await twilioPost(server, channelPath('no-such-bot', 'twilio-messaging'), sms('hi'));
    expect(assistant.status).toBe(404);
    expect(JSON.parse(assistant.body)).toMatchObject({ code: 20404, message: expect.stringContaining('no-such-bot') });
    const { From: _from, ...noFrom } = sms('hi');
    const missing = await twilioPost(server, messaging, noFrom);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 20001, message: expect.stringContaining('From') });
  });

  it('runs no turn for STOP, START or HELP (Twilio answers those); STOP ends the dialogue', async () => {
    const texter = '+15550003333';
    const started = await twilioPost(server, messaging, sms('i would like a pizza for tonight', {}, texter));
    expect(started.body).toContain('What size would you like?');
    const queries = await rest(server, 'GET', '/v1/Assistants/pizza/Queries?PageSize=50');
    const dialogueSid = (queries.body.queries as Array<{ query: string; dialogue_sid: string }>).find((q) => q.query === 'i would like a pizza for tonight')!.dialogue_sid;
    // HELP: nothing said, and "HELP" is no answer to the question.
    const help = await twilioPost(server, messaging, sms('HELP', { OptOutType: 'HELP' }, texter));
    expect(help.status).toBe(200);
    expect(messages(help.body)).toEqual([]);
    const dialogue = await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`);
    expect(dialogue.status, JSON.stringify(dialogue.body)).toBe(200);
    expect(JSON.stringify(dialogue.body.data)).not.toContain('HELP');
    // STOP: nothing said (Twilio blocks replies anyway), and the dialogue is over.
    const stop = await twilioPost(server, messaging, sms('Stop', { OptOutType: 'STOP' }, texter));
    expect(messages(stop.body)).toEqual([]);
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(404);
    expect(messages((await twilioPost(server, messaging, sms('START', { OptOutType: 'START' }, texter))).body)).toEqual([]);
  });

  it('answers other methods, repeated parameters and oversized bodies with Twilio error bodies, never a 500', async () => {
    const get = await fetch(`${server.baseUrl}${messaging}`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ code: 20004 });
    const twice = 'From=%2B15550001111&From=%2B15550002222&To=%2B15550009999&Body=hi';
    const signature = (await import('twilio')).default.getExpectedTwilioSignature(
      TEST_AUTH_TOKEN, `${server.config.publicBaseUrl}${messaging}`, { From: ['+15550001111', '+15550002222'], To: '+15550009999', Body: 'hi' },
    );
    const repeated = await fetch(`${server.baseUrl}${messaging}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: twice,
    });
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({ code: 20001, message: expect.stringContaining('From') });
    const huge = await twilioPost(server, messaging, sms('x'.repeat(70_000)));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ code: 20413 });
  });

  it('accepts unsigned requests only when TWILIO_VALIDATE_SIGNATURES=false', async () => {
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, TWILIO_VALIDATE_SIGNATURES: 'false', LOG_LEVEL: 'silent', PARLEY_DEMO: 'false',
    });
    const parley = createParley(config, new MemoryRecordStore(), pino({ level: 'silent' }));
    const listener = parley.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      const response = await fetch(`${base}${channelPath('no-such-bot', 'twilio-messaging')}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(sms('hi')).toString(),
      });
      // Past the (skipped) signature check: the unknown assistant is what answers.
      expect(response.status).toBe(404);
    } finally {
      listener.close();
      await parley.close();
    }
  });

  it('answers at once with an apology <Message> when the store is down', async () => {
    const down = await startTestServer('channels-sms-down');
    try {
      down.redis!.disconnect();
      const started = Date.now();
      const reply = await twilioPost(down, messaging, sms('I want to order a pizza'));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(reply.status).toBe(200);
      const root = parseTwiml(reply.body);
      expect(verbs(root)).toEqual(['Message']);
      expect(text(only(only(root, 'Message'), 'Body'))).toMatch(/Sorry, something went wrong/);
    } finally {
      await down.redis!.connect().catch(() => undefined);
      await down.close();
    }
  });
});
