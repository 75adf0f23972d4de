import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAssistant, findAssistant } from '../../src/domain/assistants.js';
import { createModelBuild } from '../../src/domain/model-builds.js';
import type { DomainContext } from '../../src/domain/domain-context.js';
import { listFieldValues } from '../../src/domain/field-values.js';
import { listFieldTypes } from '../../src/domain/field-types.js';
import { ParleyError } from '../../src/errors/error-catalogue.js';
import { exportAssistant } from '../../src/import-export/export-assistant.js';
import { importAssistant } from '../../src/import-export/import-assistant.js';
import type { RecordStore } from '../../src/store/record-store.js';
import { coreCreateAssistant, coreDeleteAssistant, coreExport, twilioV3ClientFor } from '../support/autopilot-core.js';
import { TEST_REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { runCli } from '../support/run-cli.js';
import { semanticSchema } from '../support/schema-compare.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { twilioClient } from '../support/twilio-loopback.js';

const fixturePath = (name: string): string => new URL(`../fixtures/bots/${name}`, import.meta.url).pathname;
const fixture = (name: string): any => JSON.parse(readFileSync(fixturePath(name), 'utf8'));
const renamed = (schema: any, uniqueName: string): any => ({ ...schema, uniqueName });

/** The real store, except that its Nth insert fails as if Redis went away mid-import. */
function failingOnInsert(store: RecordStore, failAt: number): RecordStore {
  let inserts = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'insert') {
        return async (...args: Parameters<RecordStore['insert']>) => {
          inserts += 1;
          if (inserts === failAt) throw new Error('injected failure: connection lost');
          return target.insert(...args);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const postSchema = (server: TestServer, body: unknown, query = '', contentType = 'application/json'): Promise<Response> =>
  fetch(`${server.baseUrl}/v1/Parley/Import${query}`, {
    method: 'POST',
    headers: { authorization: authHeader(), 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('import and export', () => {
  let server: TestServer;
  let ctx: DomainContext;
  beforeAll(async () => {
    server = await startTestServer('import-export');
    ctx = server.parley.ctx;
  });
  afterAll(async () => { await server.close(); });

  it('imports a bot and exports it back, with autopilot-core\'s shape and synonyms as value text', async () => {
    const source = fixture('cafe-bot.json');
    const { assistant, report } = await importAssistant(ctx, source, { builds: server.parley.builds });
    expect(report).toEqual([]);
    expect(assistant).toMatchObject({ uniqueName: 'corner-cafe', friendlyName: 'Corner Cafe', logQueries: false });
    const exported = await exportAssistant(ctx, 'corner-cafe');
    expect(Object.keys(exported)).toEqual(['friendlyName', 'logQueries', 'uniqueName', 'defaults', 'styleSheet', 'fieldTypes', 'tasks', 'modelBuild']);
    expect(semanticSchema(exported)).toEqual(semanticSchema(source));
    expect(exported.tasks?.map((t) => t.uniqueName)).not.toContain('hello-world');
    const drink = exported.fieldTypes?.find((t) => t.uniqueName === 'Custom.DRINK');
    expect(drink?.values?.find((v) => v.value === 'ristretto shot')?.synonymOf).toBe('espresso');
    await server.parley.builds.drain();
    expect((await findAssistant(ctx, 'corner-cafe'))?.latestModelBuildSid).toMatch(/^UG/);
  });

  it('treats missing defaults and style sheet as {} and names the assistant by its unique name', async () => {
    await importAssistant(ctx, fixture('plain-bot.json'));
    const exported = await exportAssistant(ctx, 'plain-bot');
    expect(exported).toMatchObject({ friendlyName: 'plain-bot', logQueries: true, defaults: {}, styleSheet: {}, fieldTypes: [], modelBuild: {} });
    expect(semanticSchema(exported)).toEqual(semanticSchema(fixture('plain-bot.json')));
  });

  it('re-imports its own export anywhere', async () => {
    const first = await exportAssistant(ctx, 'corner-cafe');
    await importAssistant(ctx, renamed(first, 'corner-cafe-copy'), { builds: server.parley.builds });
    const second = await exportAssistant(ctx, 'corner-cafe-copy');
    expect(semanticSchema(second)).toEqual(semanticSchema(renamed(first, 'corner-cafe-copy')));
  });

  it('resolves synonymOf written as value SIDs of an assistant in this store', async () => {
    // What autopilot-core's exporter writes when pointed at Parley: synonym_of as the API returns it.
    const source = await exportAssistant(ctx, 'corner-cafe');
    const assistantSid = (await findAssistant(ctx, 'corner-cafe'))!.sid;
    const sidByText = new Map<string, string>();
    for (const type of (await listFieldTypes(ctx, assistantSid, { limit: 100 })).items) {
      for (const v of (await listFieldValues(ctx, assistantSid, type.sid, { limit: 100 })).items) sidByText.set(`${type.uniqueName}:${v.value}`, v.sid);
    }
    const withSids = renamed({
      ...source,
      fieldTypes: source.fieldTypes?.map((t) => ({
        ...t, values: t.values?.map((v) => ({ ...v, synonymOf: v.synonymOf ? sidByText.get(`${t.uniqueName}:${v.synonymOf}`) : null })),
      })),
    }, 'corner-cafe-from-sids');
    expect(JSON.stringify(withSids)).toMatch(/"synonymOf":"UC/);
    const { report } = await importAssistant(ctx, withSids, { builds: server.parley.builds });
    expect(report).toEqual([]);
    const exported = await exportAssistant(ctx, 'corner-cafe-from-sids');
    expect(semanticSchema(exported)).toEqual(semanticSchema(renamed(source, 'corner-cafe-from-sids')));
  });

  it('resolves value SIDs of an assistant deleted since the export (export, delete, import)', async () => {
    await importAssistant(ctx, renamed(fixture('cafe-bot.json'), 'cafe-gone'));
    const source = await exportAssistant(ctx, 'cafe-gone');
    const assistantSid = (await findAssistant(ctx, 'cafe-gone'))!.sid;
    const sidByText = new Map<string, string>();
    for (const type of (await listFieldTypes(ctx, assistantSid, { limit: 100 })).items) {
      for (const v of (await listFieldValues(ctx, assistantSid, type.sid, { limit: 100 })).items) sidByText.set(`${type.uniqueName}:${v.value}`, v.sid);
    }
    const withSids = {
      ...source,
      fieldTypes: source.fieldTypes?.map((t) => ({
        ...t, values: t.values?.map((v) => ({ ...v, synonymOf: v.synonymOf ? sidByText.get(`${t.uniqueName}:${v.synonymOf}`) : null })),
      })),
    };
    expect(JSON.stringify(withSids)).toMatch(/"synonymOf":"UC/);
    await deleteAssistant(ctx, 'cafe-gone');
    // Without the deleted assistant's values the SIDs could only be guessed by position (warned in the report).
    const { report } = await importAssistant(ctx, withSids);
    expect(report).toEqual([]);
    expect(semanticSchema(await exportAssistant(ctx, 'cafe-gone'))).toEqual(semanticSchema(source));
  });

  it('writes nothing on a dry run, and reports a taken name there', async () => {
    await server.parley.builds.drain();
    const keysBefore = (await server.redis!.keys(`${server.prefix}*`)).sort();
    const fresh = await importAssistant(ctx, renamed(fixture('cafe-bot.json'), 'never-written'), { dryRun: true, builds: server.parley.builds });
    expect(fresh).toEqual({ assistant: null, report: [] });
    const taken = await importAssistant(ctx, fixture('cafe-bot.json'), { dryRun: true });
    expect(taken.report).toEqual([{ path: 'uniqueName', severity: 'error', message: 'an assistant named "corner-cafe" already exists' }]);
    await server.parley.builds.drain();
    expect((await server.redis!.keys(`${server.prefix}*`)).sort()).toEqual(keysBefore);
  });

  it('refuses a schema whose report has errors before writing anything', async () => {
    const attempt = importAssistant(ctx, fixture('broken-bot.json'));
    await expect(attempt).rejects.toMatchObject({ kind: 'INVALID_PARAMETER', status: 400 });
    await expect(attempt).rejects.toThrow(/^The schema cannot be imported: fieldTypes\[0\]\.values\[2\]\.synonymOf/);
    expect(await findAssistant(ctx, 'broken-bot')).toBeNull();
  });

  it('refuses a taken unique name with UNIQUE_NAME_IN_USE', async () => {
    const attempt = importAssistant(ctx, fixture('plain-bot.json'));
    await expect(attempt).rejects.toBeInstanceOf(ParleyError);
    await expect(attempt).rejects.toMatchObject({ kind: 'UNIQUE_NAME_IN_USE', code: 90101, message: 'UniqueName already in use: an Assistant named "plain-bot" already exists' });
  });

  it('leaves no assistant behind when a step fails midway, and the name stays free', async () => {
    const flaky: DomainContext = { ...ctx, store: failingOnInsert(ctx.store, 12) };
    const source = renamed(fixture('cafe-bot.json'), 'cafe-midway');
    await expect(importAssistant(flaky, source)).rejects.toThrow('injected failure');
    expect(await findAssistant(ctx, 'cafe-midway')).toBeNull();
    const retried = await importAssistant(ctx, source);
    expect(retried.assistant?.uniqueName).toBe('cafe-midway');
  });

  it('stops an import whose signal aborts (the CLI on Ctrl-C) and leaves no assistant behind', async () => {
    const interrupted = new AbortController();
    let inserts = 0;
    // Aborted after the tenth record is written, as a Ctrl-C would arrive between two writes.
    const counting: DomainContext = { ...ctx, store: new Proxy(ctx.store, {
      get(target, prop, receiver) {
        if (prop === 'insert') {
          return async (...args: Parameters<RecordStore['insert']>) => {
            if (++inserts === 10) interrupted.abort();
            return target.insert(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) };
    const source = renamed(fixture('cafe-bot.json'), 'cafe-interrupted');
    await expect(importAssistant(counting, source, { signal: interrupted.signal })).rejects.toThrow();
    expect(await findAssistant(ctx, 'cafe-interrupted')).toBeNull();
    expect((await importAssistant(ctx, source)).assistant?.uniqueName).toBe('cafe-interrupted');
  });

  it('round-trips an assistant that has no unique name and a build named by its SID', async () => {
    const unnamed = fixture('cafe-bot.json');
    delete unnamed.uniqueName;
    delete unnamed.modelBuild;
    const first = await importAssistant(ctx, unnamed);
    const sid = first.assistant!.sid;
    expect(first.assistant!.uniqueName).toBe(sid);
    await createModelBuild(ctx, { enqueue: async () => undefined }, sid, {});
    const exported = await exportAssistant(ctx, sid);
    expect(exported.uniqueName).toBeUndefined();
    expect(exported.modelBuild).toEqual({});
    // An older export that wrote the SID as the name imports too, named by the copy's own SID.
    const again = await importAssistant(ctx, { ...exported, uniqueName: sid });
    expect(again.assistant!.uniqueName).toBe(again.assistant!.sid);
    expect(again.report.some((item) => item.path === 'uniqueName' && item.severity === 'warning')).toBe(true);
    const { uniqueName: _ignored, ...secondRest } = await exportAssistant(ctx, again.assistant!.sid);
    expect(secondRest).toEqual(exported);
  });

  describe('POST /v1/Parley/Import', () => {
    it('answers 201 with the assistant as GET /Assistants/{sid} renders it, and the report', async () => {
      const response = await postSchema(server, renamed(fixture('cafe-bot.json'), 'cafe-over-http'));
      expect(response.status).toBe(201);
      const body = await response.json() as any;
      expect(body.report).toEqual([]);
      const fetched = await rest(server, 'GET', `/v1/Assistants/${body.assistant.sid}`);
      expect(Object.keys(body.assistant)).toEqual(Object.keys(fetched.body));
      expect(body.assistant).toMatchObject({ unique_name: 'cafe-over-http', friendly_name: 'Corner Cafe', url: fetched.body.url, links: fetched.body.links });
      const tasks = await rest(server, 'GET', `/v1/Assistants/${body.assistant.sid}/Tasks`);
      expect(tasks.body.tasks.map((t: any) => t.unique_name)).toEqual(['greeting', 'order_drink', 'goodbye', 'fallback']);
    });

    it('answers 200 with only the report on DryRun=true', async () => {
      const response = await postSchema(server, fixture('broken-bot.json'), '?DryRun=true');
      expect(response.status).toBe(200);
      const body = await response.json() as any;
      expect(Object.keys(body)).toEqual(['report']);
      expect(body.report.filter((item: any) => item.severity === 'error')).toHaveLength(5);
      expect((await rest(server, 'GET', '/v1/Assistants/broken-bot')).status).toBe(404);
    });

    it('answers 400 with a Twilio error body when the schema is unusable or has errors', async () => {
      const unusable = await postSchema(server, { uniqueName: 'x', tasks: [{ uniqueName: 3 }] });
      expect(unusable.status).toBe(400);
      expect(await unusable.json()).toMatchObject({ code: 20001, status: 400, message: expect.stringContaining('tasks[0].uniqueName') });
      const broken = await postSchema(server, fixture('broken-bot.json'));
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as any).details.report).toHaveLength(19);
      const taken = await postSchema(server, fixture('cafe-bot.json'));
      expect(await taken.json()).toMatchObject({ code: 90101, status: 400 });
      // Valid JSON that is no object is named as such, not as broken JSON.
      for (const body of ['null', '"a string"', '{"uniqueName": ']) {
        const notObject = await postSchema(server, body);
        expect(await notObject.json()).toMatchObject({ code: 20001, status: 400, message: expect.stringContaining('not a JSON object') });
      }
    });

    it('refuses forms, bad DryRun values and missing credentials', async () => {
      expect((await postSchema(server, 'uniqueName=x', '', 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await postSchema(server, fixture('plain-bot.json'), '?DryRun=maybe')).status).toBe(400);
      const anonymous = await fetch(`${server.baseUrl}/v1/Parley/Import`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(anonymous.status).toBe(401);
    });
  });
});

describe('the parley CLI', () => {
  const prefix = uniquePrefix('import-export-cli');
  const storeEnv = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN };
  const workDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('import-export-cli-http'); });
  afterAll(async () => {
    await server.close();
    const redis = new Redis(TEST_REDIS_URL);
    await deleteKeys(redis, prefix);
    await redis.quit();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('imports into the Redis store and exports to stdout (REDIS_URL set)', async () => {
    const imported = await runCli(['import', fixturePath('cafe-bot.json')], storeEnv);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported assistant "corner-cafe" \(UA[0-9a-f]{32}\) into Redis at/);
    expect(imported.stdout).toMatch(/\nModel build UG[0-9a-f]{32} completed\.\n$/);
    const exported = await runCli(['export', 'corner-cafe'], storeEnv);
    expect(exported.code).toBe(0);
    expect(semanticSchema(JSON.parse(exported.stdout))).toEqual(semanticSchema(fixture('cafe-bot.json')));
  });

  it('stops the model build on Ctrl-C after the import, marks it failed and exits 130', async () => {
    // Enough to train for a few seconds: the signal arrives as the build starts.
    const tasks = Array.from({ length: 60 }, (_, t) => ({
      uniqueName: `task_${t}`,
      actions: { actions: [{ say: `Task ${t}.` }] },
      samples: Array.from({ length: 30 }, (_, n) => ({ language: 'en-US', taggedText: `request number ${n} about topic ${t} alpha${t} beta${n}` })),
    }));
    const file = join(workDir, 'slow-build.json');
    writeFileSync(file, JSON.stringify({ uniqueName: 'slow-build', tasks }));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const run = await runCli(['import', file], { ...storeEnv, REDIS_KEY_PREFIX: `${prefix}${signal}:` }, undefined, { when: /its model build has started/, signal });
      expect(run.stdout).toMatch(/^Imported assistant "slow-build"/);
      expect(run.stderr).toContain('parley: interrupted; stopping the model build\n');
      expect(run.stderr).toMatch(/parley: model build UG[0-9a-f]{32} stopped and marked failed \(error 90202\); start a new build/);
      expect(run.code).toBe(130);
    }
  });

  it('prints the dry-run report as a table, exiting 1 when it has errors', async () => {
    const broken = await runCli(['import', fixturePath('broken-bot.json'), '--dry-run'], storeEnv);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^PATH +SEVERITY +MESSAGE\n/);
    expect(broken.stdout).toContain('tasks[1].fields[1].fieldType');
    expect(broken.stdout).toContain('5 errors, 14 warnings');
    const clean = await runCli(['import', fixturePath('plain-bot.json'), '--dry-run'], storeEnv);
    expect(clean).toMatchObject({ code: 0, stdout: 'No compatibility problems found.\n' });
  });

  it('refuses a broken schema with the report and exit 1', async () => {
    const refused = await runCli(['import', fixturePath('broken-bot.json')], storeEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The schema cannot be imported');
    expect(refused.stdout).toContain('SEVERITY');
  });

  it('talks to a running engine over HTTP when REDIS_URL is not set', async () => {
    const httpEnv = { TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PARLEY_URL: server.baseUrl };
    const imported = await runCli(['import', fixturePath('cafe-bot.json')], httpEnv);
    expect(imported.code).toBe(0);
    expect((await rest(server, 'GET', '/v1/Assistants/corner-cafe')).status).toBe(200);
    const file = join(workDir, 'cafe.json');
    const exported = await runCli(['export', 'corner-cafe', file, '--url', server.baseUrl], { TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN });
    expect(exported.code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual(await exportAssistant(server.parley.ctx, 'corner-cafe'));
    const wrongToken = await runCli(['export', 'corner-cafe'], { ...httpEnv, TWILIO_AUTH_TOKEN: 'not-the-token' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain('refused the credentials');
    // Past the REST API's 1 MB the engine refuses the request: the message says how to import it instead.
    const big = join(workDir, 'big-bot.json');
    const cafe = JSON.parse(readFileSync(fixturePath('cafe-bot.json'), 'utf8'));
    writeFileSync(big, JSON.stringify({ ...cafe, uniqueName: 'big-cafe', friendlyName: 'x'.repeat(1_100_000) }));
    const tooBig = await runCli(['import', big], httpEnv);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('import a larger one with REDIS_URL set');
    expect((await rest(server, 'GET', '/v1/Assistants/big-cafe')).status).toBe(404);
  });

  it('exits 2 on usage errors and 0 on help', async () => {
    expect((await runCli(['import'], storeEnv)).code).toBe(2);
    expect((await runCli(['frobnicate'], storeEnv)).code).toBe(2);
    expect((await runCli(['export', 'x', '--dry-run'], storeEnv)).code).toBe(2);
    const help = await runCli(['help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('parley import <schema.json>');
  });

  it('exits 1 on a missing file or unreadable JSON', async () => {
    const missing = await runCli(['import', join(workDir, 'nope.json')], storeEnv);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('cannot read');
    const garbled = join(workDir, 'garbled.json');
    writeFileSync(garbled, '{"uniqueName": ');
    const unreadable = await runCli(['import', garbled], storeEnv);
    expect(unreadable).toMatchObject({ code: 1 });
    expect(unreadable.stderr).toContain('is not valid JSON');
  });

  it('names --url / PARLEY_URL when the engine URL is not a URL', async () => {
    const bad = await runCli(['export', 'corner-cafe', '--url', 'notaurl'], { TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"notaurl" (--url or PARLEY_URL) is not a URL');
  });

  it('reads a file with a byte-order mark, and refuses one that is not UTF-8 rather than storing U+FFFD', async () => {
    const withBom = join(workDir, 'bom.json');
    writeFileSync(withBom, `\uFEFF${readFileSync(fixturePath('plain-bot.json'), 'utf8')}`);
    expect(await runCli(['import', withBom, '--dry-run'], storeEnv)).toMatchObject({ code: 0, stdout: 'No compatibility problems found.\n' });
    const latin1 = join(workDir, 'latin1.json');
    writeFileSync(latin1, Buffer.from(JSON.stringify({ uniqueName: 'cafe-latin', friendlyName: 'café olé' }), 'latin1'));
    const refused = await runCli(['import', latin1], storeEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not UTF-8 text');
  });
});

describe('autopilot-core (the Twilio CLI core) and list-then-delete clients over the REST API', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'parley-core-'));
  let server: TestServer;
  let core: unknown;
  beforeAll(async () => {
    server = await startTestServer('import-export-core');
    core = twilioV3ClientFor(server.baseUrl);
  });
  afterAll(async () => {
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** UC SID -> value text of every value of an assistant, to read autopilot-core's synonymOf. */
  async function valueTexts(assistant: string): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const type of (await listFieldTypes(server.parley.ctx, assistant, { limit: 100 })).items) {
      for (const v of (await listFieldValues(server.parley.ctx, assistant, type.sid, { limit: 100 })).items) texts.set(v.sid, v.value);
    }
    return texts;
  }

  it('deletes an assistant with synonyms child by child (autopilot:delete)', async () => {
    const file = join(workDir, 'cafe-delete.json');
    writeFileSync(file, JSON.stringify(renamed(fixture('cafe-bot.json'), 'cafe-delete')));
    await coreCreateAssistant(file, core);
    await coreDeleteAssistant('cafe-delete', core); // 404 on a synonym deleted with its canonical value
    expect((await rest(server, 'GET', '/v1/Assistants/cafe-delete')).status).toBe(404);
  });

  it('creates an assistant from its own export, whose synonymOf are the first assistant\'s value SIDs', async () => {
    const bot = fixture('cafe-bot.json');
    await coreCreateAssistant(fixturePath('cafe-bot.json'), core);
    const exported = await coreExport(core, bot.uniqueName, workDir);
    expect(JSON.stringify(exported)).toMatch(/"synonymOf":"UC/);
    const copyFile = join(workDir, 'copy.json');
    writeFileSync(copyFile, JSON.stringify(renamed(exported, 'cafe-copy')));
    await coreCreateAssistant(copyFile, core); // 400 20001 "UC… is not a value of field type Custom.DRINK in en-US"
    const again = await coreExport(core, 'cafe-copy', workDir);
    const options = { valueTextBySid: new Map([...await valueTexts(bot.uniqueName), ...await valueTexts('cafe-copy')]), ignore: ['modelBuild', 'logQueries'] as const };
    expect(semanticSchema(again, options)).toEqual(semanticSchema(renamed(exported, 'cafe-copy'), options));
    for (const name of ['cafe-copy', bot.uniqueName]) await coreDeleteAssistant(name, core);
  });

  it('lets twilio-node remove every listed value one by one; a SID that never was still answers 404', async () => {
    const { client } = twilioClient(server.baseUrl);
    const assistant = client.autopilot.v1.assistants((await client.autopilot.v1.assistants.create({ uniqueName: 'loop' })).sid);
    await assistant.fieldTypes.create({ uniqueName: 'size' });
    const values = assistant.fieldTypes('size').fieldValues;
    const large = await values.create({ language: 'en-US', value: 'large' });
    for (const value of ['big', 'huge']) await values.create({ language: 'en-US', value, synonymOf: large.sid });
    const removed: boolean[] = [];
    for (const v of await values.list()) removed.push(await v.remove());
    expect(removed).toEqual([true, true, true]);
    expect(await values.list()).toEqual([]);
    const missing = await assistant.fieldTypes('size').fieldValues(`UC${'0'.repeat(32)}`).remove().then(() => null, (e: { status: number }) => e);
    expect(missing?.status).toBe(404);
    const again = await assistant.fieldTypes('size').fieldValues(large.sid).remove().then(() => null, (e: { status: number }) => e);
    expect(again?.status).toBe(404); // deleted itself, not alongside another
  });
});
