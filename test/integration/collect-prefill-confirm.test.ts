/**
 * Collect flows that went wrong before the thirteenth session (found by probing the Actions runtime over
 * the custom channel): prefill on a later question, and confirm rejections without a count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, customPost } from '../support/channel-client.js';
import { TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

let server: TestServer;
let hooks: WebhookServer;
let n = 0;

async function mkAssistant(name: string, opts: { defaults?: unknown; style?: unknown; tasks: Record<string, Record<string, unknown>>; samples?: Record<string, string[]>; fields?: Record<string, Record<string, string>>; types?: Record<string, string[]> }): Promise<string> {
  const created = await rest(server, 'POST', '/v1/Assistants', {
    UniqueName: name,
    ...(opts.defaults ? { Defaults: JSON.stringify(opts.defaults) } : {}),
    ...(opts.style ? { StyleSheet: JSON.stringify(opts.style) } : {}),
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  for (const [t, values] of Object.entries(opts.types ?? {})) {
    await rest(server, 'POST', `/v1/Assistants/${name}/FieldTypes`, { UniqueName: t });
    for (const v of values) await rest(server, 'POST', `/v1/Assistants/${name}/FieldTypes/${t}/FieldValues`, { Language: 'en-US', Value: v });
  }
  for (const [t, def] of Object.entries(opts.tasks)) {
    const params: Record<string, string> = { UniqueName: t };
    if (def.actions) params.Actions = JSON.stringify(def.actions);
    if (def.url) params.ActionsUrl = String(def.url);
    const r = await rest(server, 'POST', `/v1/Assistants/${name}/Tasks`, params);
    if (r.status !== 201) throw new Error(`task ${t}: ${JSON.stringify(r.body)}`);
  }
  for (const [t, fields] of Object.entries(opts.fields ?? {})) {
    for (const [f, type] of Object.entries(fields)) {
      const r = await rest(server, 'POST', `/v1/Assistants/${name}/Tasks/${t}/Fields`, { UniqueName: f, FieldType: type });
      if (r.status !== 201) throw new Error(`field ${f}: ${JSON.stringify(r.body)}`);
    }
  }
  for (const [t, samples] of Object.entries(opts.samples ?? {})) {
    for (const s of samples) {
      const r = await rest(server, 'POST', `/v1/Assistants/${name}/Tasks/${t}/Samples`, { Language: 'en-US', TaggedText: s });
      if (r.status !== 201) throw new Error(`sample ${s}: ${JSON.stringify(r.body)}`);
    }
  }
  if (opts.samples) {
    await rest(server, 'POST', `/v1/Assistants/${name}/ModelBuilds`, {});
    await server.parley.builds.drain();
  }
  return created.body.sid;
}

function talker(assistant: string, user = `u${++n}`, query = '') {
  return async (text: string) => {
    const r = await customPost(server, channelPath(assistant, 'custom/cli', 'v2') + query, { Text: text, UserId: user });
    if (r.status !== 200) throw new Error(`status ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as any;
  };
}
const says = (b: any): string[] => b.response.says.map((s: any) => s.text);

const BOOK_SAMPLES = ['book a {room} for {nights} nights', 'i want a {room} for {nights} nights', 'reserve a {room}', 'book a room', 'i need a room for {nights} nights', 'can i book a {room} please', 'book me a room', 'i would like to book a room'];
const OTHER = { hello: ['hello', 'hi there', 'good morning', 'hey', 'hi'], hours: ['when are you open', 'opening hours', 'what time do you close', 'are you open today'] };

beforeAll(async () => {
  server = await startTestServer('collect-prefill-confirm');
  hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
  hooks.on('/done', { body: { actions: [{ say: 'done hook' }] } });
  hooks.on('/task', { body: { actions: [{ say: 'task hook' }, { listen: true }] } });
  hooks.on('/valid', { body: { valid: true } });
});
afterAll(async () => {
  await server?.close();
  await hooks?.stop();
});

describe('collect: prefill and confirm', () => {
  it('prefills a question reached on a later turn from the utterance that started the task', async () => {
    await mkAssistant('pf', {
      defaults: { defaults: { fallback: 'task://fb' } },
      types: { 'Custom.ROOM': ['suite', 'double', 'single'] },
      tasks: {
        hours: { actions: { actions: [{ say: 'nine to five' }, { listen: true }] } },
        hello: { actions: { actions: [{ say: 'hi' }, { listen: true }] } },
        fb: { actions: { actions: [{ say: 'fallback' }, { listen: true }] } },
        done: { actions: { actions: [{ say: 'booked' }] } },
        book: { actions: { actions: [{ collect: { name: 'booking', questions: [
          { question: 'Your name?', name: 'guest' },
          { question: 'Which room?', name: 'room', type: 'Custom.ROOM', prefill: 'room' },
        ], on_complete: { redirect: 'task://done' } } }] } },
      },
      fields: { book: { room: 'Custom.ROOM', nights: 'Twilio.NUMBER' } },
      samples: { book: BOOK_SAMPLES, ...OTHER },
    });
    const t = talker('pf');
    expect(says(await t('book a suite for 3 nights'))).toEqual(['Your name?']);
    const b = await t('Bob');
    expect(says(b)).toEqual(['booked']);
  });

  it('sends the flow on after 3 rejected confirmations when confirm.max_attempts names no count, as validation does', async () => {
    await mkAssistant('cf', { tasks: { agent: { actions: { actions: [{ say: 'agent' }] } }, done: { actions: { actions: [{ say: 'done' }] } },
      ask: { actions: { actions: [{ collect: { name: 'c', questions: [{ question: 'City?', name: 'city',
        confirm: { messages: [{ say: 'You said {city}, right?' }], max_attempts: { redirect: 'task://agent' } } }], on_complete: { redirect: 'task://done' } } }] } } } });
    const t = talker('cf', 'cfu', '?TargetTask=ask');
    await t('start');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) { await t('Paris'); seen.push(...says(await t('no'))); }
    expect(seen.slice(0, 3)).toEqual(['City?', 'City?', 'agent']);
  });

});
