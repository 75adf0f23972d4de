import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelBuild, modelKey } from '../../src/domain/model-builds.js';
import { runModelBuild, trainInThisThread } from '../../src/nlu/run-model-build.js';
import { TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';

const TASKS: Record<string, string[]> = {
  book_room: [
    'i want to book a room', 'book a room for {nights} nights', 'reserve a {room} for me', 'can i get a {room} for {nights} nights',
    'i need a place to stay', 'make a reservation', 'book me a {room}', 'do you have a {room} available', 'i would like to reserve a room',
    'book {nights} nights please',
  ],
  check_out: [
    'what time is check out', 'when do i have to leave', 'late checkout please', 'can i check out later', 'check out time',
    'when is checkout', 'i want to leave later tomorrow', 'how late can i stay on my last day', 'extend my checkout', 'is late check out possible',
  ],
  room_service: [
    'i am hungry', 'order food to my room', 'can i get breakfast in my room', 'room service please', 'bring me a sandwich',
    'i want to order dinner', 'menu for room service', 'send food up', 'order a pizza to my room', 'can you bring me some coffee',
  ],
};

const SLOW_CALLBACK_MS = 3_000;

interface Callback {
  readonly params: Record<string, string>;
  readonly signatureValid: boolean;
}

async function waitForBuild(server: TestServer, sid: string): Promise<any> {
  for (let i = 0; i < 300; i += 1) {
    const build = await rest(server, 'GET', `/v1/Assistants/hotel/ModelBuilds/${sid}`);
    if (build.body.status === 'completed' || build.body.status === 'failed') return build.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`build ${sid} did not finish`);
}

describe('model builds and queries across processes', () => {
  let builder: TestServer;
  let other: TestServer;
  let hook: Server;
  let hookUrl: string;
  const callbacks: Callback[] = [];

  beforeAll(async () => {
    builder = await startTestServer('nlu-builds');
    other = await startTestServer('nlu-builds', { shareWith: builder });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const signatureValid = twilio.validateRequest(TEST_AUTH_TOKEN, String(req.headers['x-twilio-signature']), hookUrl, params);
        callbacks.push({ params, signatureValid });
        // A callback host that takes its time (well inside the 10 s callback timeout).
        if (req.url === '/slow-callback') setTimeout(() => res.end('ok'), SLOW_CALLBACK_MS);
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', () => resolve()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/build-done`;

    await rest(builder, 'POST', '/v1/Assistants', { UniqueName: 'hotel', Defaults: JSON.stringify({ defaults: { fallback: 'task://fallback' } }) });
    await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks', { UniqueName: 'fallback' });
    await rest(builder, 'POST', '/v1/Assistants/hotel/FieldTypes', { UniqueName: 'Custom.ROOM' });
    for (const [value, synonymOf] of [['suite', ''], ['double', ''], ['double room', 'double'], ['junior suite', 'suite']] as const) {
      await rest(builder, 'POST', '/v1/Assistants/hotel/FieldTypes/Custom.ROOM/FieldValues', { Language: 'en-US', Value: value, SynonymOf: synonymOf });
    }
    for (const [task, samples] of Object.entries(TASKS)) {
      await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks', { UniqueName: task });
      if (task === 'book_room') {
        await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks/book_room/Fields', { UniqueName: 'room', FieldType: 'Custom.ROOM' });
        await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks/book_room/Fields', { UniqueName: 'nights', FieldType: 'Twilio.NUMBER' });
      }
      for (const sample of samples) {
        await rest(builder, 'POST', `/v1/Assistants/hotel/Tasks/${task}/Samples`, { Language: 'en-US', TaggedText: sample });
      }
    }
  });

  afterAll(async () => {
    await other.close();
    await builder.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  let firstBuild: string;

  it('builds on the queue, reports every status, and calls the StatusCallback signed', async () => {
    expect((await rest(other, 'GET', '/v1/Assistants/hotel')).body.needs_model_build).toBe(true);
    const created = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', { UniqueName: 'v1', StatusCallback: hookUrl });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('enqueued');
    const done = await waitForBuild(other, created.body.sid);
    expect(done).toMatchObject({ status: 'completed', error_code: null });
    expect(done.build_duration).toBeGreaterThanOrEqual(0);
    firstBuild = created.body.sid;
    const assistant = (await rest(other, 'GET', '/v1/Assistants/hotel')).body;
    expect(assistant).toMatchObject({ latest_model_build_sid: firstBuild, needs_model_build: false });
    await builder.parley.builds.drain();
    const callback = callbacks.find((c) => c.params.ModelBuildSid === firstBuild);
    expect(callback?.signatureValid).toBe(true);
    expect(callback?.params).toMatchObject({ Status: 'completed', UniqueName: 'v1', AssistantSid: assistant.sid });
  });

  it('answers queries on the other process with task, margin confidence, next best task and fields', async () => {
    const query = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'please book a junior suite for 3 nights' });
    expect(query.status).toBe(201);
    const { results } = query.body;
    expect(results.task.name).toBe('book_room');
    expect(results.task.task_sid).toMatch(/^UD/);
    expect(results.task.confidence).toBeGreaterThan(0);
    expect(results.task.confidence).toBeLessThanOrEqual(1);
    expect(results.fields).toEqual(expect.arrayContaining([
      { name: 'room', value: 'suite', type: 'Custom.ROOM' },
      { name: 'nights', value: '3', type: 'Twilio.NUMBER' },
    ]));
    expect(query.body.model_build_sid).toBe(firstBuild);
    const food = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'could you send some food to my room' });
    expect(food.body.results.task.name).toBe('room_service');
  });

  it('sends what matches no task to the assistant fallback task', async () => {
    const query = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'what is the capital of mongolia' });
    expect(query.body.results.task.name).toBe('fallback');
    expect(query.body.results.task.task_sid).toMatch(/^UD/);
  });

  it('honours Tasks restrictions (by name or SID) and Field', async () => {
    const checkOut = (await rest(other, 'GET', '/v1/Assistants/hotel/Tasks/check_out')).body.sid;
    const restricted = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', {
      Language: 'en-US', Query: 'can i order dinner', Tasks: `room_service, ${checkOut}`,
    });
    expect(restricted.body.results.task.name).toBe('room_service');
    const field = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'a double room', Field: 'book_room:room' });
    expect(field.body.results).toMatchObject({ task: { name: 'book_room' }, fields: [{ name: 'room', value: 'double', type: 'Custom.ROOM' }] });
    const bad = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'x', Tasks: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('gives the same model and answers for the same training data', async () => {
    const second = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', {});
    await waitForBuild(other, second.body.sid);
    const assistantSid = (await rest(builder, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    const one = JSON.parse((await builder.store.getValue(assistantSid, modelKey(firstBuild)))!);
    const two = JSON.parse((await builder.store.getValue(assistantSid, modelKey(second.body.sid)))!);
    expect(two.intents).toEqual(one.intents);
    expect(two.fields).toEqual(one.fields);
    for (const text of ['book a suite', 'late check out', 'i want a burger']) {
      const a = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: text, ModelBuild: firstBuild });
      const b = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: text, ModelBuild: second.body.sid });
      expect(b.body.results).toEqual(a.body.results);
    }
  });

  it('answers a Query with the build its ModelBuild names, not only the latest', async () => {
    const older = (await rest(other, 'GET', '/v1/Assistants/hotel')).body.latest_model_build_sid as string;
    await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks', { UniqueName: 'spa' });
    for (const text of ['book a massage', 'i want a massage', 'spa appointment please', 'can i get a facial', 'a massage at the spa']) {
      await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks/spa/Samples', { Language: 'en-US', TaggedText: text });
    }
    const newer = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', {});
    expect(await waitForBuild(other, newer.body.sid)).toMatchObject({ status: 'completed' });
    const ask = (build?: string): ReturnType<typeof rest> =>
      rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'a massage at the spa', ...(build === undefined ? {} : { ModelBuild: build }) });
    expect((await ask()).body).toMatchObject({ model_build_sid: newer.body.sid, results: { task: { name: 'spa' } } });
    expect((await ask(newer.body.sid)).body).toMatchObject({ model_build_sid: newer.body.sid, results: { task: { name: 'spa' } } });
    // The older build never saw the task.
    const byOlder = (await ask(older)).body;
    expect(byOlder.model_build_sid).toBe(older);
    expect(byOlder.results.task.name).not.toBe('spa');
  });

  it('keeps the previous model serving when a build fails', async () => {
    const before = (await rest(other, 'GET', '/v1/Assistants/hotel')).body.latest_model_build_sid;
    await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks/check_out/Samples', { Language: 'en-US', TaggedText: 'leave at {when}' });
    const failing = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', { StatusCallback: hookUrl });
    const done = await waitForBuild(other, failing.body.sid);
    expect(done).toMatchObject({ status: 'failed', error_code: 90201 });
    const assistant = (await rest(other, 'GET', '/v1/Assistants/hotel')).body;
    expect(assistant).toMatchObject({ latest_model_build_sid: before, needs_model_build: true });
    const query = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'book a double room' });
    expect(query.body).toMatchObject({ model_build_sid: before, results: { task: { name: 'book_room' } } });
    await builder.parley.builds.drain();
    expect(callbacks.find((c) => c.params.ModelBuildSid === failing.body.sid)?.params).toMatchObject({ Status: 'failed', ErrorCode: '90201' });
  });
  it('deletes a build\'s stored model with the build, and keeps none for a build deleted while it trained', async () => {
    const assistantSid = (await rest(builder, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    // The failing sample of the test before goes, so builds complete again.
    const samples = (await rest(builder, 'GET', '/v1/Assistants/hotel/Tasks/check_out/Samples?PageSize=100')).body.samples as Array<{ sid: string; tagged_text: string }>;
    for (const sample of samples.filter((x) => x.tagged_text.includes('{when}'))) {
      await rest(builder, 'DELETE', `/v1/Assistants/hotel/Tasks/check_out/Samples/${sample.sid}`);
    }
    const extra = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', {});
    expect(await waitForBuild(other, extra.body.sid)).toMatchObject({ status: 'completed' });
    expect(await builder.store.getValue(assistantSid, modelKey(extra.body.sid))).not.toBeNull();
    const asked = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'late checkout please', ModelBuild: extra.body.sid });
    expect((await rest(other, 'DELETE', `/v1/Assistants/hotel/ModelBuilds/${extra.body.sid}`)).status).toBe(204);
    // Its queries still name it, and can still be listed by it.
    const byDeletedBuild = await rest(other, 'GET', `/v1/Assistants/hotel/Queries?ModelBuild=${extra.body.sid}`);
    expect(byDeletedBuild.status).toBe(200);
    expect(byDeletedBuild.body.queries.map((q: { sid: string }) => q.sid)).toEqual([asked.body.sid]);
    // A status no query can have is a 400, as on update, not an empty page.
    expect(await rest(other, 'GET', '/v1/Assistants/hotel/Queries?Status=bogus')).toMatchObject({ status: 400, body: { code: 20001, message: expect.stringContaining('Status') } });
    expect((await rest(other, 'GET', '/v1/Assistants/hotel/Queries?Status=reviewed')).status).toBe(200);
    expect(await builder.store.getValue(assistantSid, modelKey(extra.body.sid))).toBeNull();
    expect((await rest(other, 'GET', `/v1/Assistants/hotel/ModelBuilds/${extra.body.sid}`)).status).toBe(404);

    // A build deleted while it trained (through another process, here just before the trained model
    // is stored, so the deletion found no model to remove): the model must not stay behind.
    const record = await createModelBuild(builder.parley.ctx, { enqueue: async () => undefined }, assistantSid, {});
    const store = builder.parley.ctx.store;
    const deletingStore = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name !== 'putValue' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (scope: string, key: string, ...more: unknown[]) => {
          if (key === modelKey(record.sid)) await rest(other, 'DELETE', `/v1/Assistants/hotel/ModelBuilds/${record.sid}`);
          await (value as (...args: unknown[]) => Promise<void>).call(target, scope, key, ...more);
        };
      },
    });
    await runModelBuild({ ...builder.parley.ctx, store: deletingStore }, assistantSid, record.sid);
    expect(await builder.store.getValue(assistantSid, modelKey(record.sid))).toBeNull();
    expect((await rest(other, 'GET', '/v1/Assistants/hotel')).body.latest_model_build_sid).not.toBe(record.sid);
  });
  it('keeps serving the build of newer training data when an older build finishes after it', async () => {
    const assistantSid = (await rest(builder, 'GET', '/v1/Assistants/hotel')).body.sid as string;
    const ctx = builder.parley.ctx;
    // Two processes train at once: the older build read the data before a sample was added and
    // trains slowly; the newer one reads the new sample, finishes first and serves.
    const older = await createModelBuild(ctx, { enqueue: async () => undefined }, assistantSid, {});
    let olderRead!: () => void;
    const olderHasRead = new Promise<void>((resolve) => { olderRead = resolve; });
    let finishOlder!: () => void;
    const olderMayFinish = new Promise<void>((resolve) => { finishOlder = resolve; });
    const olderRun = runModelBuild(ctx, assistantSid, older.sid, async (sid, set) => {
      olderRead();
      await olderMayFinish;
      return trainInThisThread(sid, set);
    });
    await olderHasRead;
    await rest(builder, 'POST', '/v1/Assistants/hotel/Tasks/room_service/Samples', { Language: 'en-US', TaggedText: 'my minibar is empty' });
    const newer = await createModelBuild(ctx, { enqueue: async () => undefined }, assistantSid, {});
    await runModelBuild(ctx, assistantSid, newer.sid);
    finishOlder();
    await olderRun;
    expect((await rest(other, 'GET', `/v1/Assistants/hotel/ModelBuilds/${older.sid}`)).body.status).toBe('completed');
    const assistant = (await rest(other, 'GET', '/v1/Assistants/hotel')).body;
    expect(assistant.latest_model_build_sid).toBe(newer.sid);
    expect(assistant.needs_model_build).toBe(false);
    const query = await rest(other, 'POST', '/v1/Assistants/hotel/Queries', { Language: 'en-US', Query: 'my minibar is empty' });
    expect(query.body.model_build_sid).toBe(newer.sid);
  });

  it('does not hold the next build behind a slow StatusCallback', async () => {
    const slowUrl = hookUrl.replace('/build-done', '/slow-callback');
    // One slow callback per process's worker: each would hold its worker for the callback's time.
    const slow = [];
    for (let i = 0; i < 2; i += 1) slow.push((await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', { StatusCallback: slowUrl })).body.sid as string);
    for (const sid of slow) await waitForBuild(other, sid);
    const started = Date.now();
    const second = await rest(builder, 'POST', '/v1/Assistants/hotel/ModelBuilds', {});
    await waitForBuild(other, second.body.sid);
    expect(Date.now() - started).toBeLessThan(SLOW_CALLBACK_MS - 500);
    // The queue's drain still waits for the callback on its way.
    await builder.parley.builds.drain();
    await other.parley.builds.drain();
    for (const sid of slow) expect(callbacks.some((c) => c.params.ModelBuildSid === sid)).toBe(true);
  });
});
