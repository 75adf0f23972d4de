/**
 * Real Autopilot bots (the shared corpus, PARLEY_SHARED_DIR, default ../shared) driven through the
 * Twilio-facing channel webhooks over real HTTP and real Redis, with every request signed and
 * carrying the full parameter set Twilio posts for an inbound SMS, a call, a Gather result and the
 * Gather's no-input Redirect. Also: replayed webhooks (same MessageSid, same idempotency token)
 * run their turn once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssistant } from '../../src/import-export/import-assistant.js';
import { channelPath, childElements, only, parseTwiml, text, twilioPost, verbs, withStep, type Element } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const SHARED_BOTS = resolve(process.cwd(), process.env.PARLEY_SHARED_DIR ?? '../shared', 'bots');
const HAVE_BOTS = existsSync(SHARED_BOTS);
if (!HAVE_BOTS) console.warn(`channels-shared-bots.test.ts: shared-bot tests skipped, ${SHARED_BOTS} not found (set PARLEY_SHARED_DIR to the shared directory)`);

const botSchema = (file: string): Record<string, any> => JSON.parse(readFileSync(resolve(SHARED_BOTS, file), 'utf8'));
const APPT = 'twilio-autopilot-templates__ApptScheduling.json';
const HOSPITALITY = 'twilio-autopilot-templates__Hospitality.json';
const ROUTING = 'twilio-autopilot-templates__IntentBasedRouting.json';

const LINE = '+14155550100';
let sequence = 0;
const hex32 = (n: number, salt: string): string => `${salt}${n.toString(16)}`.padStart(32, '0').slice(-32);

/** An inbound SMS with every parameter Twilio posts for one (a fresh MessageSid each time unless given). */
function inboundSms(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  sequence += 1;
  const sid = `SM${hex32(sequence, 'a5')}`;
  return {
    ToCountry: 'US', ToState: 'CA', SmsMessageSid: sid, NumMedia: '0', ToCity: 'SAN FRANCISCO', FromZip: '94103', SmsSid: sid,
    FromState: 'CA', SmsStatus: 'received', FromCity: 'SAN FRANCISCO', Body: body, FromCountry: 'US', To: LINE, ToZip: '94105',
    NumSegments: '1', ReferralNumMedia: '0', MessageSid: sid, AccountSid: TEST_ACCOUNT_SID, From: from, ApiVersion: '2010-04-01', ...extra,
  };
}

/** The parameters Twilio posts with every request of an inbound call (first request, Gather action, Redirect). */
function callParams(callSid: string, caller: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: TEST_ACCOUNT_SID, ApiVersion: '2010-04-01', CallSid: callSid, CallStatus: 'in-progress', CallToken: '%7B%22parentCallInfoToken%22%3A%22eyJhbGciOiJFUzI1NiJ9%22%7D',
    Called: LINE, CalledCity: 'SAN FRANCISCO', CalledCountry: 'US', CalledState: 'CA', CalledZip: '94105',
    Caller: caller, CallerCity: 'OAKLAND', CallerCountry: 'US', CallerState: 'CA', CallerZip: '94607',
    Direction: 'inbound', From: caller, FromCity: 'OAKLAND', FromCountry: 'US', FromState: 'CA', FromZip: '94607',
    StirVerstat: 'TN-Validation-Passed-A', To: LINE, ToCity: 'SAN FRANCISCO', ToCountry: 'US', ToState: 'CA', ToZip: '94105', ...extra,
  };
}
/** The call's first request: ringing, no input. */
const callStart = (sid: string, caller: string): Record<string, string> => callParams(sid, caller, { CallStatus: 'ringing' });
/** A Gather action with speech. */
const saidThis = (sid: string, caller: string, speech: string): Record<string, string> =>
  callParams(sid, caller, { SpeechResult: speech, Confidence: '0.9176', Language: 'en-US', msg: 'Gather End' });
/** A Gather action with keypad digits. */
const pressed = (sid: string, caller: string, digits: string): Record<string, string> =>
  callParams(sid, caller, { Digits: digits, FinishedOnKey: '', msg: 'Gather End' });
/** The Gather's fallback `<Redirect>`: the call parameters alone. */
const silence = (sid: string, caller: string): Record<string, string> => callParams(sid, caller);

/** The `<Message>` bodies of a Messaging TwiML reply. */
function messageBodies(xml: string): string[] {
  return childElements(parseTwiml(xml), 'Message').map((m) => {
    const bodies = childElements(m, 'Body');
    return bodies.length > 0 ? bodies.map(text).join('') : text(m);
  });
}

const says = (element: Element): string[] => childElements(element, 'Say').map(text);
/** The sayings of a task's actions in a schema, by task name. */
function sayOf(schema: Record<string, any>, task: string, index = 0): string {
  const found = (schema.tasks as Array<{ uniqueName: string; actions: { actions: Array<Record<string, any>> } }>).find((t) => t.uniqueName === task);
  const saysList = (found?.actions.actions ?? []).filter((a) => typeof a.say === 'string').map((a) => a.say as string);
  if (saysList[index] === undefined) throw new Error(`no say #${index} in task ${task}`);
  return saysList[index]!;
}
function questionsOf(schema: Record<string, any>, task: string): string[] {
  const found = (schema.tasks as Array<{ uniqueName: string; actions: { actions: Array<Record<string, any>> } }>).find((t) => t.uniqueName === task);
  const collect = found!.actions.actions.find((a) => a.collect !== undefined)!.collect as { questions: Array<{ question: string }> };
  return collect.questions.map((q) => q.question);
}
const onFailure = (schema: Record<string, any>, n: number): string => schema.styleSheet.style_sheet.collect.validate.on_failure.messages[n].say;

/** A Gather of the voice channel: its attributes and its `<Say>`s, asserted in one place. */
function expectGather(xml: string, gatherUrl: string, voice: string): Element {
  const root = parseTwiml(xml);
  expect(verbs(root)).toEqual(['Gather', 'Redirect']);
  const gather = only(root, 'Gather');
  expect(gather.attributes).toMatchObject({ input: 'speech dtmf', action: withStep(gatherUrl), method: 'POST', speechTimeout: 'auto' });
  for (const say of childElements(gather, 'Say')) expect(say.attributes).toEqual({ voice });
  const redirect = only(root, 'Redirect');
  expect(redirect.attributes).toEqual({ method: 'POST' });
  expect(text(redirect)).toBe(gather.attributes.action);
  return gather;
}

async function importShared(server: TestServer, file: string): Promise<{ sid: string; schema: Record<string, any> }> {
  const schema = botSchema(file);
  const { assistant } = await importAssistant(server.parley.ctx, schema, { builds: server.parley.builds });
  await server.parley.builds.drain();
  return { sid: assistant!.sid, schema };
}

async function queriesOf(server: TestServer, assistant: string): Promise<Array<{ query: string; dialogue_sid: string; source_channel: string }>> {
  const page = await rest(server, 'GET', `/v1/Assistants/${assistant}/Queries?PageSize=200`);
  expect(page.status).toBe(200);
  return page.body.queries;
}

describe.skipIf(!HAVE_BOTS)(`shared Autopilot bots on the Twilio channels (needs ${SHARED_BOTS})`, () => {
  let server: TestServer;
  let appt: { sid: string; schema: Record<string, any> };
  let hospitality: { sid: string; schema: Record<string, any> };
  let routing: { sid: string; schema: Record<string, any> };

  beforeAll(async () => {
    server = await startTestServer('channels-shared-bots');
    appt = await importShared(server, APPT);
    hospitality = await importShared(server, HOSPITALITY);
    routing = await importShared(server, ROUTING);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('ApptScheduling over SMS: greeting, booking collect with a refused date, every question, the booking confirmation', async () => {
    const guest = '+14155550123';
    const sms = channelPath(appt.sid, 'twilio-messaging');
    const [dateQ, timeQ, phoneQ] = questionsOf(appt.schema, 'book_appointments');

    const hello = await twilioPost(server, sms, inboundSms(guest, 'hello'));
    expect(hello.status).toBe(200);
    expect(hello.contentType).toMatch(/text\/xml/);
    expect(messageBodies(hello.body)).toEqual([sayOf(appt.schema, 'greeting')]);

    const book = await twilioPost(server, sms, inboundSms(guest, 'I want to book an appointment'));
    expect(messageBodies(book.body)).toEqual([`${sayOf(appt.schema, 'book_appointments')}\n${dateQ}`]);

    // Not a date: the style sheet's first on_failure message, and (repeat_question false) not the question.
    const refused = await twilioPost(server, sms, inboundSms(guest, 'purple elephants'));
    expect(messageBodies(refused.body)).toEqual([onFailure(appt.schema, 0)]);

    expect(messageBodies((await twilioPost(server, sms, inboundSms(guest, 'tomorrow'))).body)).toEqual([timeQ]);
    expect(messageBodies((await twilioPost(server, sms, inboundSms(guest, '4pm'))).body)).toEqual([phoneQ]);

    // Before the last answer the dialogue's memory holds the collect so far and the SMS parameters.
    const dialogueSid = (await queriesOf(server, appt.sid)).find((q) => q.query === 'I want to book an appointment')!.dialogue_sid;
    const live = await rest(server, 'GET', `/v1/Assistants/${appt.sid}/Dialogues/${dialogueSid}`);
    expect(live.status).toBe(200);
    expect(live.body.data.twilio.sms).toMatchObject({ From: guest, To: LINE, Body: '4pm', SmsStatus: 'received', FromCity: 'SAN FRANCISCO' });
    expect(live.body.data.twilio.collected_data.schedule_appt.answers).toMatchObject({
      appt_date: { filled: true, attempts: 2 },
      appt_time: { filled: true },
    });

    const booked = await twilioPost(server, sms, inboundSms(guest, '415 555 0199'));
    expect(messageBodies(booked.body)).toEqual([sayOf(appt.schema, 'complete_booking')]);
    // complete_booking does not listen: the dialogue ended.
    expect((await rest(server, 'GET', `/v1/Assistants/${appt.sid}/Dialogues/${dialogueSid}`)).status).toBe(404);
  });

  it('Hospitality over Voice: initiation, speech, a refused number, no-input re-prompt, a DTMF answer, goodbye and Hangup', async () => {
    const caller = '+15105550142';
    const sid = 'CA5a1e0000000000000000000000c0de';
    const voice = channelPath(hospitality.sid, 'twilio-voice');
    const gathered = `${voice}?Gathered=true`;
    const gatherUrl = `${server.config.publicBaseUrl}${gathered}`;
    const sayVoice = hospitality.schema.styleSheet.style_sheet.voice.say_voice as string;
    const [itemQ, quantityQ] = questionsOf(hospitality.schema, 'deliver_roomitems');

    const start = await twilioPost(server, voice, callStart(sid, caller));
    expect(start.status).toBe(200);
    expect(start.contentType).toMatch(/text\/xml/);
    expect(says(expectGather(start.body, gatherUrl, sayVoice))).toEqual([sayOf(hospitality.schema, 'greeting')]);

    const items = await twilioPost(server, gathered, saidThis(sid, caller, 'I need some extra items for the room'));
    expect(says(expectGather(items.body, gatherUrl, sayVoice))).toEqual([sayOf(hospitality.schema, 'deliver_roomitems'), itemQ]);

    const item = await twilioPost(server, gathered, saidThis(sid, caller, 'towels'));
    expect(says(expectGather(item.body, gatherUrl, sayVoice))).toEqual([quantityQ]);

    // Twilio.NUMBER refuses words that are no number: the style sheet's failure message, still gathering.
    const refused = await twilioPost(server, gathered, saidThis(sid, caller, 'a whole bunch of them'));
    expect(says(expectGather(refused.body, gatherUrl, sayVoice))).toEqual([onFailure(hospitality.schema, 0)]);

    // The caller says nothing: the Gather's Redirect posts back without input, and the last prompt is repeated.
    const quiet = await twilioPost(server, gathered, silence(sid, caller));
    expect(says(expectGather(quiet.body, gatherUrl, sayVoice))).toEqual([onFailure(hospitality.schema, 0)]);

    // Keypad: 3 answers the number question; the collect completes and redirects to complete_collect_roomitems.
    const keyed = await twilioPost(server, gathered, pressed(sid, caller, '3'));
    expect(says(expectGather(keyed.body, gatherUrl, sayVoice))).toEqual([sayOf(hospitality.schema, 'complete_collect_roomitems')]);
    const dialogueSid = (await queriesOf(server, hospitality.sid)).find((q) => q.query === 'I need some extra items for the room')!.dialogue_sid;
    const dialogue = await rest(server, 'GET', `/v1/Assistants/${hospitality.sid}/Dialogues/${dialogueSid}`);
    expect(dialogue.body.data.twilio.voice).toMatchObject({ CallSid: sid, From: caller, Digits: '3', CallerCity: 'OAKLAND', StirVerstat: 'TN-Validation-Passed-A' });
    expect(dialogue.body.data.twilio.collected_data.deliver_roomitems).toMatchObject({
      status: 'complete',
      answers: { item: { answer: 'towels', filled: true }, quantity: { answer: '3', filled: true } },
    });

    // goodbye does not listen: its words, then the call hangs up and the dialogue is gone.
    const bye = parseTwiml((await twilioPost(server, gathered, saidThis(sid, caller, "that's all for today"))).body);
    expect(verbs(bye)).toEqual(['Say', 'Hangup']);
    expect(says(bye)).toEqual([sayOf(hospitality.schema, 'goodbye')]);
    expect(only(bye, 'Say').attributes).toEqual({ voice: sayVoice });
    expect((await rest(server, 'GET', `/v1/Assistants/${hospitality.sid}/Dialogues/${dialogueSid}`)).status).toBe(404);

    // The status callback after the hang-up is answered with an empty Response.
    const status = await twilioPost(server, `${voice}/status`, callParams(sid, caller, { CallStatus: 'completed', CallDuration: '47', Timestamp: 'Tue, 14 May 2024 10:00:00 +0000', CallbackSource: 'call-progress-events', SequenceNumber: '0' }));
    expect(status.status).toBe(200);
    expect(verbs(parseTwiml(status.body))).toEqual([]);
  });

  it('IntentBasedRouting over Voice: its URL handoff becomes a <Redirect> to the handler after the Say', async () => {
    const caller = '+15105550143';
    const sid = 'CA5a1e0000000000000000000000c0df';
    const voice = channelPath(routing.sid, 'twilio-voice');
    const gatherUrl = `${server.config.publicBaseUrl}${voice}?Gathered=true`;
    const sayVoice = routing.schema.styleSheet.style_sheet.voice.say_voice as string;
    const start = await twilioPost(server, voice, callStart(sid, caller));
    expect(says(expectGather(start.body, gatherUrl, sayVoice))).toEqual([sayOf(routing.schema, 'greeting')]);

    const sales = parseTwiml((await twilioPost(server, `${voice}?Gathered=true`, saidThis(sid, caller, 'I want to talk to sales'))).body);
    expect(verbs(sales)).toEqual(['Say', 'Redirect']);
    expect(says(sales)).toEqual([sayOf(routing.schema, 'talk_to_sales')]);
    const redirect = only(sales, 'Redirect');
    expect(redirect.attributes).toEqual({ method: 'POST' });
    expect(text(redirect)).toBe('https://handler.twilio.com/twiml/EHec1bbf48c2000f95f0506e6c1c54af72');
  });
});

describe('TaskRouter handoff and replayed webhooks (a small bot of the test\'s own)', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  const counter = (): { calls: number } => ({ calls: hooks.callsTo('/count').length });
  const bot = 'front-desk';
  const sms = channelPath(bot, 'twilio-messaging');
  const voice = channelPath(bot, 'twilio-voice');
  const gathered = `${voice}?Gathered=true`;

  beforeAll(async () => {
    server = await startTestServer('channels-shared-bots-own');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    // A remember counter: each run of the task adds one to memory.count.
    hooks.on('/count', (call) => {
      const memory = JSON.parse(call.params.Memory ?? '{}') as { count?: number };
      const count = (memory.count ?? 0) + 1;
      return { body: { actions: [{ remember: { count } }, { say: `Turn number ${count}.` }, { listen: true }] }, delayMs: 150 };
    });
    const created = await rest(server, 'POST', '/v1/Assistants', {
      UniqueName: bot,
      Defaults: JSON.stringify({ defaults: { assistant_initiation: 'task://menu', fallback: 'task://menu' } }),
      StyleSheet: JSON.stringify({ style_sheet: { voice: { say_voice: 'Polly.Joanna' } } }),
    });
    expect(created.status).toBe(201);
    const tasks: Record<string, Record<string, string>> = {
      menu: { Actions: JSON.stringify({ actions: [
        { say: 'Press 0 for the front desk.' },
        { listen: { voice_digits: { num_digits: 1, redirects: { 0: 'task://agent', 9: 'task://count' } } } },
      ] }) },
      agent: { Actions: JSON.stringify({ actions: [
        { say: 'Connecting you to the front desk.' },
        { handoff: { channel: 'voice', uri: 'taskrouter://WWfd000000000000000000000000000001', priority: '10', timeout: '3600' } },
      ] }) },
      count: { ActionsUrl: hooks.url('/count') },
    };
    for (const [name, params] of Object.entries(tasks)) expect((await rest(server, 'POST', `/v1/Assistants/${bot}/Tasks`, { UniqueName: name, ...params })).status).toBe(201);
    for (const sample of ['count me', 'count again', 'one more count', 'increment the counter', 'add one']) {
      await rest(server, 'POST', `/v1/Assistants/${bot}/Tasks/count/Samples`, { Language: 'en-US', TaggedText: sample });
    }
    for (const sample of ['front desk', 'talk to a person', 'reception please', 'an agent', 'i want a human']) {
      await rest(server, 'POST', `/v1/Assistants/${bot}/Tasks/agent/Samples`, { Language: 'en-US', TaggedText: sample });
    }
    await rest(server, 'POST', `/v1/Assistants/${bot}/ModelBuilds`, {});
    await server.parley.builds.drain();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await hooks?.stop();
  });

  it('hands a call off to TaskRouter on a DTMF choice: Say then Enqueue with the memory as the Task', async () => {
    const caller = '+15105550144';
    const sid = 'CAfd00000000000000000000000000a1';
    const start = parseTwiml((await twilioPost(server, voice, callStart(sid, caller))).body);
    expect(verbs(start)).toEqual(['Gather', 'Redirect']);
    expect(only(start, 'Gather').attributes).toMatchObject({ numDigits: '1', action: withStep(`${server.config.publicBaseUrl}${gathered}`) });
    expect(says(only(start, 'Gather'))).toEqual(['Press 0 for the front desk.']);

    const handoff = parseTwiml((await twilioPost(server, gathered, pressed(sid, caller, '0'))).body);
    expect(verbs(handoff)).toEqual(['Say', 'Enqueue']);
    expect(says(handoff)).toEqual(['Connecting you to the front desk.']);
    expect(only(handoff, 'Say').attributes).toEqual({ voice: 'Polly.Joanna' });
    const enqueue = only(handoff, 'Enqueue');
    expect(enqueue.attributes).toMatchObject({ workflowSid: 'WWfd000000000000000000000000000001' });
    const task = only(enqueue, 'Task');
    expect(task.attributes).toEqual({ priority: '10', timeout: '3600' });
    expect(JSON.parse(text(task)).twilio.voice).toMatchObject({ CallSid: sid, From: caller, Digits: '0', CallerZip: '94607' });
  });

  it('runs a replayed SMS (same MessageSid) once, sequentially: the same TwiML, one turn in memory', async () => {
    const guest = '+14155550777';
    const before = counter().calls;
    const first = inboundSms(guest, 'count me');
    const once = await twilioPost(server, sms, first);
    expect(messageBodies(once.body)).toEqual(['Turn number 1.']);
    const again = await twilioPost(server, sms, first);
    expect(again.status).toBe(200);
    expect(again.body).toBe(once.body);
    expect(counter().calls).toBe(before + 1);

    // The next real message is turn 2: the replay left no turn behind in memory.
    const next = await twilioPost(server, sms, inboundSms(guest, 'count again'));
    expect(messageBodies(next.body)).toEqual(['Turn number 2.']);
    expect(counter().calls).toBe(before + 2);
    const queries = (await queriesOf(server, bot)).filter((q) => q.query === 'count me' && q.source_channel === 'sms');
    expect(queries).toHaveLength(1);
  });

  it('runs a replayed SMS once when the copies arrive concurrently', async () => {
    const guest = '+14155550778';
    const before = counter().calls;
    const form = inboundSms(guest, 'one more count');
    const replies = await Promise.all([0, 1, 2].map(() => twilioPost(server, sms, form)));
    for (const reply of replies) expect(reply.status).toBe(200);
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect(messageBodies(replies[0]!.body)).toEqual(['Turn number 1.']);
    expect(counter().calls).toBe(before + 1);
    expect(messageBodies((await twilioPost(server, sms, inboundSms(guest, 'count me'))).body)).toEqual(['Turn number 2.']);
    expect((await queriesOf(server, bot)).filter((q) => q.query === 'one more count')).toHaveLength(1);
  });

  it('runs a replayed Gather callback (same CallSid, same I-Twilio-Idempotency-Token) once, sequentially and concurrently', async () => {
    const caller = '+15105550145';
    const sid = 'CAfd00000000000000000000000000a2';
    const gatherUrl = `${server.config.publicBaseUrl}${gathered}`;
    await twilioPost(server, voice, callStart(sid, caller));
    const before = counter().calls;
    // Twilio keeps the token when it retries a webhook; each new request gets a new one.
    const step1 = { headers: { 'I-Twilio-Idempotency-Token': `${sid}-step-1` } };
    const form1 = pressed(sid, caller, '9');
    const first = await twilioPost(server, gathered, form1, step1);
    expect(says(expectGather(first.body, gatherUrl, 'Polly.Joanna'))).toEqual(['Turn number 1.']);
    const replay = await twilioPost(server, gathered, form1, step1);
    expect(replay.body).toBe(first.body);
    expect(counter().calls).toBe(before + 1);

    const step2 = { headers: { 'I-Twilio-Idempotency-Token': `${sid}-step-2` } };
    const form2 = saidThis(sid, caller, 'count again');
    const concurrent = await Promise.all([0, 1, 2].map(() => twilioPost(server, gathered, form2, step2)));
    expect(new Set(concurrent.map((r) => r.body)).size).toBe(1);
    expect(says(expectGather(concurrent[0]!.body, gatherUrl, 'Polly.Joanna'))).toEqual(['Turn number 2.']);
    expect(counter().calls).toBe(before + 2);
  });
});
