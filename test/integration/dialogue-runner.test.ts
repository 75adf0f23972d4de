import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnInput, TurnRequest } from '../../src/dialogue/turn-types.js';
import { scanKeys } from '../support/redis.js';
import { TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const SAMPLES: Record<string, string[]> = {
  book_room: ['i want to book a room', 'book a room for {nights} nights', 'reserve a room for me', 'i need a place to stay', 'make a reservation', 'book me a room for {nights} nights', 'i would like to reserve a room'],
  check_out: ['what time is check out', 'when do i have to leave', 'late checkout please', 'check out time', 'when is checkout'],
  agent: ['talk to a person', 'i want a human', 'connect me to an agent', 'speak to someone', 'operator please'],
};

describe('dialogue runner over real Redis and a real customer webhook', () => {
  let server: TestServer;
  let hooks: WebhookServer;

  const turn = (conversation: string, input: TurnInput, extra: Partial<TurnRequest> = {}) => server.parley.runTurn({
    assistantSid: 'hotel', conversationKey: conversation, channel: 'sms', channelName: 'sms', channelMemoryKey: 'sms',
    channelMemory: { From: '+15550001111', To: '+15550002222' }, userIdentifier: '+15550001111', input, ...extra,
  });
  const say = (text: string): TurnInput => ({ kind: 'text', text });

  beforeAll(async () => {
    server = await startTestServer('dialogue-runner');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/booked', { body: { actions: [{ say: 'Booked!' }, { remember: { booked: true } }] } });
    hooks.on('/checkout', { status: 500, body: 'oops' });
    hooks.on('/rooms', (call) => ({ body: { valid: call.params.ValidateFieldAnswer !== 'double' } }));
    const collect = {
      name: 'booking',
      questions: [
        { question: 'How many nights?', name: 'nights', type: 'Twilio.NUMBER', prefill: 'nights' },
        {
          question: 'Which room?', name: 'room', type: 'Custom.ROOM',
          validate: {
            allowed_values: { list: ['suite', 'double'] },
            webhook: { url: hooks.url('/rooms'), method: 'POST' },
            on_failure: { messages: [{ say: 'We only have suites and doubles.' }, { say: 'Suite or double?' }], repeat_question: true },
            on_success: { say: 'Great choice.' },
            max_attempts: { num_attempts: 3, redirect: 'task://agent' },
          },
        },
      ],
      on_complete: { redirect: hooks.url('/booked') },
    };
    await rest(server, 'POST', '/v1/Assistants', {
      UniqueName: 'hotel', Defaults: JSON.stringify({ defaults: { fallback: 'task://fallback', assistant_initiation: 'task://greeting' } }),
    });
    const tasks: Record<string, Record<string, string>> = {
      greeting: { Actions: JSON.stringify({ actions: [{ say: 'Welcome to the hotel.' }, { listen: true }] }) },
      fallback: { Actions: JSON.stringify({ actions: [{ say: 'Sorry, I did not get that.' }, { listen: true }] }) },
      book_room: { Actions: JSON.stringify({ actions: [{ say: "Let's book." }, { collect }, { say: 'never said' }] }) },
      check_out: { ActionsUrl: hooks.url('/checkout') },
      agent: { Actions: JSON.stringify({ actions: [{ say: 'Connecting you.' }, { handoff: { channel: 'voice', uri: 'taskrouter://WW0123456789abcdef0123456789abcdef' } }] }) },
    };
    await rest(server, 'POST', '/v1/Assistants/hotel/FieldTypes', { UniqueName: 'Custom.ROOM' });
    for (const value of ['suite', 'double', 'penthouse']) {
      await rest(server, 'POST', '/v1/Assistants/hotel/FieldTypes/Custom.ROOM/FieldValues', { Language: 'en-US', Value: value });
    }
    for (const [name, params] of Object.entries(tasks)) {
      expect((await rest(server, 'POST', '/v1/Assistants/hotel/Tasks', { UniqueName: name, ...params })).status).toBe(201);
    }
    await rest(server, 'POST', '/v1/Assistants/hotel/Tasks/book_room/Fields', { UniqueName: 'nights', FieldType: 'Twilio.NUMBER' });
    for (const [task, samples] of Object.entries(SAMPLES)) {
      for (const sample of samples) await rest(server, 'POST', `/v1/Assistants/hotel/Tasks/${task}/Samples`, { Language: 'en-US', TaggedText: sample });
    }
    await rest(server, 'POST', '/v1/Assistants/hotel/ModelBuilds', {});
    await server.parley.builds.drain();
    expect((await rest(server, 'GET', '/v1/Assistants/hotel')).body.latest_model_build_sid).toMatch(/^UG/);
  });

  afterAll(async () => {
    await server.close();
    await hooks.stop();
  });

  it('runs a collect with prefill, type checks, allowed values and a validate webhook, then on_complete at a URL', async () => {
    const first = await turn('guest-1', say('please book me a room for 3 nights'));
    expect(first.trace.task).toBe('book_room');
    expect(first.outputs).toEqual([{ kind: 'say', text: "Let's book." }, { kind: 'say', text: 'Which room?' }]);
    expect(first.next).toMatchObject({ kind: 'collect', question: { collect: 'booking', question: 'Which room?', type: 'Custom.ROOM' } });
    const dialogue = await rest(server, 'GET', `/v1/Assistants/hotel/Dialogues/${first.dialogueSid}`);
    expect(dialogue.body.data.twilio.collected_data.booking.answers.nights).toMatchObject({ answer: '3', filled: true, type: 'Twilio.NUMBER' });

    const notAType = await turn('guest-1', say('a treehouse'));
    expect(notAType.outputs.map((o) => (o as { text: string }).text)).toEqual(['We only have suites and doubles.', 'Which room?']);

    const refusedByWebhook = await turn('guest-1', say('the double'));
    expect(refusedByWebhook.outputs.map((o) => (o as { text: string }).text)).toEqual(['Suite or double?', 'Which room?']);
    const validation = hooks.callsTo('/rooms').at(-1)!;
    expect(validation.signatureValid).toBe(true);
    expect(validation.params).toMatchObject({ ValidateFieldAnswer: 'double', ValidateFieldName: 'room', ValidateFieldType: 'Custom.ROOM', CurrentTask: 'book_room' });

    const done = await turn('guest-1', say('suite'));
    expect(done.outputs.map((o) => (o as { text: string }).text)).toEqual(['Great choice.', 'Booked!']);
    expect(done.next).toEqual({ kind: 'end' });
    const booked = hooks.callsTo('/booked').at(-1)!;
    expect(booked.signatureValid).toBe(true);
    expect(booked.params).toMatchObject({
      AccountSid: server.config.accountSid, DialogueSid: first.dialogueSid, UserIdentifier: '+15550001111', Channel: 'sms', CurrentTask: 'book_room',
      DialoguePayloadUrl: `${server.baseUrl}/v1/Assistants/${(await rest(server, 'GET', '/v1/Assistants/hotel')).body.sid}/Dialogues/${first.dialogueSid}`,
    });
    const memory = JSON.parse(booked.params.Memory!);
    expect(memory.twilio.sms).toMatchObject({ From: '+15550001111' });
    expect(memory.twilio.collected_data.booking).toMatchObject({
      status: 'complete',
      answers: { nights: { answer: '3', attempts: 1 }, room: { answer: 'suite', attempts: 3, validate_attempts: 2, filled: true } },
    });
    expect(done.memory.booked).toBe(true);
    // No listen after the webhook's actions: the dialogue ended, and its resource is gone.
    expect((await rest(server, 'GET', `/v1/Assistants/hotel/Dialogues/${first.dialogueSid}`)).status).toBe(404);
  });

  it('takes the fallback path, keeping memory, when an actions_url fails', async () => {
    const opened = await turn('guest-2', say('zebra quantum pickle'), { inboundMemory: { vip: 'gold' } });
    expect(opened.outputs).toEqual([{ kind: 'say', text: 'Sorry, I did not get that.' }]);
    const failed = await turn('guest-2', say('what time is check out'));
    expect(failed.dialogueSid).toBe(opened.dialogueSid);
    expect(failed.outputs).toEqual([{ kind: 'say', text: 'Sorry, I did not get that.' }]);
    expect(failed.next).toEqual({ kind: 'listen', listen: {} });
    expect(failed.trace.problems[0]?.code).toBeGreaterThanOrEqual(11200);
    expect(failed.trace.webhooks).toMatchObject([{ purpose: 'actions_url', ok: false, status: 500 }]);
    expect(failed.memory.vip).toBe('gold');
    expect(hooks.callsTo('/checkout').at(-1)?.params.CurrentTask).toBe('check_out');
  });

  it('starts a call with the assistant initiation and hands off to TaskRouter', async () => {
    const started = await turn('CA-call-1', { kind: 'start' }, { channel: 'voice', channelName: 'voice', channelMemoryKey: 'voice' });
    expect(started.outputs).toEqual([{ kind: 'say', text: 'Welcome to the hotel.' }]);
    const handed = await turn('CA-call-1', say('i want to talk to a human'), { channel: 'voice', channelName: 'voice', channelMemoryKey: 'voice' });
    expect(handed.outputs).toEqual([{ kind: 'say', text: 'Connecting you.' }]);
    expect(handed.next).toMatchObject({ kind: 'handoff', handoff: { uri: 'taskrouter://WW0123456789abcdef0123456789abcdef' } });
  });

  it('logs the NLU queries of a dialogue with its SID and channel', async () => {
    const result = await turn('guest-3', say('late checkout please'));
    const queries = await rest(server, 'GET', `/v1/Assistants/hotel/Queries?DialogueSid=${result.dialogueSid}`);
    expect(queries.body.queries).toHaveLength(1);
    expect(queries.body.queries[0]).toMatchObject({ query: 'late checkout please', dialogue_sid: result.dialogueSid, source_channel: 'sms', results: { task: { name: 'check_out' } } });
  });

  it('recognises custom field types in a collect even with no model built (a bot without samples)', async () => {
    await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'ivr' });
    await rest(server, 'POST', '/v1/Assistants/ivr/FieldTypes', { UniqueName: 'Custom.DEPT' });
    await rest(server, 'POST', '/v1/Assistants/ivr/FieldTypes/Custom.DEPT/FieldValues', { Language: 'en-US', Value: 'sales' });
    await rest(server, 'POST', '/v1/Assistants/ivr/FieldTypes/Custom.DEPT/FieldValues', { Language: 'en-US', Value: 'buying', SynonymOf: 'sales' });
    const collect = { name: 'menu', questions: [{ question: 'Which department?', name: 'dept', type: 'Custom.DEPT' }], on_complete: { redirect: 'task://done' } };
    await rest(server, 'POST', '/v1/Assistants/ivr/Tasks', { UniqueName: 'menu', Actions: JSON.stringify({ actions: [{ collect }] }) });
    await rest(server, 'POST', '/v1/Assistants/ivr/Tasks', { UniqueName: 'done', Actions: JSON.stringify({ actions: [{ say: 'ok' }] }) });
    const ask = await turn('ivr-1', say('hi'), { assistantSid: 'ivr', targetTask: 'menu' });
    expect(ask.outputs).toEqual([{ kind: 'say', text: 'Which department?' }]);
    const answered = await turn('ivr-1', say('buying please'), { assistantSid: 'ivr' });
    expect(answered.trace.problems).toEqual([]);
    expect(answered.memory).toMatchObject({ twilio: { collected_data: { menu: { status: 'complete', answers: { dept: { answer: 'sales' } } } } } });
  });

  it('starts a dialogue afresh when its stored state does not decode', async () => {
    const opened = await turn('guest-corrupt', say('zebra quantum pickle'), { inboundMemory: { vip: 'gold' } });
    const assistantSid = (await rest(server, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    // The conversation's key holds its dialogue's state (src/domain/dialogues.ts).
    await server.store.putValue(assistantSid, 'conversation:guest-corrupt', '{"version":2,"sid":"not this one"');
    const next = await turn('guest-corrupt', say('late checkout please'));
    expect(next.dialogueSid).not.toBe(opened.dialogueSid);
    expect(next.memory.vip).toBeUndefined();
    expect(next.trace.task).toBe('check_out');
  });

  it('keeps a retry\'s reply whole by default, and only what a messaging reply renders when the channel asks', async () => {
    const full = await turn('guest-kept-full', say('late checkout please'), { idempotencyKey: 'SMfull1' });
    const fullRetry = await turn('guest-kept-full', say('late checkout please'), { idempotencyKey: 'SMfull1' });
    expect(fullRetry).toEqual({ ...full, replayed: true });

    const assistantSid = (await rest(server, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    const slim = await turn('guest-kept-slim', say('talk to a person'), { idempotencyKey: 'SMslim1', storedReply: 'outputs' });
    expect(slim.memory.twilio).toBeDefined();
    const stored = await server.store.getValue(assistantSid, 'reply:guest-kept-slim:SMslim1');
    expect(stored).not.toBeNull();
    expect(Object.keys(JSON.parse(stored!) as object).sort()).toEqual(['currentTask', 'dialogueSid', 'next', 'outputs', 'voice']);
    const slimRetry = await turn('guest-kept-slim', say('talk to a person'), { idempotencyKey: 'SMslim1', storedReply: 'outputs' });
    expect(slimRetry).toMatchObject({ replayed: true, dialogueSid: slim.dialogueSid, currentTask: slim.currentTask, outputs: slim.outputs, next: slim.next, voice: slim.voice, memory: {} });
    expect(slimRetry.trace.task).toBeNull();
  });

  it('saves and answers a turn whose Query cannot be logged, and gives the conversation back', async () => {
    await turn('guest-log', say('late checkout please')); // the assistant has a Query log by now
    const [docs] = (await scanKeys(server.redis!, server.prefix)).filter((key) => key.endsWith(':queries:docs'));
    expect(docs).toBeDefined();
    const kept = await server.redis!.dumpBuffer(docs!);
    // A Query log that cannot be written (a key of the wrong type): adding to it fails inside the commit's script.
    await server.redis!.del(docs!);
    await server.redis!.set(docs!, 'not a hash');
    try {
      const saved = await turn('guest-log', say('i need a place to stay'), { idempotencyKey: 'SMlog1' });
      expect(saved.outputs).toEqual([{ kind: 'say', text: "Let's book." }, { kind: 'say', text: 'How many nights?' }]);
      expect(await server.redis!.get(docs!)).toBe('not a hash');
      // The script went on past the failed record: the lease was given back, so the next turn runs at once.
      const started = Date.now();
      const retry = await turn('guest-log', say('i need a place to stay'), { idempotencyKey: 'SMlog1' });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(retry.replayed).toBe(true);
      expect(retry.outputs).toEqual(saved.outputs);
    } finally {
      await server.redis!.del(docs!);
      await server.redis!.restore(docs!, 0, kept!);
    }
    const next = await turn('guest-log', say('2'));
    expect(next.memory).toMatchObject({ twilio: { collected_data: { booking: { answers: { nights: { answer: '2' } } } } } });
  });

  it('logs a Query only with the turn that saved it: one per message, none for a replayed retry', async () => {
    const assistantSid = (await rest(server, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    const logged = async (text: string): Promise<Array<Record<string, unknown>>> => {
      const page = await rest(server, 'GET', `/v1/Assistants/${assistantSid}/Queries?PageSize=1000`);
      return (page.body.queries as Array<Record<string, unknown>>).filter((q) => q.query === text);
    };
    const first = await turn('guest-once', say('when is checkout'), { idempotencyKey: 'SMonce1' });
    const again = await turn('guest-once', say('when is checkout'), { idempotencyKey: 'SMonce1' });
    expect(again.replayed).toBe(true);
    const queries = await logged('when is checkout');
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ dialogue_sid: first.dialogueSid, source_channel: 'sms', results: { task: { name: 'check_out' } } });
  });
});
