import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rest, startTestServer, type TestServer } from '../support/test-server.js';
import type { RecordStore } from '../../src/store/record-store.js';

let s: TestServer;
const r = async (m: string, p: string, f?: Record<string, string>) => rest(s, m, p, f);
const j = JSON.stringify;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One-shot hold: delay the next store call `method` whose JS stack contains `fn` (to force an interleaving). */
const holds: Array<{ method: string; fn: string; ms: number; after?: boolean }> = [];
const wrap = (store: RecordStore): RecordStore => new Proxy(store, {
  get(target, prop, receiver) {
    const value = Reflect.get(target, prop, receiver);
    if (typeof value !== 'function') return value;
    return async (...args: unknown[]) => {
      const stack = new Error().stack ?? '';
      const hold = holds.find((h) => h.method === prop && stack.includes(h.fn));
      if (hold) holds.splice(holds.indexOf(hold), 1);
      if (hold && !hold.after) await sleep(hold.ms);
      const result = await (value as (...a: unknown[]) => unknown).apply(target, args);
      if (hold?.after) await sleep(hold.ms);
      return result;
    };
  },
});

/**
 * The REST API under races and with names that used to slip through (found by exploratory probing
 * in the thirteenth session; each case failed before its fix). Holds force the interleavings.
 */
describe('REST API: concurrent changes and odd names', () => {
  beforeAll(async () => { s = await startTestServer('rest-races-names', { wrapStore: wrap }); });
  afterAll(async () => { await s.close(); });

  it('a task named ".." is refused (DELETE …/Tasks/.. deletes the assistant)', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'dots' });
    const t = await r('POST', '/v1/Assistants/dots/Tasks', { UniqueName: '..' });
    if (t.status === 201) await r('DELETE', '/v1/Assistants/dots/Tasks/..'); // fetch/axios/curl normalise to DELETE /v1/Assistants/dots
    expect((await r('GET', '/v1/Assistants/dots')).status).toBe(200);
    expect(t.status).toBe(400);
  });

  it('refuses to rename a field type while fields use it (they name it), and names of built-in types', async () => {
    const A = '/v1/Assistants/ftr';
    await r('POST', '/v1/Assistants', { UniqueName: 'ftr' });
    await r('POST', `${A}/FieldTypes`, { UniqueName: 'Custom.SIZE' });
    await r('POST', `${A}/Tasks`, { UniqueName: 'order' });
    await r('POST', `${A}/Tasks/order/Fields`, { UniqueName: 'size', FieldType: 'Custom.SIZE' });
    const renamed = await r('POST', `${A}/FieldTypes/Custom.SIZE`, { UniqueName: 'Custom.PIZZA_SIZE' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.code).toBe(90105);
    expect((await r('GET', `${A}/Tasks/order/Fields/size`)).body.field_type).toBe('Custom.SIZE');
    expect((await r('POST', `${A}/FieldTypes/Custom.SIZE`, { FriendlyName: 'Size' })).status).toBe(200);
    await r('DELETE', `${A}/Tasks/order/Fields/size`);
    expect((await r('POST', `${A}/FieldTypes/Custom.SIZE`, { UniqueName: 'Custom.PIZZA_SIZE' })).status).toBe(200);
    for (const name of ['Twilio.NUMBER', 'twilio.number']) expect((await r('POST', `${A}/FieldTypes`, { UniqueName: name })).status, name).toBe(400);
  });

  it('does not leave a field or sample under a task deleted while it was created', async () => {
    const A = '/v1/Assistants/orph';
    await r('POST', '/v1/Assistants', { UniqueName: 'orph' });
    await r('POST', `${A}/FieldTypes`, { UniqueName: 'color' });
    const task = (await r('POST', `${A}/Tasks`, { UniqueName: 'paint' })).body.sid;
    // The field's insert waits until the task's deletion (which found no children) is done.
    holds.push({ method: 'insert', fn: 'createField', ms: 300 });
    const [field, deleted] = await Promise.all([
      r('POST', `${A}/Tasks/${task}/Fields`, { UniqueName: 'c', FieldType: 'color' }),
      sleep(100).then(() => r('DELETE', `${A}/Tasks/${task}`)),
    ]);
    expect([field.status, deleted.status]).toEqual([404, 204]);
    // No field pins the type: it can be deleted.
    expect((await r('DELETE', `${A}/FieldTypes/color`)).status).toBe(204);
    const other = (await r('POST', `${A}/Tasks`, { UniqueName: 'other' })).body.sid;
    holds.push({ method: 'insert', fn: 'createSample', ms: 300 });
    const [sample] = await Promise.all([
      r('POST', `${A}/Tasks/${other}/Samples`, { Language: 'en-US', TaggedText: 'paint it' }),
      sleep(100).then(() => r('DELETE', `${A}/Tasks/${other}`)),
    ]);
    expect(sample.status).toBe(404);
    expect((await s.redis!.keys(`${s.prefix}*${other}*`)).length).toBe(0);
  });

  it('concurrent partial updates of one task are not lost', async () => {
    const A = '/v1/Assistants/lu';
    await r('POST', '/v1/Assistants', { UniqueName: 'lu' });
    await r('POST', `${A}/Tasks`, { UniqueName: 't' });
    await Promise.all([
      r('POST', `${A}/Tasks/t`, { FriendlyName: 'Friendly' }),
      r('POST', `${A}/Tasks/t/Actions`, { Actions: j({ actions: [{ say: 'new' }] }) }),
      r('POST', `${A}/Tasks/t`, { ActionsUrl: 'https://example.com/a' }),
    ]);
    const task = (await r('GET', `${A}/Tasks/t`)).body;
    expect(task.friendly_name).toBe('Friendly');
    expect(task.actions_url).toBe('https://example.com/a');
    expect((await r('GET', `${A}/Tasks/t/Actions`)).body.data).toEqual({ actions: [{ say: 'new' }] });
  });

  it('20 updates of one assistant or one task at once all succeed', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'par' });
    for (const path of ['/v1/Assistants/par', '/v1/Assistants/par/Tasks/hello-world']) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => r('POST', path, { FriendlyName: `n${i}` })));
      expect(answers.map((a) => a.status), path).toEqual(answers.map(() => 200)); // some 503 20503 "kept changing"
    }
  });

  it('a rename answered 200 is not undone by a concurrent FriendlyName update', async () => {
    const A = '/v1/Assistants/lu2';
    await r('POST', '/v1/Assistants', { UniqueName: 'lu2' });
    await r('POST', `${A}/Tasks`, { UniqueName: 'orig' });
    holds.push({ method: 'update', fn: 'updateTask', ms: 1000 }); // the FriendlyName write lands after the rename
    const [, rename] = await Promise.all([
      r('POST', `${A}/Tasks/orig`, { FriendlyName: 'Friendly' }),
      sleep(200).then(() => r('POST', `${A}/Tasks/orig`, { UniqueName: 'renamed' })),
    ]);
    expect(rename.body.unique_name).toBe('renamed');
    expect((await r('GET', `${A}/Tasks/renamed`)).status).toBe(200); // the rename is kept
  });

  it('Defaults and StyleSheet posted at once both stick', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'luA' });
    await Promise.all([
      r('POST', '/v1/Assistants/luA/Defaults', { Defaults: j({ defaults: { fallback: 'task://x' } }) }),
      r('POST', '/v1/Assistants/luA/StyleSheet', { StyleSheet: j({ style_sheet: { voice: { say_voice: 'Polly.Joanna' } } }) }),
    ]);
    expect((await r('GET', '/v1/Assistants/luA/Defaults')).body.data).toEqual({ defaults: { fallback: 'task://x' } });
    expect((await r('GET', '/v1/Assistants/luA/StyleSheet')).body.data).toEqual({ style_sheet: { voice: { say_voice: 'Polly.Joanna' } } });
  });

  it('renaming a model build while it completes does not leave it "building" for ever', async () => {
    const A = '/v1/Assistants/rn';
    await r('POST', '/v1/Assistants', { UniqueName: 'rn' });
    const build = (await r('POST', `${A}/ModelBuilds`, {})).body.sid;
    holds.push({ method: 'update', fn: 'renameModelBuild', ms: 2500 }); // the build completes between the rename's read and write
    await r('POST', `${A}/ModelBuilds/${build}`, { UniqueName: 'v1' });
    await s.parley.builds.drain();
    expect((await r('GET', `${A}/ModelBuilds/v1`)).body.status).toBe('completed'); // "building", and latest_model_build_sid names it
    expect((await r('POST', `${A}/Queries`, { Language: 'en-US', Query: 'hello', ModelBuild: 'v1' })).status).toBe(201); // 400 "is building"
  });

  it('CallbackUrl= clears callback_url (docs/rest-api.md)', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'cb', CallbackUrl: 'https://example.com/cb' });
    const updated = await r('POST', '/v1/Assistants/cb', { CallbackUrl: '' });
    expect(updated.body.callback_url).toBeNull(); // still https://example.com/cb
  });

  it('listing assistants while one is deleted answers 200', async () => {
    for (const n of ['la1', 'la2']) await r('POST', '/v1/Assistants', { UniqueName: n });
    holds.push({ method: 'list', fn: 'assistants-router', ms: 500, after: true }); // the list read its page; its per-item reads wait
    const list = r('GET', '/v1/Assistants');
    await sleep(100);
    await r('DELETE', '/v1/Assistants/la1');
    expect((await list).status).toBe(200); // 404 "/Assistants/UA… was not found"
  });

  it('length limits count characters, as documented (emoji are one character)', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'len' });
    expect((await r('POST', '/v1/Assistants/len/Tasks', { UniqueName: '😀'.repeat(33) })).status).toBe(201); // 400 "at most 64 characters (got 66)"
    expect((await r('POST', '/v1/Assistants/len/Queries', { Language: 'en-US', Query: '😀'.repeat(1025) })).status).toBe(201); // 400 "(got 2050)"
  });

  it('webhook Events is bounded', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'wh' });
    const w = await r('POST', '/v1/Assistants/wh/Webhooks', { UniqueName: 'w', Events: 'onDialogueStart '.repeat(40_000), WebhookUrl: 'https://example.com/h' });
    expect(w.status).toBe(400); // 201, 640,000 characters stored
  });

  it('Query SampleSid must name a sample of the assistant', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'qs' });
    const q = (await r('POST', '/v1/Assistants/qs/Queries', { Language: 'en-US', Query: 'hello' })).body.sid;
    expect((await r('POST', `/v1/Assistants/qs/Queries/${q}`, { SampleSid: `UF${'0'.repeat(32)}` })).status).toBe(400); // 200, stored
  });

  it('tampered page tokens are refused', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'pg' });
    for (const token of ['PT', 'PT0x2', 'PT%202', 'PT1e1']) {
      expect((await r('GET', `/v1/Assistants/pg/Tasks/hello-world/Samples?PageToken=${token}`)).status, token).toBe(400); // 200
    }
  });

  it('blank or invisible unique names are refused', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'names' });
    for (const name of ['   ', ' t ', '\u200b']) {
      expect((await r('POST', '/v1/Assistants/names/Tasks', { UniqueName: name })).status, j(name)).toBe(400); // 201
    }
  });

  it('an assistant cannot be named "Restore"', async () => {
    const created = await r('POST', '/v1/Assistants', { UniqueName: 'Restore' });
    if (created.status === 201) expect((await r('GET', '/v1/Assistants/Restore')).status).toBe(200); // 405
    expect(created.status).toBe(400);
  });

  it('an assistant with no serving build needs a build', async () => {
    await r('POST', '/v1/Assistants', { UniqueName: 'nb' });
    const build = (await r('POST', '/v1/Assistants/nb/ModelBuilds', {})).body.sid;
    await s.parley.builds.drain();
    await r('DELETE', `/v1/Assistants/nb/ModelBuilds/${build}`);
    const a = (await r('GET', '/v1/Assistants/nb')).body;
    expect(a.latest_model_build_sid).toBeNull();
    expect(a.needs_model_build).toBe(true); // false
  });

});
