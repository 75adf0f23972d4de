/**
 * Hostile input for every operation of Autopilot's REST API (paths and parameter schemas from the
 * OpenAPI document in the shared reference), and for the channel webhooks: wrong types, huge
 * strings, invalid UTF-8, emoji, deeply nested JSON, stray query strings, unknown methods, random
 * SIDs. Deterministic (seeded PRNG) and bounded (~1,500 requests). Every answer must be below 500;
 * every 4xx must carry Twilio's error body; and a request answered 4xx must leave every key under
 * the server's Redis prefix (and its value) as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { scanKeys } from '../support/redis.js';

const SPEC_FILE = path.resolve(process.env.PARLEY_SHARED_DIR ?? '../shared', 'reference', 'autopilot-v1.openapi.json');
const HAVE_SPEC = existsSync(SPEC_FILE);
if (!HAVE_SPEC) console.warn(`rest-fuzz: skipped, ${SPEC_FILE} not found (set PARLEY_SHARED_DIR to the shared directory)`);

const SEED = 0x5eed_2024;
const CASES_PER_OPERATION = 26;
const TIME_BUDGET_MS = 90_000;

/** Seeded, so a failing case can be replayed. */
const prng = seededRandom;

interface Schema { type?: string; format?: string; enum?: unknown[]; items?: Schema }
interface Operation { method: string; template: string; body: Record<string, Schema>; query: Record<string, Schema> }
interface FuzzRequest {
  label: string; method: string; path: string; headers?: Record<string, string>; body?: string | Buffer;
  /** SMS and Voice answer a bad signature with a one-line text 403 (docs/channels.md), not Twilio's JSON body. */
  signatureRefusal?: true;
}

const JSON_DOCUMENT_PARAMS = new Set(['Actions', 'Defaults', 'StyleSheet']);
const deepJson = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const EMOJI = '🦜🔥👩🏽‍🚀\u200d\ufeff';

function operations(): Operation[] {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, any>> };
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'delete']) {
      const op = item[method];
      if (op === undefined) continue;
      const content = op.requestBody?.content ?? {};
      const form = content['application/x-www-form-urlencoded']?.schema?.properties ?? {};
      const query = Object.fromEntries(((op.parameters ?? []) as Array<{ name: string; in: string; schema: Schema }>)
        .filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
      ops.push({ method: method.toUpperCase(), template, body: form, query });
    }
  }
  return ops;
}

describe.skipIf(!HAVE_SPEC)('REST and channels under hostile input', () => {
  let server: TestServer;
  const real: Record<string, string> = {};
  const random = prng(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

  beforeAll(async () => {
    server = await startTestServer('rest-fuzz');
    const created = async (p: string, form: Record<string, string>): Promise<string> => {
      const answer = await rest(server, 'POST', p, form);
      if (answer.status !== 201) throw new Error(`${p}: ${JSON.stringify(answer.body)}`);
      return answer.body.sid as string;
    };
    real.assistant = await created('/v1/Assistants', { UniqueName: 'fuzz-bot' });
    const a = `/v1/Assistants/${real.assistant}`;
    real.task = await created(`${a}/Tasks`, { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'hi' }, { listen: true }] }) });
    real.sample = await created(`${a}/Tasks/${real.task}/Samples`, { Language: 'en-US', TaggedText: 'hello there' });
    await created(`${a}/Tasks/${real.task}/Samples`, { Language: 'en-US', TaggedText: 'good morning' });
    real.fieldType = await created(`${a}/FieldTypes`, { UniqueName: 'color' });
    real.fieldValue = await created(`${a}/FieldTypes/${real.fieldType}/FieldValues`, { Language: 'en-US', Value: 'red' });
    real.field = await created(`${a}/Tasks/${real.task}/Fields`, { UniqueName: 'shade', FieldType: real.fieldType });
    real.webhook = await created(`${a}/Webhooks`, { UniqueName: 'wh', Events: 'onDialogueEnd', WebhookUrl: 'https://example.com/hook' });
    real.build = await created(`${a}/ModelBuilds`, {});
    await server.parley.builds.drain();
    real.query = await created(`${a}/Queries`, { Language: 'en-US', Query: 'hello there' });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Every key under the prefix with its value (DUMP), except BullMQ's own bookkeeping, which ticks on its own. */
  async function snapshot(): Promise<Map<string, string>> {
    const redis = server.redis!;
    const keys = (await scanKeys(redis, server.prefix)).filter((k) => !k.includes('{queues}'));
    keys.sort();
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.dumpBuffer(key);
    const values = (await pipeline.exec()) ?? [];
    return new Map(keys.map((key, i) => [key, (values[i]?.[1] as Buffer | null)?.toString('base64') ?? 'null']));
  }

  function diff(before: Map<string, string>, after: Map<string, string>): string[] {
    const changed: string[] = [];
    for (const [key, value] of after) if (before.get(key) !== value) changed.push(before.has(key) ? `changed ${key}` : `added ${key}`);
    for (const key of before.keys()) if (!after.has(key)) changed.push(`removed ${key}`);
    return changed;
  }

  function realSid(template: string, name: string, isLast: boolean): string {
    if (name === 'AssistantSid') return real.assistant!;
    if (name === 'TaskSid') return real.task!;
    if (name === 'FieldTypeSid') return real.fieldType!;
    if (!isLast) return real.assistant!;
    const resource = template.split('/').slice(-2, -1)[0];
    const byResource: Record<string, string | undefined> = {
      Assistants: real.assistant, Tasks: real.task, Samples: real.sample, FieldTypes: real.fieldType, FieldValues: real.fieldValue,
      Fields: real.field, Webhooks: real.webhook, ModelBuilds: real.build, Queries: real.query, Dialogues: `UK${'0'.repeat(32)}`,
    };
    return byResource[resource ?? ''] ?? real.assistant!;
  }

  function randomSid(): string {
    return pick([
      `${pick(['UA', 'UD', 'UF', 'UB', 'UC', 'UE', 'UG', 'UH', 'UM', 'UK', 'XX'])}${hex(32)}`,
      hex(Math.floor(random() * 40) + 1), `x${'y'.repeat(3000)}`, encodeURIComponent(EMOJI), '%E0%A4%A', '..%2F..%2Fetc', '%00', 'null', '-1', '%20',
    ]);
  }

  function fillPath(template: string, method: string, useReal: boolean): string {
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    let result = template;
    names.forEach((name, i) => {
      // DELETE never reaches the seeded records, so one request cannot starve the rest of them.
      const value = useReal && method !== 'DELETE' ? realSid(template, name, i === names.length - 1) : randomSid();
      result = result.replace(`{${name}}`, value);
    });
    return result;
  }

  function wrongValue(schema: Schema, name: string): string {
    if (JSON_DOCUMENT_PARAMS.has(name)) return pick([deepJson(5000), deepArray(20000), '{"actions":', '[]', '"x"', `{"actions":[{"say":"${EMOJI}"}]}`, JSON.stringify({ actions: Array(2000).fill({ say: 'x' }) })]);
    switch (schema.type) {
      case 'integer': case 'number': return pick(['abc', '1e400', '-1', '99999999999999999999999', '1.5', 'NaN', EMOJI, '']);
      case 'boolean': return pick(['maybe', '2', EMOJI, '', 'TRUE ']);
      default: return schema.format === 'uri'
        ? pick(['not a url', 'javascript:alert(1)', 'http://', `https://${'a'.repeat(5000)}.com`, 'ftp://x', 'http://user:pass@127.0.0.1:1/x'])
        : pick(['x'.repeat(100_000), EMOJI.repeat(500), '\u0000', ' ', '{"a":1}', 'a'.repeat(70_000), '%ZZ', '<xml/>', '\ud800']);
    }
  }

  function formBody(values: Record<string, string>): string {
    return new URLSearchParams(values).toString();
  }

  function cases(op: Operation): FuzzRequest[] {
    const out: FuzzRequest[] = [];
    const names = Object.keys(op.body);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const json = { 'content-type': 'application/json' };
    const queryNames = Object.keys(op.query);
    for (let n = 0; n < CASES_PER_OPERATION; n += 1) {
      const useReal = random() < 0.7;
      let p = fillPath(op.template, op.method, useReal);
      const kind = pick(['wrong-type', 'wrong-type', 'json-types', 'utf8', 'query', 'method', 'deep-json', 'huge', 'no-auth', 'content-type']);
      const label = `${op.method} ${op.template} [${kind}#${n}]`;
      if (kind === 'query' || random() < 0.25) {
        const q = queryNames.length > 0 && random() < 0.6 ? pick(queryNames) : pick(['PageSize', 'Page', 'PageToken', 'x[y]', 'Memory', EMOJI]);
        p += `?${encodeURIComponent(q)}=${pick(['-1', 'abc', '%ZZ', encodeURIComponent(EMOJI), '1e9', encodeURIComponent(deepJson(500)), 'a'.repeat(4000)])}&${q}=2`;
      }
      if (kind === 'method') {
        const method = pick(['PUT', 'PATCH', 'PROPFIND', 'PURGE', 'DELETE', 'POST']);
        // A DELETE of a seeded record would answer 404 to every later request about it: random SIDs instead.
        out.push({ label, method, path: method === 'DELETE' ? fillPath(op.template, 'DELETE', false) : p, headers: form, body: 'FriendlyName=x' });
        continue;
      }
      if (kind === 'no-auth') {
        out.push({ label, method: op.method, path: p, headers: { ...form, authorization: pick(['Basic Zm9vOmJhcg==', 'Bearer x', `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:wrong`).toString('base64')}`, 'Basic %%%']) }, body: 'x=1' });
        continue;
      }
      if (op.method !== 'POST') {
        out.push({ label, method: op.method, path: p, ...(op.method === 'DELETE' && random() < 0.3 ? { headers: form, body: `a=${EMOJI}` } : {}) });
        continue;
      }
      const chosen = names.length === 0 ? ['Unknown'] : names.filter(() => random() < 0.5).concat(pick(names));
      switch (kind) {
        case 'wrong-type':
          out.push({ label, method: 'POST', path: p, headers: form, body: formBody(Object.fromEntries(chosen.map((name) => [name, wrongValue(op.body[name] ?? {}, name)]))) });
          break;
        case 'json-types': {
          const value = (): unknown => pick([123, true, null, [1, 2], { nested: { deeper: [EMOJI] } }, 1e308, -0, JSON.parse(deepJson(200))]);
          out.push({ label, method: 'POST', path: p, headers: json, body: random() < 0.2 ? deepArray(50_000) : JSON.stringify(Object.fromEntries(chosen.map((name) => [name, value()]))) });
          break;
        }
        case 'utf8': {
          const bytes = Buffer.concat([Buffer.from(`${chosen[0]}=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from(`&${chosen[0]}2=%FF%FE%C0%AF`)]);
          out.push({ label, method: 'POST', path: p, headers: { 'content-type': pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=latin1', 'application/json']) }, body: bytes });
          break;
        }
        case 'deep-json': {
          const target = names.find((name) => JSON_DOCUMENT_PARAMS.has(name)) ?? chosen[0]!;
          out.push({ label, method: 'POST', path: p, headers: form, body: formBody({ [target]: pick([deepJson(3000), deepArray(30_000), deepJson(40)]) }) });
          break;
        }
        case 'huge':
          out.push({ label, method: 'POST', path: p, headers: form, body: `${chosen[0]}=${'z'.repeat(pick([1_100_000, 900_000, 64 * 1024 + 1]))}` });
          break;
        default:
          out.push({ label, method: 'POST', path: p, headers: { 'content-type': pick(['text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/x-www-form-urlencoded; charset=utf-16']) }, body: 'a=b' });
      }
    }
    return out;
  }

  async function send(request: FuzzRequest, authorization: string | null = authHeader()): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { ...(authorization === null ? {} : { authorization }), ...request.headers };
    const response = await fetch(`${server.baseUrl}${request.path}`, { method: request.method, headers, ...(request.body === undefined || request.method === 'GET' ? {} : { body: request.body }) });
    return { status: response.status, text: await response.text() };
  }

  function twilioErrorBody(status: number, text: string): string | null {
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return `not JSON: ${text.slice(0, 200)}`;
    }
    const ok = typeof body === 'object' && body !== null && typeof body.code === 'number' && typeof body.message === 'string'
      && typeof body.more_info === 'string' && body.status === status;
    return ok ? null : `not Twilio's error body: ${text.slice(0, 200)}`;
  }

  async function check(requests: FuzzRequest[], started: number): Promise<{ failures: string[]; sent: number; statuses: Map<number, number> }> {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let before = await snapshot();
    let sent = 0;
    for (const request of requests) {
      if (Date.now() - started > TIME_BUDGET_MS) break;
      sent += 1;
      const t0 = Date.now();
      const { status, text } = await send(request, request.headers?.authorization ?? authHeader());
      if (process.env.FUZZ_DEBUG && Date.now() - t0 > 200) console.log('slow', Date.now() - t0, status, request.label);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`${request.label} -> ${status} ${text.slice(0, 200)}`);
      if (status >= 400 && status < 500) {
        const problem = request.signatureRefusal === true
          ? (status === 403 && text.startsWith('Forbidden: X-Twilio-Signature') ? null : `not the signature refusal: ${text.slice(0, 200)}`)
          : twilioErrorBody(status, text);
        if (problem !== null) failures.push(`${request.label} -> ${status} ${problem}`);
        const changes = diff(before, await snapshot());
        if (changes.length > 0) failures.push(`${request.label} -> ${status} changed the store: ${changes.slice(0, 5).join(', ')}`);
      } else {
        // A request that was accepted may change state (and may start a build): wait, then take a new baseline.
        if (request.method !== 'GET') {
          if (request.path.includes('/ModelBuilds')) await server.parley.builds.drain();
          before = await snapshot();
        }
      }
    }
    return { failures, sent, statuses };
  }

  it('never answers 5xx, always answers 4xx with Twilio\'s body, and a 4xx changes nothing stored', async () => {
    const started = Date.now();
    const requests = operations().flatMap((op) => cases(op));
    expect(requests.length).toBeGreaterThan(1000);
    const { failures, sent, statuses } = await check(requests, started);
    if (process.env.FUZZ_DEBUG) console.log('sent', sent, 'of', requests.length, [...statuses]);
    expect(sent).toBeGreaterThan(800);
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    expect(failures).toEqual([]);
    // The seeded records outlived the run, so the requests about them got past the lookup: most
    // answers are not "not found" (random SIDs and paths give the rest).
    const a = `/v1/Assistants/${real.assistant}`;
    for (const seeded of [a, `${a}/Tasks/${real.task}`, `${a}/Tasks/${real.task}/Samples/${real.sample}`, `${a}/Tasks/${real.task}/Fields/${real.field}`,
      `${a}/FieldTypes/${real.fieldType}`, `${a}/FieldTypes/${real.fieldType}/FieldValues/${real.fieldValue}`, `${a}/Webhooks/${real.webhook}`,
      `${a}/ModelBuilds/${real.build}`, `${a}/Queries/${real.query}`]) {
      expect((await rest(server, 'GET', seeded)).status, seeded).toBe(200);
    }
    expect(statuses.get(404) ?? 0).toBeLessThan(sent / 3); // 272 of 1,352 here; 544 when a seeded assistant was deleted early
  }, 150_000);

  it('answers bad channel webhooks in the channel\'s format without storing anything', async () => {
    // An assistant of its own: the REST fuzz above may have deleted or changed the shared one, and a
    // 404 for a missing assistant would hide what the channel does with each bad input.
    const created = await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'fuzz-channels' });
    const assistant = created.body.sid as string;
    const task = await rest(server, 'POST', `/v1/Assistants/${assistant}/Tasks`, { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'hi' }, { listen: true }] }) });
    await rest(server, 'POST', `/v1/Assistants/${assistant}/Tasks/${task.body.sid}/Samples`, { Language: 'en-US', TaggedText: 'hello there' });
    await rest(server, 'POST', `/v1/Assistants/${assistant}/ModelBuilds`, {});
    await server.parley.builds.drain();
    const sms = channelPath(assistant, 'twilio-messaging');
    const voice = channelPath(assistant, 'twilio-voice');
    const custom = channelPath(assistant, 'custom/web', 'v2');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // The control: the same requests with good input run a turn.
    const good = await send({ label: 'control', method: 'POST', path: `${custom}?Memory=${encodeURIComponent(deepJson(64))}`, headers: form, body: 'Text=hello+there&UserId=control&Language=en-US' });
    expect(good.status, good.text).toBe(200);
    expect(JSON.parse(good.text).response.says[0].text).toBe('hi');
    const requests: FuzzRequest[] = [
      { signatureRefusal: true, label: 'sms bad signature', method: 'POST', path: sms, headers: { ...form, 'x-twilio-signature': 'AAAA' }, body: 'From=%2B1555&To=%2B1666&Body=hi&MessageSid=SM1' },
      { signatureRefusal: true, label: 'sms no signature', method: 'POST', path: sms, headers: form, body: 'Body=hi' },
      { signatureRefusal: true, label: 'voice bad signature', method: 'POST', path: voice, headers: { ...form, 'x-twilio-signature': EMOJI.length.toString() }, body: 'CallSid=CA1' },
      { label: 'sms unknown account', method: 'POST', path: `/v1/AC${'f'.repeat(32)}/${assistant}/twilio-messaging`, headers: form, body: 'Body=hi' },
      { label: 'sms invalid UTF-8', method: 'POST', path: sms, headers: form, body: Buffer.concat([Buffer.from('From=%2B1555&To=%2B1666&Body='), Buffer.from([0xc3, 0x28])]) },
      { label: 'voice GET', method: 'GET', path: voice },
      { label: 'custom no auth', method: 'POST', path: custom, headers: { ...form, authorization: 'Basic Zm9vOmJhcg==' }, body: 'Text=hi&UserId=u' },
      { label: 'custom missing Text', method: 'POST', path: custom, headers: form, body: 'UserId=u' },
      { label: 'custom Text twice', method: 'POST', path: custom, headers: form, body: 'Text=a&Text=b&UserId=u' },
      { label: 'custom bad channel name', method: 'POST', path: channelPath(assistant, `custom/${encodeURIComponent(EMOJI)}`, 'v2'), headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Memory one level too deep', method: 'POST', path: `${custom}?Memory=${encodeURIComponent(deepJson(65))}`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom deep Memory', method: 'POST', path: `${custom}?Memory=${encodeURIComponent(deepJson(600))}`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Memory past the header limit', method: 'POST', path: `${custom}?Memory=${encodeURIComponent(deepJson(5000))}`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Memory not JSON', method: 'POST', path: `${custom}?Memory=%7Bnope`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Memory array', method: 'POST', path: `${custom}?Memory=%5B1%5D&Memory=2`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Memory not UTF-8', method: 'POST', path: `${custom}?Memory=%7B%22a%22%3A%22%FF%22%7D`, headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom invalid UTF-8', method: 'POST', path: custom, headers: form, body: Buffer.concat([Buffer.from('Text='), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('&UserId=u')]) },
      { label: 'custom escapes not UTF-8', method: 'POST', path: custom, headers: form, body: 'Text=hi&UserId=%FF%C0%AF' },
      { label: 'custom huge body', method: 'POST', path: custom, headers: form, body: `Text=${'z'.repeat(100_000)}&UserId=u` },
      { label: 'custom JSON body', method: 'POST', path: custom, headers: { 'content-type': 'application/json' }, body: deepArray(10_000) },
      { label: 'custom unknown assistant', method: 'POST', path: channelPath(`UA${'0'.repeat(32)}`, 'custom/web', 'v2'), headers: form, body: 'Text=hi&UserId=u' },
      { label: 'custom Language', method: 'POST', path: custom, headers: form, body: `Text=hi&UserId=u&Language=${encodeURIComponent(EMOJI)}` },
    ];
    const { failures, statuses } = await check(requests, Date.now());
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    // Emoji are not bad input: an SMS-sized message of them runs its turn.
    const emoji = await send({ label: 'emoji', method: 'POST', path: custom, headers: form, body: new URLSearchParams({ Text: EMOJI.repeat(50), UserId: EMOJI }).toString() });
    expect(emoji.status, emoji.text).toBe(200);
  }, 60_000);
});
