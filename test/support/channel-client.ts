import { expect } from 'vitest';
import twilio from 'twilio';
import { parseXmlFragment, textOf, type XmlNode } from '../../src/channels/xml-fragment.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, authHeader, rest, type TestServer } from './test-server.js';

export type Element = Extract<XmlNode, { kind: 'element' }>;

/** A TwiML document as a tree, rooted at `<Response>`; throws when it is not well-formed. */
export function parseTwiml(xml: string): Element {
  const nodes = parseXmlFragment(xml);
  const root = nodes?.find((n): n is Element => n.kind === 'element');
  if (root === undefined || root.name !== 'Response') throw new Error(`not TwiML: ${xml}`);
  return root;
}

/** Child elements, optionally only those with a name. */
export function childElements(element: Element, name?: string): Element[] {
  return element.children.filter((n): n is Element => n.kind === 'element' && (name === undefined || n.name === name));
}

/** The verbs of a response (or nouns of a verb), by name, in order. */
export const verbs = (element: Element): string[] => childElements(element).map((e) => e.name);

/** The one child with that name; throws when there is none. */
export function only(element: Element, name: string): Element {
  const found = childElements(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${element.name}>, found ${found.length}`);
  return found[0]!;
}

export const text = (element: Element): string => textOf(element.children);

/** The channel path of an assistant on the test account. */
export const channelPath = (assistant: string, tail: string, version = 'v1'): string => `/${version}/${TEST_ACCOUNT_SID}/${assistant}/${tail}`;

/**
 * POST a form to a Twilio-facing channel URL as Twilio would: `X-Twilio-Signature` computed by
 * the twilio package over PUBLIC_BASE_URL + path + query and the form. `signature` overrides it.
 */
export async function twilioPost(
  server: TestServer, path: string, form: Record<string, string>, options: { signature?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; contentType: string }> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${server.config.publicBaseUrl}${path}`, form);
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...options.headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** POST a form to a custom channel URL with the test account's Basic auth (or the given header). */
export async function customPost(
  server: TestServer, path: string, form: Record<string, string>, authorization = authHeader(),
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams(form).toString(),
  });
  const body = await response.text();
  return { status: response.status, body: body === '' ? null : JSON.parse(body) };
}

/** Every key under the server's prefix: "nothing stored" means this does not change. */
export async function storedKeys(server: TestServer): Promise<string[]> {
  const keys = await server.redis!.keys(`${server.prefix}*`);
  return keys.sort();
}

const SAMPLES: Record<string, string[]> = {
  order_pizza: ['i want to order a pizza', 'can i get a pizza', 'order a pizza please', 'i would like a pizza', 'pizza delivery', 'get me a pizza'],
  opening_hours: ['when are you open', 'what are your opening hours', 'are you open today', 'what time do you close', 'opening times'],
  menu: ['what is on the menu', 'show me the menu', 'menu please', 'what do you serve', 'the menu'],
  agent: ['talk to a person', 'i want a human', 'connect me to an agent', 'speak to someone', 'operator please'],
};

/** The SID of the channels' test assistant `pizza`, built over the server (tasks, samples, a model). */
export async function createPizzaBot(server: TestServer, hooks: { orderDoneUrl: string; whoamiUrl: string }): Promise<string> {
  const created = await rest(server, 'POST', '/v1/Assistants', {
    UniqueName: 'pizza',
    Defaults: JSON.stringify({ defaults: { assistant_initiation: 'task://greeting', fallback: 'task://fallback' } }),
    StyleSheet: JSON.stringify({ style_sheet: { voice: { say_voice: 'Polly.Joanna' } } }),
  });
  if (created.status !== 201) throw new Error(`assistant: ${JSON.stringify(created.body)}`);
  const collect = {
    name: 'order',
    questions: [
      {
        question: 'What size would you like?', name: 'size',
        validate: { allowed_values: { list: ['small', 'medium', 'large'] }, on_failure: { messages: [{ say: 'We have small, medium or large.' }], repeat_question: true } },
      },
      { question: 'Send us a photo of your door so the driver finds it.', name: 'door_photo' },
    ],
    on_complete: { redirect: 'task://order_done' },
  };
  const tasks: Record<string, Record<string, string>> = {
    greeting: { Actions: JSON.stringify({ actions: [{ say: 'Welcome to Parley Pizza. <break time="300ms"/> How can I help?' }, { listen: true }] }) },
    fallback: { Actions: JSON.stringify({ actions: [{ say: 'Sorry, I did not get that.' }, { listen: true }] }) },
    order_pizza: { Actions: JSON.stringify({ actions: [{ say: "Let's get your pizza." }, { collect }] }) },
    order_done: { ActionsUrl: hooks.orderDoneUrl },
    whoami: { ActionsUrl: hooks.whoamiUrl },
    opening_hours: { Actions: JSON.stringify({ actions: [{ say: 'We are open from 11am to 11pm every day.' }, { listen: true }] }) },
    menu: {
      Actions: JSON.stringify({ actions: [
        { say: 'Press 1 for opening hours or 2 to talk to a person.' },
        { listen: { voice_digits: { num_digits: 1, redirects: { 1: 'task://opening_hours', 2: 'task://agent' } } } },
      ] }),
    },
    agent: {
      Actions: JSON.stringify({ actions: [
        { say: 'Connecting you to a person.' },
        { handoff: { channel: 'voice', uri: 'taskrouter://WW0123456789abcdef0123456789abcdef', priority: '5', timeout: '200' } },
      ] }),
    },
  };
  for (const [name, params] of Object.entries(tasks)) {
    const task = await rest(server, 'POST', '/v1/Assistants/pizza/Tasks', { UniqueName: name, ...params });
    if (task.status !== 201) throw new Error(`task ${name}: ${JSON.stringify(task.body)}`);
  }
  for (const [task, samples] of Object.entries(SAMPLES)) {
    for (const sample of samples) await rest(server, 'POST', `/v1/Assistants/pizza/Tasks/${task}/Samples`, { Language: 'en-US', TaggedText: sample });
  }
  await rest(server, 'POST', '/v1/Assistants/pizza/ModelBuilds', {});
  await server.parley.builds.drain();
  return created.body.sid as string;
}

/** Matches the URL a voice reply's Gather posts back to: `gatherUrl` plus the reply's step (src/channels/voice/voice-webhook.ts). */
export function withStep(gatherUrl: string): unknown {
  const escaped = gatherUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expect.stringMatching(new RegExp(`^${escaped}&Step=[0-9a-f]{12}$`));
}
