import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, createPizzaBot, twilioPost } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer, type ReceivedCall } from '../support/webhook-server.js';

const SHOP = '+15550009999';
let sequence = 0;

function sms(body: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  sequence += 1;
  const sid = `SM${String(sequence).padStart(32, '0')}`;
  return { From: from, To: SHOP, MessageSid: sid, SmsMessageSid: sid, Body: body, NumMedia: '0', AccountSid: TEST_ACCOUNT_SID, ApiVersion: '2010-04-01', ...extra };
}

/** Event webhooks are sent after the reply: wait until `count` have arrived (or fail after 5 s). */
async function eventsArrived(hooks: WebhookServer, path: string, from: string, count: number): Promise<ReceivedCall[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const calls = hooks.callsTo(path).filter((c) => c.params.UserIdentifier === from);
    if (calls.length >= count || Date.now() > deadline) return calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const summary = (c: ReceivedCall): string => `${c.params.EventType}:${c.params.CurrentTask}`;

describe('event webhooks (the Webhooks resource) over real HTTP and Redis', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const messaging = channelPath('pizza', 'twilio-messaging');

  beforeAll(async () => {
    server = await startTestServer('event-webhooks');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Thanks! Your pizza is on its way.' }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    hooks.on('/events', { body: '' });
    hooks.on('/ends', { status: 204, body: '' });
    hooks.on('/broken', { status: 500, body: 'down' });
    hooks.on('/slow', { body: '', delayMs: 1_500 });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
    const all = 'onDialogueStart onDialogueEnd onDialogueTaskStart onDialogueTaskEnd onDialogueTurn onCollectAttempt onActionsFetch';
    for (const [name, events, url, method] of [
      ['audit', all, '/events', 'POST'], ['ends', 'ondialogueend', '/ends', 'GET'],
      ['broken', all, '/broken', 'POST'], ['slow', 'onDialogueTurn', '/slow', 'POST'],
    ] as const) {
      const created = await rest(server, 'POST', '/v1/Assistants/pizza/Webhooks', { UniqueName: name, Events: events, WebhookUrl: hooks.url(url), WebhookMethod: method });
      expect(created.status).toBe(201);
    }
  });

  it('keeps Events as sent, and refuses a name that is no event', async () => {
    const ends = await rest(server, 'GET', '/v1/Assistants/pizza/Webhooks/ends');
    expect(ends.body.events).toBe('ondialogueend');
    const bad = await rest(server, 'POST', '/v1/Assistants/pizza/Webhooks', { UniqueName: 'bad', Events: 'onDialogueStart onDialogueFinish', WebhookUrl: hooks.url('/events') });
    expect(bad).toMatchObject({ status: 400, body: { code: 20001, message: expect.stringContaining('onDialogueFinish') } });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('sends each saved turn\'s events in the order they happened, signed, with the Autopilot request around them', async () => {
    const from = '+15550002001';
    const photo = 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME1';
    const started = Date.now();
    for (const body of ['I want to order a pizza', 'extra large', 'large']) {
      const reply = await twilioPost(server, messaging, sms(body, from));
      expect(reply.status).toBe(200);
    }
    const last = await twilioPost(server, messaging, sms('', from, { NumMedia: '1', MediaUrl0: photo, MediaContentType0: 'image/jpeg' }));
    expect(last.body).toContain('Your pizza is on its way');
    // The slow (1.5 s per event) and broken webhooks held up no reply.
    expect(Date.now() - started).toBeLessThan(2_500);

    const calls = await eventsArrived(hooks, '/events', from, 14);
    expect(calls.map(summary)).toEqual([
      'onDialogueStart:', 'onDialogueTaskStart:order_pizza', 'onDialogueTurn:order_pizza',
      'onCollectAttempt:order_pizza', 'onDialogueTurn:order_pizza',
      'onCollectAttempt:order_pizza', 'onDialogueTurn:order_pizza',
      'onCollectAttempt:order_pizza', 'onActionsFetch:order_done', 'onDialogueTaskEnd:order_pizza', 'onDialogueTaskStart:order_done',
      'onDialogueTurn:order_done', 'onDialogueTaskEnd:order_done', 'onDialogueEnd:order_done',
    ]);
    expect(calls.every((c) => c.signatureValid && c.method === 'POST')).toBe(true);
    const [start, , firstTurn, refused, , taken, , door, fetch] = calls;
    expect(start!.params).toMatchObject({ AccountSid: TEST_ACCOUNT_SID, Channel: 'sms', CurrentInput: 'I want to order a pizza', WebhookSid: expect.stringMatching(/^UM/) });
    expect(start!.params.DialogueSid).toMatch(/^UK/);
    expect(new Set(calls.map((c) => c.params.DialogueSid)).size).toBe(1);
    expect(Date.parse(firstTurn!.params.Timestamp!)).toBeGreaterThanOrEqual(started - 1_000);
    expect(JSON.parse(firstTurn!.params.Memory!).twilio.collected_data.order.status).toBe('in-progress');
    expect(refused!.params).toMatchObject({ CollectName: 'order', CollectQuestion: 'size', CollectAnswer: 'extra large', CollectValue: '', CollectValid: 'false', CollectAttempt: '1' });
    expect(taken!.params).toMatchObject({ CollectQuestion: 'size', CollectAnswer: 'large', CollectValue: 'large', CollectValid: 'true', CollectAttempt: '2' });
    expect(door!.params).toMatchObject({ CollectQuestion: 'door_photo', CollectAnswer: photo, CollectValid: 'true' });
    expect(fetch!.params).toMatchObject({ ActionsUrl: hooks.url('/order-done'), ActionsMethod: 'POST', ActionsPurpose: 'actions_url', ActionsStatus: '200', ActionsOk: 'true' });
    expect(calls.at(-1)!.params.DialogueEndReason).toBe('completed');

    // GET webhooks get the parameters in the signed query (no Memory, as Autopilot's GETs), and only their
    // event, named in any case (Twilio's API definition spells it `ondialogueend`).
    const ends = await eventsArrived(hooks, '/ends', from, 1);
    expect(ends.map((c) => [c.method, c.params.EventType, c.params.DialogueEndReason, c.signatureValid])).toEqual([['GET', 'onDialogueEnd', 'completed', true]]);
    expect(ends[0]!.params.Memory).toBeUndefined();
  });

  it('sends nothing for a retry of an answered message, and ends the dialogue\'s task on STOP', async () => {
    const from = '+15550002002';
    const first = sms('I want to order a pizza', from);
    await twilioPost(server, messaging, first);
    await twilioPost(server, messaging, first); // Twilio's retry: answered from the stored reply
    expect((await eventsArrived(hooks, '/events', from, 3)).map(summary)).toEqual(['onDialogueStart:', 'onDialogueTaskStart:order_pizza', 'onDialogueTurn:order_pizza']);

    await twilioPost(server, messaging, sms('STOP', from, { OptOutType: 'STOP' }));
    const calls = await eventsArrived(hooks, '/events', from, 5);
    expect(calls.slice(3).map((c) => [c.params.EventType, c.params.CurrentTask, c.params.DialogueEndReason])).toEqual([
      ['onDialogueTaskEnd', 'order_pizza', undefined], ['onDialogueEnd', 'order_pizza', 'opt-out'],
    ]);
    expect(calls[4]!.params.DialogueSid).toBe(calls[0]!.params.DialogueSid);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hooks.callsTo('/events').filter((c) => c.params.UserIdentifier === from)).toHaveLength(5);
  });

  it('follows changes to the webhooks at once: a deleted webhook gets nothing more', async () => {
    const from = '+15550002003';
    expect((await rest(server, 'POST', '/v1/Assistants/pizza/Webhooks/audit', { Events: 'onDialogueTurn' })).status).toBe(200);
    await twilioPost(server, messaging, sms('when are you open', from));
    expect((await eventsArrived(hooks, '/events', from, 1)).map(summary)).toEqual(['onDialogueTurn:opening_hours']);
    expect((await rest(server, 'DELETE', '/v1/Assistants/pizza/Webhooks/audit')).status).toBe(204);
    await twilioPost(server, messaging, sms('what is on the menu', from));
    // The webhook that answers 500 is called like the others (and changes nothing): once it has both turns, so would /events.
    const broken = await eventsArrived(hooks, '/broken', from, 6);
    expect(broken.filter((c) => c.params.EventType === 'onDialogueTurn').map((c) => c.params.CurrentTask)).toEqual(['opening_hours', 'menu']);
    expect(hooks.callsTo('/events').filter((c) => c.params.UserIdentifier === from)).toHaveLength(1);
  });

  it('never lets hanging event webhooks take the sockets a turn fetches its actions on (same host)', async () => {
    hooks.on('/hang', { body: '', delayMs: 4_000 });
    expect((await rest(server, 'POST', '/v1/Assistants/pizza/Webhooks', { UniqueName: 'hang', Events: 'onDialogueStart', WebhookUrl: hooks.url('/hang') })).status).toBe(201);
    // More dialogues start than the actions pool has sockets for one host (64): each start's event hangs.
    await Promise.all(Array.from({ length: 70 }, (_, i) => twilioPost(server, messaging, sms('when are you open', `+1555001${String(i).padStart(4, '0')}`))));
    const started = Date.now();
    const reply = await twilioPost(server, `${messaging}?TargetTask=whoami`, sms('who am i', '+15550002999'));
    expect(reply.body).toContain('Noted.');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await rest(server, 'DELETE', '/v1/Assistants/pizza/Webhooks/hang')).status).toBe(204);
  });
});
