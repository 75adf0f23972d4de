import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, childElements, createPizzaBot, only, parseTwiml, storedKeys, text, twilioPost, verbs, withStep, type Element } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const CALLER = '+15550001111';
const LINE = '+15550009999';

/** A Voice webhook request as Twilio posts it for a call. */
function call(callSid: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: TEST_ACCOUNT_SID, ApiVersion: '2010-04-01', CallSid: callSid, CallStatus: 'in-progress', Called: LINE, Caller: CALLER,
    Direction: 'inbound', From: CALLER, To: LINE, ...extra,
  };
}

const says = (element: Element): string[] => childElements(element, 'Say').map(text);

describe('Voice channel over real HTTP and Redis', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const voice = channelPath('pizza', 'twilio-voice');
  let gatherUrl = '';
  const gathered = (): string => `${voice}?Gathered=true`;

  /** The dialogue of a call, found through its logged NLU query (the public Queries API). */
  async function dialogueOfQuery(query: string): Promise<string> {
    const queries = await rest(server, 'GET', '/v1/Assistants/pizza/Queries?PageSize=100');
    const found = (queries.body.queries as Array<{ query: string; dialogue_sid: string }>).find((q) => q.query === query);
    if (found === undefined) throw new Error(`no query "${query}"`);
    return found.dialogue_sid;
  }

  beforeAll(async () => {
    server = await startTestServer('channels-voice');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Done.' }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
    gatherUrl = `${server.config.publicBaseUrl}${gathered()}`;
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('starts a call with the assistant initiation inside a Gather, SSML intact, then a no-input Redirect', async () => {
    const start = await twilioPost(server, voice, call('CA00000000000000000000000000000001', { CallStatus: 'ringing' }));
    expect(start.status).toBe(200);
    expect(start.contentType).toMatch(/text\/xml/);
    const root = parseTwiml(start.body);
    expect(verbs(root)).toEqual(['Gather', 'Redirect']);
    const gather = only(root, 'Gather');
    expect(gather.attributes).toMatchObject({ input: 'speech dtmf', action: withStep(gatherUrl), method: 'POST', speechTimeout: 'auto', bargeIn: 'true' });
    const say = only(gather, 'Say');
    expect(say.attributes).toEqual({ voice: 'Polly.Joanna' });
    // The <break/> of the say text arrives as an SSML element, not as escaped text.
    expect(childElements(say, 'break')).toEqual([{ kind: 'element', name: 'break', attributes: { time: '300ms' }, children: [] }]);
    expect(text(say)).toBe('Welcome to Parley Pizza.  How can I help?');
    expect(start.body).not.toContain('&lt;break');
    const redirect = only(root, 'Redirect');
    expect(redirect.attributes).toEqual({ method: 'POST' });
    expect(text(redirect)).toBe(gather.attributes.action);
  });

  it('runs a speech turn, then maps digits through listen.voice_digits.redirects', async () => {
    const sid = 'CA00000000000000000000000000000002';
    await twilioPost(server, voice, call(sid));
    const menu = parseTwiml((await twilioPost(server, gathered(), call(sid, { SpeechResult: 'What is on the menu?', Confidence: '0.92' }))).body);
    const gather = only(menu, 'Gather');
    expect(gather.attributes).toMatchObject({ numDigits: '1', action: withStep(gatherUrl) });
    expect(says(gather)).toEqual(['Press 1 for opening hours or 2 to talk to a person.']);

    const pressed = parseTwiml((await twilioPost(server, gathered(), call(sid, { Digits: '1' }))).body);
    expect(says(only(pressed, 'Gather'))).toEqual(['We are open from 11am to 11pm every day.']);
    const dialogue = await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${await dialogueOfQuery('What is on the menu')}`);
    expect(dialogue.body.data.twilio.voice).toMatchObject({ CallSid: sid, From: CALLER, Digits: '1' });
    // Each request's parameters replace the last one's: the speech of the earlier turn is not current.
    expect(dialogue.body.data.twilio.voice.SpeechResult).toBeUndefined();
  });

  it('re-prompts once on silence, then takes the fallback, then hangs up', async () => {
    const sid = 'CA00000000000000000000000000000003';
    await twilioPost(server, voice, call(sid));
    await twilioPost(server, gathered(), call(sid, { SpeechResult: 'when are you open' }));
    const dialogueSid = await dialogueOfQuery('when are you open');

    const reprompt = parseTwiml((await twilioPost(server, gathered(), call(sid))).body);
    expect(verbs(reprompt)).toEqual(['Gather', 'Redirect']);
    expect(says(only(reprompt, 'Gather'))).toEqual(['We are open from 11am to 11pm every day.']);

    const fallback = parseTwiml((await twilioPost(server, gathered(), call(sid, { SpeechResult: '' }))).body);
    expect(says(only(fallback, 'Gather'))).toEqual(['Sorry, I did not get that.']);
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(200);

    const gone = parseTwiml((await twilioPost(server, gathered(), call(sid))).body);
    expect(verbs(gone)).toEqual(['Hangup']);
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(404);
  });

  it('hands off to TaskRouter with an Enqueue whose Task carries the memory', async () => {
    const sid = 'CA00000000000000000000000000000004';
    await twilioPost(server, voice, call(sid));
    const handoff = parseTwiml((await twilioPost(server, gathered(), call(sid, { SpeechResult: 'I want to talk to a person' }))).body);
    expect(verbs(handoff)).toEqual(['Say', 'Enqueue']);
    expect(says(handoff)).toEqual(['Connecting you to a person.']);
    const enqueue = only(handoff, 'Enqueue');
    expect(enqueue.attributes).toEqual({ workflowSid: 'WW0123456789abcdef0123456789abcdef' });
    const task = only(enqueue, 'Task');
    expect(task.attributes).toEqual({ priority: '5', timeout: '200' });
    const attributes = JSON.parse(text(task));
    expect(attributes.twilio.voice).toMatchObject({ CallSid: sid, From: CALLER, SpeechResult: 'I want to talk to a person' });
    // A handoff ends the dialogue.
    const dialogueSid = await dialogueOfQuery('I want to talk to a person');
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(404);
  });

  it('answers a Gather callback delivered twice without an idempotency header with the first reply, running it once', async () => {
    const sid = 'CA00000000000000000000000000000011';
    const start = parseTwiml((await twilioPost(server, voice, call(sid))).body);
    const back = only(start, 'Gather').attributes.action!.slice(server.config.publicBaseUrl.length);
    const queries = async (): Promise<number> => (await rest(server, 'GET', '/v1/Assistants/pizza/Queries?PageSize=1000')).body.queries.length as number;
    const before = await queries();
    const first = await twilioPost(server, back, call(sid, { SpeechResult: 'What is on the menu?' }));
    const again = await twilioPost(server, back, call(sid, { SpeechResult: 'What is on the menu?' }));
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    expect(await queries()).toBe(before + 1);
    // The next Gather of the call has a step of its own: it runs.
    const next = only(parseTwiml(first.body), 'Gather').attributes.action!.slice(server.config.publicBaseUrl.length);
    expect(next).not.toBe(back);
    await twilioPost(server, next, call(sid, { SpeechResult: 'What is on the menu?' }));
    expect(await queries()).toBe(before + 2);
  });

  it('ends the dialogue when the call ends (status callback), so its Dialogue resource is gone', async () => {
    const sid = 'CA00000000000000000000000000000005';
    await twilioPost(server, voice, call(sid));
    await twilioPost(server, gathered(), call(sid, { SpeechResult: 'show me the menu' }));
    const dialogueSid = await dialogueOfQuery('show me the menu');
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(200);

    const status = await twilioPost(server, `${voice}/status`, call(sid, { CallStatus: 'completed', CallDuration: '42' }));
    expect(status.status).toBe(200);
    expect(verbs(parseTwiml(status.body))).toEqual([]);
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(404);

    // The same, with the status callback pointed at the voice URL itself.
    const other = 'CA00000000000000000000000000000006';
    await twilioPost(server, voice, call(other));
    await twilioPost(server, gathered(), call(other, { SpeechResult: 'menu please' }));
    const otherSid = await dialogueOfQuery('menu please');
    await twilioPost(server, voice, call(other, { CallStatus: 'completed' }));
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${otherSid}`)).status).toBe(404);
  });

  it('starts with TargetTask instead of the initiation and merges Memory', async () => {
    const sid = 'CA00000000000000000000000000000007';
    const path = `${voice}?TargetTask=whoami&Memory=${encodeURIComponent(JSON.stringify({ vip: true }))}`;
    const start = parseTwiml((await twilioPost(server, path, call(sid))).body);
    expect(says(only(start, 'Gather'))).toEqual(['Noted.']);
    const hook = hooks.callsTo('/whoami').at(-1)!;
    expect(hook.params).toMatchObject({ Channel: 'voice', CurrentTask: 'whoami', UserIdentifier: CALLER });
    expect(JSON.parse(hook.params.Memory!)).toMatchObject({ vip: true, twilio: { voice: { CallSid: sid } } });
    // The Gather posts back without the TargetTask: the caller's answer is classified.
    expect(only(start, 'Gather').attributes.action).toEqual(withStep(gatherUrl));
  });

  it('refuses a bad signature with a 403 and stores nothing; wrong account, assistant or Memory get Twilio error bodies', async () => {
    const keys = await storedKeys(server);
    const unsigned = await twilioPost(server, voice, call('CA00000000000000000000000000000008'), { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(unsigned.status).toBe(403);
    expect(await storedKeys(server)).toEqual(keys);

    const account = await twilioPost(server, `/v1/AC${'0'.repeat(32)}/pizza/twilio-voice`, call('CA00000000000000000000000000000009'));
    expect(account.status).toBe(404);
    expect(JSON.parse(account.body)).toMatchObject({ code: 20404 });
    const assistant = await twilioPost(server, channelPath('nobody', 'twilio-voice'), call('CA00000000000000000000000000000009'));
    expect(assistant.status).toBe(404);
    const memory = await twilioPost(server, `${voice}?Memory=[1,2]`, call('CA00000000000000000000000000000009'));
    expect(memory.status).toBe(400);
    expect(JSON.parse(memory.body).message).toMatch(/Memory: must be a JSON object/);
    expect(await storedKeys(server)).toEqual(keys);
  });
});

describe('Voice: a hang-up while a turn of the call still runs', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const voice = channelPath('pizza', 'twilio-voice');

  beforeAll(async () => {
    // A message may wait 300 ms for its turn; the call's slow turn takes 1.2 s.
    server = await startTestServer('channels-voice-hangup', { parley: { turnGate: { maxWaitMs: 300 } } });
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Done.' }] } });
    hooks.on('/slow', { body: { actions: [{ say: 'Took a while.' }, { listen: true }] }, delayMs: 1_200 });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/slow') });
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('ends the dialogue once that turn is saved, however long past the busy limit it runs', async () => {
    const sid = 'CA00000000000000000000000000000f01';
    await twilioPost(server, voice, call(sid));
    await twilioPost(server, `${voice}?Gathered=true`, call(sid, { SpeechResult: 'show me the menu' }));
    const queries = await rest(server, 'GET', '/v1/Assistants/pizza/Queries?PageSize=20');
    const dialogueSid = (queries.body.queries as Array<{ query: string; dialogue_sid: string }>).find((q) => q.query === 'show me the menu')!.dialogue_sid;
    const slowTurn = twilioPost(server, `${voice}?Gathered=true&TargetTask=whoami`, call(sid, { SpeechResult: 'who am i' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const status = await twilioPost(server, `${voice}/status`, call(sid, { CallStatus: 'completed' }));
    expect(status.status).toBe(200);
    expect(verbs(parseTwiml(status.body))).toEqual([]); // no apology: the hang-up was not refused as busy
    expect(says(only(parseTwiml((await slowTurn).body), 'Gather'))).toEqual(['Took a while.']);
    expect((await rest(server, 'GET', `/v1/Assistants/pizza/Dialogues/${dialogueSid}`)).status).toBe(404);
  });
});
