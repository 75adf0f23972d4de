import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TwilioSDK from 'twilio-v4';
import type { ModelBuildInstance } from 'twilio-v4/lib/rest/autopilot/v1/assistant/modelBuild.js';
import { createSample } from '../../src/domain/samples.js';
import { rest, startTestServer, type TestServer } from '../support/test-server.js';
import { twilioClient, type LoopbackRequestClient } from '../support/twilio-loopback.js';

// Every Autopilot v1 resource driven through the real twilio 4.21.0 client (real-clients.md):
// its axios transport, its form encoding, its paging and its RestException mapping.

type V1 = TwilioSDK.Twilio['autopilot']['v1'];

/** The fields real-clients.md lists per instance, camelCased as the client maps them. */
const FIELDS = {
  assistant: ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'latestModelBuildSid', 'links', 'logQueries',
    'developmentStage', 'needsModelBuild', 'sid', 'uniqueName', 'url', 'callbackUrl', 'callbackEvents'],
  task: ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'links', 'assistantSid', 'sid', 'uniqueName', 'actionsUrl', 'url'],
  sample: ['accountSid', 'dateCreated', 'dateUpdated', 'taskSid', 'language', 'assistantSid', 'sid', 'taggedText', 'url', 'sourceChannel'],
  fieldType: ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'links', 'assistantSid', 'sid', 'uniqueName', 'url'],
  fieldValue: ['accountSid', 'dateCreated', 'dateUpdated', 'fieldTypeSid', 'language', 'assistantSid', 'sid', 'value', 'url', 'synonymOf'],
  field: ['accountSid', 'dateCreated', 'dateUpdated', 'fieldType', 'taskSid', 'assistantSid', 'sid', 'uniqueName', 'url'],
  modelBuild: ['accountSid', 'dateCreated', 'dateUpdated', 'assistantSid', 'sid', 'status', 'uniqueName', 'url', 'buildDuration', 'errorCode'],
  query: ['accountSid', 'dateCreated', 'dateUpdated', 'results', 'language', 'modelBuildSid', 'query', 'sampleSid', 'assistantSid',
    'sid', 'status', 'url', 'sourceChannel', 'dialogueSid'],
  webhook: ['url', 'accountSid', 'dateCreated', 'dateUpdated', 'assistantSid', 'sid', 'uniqueName', 'events', 'webhookUrl', 'webhookMethod'],
  document: ['accountSid', 'assistantSid', 'url', 'data'],
} as const;

const PREFIX: Record<keyof typeof FIELDS, string | null> = {
  assistant: 'UA', task: 'UD', sample: 'UF', fieldType: 'UB', fieldValue: 'UC', field: 'UE', modelBuild: 'UG', query: 'UH',
  webhook: 'UM', document: null,
};

const SID_OF = (prefix: string): RegExp => new RegExp(`^${prefix}[0-9a-f]{32}$`);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('twilio 4.21.0 client against Parley', () => {
  let server: TestServer;
  let v1: V1;
  let http: LoopbackRequestClient;
  const accountSid = (): string => server.config.accountSid;

  /** Every field present, SIDs well-formed, url absolute and under this server, dates parsed. */
  function expectInstance(kind: keyof typeof FIELDS, instance: object): void {
    const record = instance as Record<string, unknown>;
    for (const name of FIELDS[kind]) expect(record, `${kind}.${name}`).toHaveProperty(name);
    for (const name of FIELDS[kind]) expect(record[name], `${kind}.${name}`).not.toBeUndefined();
    expect(record.accountSid).toBe(accountSid());
    expect(String(record.url)).toMatch(new RegExp(`^${escapeRegExp(server.baseUrl)}/v1/Assistants/`));
    const prefix = PREFIX[kind];
    if (prefix !== null) {
      expect(record.sid).toMatch(SID_OF(prefix));
      expect(String(record.sid)).toHaveLength(34);
      expect(String(record.url).endsWith(`/${String(record.sid)}`)).toBe(true);
    }
    if (kind !== 'assistant') expect(record.assistantSid).toMatch(SID_OF('UA'));
    for (const name of ['dateCreated', 'dateUpdated']) {
      if (!(name in record)) continue;
      expect(record[name], `${kind}.${name}`).toBeInstanceOf(Date);
      expect(Number.isNaN((record[name] as Date).getTime())).toBe(false);
    }
    if ('links' in record) {
      for (const link of Object.values(record.links as Record<string, string>)) expect(link).toMatch(new RegExp(`^${escapeRegExp(server.baseUrl)}/v1/`));
    }
  }

  /** The RestException a call rejects with (fails the test when it resolves). */
  async function rejection(call: Promise<unknown>): Promise<{ status: number; code?: number; message: string; moreInfo?: string }> {
    const outcome = await call.then(() => null, (error: unknown) => error);
    if (outcome === null) throw new Error('expected the call to be rejected');
    expect((outcome as Error).constructor.name).toBe('RestException');
    return outcome as { status: number; code?: number; message: string; moreInfo?: string };
  }

  async function waitForBuild(assistant: string, build: string): Promise<ModelBuildInstance> {
    for (let i = 0; i < 200; i += 1) {
      const fetched = await v1.assistants(assistant).modelBuilds(build).fetch();
      if (fetched.status === 'completed' || fetched.status === 'failed') return fetched;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`build ${build} never finished`);
  }

  beforeAll(async () => {
    server = await startTestServer('twilio-client');
    ({ client: { autopilot: { v1 } }, http } = twilioClient(server.baseUrl));
  });
  afterAll(async () => { await server.close(); });

  describe('Assistants', () => {
    const styleSheet = { style_sheet: { voice: { say_voice: 'Polly.Joanna' }, collect: { validate: { max_attempts: 3 } } } };
    const defaults = { defaults: { assistant_initiation: 'task://hello-world', fallback: 'task://hello-world' } };

    it('creates with every parameter, then fetches by SID and by unique name', async () => {
      const created = await v1.assistants.create({
        friendlyName: 'Pizza Bot', logQueries: false, uniqueName: 'pizza-bot', callbackUrl: 'https://example.com/callback',
        callbackEvents: 'model_build_completed model_build_failed', styleSheet, defaults,
      });
      expectInstance('assistant', created);
      expect(created).toMatchObject({
        friendlyName: 'Pizza Bot', logQueries: false, uniqueName: 'pizza-bot', callbackUrl: 'https://example.com/callback',
        callbackEvents: 'model_build_completed model_build_failed', developmentStage: 'in-development', latestModelBuildSid: null,
      });
      expect(created.url).toBe(`${server.baseUrl}/v1/Assistants/${created.sid}`);
      expect(http.exchanges.at(-1)?.statusCode).toBe(201);

      const bySid = await v1.assistants(created.sid).fetch();
      const byName = await v1.assistants('pizza-bot').fetch();
      expectInstance('assistant', bySid);
      expect(byName.sid).toBe(created.sid);
      expect(bySid.toJSON()).toEqual(byName.toJSON());
      expect((await v1.assistants('pizza-bot').styleSheet().fetch()).data).toEqual(styleSheet);
      expect((await v1.assistants('pizza-bot').defaults().fetch()).data).toEqual(defaults);
    });

    it('updates every parameter including DevelopmentStage', async () => {
      const updated = await v1.assistants('pizza-bot').update({
        friendlyName: 'Pizza Bot 2', logQueries: true, uniqueName: 'pizza-bot-2', callbackUrl: 'https://example.com/cb2',
        callbackEvents: 'model_build_completed', developmentStage: 'in-production',
        styleSheet: { style_sheet: { voice: { say_voice: 'alice' } } }, defaults: { defaults: { fallback: 'task://hello-world' } },
      });
      expectInstance('assistant', updated);
      expect(updated).toMatchObject({
        friendlyName: 'Pizza Bot 2', logQueries: true, uniqueName: 'pizza-bot-2', callbackUrl: 'https://example.com/cb2',
        callbackEvents: 'model_build_completed', developmentStage: 'in-production',
      });
      expect(updated.dateUpdated.getTime()).toBeGreaterThanOrEqual(updated.dateCreated.getTime());
      const fetched = await v1.assistants('pizza-bot-2').fetch();
      expect(fetched.developmentStage).toBe('in-production');
      expect((await rejection(v1.assistants('pizza-bot').fetch())).status).toBe(404);
    });

    it('lists, removes (resolving true on 204) and restores', async () => {
      const second = await v1.assistants.create({ uniqueName: 'second-bot', friendlyName: 'Second' });
      const listed = await v1.assistants.list();
      listed.forEach((a) => expectInstance('assistant', a));
      expect(listed.map((a) => a.uniqueName)).toEqual(expect.arrayContaining(['pizza-bot-2', 'second-bot']));
      expect(http.lastBody(/\/v1\/Assistants$/).meta.key).toBe('assistants');

      expect(await v1.assistants(second.sid).remove()).toBe(true);
      expect(http.exchanges.at(-1)?.statusCode).toBe(204);
      const gone = await rejection(v1.assistants(second.sid).fetch());
      expect(gone).toMatchObject({ status: 404, code: 20404 });
      expect((await v1.assistants.list()).map((a) => a.sid)).not.toContain(second.sid);

      const restored = await v1.restoreAssistant.update({ assistant: 'second-bot' });
      expect(restored).toMatchObject({ sid: second.sid, uniqueName: 'second-bot', friendlyName: 'Second', accountSid: accountSid() });
      expect(restored.dateCreated).toBeInstanceOf(Date);
      expect(Number.isNaN(restored.dateCreated.getTime())).toBe(false);
      for (const name of ['needsModelBuild', 'latestModelBuildSid', 'logQueries', 'developmentStage', 'callbackUrl', 'callbackEvents']) {
        expect(restored).toHaveProperty(name);
        expect((restored as unknown as Record<string, unknown>)[name]).not.toBeUndefined();
      }
      expect((await v1.assistants(second.sid).fetch()).uniqueName).toBe('second-bot');
      // What the assistant owned comes back with it.
      expect((await v1.assistants('second-bot').tasks.list()).map((t) => t.uniqueName)).toEqual(['hello-world']);
      expect((await rejection(v1.restoreAssistant.update({ assistant: 'never-deleted' }))).status).toBe(404);
    });
  });

  describe('Defaults and StyleSheet', () => {
    it('fetches and updates both documents', async () => {
      await v1.assistants.create({ uniqueName: 'docs-bot' });
      const defaults0 = await v1.assistants('docs-bot').defaults().fetch();
      expectInstance('document', defaults0);
      expect(defaults0.data).toEqual({});
      expect(defaults0.url).toBe(`${server.baseUrl}/v1/Assistants/${defaults0.assistantSid}/Defaults`);

      const defaults = { defaults: { assistant_initiation: 'task://hello-world', fallback: 'https://example.com/fallback', collect: { validate_on_failure: 'task://hello-world' } } };
      const updatedDefaults = await v1.assistants('docs-bot').defaults().update({ defaults });
      expectInstance('document', updatedDefaults);
      expect(updatedDefaults.data).toEqual(defaults);
      expect((await v1.assistants('docs-bot').defaults().fetch()).data).toEqual(defaults);

      const sheet0 = await v1.assistants('docs-bot').styleSheet().fetch();
      expectInstance('document', sheet0);
      expect(sheet0.data).toEqual({});
      const styleSheet = { style_sheet: { name: 'calm', voice: { say_voice: 'Polly.Matthew' } } };
      const updatedSheet = await v1.assistants('docs-bot').styleSheet().update({ styleSheet });
      expectInstance('document', updatedSheet);
      expect(updatedSheet.url).toBe(`${server.baseUrl}/v1/Assistants/${sheet0.assistantSid}/StyleSheet`);
      expect((await v1.assistants('docs-bot').styleSheet().fetch()).data).toEqual(styleSheet);
      // The two documents are independent.
      expect((await v1.assistants('docs-bot').defaults().fetch()).data).toEqual(defaults);
    });
  });

  describe('Tasks, TaskActions, TaskStatistics, Fields, Samples', () => {
    const actions = { actions: [{ say: 'Here is a joke.' }, { listen: true }] };

    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'task-bot' });
    });

    it('creates, fetches by SID and unique name, updates and lists tasks', async () => {
      const task = await v1.assistants('task-bot').tasks.create({
        uniqueName: 'tell-a-joke', friendlyName: 'Tell a joke', actions, actionsUrl: 'https://example.com/actions',
      });
      expectInstance('task', task);
      expect(task).toMatchObject({ uniqueName: 'tell-a-joke', friendlyName: 'Tell a joke', actionsUrl: 'https://example.com/actions' });
      expect(task.links).toEqual({
        fields: `${task.url}/Fields`, samples: `${task.url}/Samples`, task_actions: `${task.url}/Actions`, statistics: `${task.url}/Statistics`,
      });
      const bySid = await v1.assistants('task-bot').tasks(task.sid).fetch();
      const byName = await v1.assistants(task.assistantSid).tasks('tell-a-joke').fetch();
      expectInstance('task', bySid);
      expect(bySid.toJSON()).toEqual(byName.toJSON());

      const updated = await v1.assistants('task-bot').tasks('tell-a-joke').update({ friendlyName: 'Jokes', actionsUrl: 'https://example.com/v2' });
      expectInstance('task', updated);
      expect(updated).toMatchObject({ friendlyName: 'Jokes', actionsUrl: 'https://example.com/v2', uniqueName: 'tell-a-joke' });

      const listed = await v1.assistants('task-bot').tasks.list();
      listed.forEach((t) => expectInstance('task', t));
      expect(listed.map((t) => t.uniqueName)).toEqual(['hello-world', 'tell-a-joke']);
    });

    it('fetches and updates TaskActions', async () => {
      const fetched = await v1.assistants('task-bot').tasks('tell-a-joke').taskActions().fetch();
      expectInstance('document', fetched);
      expect(fetched.taskSid).toMatch(SID_OF('UD'));
      expect(fetched.data).toEqual(actions);
      const next = { actions: [{ say: { speech: 'Knock knock.' } }, { redirect: 'task://hello-world' }] };
      const updated = await v1.assistants('task-bot').tasks('tell-a-joke').taskActions().update({ actions: next });
      expectInstance('document', updated);
      expect(updated.url).toBe(`${server.baseUrl}/v1/Assistants/${updated.assistantSid}/Tasks/${updated.taskSid}/Actions`);
      expect(updated.data).toEqual(next);
      expect((await v1.assistants('task-bot').tasks('tell-a-joke').taskActions().fetch()).data).toEqual(next);
    });

    it('creates samples, fetches, updates, lists with a Language filter and removes them', async () => {
      const samples = v1.assistants('task-bot').tasks('tell-a-joke').samples;
      const a = await samples.create({ language: 'en-US', taggedText: 'tell me a joke', sourceChannel: 'voice' });
      const b = await samples.create({ language: 'en-us', taggedText: 'make me laugh' });
      const c = await samples.create({ language: 'es-MX', taggedText: 'cuéntame un chiste', sourceChannel: 'sms' });
      for (const s of [a, b, c]) expectInstance('sample', s);
      expect(a).toMatchObject({ language: 'en-US', taggedText: 'tell me a joke', sourceChannel: 'voice' });
      expect(b.sourceChannel).toBeNull();

      const fetched = await v1.assistants('task-bot').tasks('tell-a-joke').samples(a.sid).fetch();
      expectInstance('sample', fetched);
      expect(fetched.toJSON()).toEqual(a.toJSON());

      const updated = await v1.assistants('task-bot').tasks('tell-a-joke').samples(a.sid)
        .update({ taggedText: 'tell me a funny joke', sourceChannel: 'chat' });
      expectInstance('sample', updated);
      expect(updated).toMatchObject({ taggedText: 'tell me a funny joke', sourceChannel: 'chat', language: 'en-US' });

      const english = await samples.list({ language: 'en-US' });
      english.forEach((s) => expectInstance('sample', s));
      expect(english.map((s) => s.sid)).toEqual([a.sid, b.sid]);
      expect(http.lastBody(/\/Samples$/).meta.url).toContain('Language=en-US');
      expect((await samples.list({ language: 'es-MX' })).map((s) => s.sid)).toEqual([c.sid]);
      expect((await samples.list()).map((s) => s.sid)).toEqual([a.sid, b.sid, c.sid]);

      expect(await v1.assistants('task-bot').tasks('tell-a-joke').samples(c.sid).remove()).toBe(true);
      expect((await rejection(v1.assistants('task-bot').tasks('tell-a-joke').samples(c.sid).fetch())).code).toBe(20404);
      expect((await samples.list()).map((s) => s.sid)).toEqual([a.sid, b.sid]);
    });

    it('creates fields of a built-in and a custom type, fetches, lists and removes them (no update)', async () => {
      await v1.assistants('task-bot').fieldTypes.create({ uniqueName: 'flavour' });
      const fields = v1.assistants('task-bot').tasks('tell-a-joke').fields;
      const count = await fields.create({ fieldType: 'Twilio.NUMBER', uniqueName: 'count' });
      const flavour = await fields.create({ fieldType: 'flavour', uniqueName: 'flavour' });
      expectInstance('field', count);
      expectInstance('field', flavour);
      expect(count).toMatchObject({ fieldType: 'Twilio.NUMBER', uniqueName: 'count' });
      expect(flavour.fieldType).toBe('flavour');

      const fetched = await v1.assistants('task-bot').tasks('tell-a-joke').fields(count.sid).fetch();
      expectInstance('field', fetched);
      expect(fetched.toJSON()).toEqual(count.toJSON());
      expect((await v1.assistants('task-bot').tasks('tell-a-joke').fields('flavour').fetch()).sid).toBe(flavour.sid);
      const listed = await fields.list();
      listed.forEach((f) => expectInstance('field', f));
      expect(listed.map((f) => f.uniqueName)).toEqual(['count', 'flavour']);

      expect('update' in v1.assistants('task-bot').tasks('tell-a-joke').fields(count.sid)).toBe(false);
      const update = await rest(server, 'POST', new URL(count.url).pathname, { UniqueName: 'renamed' });
      expect(update.status).toBe(405);

      expect(await v1.assistants('task-bot').tasks('tell-a-joke').fields(count.sid).remove()).toBe(true);
      expect((await fields.list()).map((f) => f.uniqueName)).toEqual(['flavour']);
    });

    it('counts samples and fields in TaskStatistics', async () => {
      const stats = await v1.assistants('task-bot').tasks('tell-a-joke').statistics().fetch();
      expect(stats).toMatchObject({ accountSid: accountSid(), samplesCount: 2, fieldsCount: 1 });
      expect(stats.assistantSid).toMatch(SID_OF('UA'));
      expect(stats.taskSid).toMatch(SID_OF('UD'));
      expect(stats.url).toBe(`${server.baseUrl}/v1/Assistants/${stats.assistantSid}/Tasks/${stats.taskSid}/Statistics`);
      const empty = await v1.assistants('task-bot').tasks.create({ uniqueName: 'empty' });
      expect(await v1.assistants('task-bot').tasks(empty.sid).statistics().fetch()).toMatchObject({ samplesCount: 0, fieldsCount: 0 });
    });

    it('refuses to remove a task while it has samples or fields, then removes it', async () => {
      const task = v1.assistants('task-bot').tasks('tell-a-joke');
      const withSamples = await rejection(task.remove());
      expect(withSamples.status).toBeGreaterThanOrEqual(400);
      expect(withSamples.status).toBeLessThan(500);
      expect(withSamples.message).toMatch(/samples/);
      for (const s of await task.samples.list()) expect(await task.samples(s.sid).remove()).toBe(true);

      const withFields = await rejection(task.remove());
      expect(withFields.status).toBe(withSamples.status);
      expect(withFields.message).toMatch(/fields/);
      for (const f of await task.fields.list()) expect(await task.fields(f.sid).remove()).toBe(true);

      expect(await task.remove()).toBe(true);
      expect(http.exchanges.at(-1)?.statusCode).toBe(204);
      expect((await rejection(task.fetch())).code).toBe(20404);
    });
  });

  describe('FieldTypes and FieldValues', () => {
    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'type-bot' });
    });

    it('creates, fetches by name, updates, lists and removes field types', async () => {
      const size = await v1.assistants('type-bot').fieldTypes.create({ uniqueName: 'size', friendlyName: 'Size' });
      expectInstance('fieldType', size);
      expect(size.links).toEqual({ field_values: `${size.url}/FieldValues` });
      const byName = await v1.assistants('type-bot').fieldTypes('size').fetch();
      expectInstance('fieldType', byName);
      expect(byName.toJSON()).toEqual(size.toJSON());
      const updated = await v1.assistants('type-bot').fieldTypes('size').update({ friendlyName: 'Pizza size' });
      expectInstance('fieldType', updated);
      expect(updated).toMatchObject({ friendlyName: 'Pizza size', uniqueName: 'size' });
      const temp = await v1.assistants('type-bot').fieldTypes.create({ uniqueName: 'temp' });
      const listed = await v1.assistants('type-bot').fieldTypes.list();
      listed.forEach((t) => expectInstance('fieldType', t));
      expect(listed.map((t) => t.uniqueName)).toEqual(['size', 'temp']);
      expect(await v1.assistants('type-bot').fieldTypes(temp.sid).remove()).toBe(true);
      expect((await v1.assistants('type-bot').fieldTypes.list()).map((t) => t.uniqueName)).toEqual(['size']);
    });

    it('creates canonical values and synonyms (by SID and by value text), lists by language, fetches and removes', async () => {
      const values = v1.assistants('type-bot').fieldTypes('size').fieldValues;
      const large = await values.create({ language: 'en-US', value: 'large' });
      expectInstance('fieldValue', large);
      expect(large.synonymOf).toBeNull();
      const big = await values.create({ language: 'en-US', value: 'big', synonymOf: large.sid });
      const huge = await values.create({ language: 'en-US', value: 'huge', synonymOf: 'large' });
      const grande = await values.create({ language: 'es-MX', value: 'grande' });
      for (const v of [big, huge, grande]) expectInstance('fieldValue', v);
      expect(big.synonymOf).toBe(large.sid);
      expect(huge.synonymOf).toBe(large.sid);
      expect(big.fieldTypeSid).toMatch(SID_OF('UB'));

      const english = await values.list({ language: 'en-US' });
      english.forEach((v) => expectInstance('fieldValue', v));
      expect(english.map((v) => v.value)).toEqual(['large', 'big', 'huge']);
      expect(http.lastBody(/\/FieldValues$/).meta.url).toMatch(/\?Language=en-US&PageSize=\d+&Page=0/);
      expect((await values.list({ language: 'es-MX' })).map((v) => v.value)).toEqual(['grande']);

      const fetched = await v1.assistants('type-bot').fieldTypes('size').fieldValues(huge.sid).fetch();
      expectInstance('fieldValue', fetched);
      expect(fetched.toJSON()).toEqual(huge.toJSON());
      expect(await v1.assistants('type-bot').fieldTypes('size').fieldValues(huge.sid).remove()).toBe(true);
      expect((await values.list()).map((v) => v.value)).toEqual(['large', 'big', 'grande']);
    });

    it('refuses to remove a field type while a field uses it', async () => {
      const assistant = v1.assistants('type-bot');
      await assistant.tasks.create({ uniqueName: 'order' });
      const field = await assistant.tasks('order').fields.create({ fieldType: 'size', uniqueName: 'size' });
      const refused = await rejection(assistant.fieldTypes('size').remove());
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.message).toMatch(/field/i);
      expect((await assistant.fieldTypes('size').fetch()).uniqueName).toBe('size');
      expect(await assistant.tasks('order').fields(field.sid).remove()).toBe(true);
      expect(await assistant.fieldTypes('size').remove()).toBe(true);
      expect((await rejection(assistant.fieldTypes('size').fetch())).code).toBe(20404);
    });
  });

  describe('ModelBuilds and Queries', () => {
    let firstBuildSid = '';

    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'nlu-bot' });
      const joke = await v1.assistants('nlu-bot').tasks.create({ uniqueName: 'tell-a-joke', actions: { actions: [{ say: 'Ha.' }] } });
      for (const text of ['tell me a joke', 'make me laugh', 'say something funny']) {
        await v1.assistants('nlu-bot').tasks(joke.sid).samples.create({ language: 'en-US', taggedText: text });
      }
    });

    it('builds: enqueued at once, completed later; tracks needs_model_build and latest_model_build_sid', async () => {
      const before = await v1.assistants('nlu-bot').fetch();
      expect(before.needsModelBuild).toBe(true);
      expect(before.latestModelBuildSid).toBeNull();

      const build = await v1.assistants('nlu-bot').modelBuilds.create({ uniqueName: 'v1' });
      expectInstance('modelBuild', build);
      expect(build).toMatchObject({ status: 'enqueued', uniqueName: 'v1', buildDuration: null, errorCode: null });
      expect(http.exchanges.at(-1)?.statusCode).toBe(201);
      const done = await waitForBuild('nlu-bot', 'v1');
      expectInstance('modelBuild', done);
      expect(done.status).toBe('completed');
      expect(Number.isInteger(done.buildDuration)).toBe(true);
      firstBuildSid = build.sid;

      const after = await v1.assistants('nlu-bot').fetch();
      expect(after.needsModelBuild).toBe(false);
      expect(after.latestModelBuildSid).toBe(build.sid);

      const sample = await v1.assistants('nlu-bot').tasks('tell-a-joke').samples.create({ language: 'en-US', taggedText: 'got any jokes' });
      expect((await v1.assistants('nlu-bot').fetch()).needsModelBuild).toBe(true);
      await v1.assistants('nlu-bot').tasks('tell-a-joke').samples(sample.sid).update({ taggedText: 'do you have any jokes' });
      expect((await v1.assistants('nlu-bot').fetch()).needsModelBuild).toBe(true);

      const second = await v1.assistants('nlu-bot').modelBuilds.create({});
      expect(second.uniqueName).toBe(second.sid);
      expect((await waitForBuild('nlu-bot', second.sid)).status).toBe('completed');
      const rebuilt = await v1.assistants('nlu-bot').fetch();
      expect(rebuilt).toMatchObject({ needsModelBuild: false, latestModelBuildSid: second.sid });
    });

    it('renames, lists and removes builds', async () => {
      const renamed = await v1.assistants('nlu-bot').modelBuilds('v1').update({ uniqueName: 'first' });
      expectInstance('modelBuild', renamed);
      expect(renamed).toMatchObject({ sid: firstBuildSid, uniqueName: 'first' });
      expect((await v1.assistants('nlu-bot').modelBuilds('first').fetch()).sid).toBe(firstBuildSid);
      const listed = await v1.assistants('nlu-bot').modelBuilds.list();
      listed.forEach((b) => expectInstance('modelBuild', b));
      expect(listed).toHaveLength(2);
      expect(listed[0]?.sid).toBe(firstBuildSid);

      const extra = await v1.assistants('nlu-bot').modelBuilds.create({ uniqueName: 'extra' });
      await waitForBuild('nlu-bot', extra.sid);
      expect(await v1.assistants('nlu-bot').modelBuilds('first').remove()).toBe(true);
      expect((await v1.assistants('nlu-bot').modelBuilds.list()).map((b) => b.sid)).not.toContain(firstBuildSid);
      expect((await v1.assistants('nlu-bot').fetch()).latestModelBuildSid).toBe(extra.sid);
    });

    it('answers queries from the latest build, with a Tasks restriction', async () => {
      const assistant = await v1.assistants('nlu-bot').fetch();
      const query = await v1.assistants('nlu-bot').queries.create({ language: 'en-US', query: 'tell me a joke' });
      expectInstance('query', query);
      expect(query).toMatchObject({ query: 'tell me a joke', language: 'en-US', status: 'pending-review', modelBuildSid: assistant.latestModelBuildSid });
      const results = query.results as { task: { name: string; task_sid: string; confidence: number }; fields: unknown[] };
      expect(results.task.name).toBe('tell-a-joke');
      expect(results.task.task_sid).toMatch(SID_OF('UD'));
      expect(results.task.confidence).toBeGreaterThan(0);
      expect(results.task.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(results.fields)).toBe(true);

      const restricted = await v1.assistants('nlu-bot').queries.create({ language: 'en-US', query: 'tell me a joke', tasks: 'hello-world' });
      expect((restricted.results as { task: { name: string } }).task.name).not.toBe('tell-a-joke');

      const byBuild = await v1.assistants('nlu-bot').queries.create({ language: 'en-US', query: 'hello there', modelBuild: 'extra' });
      expect(byBuild.modelBuildSid).toBe(assistant.latestModelBuildSid);
      expect((byBuild.results as { task: { name: string } }).task.name).toBe('hello-world');
    });

    it('lists queries with Status and Language filters, updates Status and SampleSid, removes', async () => {
      const queries = v1.assistants('nlu-bot').queries;
      const spanish = await queries.create({ language: 'es-MX', query: 'cuéntame un chiste' });
      const all = await queries.list();
      all.forEach((q) => expectInstance('query', q));
      expect(all.length).toBe(4);
      expect((await queries.list({ language: 'es-MX' })).map((q) => q.sid)).toEqual([spanish.sid]);

      const sample = (await v1.assistants('nlu-bot').tasks('tell-a-joke').samples.list())[0]!;
      const reviewed = await queries(spanish.sid).update({ status: 'reviewed', sampleSid: sample.sid });
      expectInstance('query', reviewed);
      expect(reviewed).toMatchObject({ status: 'reviewed', sampleSid: sample.sid });
      expect((await queries(spanish.sid).fetch()).status).toBe('reviewed');
      expect((await queries.list({ status: 'reviewed' })).map((q) => q.sid)).toEqual([spanish.sid]);
      expect(http.lastBody(/\/Queries$/).meta.url).toMatch(/\?Status=reviewed&PageSize=/);
      expect((await queries.list({ status: 'pending-review', language: 'en-US' })).length).toBe(3);
      expect(http.lastBody(/\/Queries$/).meta.first_page_url).toMatch(/\?Status=pending-review&Language=en-US&PageSize=/);

      const unknownBuild = await rejection(queries.list({ modelBuild: 'no-such-build' }));
      expect(unknownBuild).toMatchObject({ status: 400, code: 20001 });
      expect(unknownBuild.message).toContain('ModelBuild');

      expect(await queries(spanish.sid).remove()).toBe(true);
      expect((await rejection(queries(spanish.sid).fetch())).code).toBe(20404);
    });

    it('rejects a query over 2048 characters', async () => {
      const tooLong = await rejection(v1.assistants('nlu-bot').queries.create({ language: 'en-US', query: 'a'.repeat(2049) }));
      expect(tooLong.status).toBe(400);
      expect(tooLong.message).toContain('Query');
      const longest = await v1.assistants('nlu-bot').queries.create({ language: 'en-US', query: 'a'.repeat(2048) });
      expect(longest.query).toHaveLength(2048);
    });
  });

  describe('Webhooks and Dialogues', () => {
    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'hook-bot' });
    });

    it('creates, fetches, updates, lists and removes webhooks', async () => {
      const hooks = v1.assistants('hook-bot').webhooks;
      const hook = await hooks.create({ uniqueName: 'audit', events: 'onDialogueStart onDialogueEnd', webhookUrl: 'https://example.com/hook' });
      expectInstance('webhook', hook);
      expect(hook).toMatchObject({ uniqueName: 'audit', events: 'onDialogueStart onDialogueEnd', webhookUrl: 'https://example.com/hook', webhookMethod: 'POST' });
      const fetched = await v1.assistants('hook-bot').webhooks('audit').fetch();
      expect(fetched.toJSON()).toEqual(hook.toJSON());
      const updated = await v1.assistants('hook-bot').webhooks(hook.sid).update({ webhookMethod: 'GET', events: 'onDialogueTurn' });
      expectInstance('webhook', updated);
      expect(updated).toMatchObject({ webhookMethod: 'GET', events: 'onDialogueTurn', uniqueName: 'audit' });
      const listed = await hooks.list();
      listed.forEach((w) => expectInstance('webhook', w));
      expect(listed.map((w) => w.sid)).toEqual([hook.sid]);
      expect(await v1.assistants('hook-bot').webhooks('audit').remove()).toBe(true);
      expect(await hooks.list()).toEqual([]);
    });

    it('rejects an unknown webhook event', async () => {
      const error = await rejection(v1.assistants('hook-bot').webhooks.create({
        uniqueName: 'bad', events: 'onDialogueStart onSomethingElse', webhookUrl: 'https://example.com/hook',
      }));
      expect(error.status).toBe(400);
      expect(error.message).toContain('Events');
      expect(error.message).toContain('onSomethingElse');
      expect(await v1.assistants('hook-bot').webhooks.list()).toEqual([]);
    });

    it('answers 404 (20404) for an unknown dialogue', async () => {
      const error = await rejection(v1.assistants('hook-bot').dialogues('UK0123456789abcdef0123456789abcdef').fetch());
      expect(error).toMatchObject({ status: 404, code: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
    });
  });

  describe('Paging', () => {
    let sids: string[] = [];

    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'paging-bot' });
      await v1.assistants('paging-bot').tasks.create({ uniqueName: 'many' });
      sids = [];
      for (let i = 0; i < 7; i += 1) {
        const language = i % 2 === 0 ? 'en-US' : 'fr-FR';
        sids.push((await v1.assistants('paging-bot').tasks('many').samples.create({ language, taggedText: `sample number ${i}` })).sid);
      }
    });

    it('list({pageSize: 3}) walks three pages and returns all 7 once, in order', async () => {
      const start = http.exchanges.length;
      const listed = await v1.assistants('paging-bot').tasks('many').samples.list({ pageSize: 3 });
      expect(listed.map((s) => s.sid)).toEqual(sids);
      const pages = http.exchanges.slice(start);
      expect(pages).toHaveLength(3);
      expect(pages.map((p) => p.body.samples.length)).toEqual([3, 3, 1]);
      for (const [index, page] of pages.entries()) {
        expect(page.statusCode).toBe(200);
        expect(Object.keys(page.body.meta).sort()).toEqual(
          ['first_page_url', 'key', 'next_page_url', 'page', 'page_size', 'previous_page_url', 'url'],
        );
        expect(page.body.meta).toMatchObject({ key: 'samples', page: index, page_size: 3 });
        expect(page.body.meta.first_page_url).toMatch(new RegExp(`^${escapeRegExp(server.baseUrl)}/v1/Assistants/paging-bot/Tasks/many/Samples\\?PageSize=3&Page=0$`));
        expect(page.body.meta.previous_page_url).toEqual(index === 0 ? null : expect.stringContaining(`Page=${index - 1}`));
        expect(page.body.meta.url).toContain(`Page=${index}`);
      }
      expect(pages[0]!.body.meta.next_page_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/.*Page=1/);
      expect(pages[2]!.body.meta.next_page_url).toBeNull();
    });

    it('each() and page()/nextPage() see the same 7 samples', async () => {
      const seen: string[] = [];
      await v1.assistants('paging-bot').tasks('many').samples.each({ pageSize: 3 }, (sample) => { seen.push(sample.sid); });
      expect(seen).toEqual(sids);

      const paged: string[] = [];
      // nextPage() is typed as the generic Page; its instances are still SampleInstances.
      let page: { instances: Array<{ sid: string }>; nextPage(): Promise<unknown> | undefined } =
        await v1.assistants('paging-bot').tasks('many').samples.page({ pageSize: 3 });
      for (;;) {
        page.instances.forEach((s) => expectInstance('sample', s));
        paged.push(...page.instances.map((s) => s.sid));
        const next = page.nextPage();
        if (next === undefined) break;
        page = (await next) as typeof page;
      }
      expect(paged).toEqual(sids);
    });

    it('echoes filters in page URLs and keeps them across pages', async () => {
      const start = http.exchanges.length;
      const english = await v1.assistants('paging-bot').tasks('many').samples.list({ language: 'en-US', pageSize: 3 });
      expect(english.map((s) => s.sid)).toEqual(sids.filter((_, i) => i % 2 === 0));
      const pages = http.exchanges.slice(start);
      expect(pages).toHaveLength(2);
      for (const page of pages) {
        expect(page.body.meta.url).toMatch(/\?Language=en-US&PageSize=3&Page=\d/);
        expect(page.body.meta.first_page_url).toMatch(/\?Language=en-US&PageSize=3&Page=0$/);
      }
      expect(pages[0]!.body.meta.next_page_url).toMatch(/\?Language=en-US&PageSize=3&Page=1/);
    });

    it('refuses PageSize=0 with a 400, and a negative or fractional one', async () => {
      const error = await rejection(v1.assistants('paging-bot').tasks('many').samples.page({ pageSize: 0 }));
      expect(error).toMatchObject({ status: 400, code: 20001 });
      expect(error.message).toContain('PageSize');
      for (const size of ['-1', '2.5', '1e3']) {
        const answer = await rest(server, 'GET', `/v1/Assistants/paging-bot/Tasks/many/Samples?PageSize=${size}`);
        expect(answer.status, size).toBe(400);
      }
    });

    it('list({limit: 1500}) is served in pages of at most 1000 and walks every item', async () => {
      await v1.assistants('paging-bot').tasks.create({ uniqueName: 'lots' });
      const ctx = server.parley.ctx;
      const made: string[] = [];
      for (let i = 0; i < 1003; i += 1) made.push((await createSample(ctx, 'paging-bot', 'lots', { language: 'en-US', taggedText: `lot ${i}` })).sid);
      const start = http.exchanges.length;
      const listed = await v1.assistants('paging-bot').tasks('lots').samples.list({ limit: 1500 }); // 400 "PageSize: must be from 1 to 1000"
      expect(listed.map((s) => s.sid)).toEqual(made);
      const pages = http.exchanges.slice(start);
      expect(pages.map((p) => [p.statusCode, p.body.samples.length, p.body.meta.page_size])).toEqual([[200, 1000, 1000], [200, 3, 1000]]);
      expect(pages[0]!.body.meta.url).toMatch(/\?PageSize=1000&Page=0$/);
      expect(pages[0]!.body.meta.next_page_url).toMatch(/\?PageSize=1000&Page=1&PageToken=/);
    });
  });

  describe('Errors', () => {
    beforeAll(async () => {
      await v1.assistants.create({ uniqueName: 'error-bot' });
    });

    it('answers 401 (20003) to a wrong password', async () => {
      const { client: wrong } = twilioClient(server.baseUrl, 'not-the-token');
      const error = await rejection(wrong.autopilot.v1.assistants.list());
      expect(error).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
    });

    it('answers 404 (20404) to an unknown SID, naming the path', async () => {
      const sid = 'UA0000000000000000000000000000dead';
      const error = await rejection(v1.assistants(sid).fetch());
      expect(error).toMatchObject({ status: 404, code: 20404 });
      expect(error.message).toContain(`/Assistants/${sid}`);
      const task = await rejection(v1.assistants('error-bot').tasks('UD0000000000000000000000000000dead').fetch());
      expect(task).toMatchObject({ status: 404, code: 20404 });
      expect(task.message).toContain('/Tasks/UD0000000000000000000000000000dead');
    });

    it('refuses a duplicate unique name with "UniqueName already in use"', async () => {
      for (const call of [
        () => v1.assistants.create({ uniqueName: 'error-bot' }),
        () => v1.assistants('error-bot').tasks.create({ uniqueName: 'hello-world' }),
        () => v1.assistants('error-bot').fieldTypes.create({ uniqueName: 'dup' }).then(() => v1.assistants('error-bot').fieldTypes.create({ uniqueName: 'dup' })),
      ]) {
        const error = await rejection(call());
        expect(error.status).toBeGreaterThanOrEqual(400);
        expect(error.status).toBeLessThan(500);
        expect(error.message).toContain('UniqueName already in use');
      }
    });

    it('refuses invalid Actions with 400 (90100) naming the offending path', async () => {
      const error = await rejection(v1.assistants('error-bot').tasks.create({
        uniqueName: 'broken', actions: { actions: [{ say: 'fine' }, { shout: 'not an action' }] },
      }));
      expect(error).toMatchObject({ status: 400, code: 90100, moreInfo: 'https://www.twilio.com/docs/errors/90100' });
      expect(error.message).toContain('actions[1]');
      const notJson = await rejection(v1.assistants('error-bot').tasks('hello-world').taskActions().update({ actions: '{"actions": [' }));
      expect(notJson.status).toBe(400);
      expect(notJson.message).toContain('Actions');
      expect((await rejection(v1.assistants('error-bot').tasks('broken').fetch())).status).toBe(404);
    });
  });
});
