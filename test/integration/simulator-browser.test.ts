import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssistant } from '../../src/import-export/import-assistant.js';
import { createPizzaBot } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
/** The project's folder of test artefacts (git-ignored), where the test leaves its pictures of the page to look at after a run. */
export const ARTIFACTS = resolve(process.cwd(), 'test-artifacts');
export const SCREENSHOT = resolve(ARTIFACTS, 'parley-simulator.png');

/** Says what a naive tag-stripper gets wrong, then redirects: `first` is classified, `second` runs last. */
const MARKUP_BOT = { uniqueName: 'markup', tasks: [
  { uniqueName: 'first', samples: [{ language: 'en-US', taggedText: 'markup please' }], actions: { actions: [
    { say: 'Is 3 < 5 and 7 > 2?' }, { say: 'Fish &amp; chips <break time="1s"/> now' }, { redirect: 'task://second' },
  ] } },
  { uniqueName: 'second', samples: [{ language: 'en-US', taggedText: 'something else entirely' }], actions: { actions: [{ say: 'Second.' }, { listen: true }] } },
] };

/** Asked to wait, waits on a webhook that answers in 3 s, long enough for the page to move on meanwhile; `initiation` is the call's first task. */
const slowBot = (uniqueName: string, slowUrl: string, initiation: 'hello' | 'slow') => ({ uniqueName, defaults: { defaults: { assistant_initiation: `task://${initiation}` } }, tasks: [
  { uniqueName: 'hello', samples: [{ language: 'en-US', taggedText: 'hello there' }, { language: 'en-US', taggedText: 'hi' }], actions: { actions: [{ say: 'Hello from slowpoke.' }, { listen: true }] } },
  { uniqueName: 'slow', samples: [{ language: 'en-US', taggedText: 'take your time' }, { language: 'en-US', taggedText: 'no hurry' }], actions: { actions: [{ redirect: slowUrl }] } },
] });
const SLOW_REPLY = 'Sorry to keep you.';

if (!HAS_CHROMIUM) console.warn(`simulator-browser.test.ts: skipped, ${CHROMIUM} is not installed (apt-get install chromium to run it)`);

describe('simulator page in a real browser', () => {
  let server: TestServer;
  let hooks: WebhookServer;
  let browser: Browser | undefined;
  let slowSid = '';
  let slowStartSid = '';

  /** The page signed in with `assistant` picked, and every page error, failed request and console error it meets. */
  async function openSimulator(assistant: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
    const context = await browser!.newContext({ httpCredentials: { username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN }, ...(viewport ? { viewport } : {}) });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });
    page.on('response', (response) => { if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`); });
    await page.goto(`${server.baseUrl}/simulator`);
    await page.locator(`#assistant option[value="${assistant}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#assistant', assistant);
    return { context, page, pageErrors };
  }

  /** Sends a message that waits on the slow webhook and returns once that webhook has been called (the turn is running). */
  async function sendSlowTurn(page: Page): Promise<void> {
    const before = hooks.callsTo('/slow').length;
    await page.fill('#text', 'take your time');
    await page.click('#send');
    await expect.poll(() => hooks.callsTo('/slow').length).toBe(before + 1);
  }

  beforeAll(async () => {
    if (!HAS_CHROMIUM) return;
    server = await startTestServer('simulator-browser');
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    hooks.on('/order-done', { body: { actions: [{ say: 'Thanks! Your pizza is on its way.' }] } });
    hooks.on('/whoami', { body: { actions: [{ say: 'Noted.' }, { listen: true }] } });
    hooks.on('/slow', { body: { actions: [{ say: SLOW_REPLY }, { listen: true }] }, delayMs: 3000 });
    await createPizzaBot(server, { orderDoneUrl: hooks.url('/order-done'), whoamiUrl: hooks.url('/whoami') });
    const { assistant: slow } = await importAssistant(server.parley.ctx, slowBot('slowpoke', hooks.url('/slow'), 'hello'), { builds: server.parley.builds });
    const { assistant: slowStart } = await importAssistant(server.parley.ctx, slowBot('slowstart', hooks.url('/slow'), 'slow'), { builds: server.parley.builds });
    await server.parley.builds.drain();
    slowSid = slow!.sid;
    slowStartSid = slowStart!.sid;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await hooks?.stop();
  });

  it.skipIf(!HAS_CHROMIUM)(`chats as an SMS user and as a caller, showing the trace and TwiML (needs ${CHROMIUM})`, async () => {
    const pizza = (await rest(server, 'GET', '/v1/Assistants/pizza')).body.sid as string;
    const { context, page, pageErrors } = await openSimulator(pizza, { width: 1360, height: 900 });

    await page.fill('#text', 'I want to order a pizza');
    await page.click('#send');
    const reply = page.locator('.bubble.bot').last();
    await expect.poll(() => reply.textContent()).toBe("Let's get your pizza.\nWhat size would you like?");
    await expect.poll(() => page.textContent('#task')).toBe('order_pizza');
    expect(await page.textContent('#twiml')).toContain('<Message>');
    expect(await page.textContent('#twiml')).toContain('What size would you like?');
    expect(await page.locator('#actions li').allTextContents()).toEqual(['say', 'collect']);
    expect(await page.textContent('#memory')).toContain('"twilio"');

    await page.fill('#text', 'large');
    await page.click('#send');
    await expect.poll(() => page.locator('.bubble.bot').count()).toBe(2);
    await expect.poll(() => page.textContent('#turn-number')).toBe('2 of 2');
    await page.fill('#text', 'https://example.com/door.jpg');
    await page.click('#send');
    await expect.poll(() => page.locator('#webhooks tbody tr').count()).toBe(1);
    expect(await page.locator('#webhooks tbody td').allTextContents()).toEqual(expect.arrayContaining(['POST', hooks.url('/order-done'), '200', 'ok']));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`simulator-browser: screenshot saved to ${SCREENSHOT}`);

    // Clicking an earlier reply shows that turn again.
    await page.locator('.bubble.bot').first().click();
    await expect.poll(() => page.textContent('#turn-number')).toBe('1 of 3');

    // As a caller: start the call, press 1 on the menu.
    expect(await page.isVisible('#voice-controls')).toBe(false);
    await page.check('input[name="channel"][value="voice"]');
    await page.locator('#voice-controls').waitFor({ state: 'visible' });
    await page.click('#call-start');
    await expect.poll(() => page.textContent('#task')).toBe('greeting');
    expect(await page.textContent('#twiml')).toContain('<Gather');
    await page.fill('#text', 'show me the menu');
    await page.click('#send');
    await expect.poll(() => page.textContent('#task')).toBe('menu');
    await page.click('#keypad button:text-is("1")');
    expect(await page.inputValue('#digits')).toBe('1');
    await page.click('#press');
    await expect.poll(() => page.textContent('#task')).toBe('opening_hours');
    await page.click('#hang-up');
    await expect.poll(() => page.textContent('#call-state')).toBe('no call');
    const voiceShot = SCREENSHOT.replace(/\.png$/, '-voice.png');
    await page.screenshot({ path: voiceShot, fullPage: true });
    console.log(`simulator-browser: screenshot saved to ${voiceShot}`);

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it.skipIf(!HAS_CHROMIUM)('shows in the transcript the words the SMS user receives, and in Task the task that ran last', async () => {
    const { assistant } = await importAssistant(server.parley.ctx, MARKUP_BOT, { builds: server.parley.builds });
    await server.parley.builds.drain();
    const context = await browser!.newContext({ httpCredentials: { username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/simulator`);
    await page.locator(`#assistant option[value="${assistant!.sid}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#assistant', assistant!.sid);
    await page.fill('#text', 'markup please');
    await page.click('#send');
    await expect.poll(() => page.locator('.bubble.bot').last().textContent()).toBe('Is 3 < 5 and 7 > 2?\nFish & chips now\nSecond.');
    // The same words as the Messaging TwiML's body (the SMS user's message).
    const body = /<Body>([\s\S]*)<\/Body>/.exec(await page.textContent('#twiml') ?? '')?.[1];
    expect(body?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe('Is 3 < 5 and 7 > 2?\nFish & chips now\nSecond.');
    expect(await page.textContent('#task')).toBe('second');
    await context.close();
  });

  it.skipIf(!HAS_CHROMIUM)('lets no other site change an assistant through a browser that signed in to the simulator', async () => {
    const context = await browser!.newContext({ httpCredentials: { username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/simulator`);
    // Another site (another port is another origin) whose page posts a form to the REST API as soon as it loads.
    const target = `${server.baseUrl}/v1/Assistants/pizza`;
    const attacker = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<form method="POST" action="${target}"><input name="FriendlyName" value="PWNED"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
    try {
      const answered = page.waitForResponse((response) => response.url() === target && response.request().method() === 'POST');
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const response = await answered;
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ code: 20403, status: 403 });
      expect((await rest(server, 'GET', '/v1/Assistants/pizza')).body.friendly_name).not.toBe('PWNED');
    } finally {
      await context.close();
      attacker.closeAllConnections();
      await new Promise<void>((resolve) => attacker.close(() => resolve()));
    }
  });

  it.skipIf(!HAS_CHROMIUM)('hangs up the call with its own assistant when the assistant changes mid-turn, and drops the late reply', async () => {
    const { context, page, pageErrors } = await openSimulator(slowSid);
    await page.check('input[name="channel"][value="voice"]');
    await page.click('#call-start');
    await expect.poll(() => page.textContent('#task')).toBe('hello');
    const oldDialogue = await page.textContent('#dialogue');
    const oldConversation = (await page.textContent('#conversation'))?.replace('conversation ', '');
    await sendSlowTurn(page);

    const hangup = page.waitForRequest((request) => request.url().endsWith('/simulator/api/hangup'));
    await page.selectOption('#assistant', { label: 'pizza' });
    expect((await hangup).postDataJSON()).toEqual({ assistant: slowSid, conversation: oldConversation });
    // The end waits behind the running turn, then finds its dialogue.
    expect(await (await (await hangup).response())?.json()).toMatchObject({ ended: true });
    expect((await rest(server, 'GET', `/v1/Assistants/${slowSid}/Dialogues/${oldDialogue}`)).status).toBe(404);

    // The late reply has come by now; the new call starts with its greeting, and the old reply is nowhere.
    await page.fill('#text', 'show me the menu');
    await page.click('#send');
    await expect.poll(() => page.textContent('#task')).toBe('menu');
    const replies = await page.locator('.bubble.bot').allTextContents();
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Welcome to Parley Pizza/);
    expect(await page.textContent('#turn-number')).toBe('2 of 2');
    expect(await page.textContent('#transcript')).not.toContain(SLOW_REPLY);
    expect(await page.textContent('#call-state')).toBe('call in progress');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it.skipIf(!HAS_CHROMIUM)('hangs up a call whose start answers after the assistant changed, and does not show it', async () => {
    const { context, page, pageErrors } = await openSimulator(slowStartSid);
    await page.check('input[name="channel"][value="voice"]');
    const oldConversation = (await page.textContent('#conversation'))?.replace('conversation ', '');
    const before = hooks.callsTo('/slow').length;
    await page.click('#call-start');
    await expect.poll(() => hooks.callsTo('/slow').length).toBe(before + 1);
    const hangup = page.waitForRequest((request) => request.url().endsWith('/simulator/api/hangup'), { timeout: 10_000 });
    await page.selectOption('#assistant', { label: 'pizza' });
    expect((await hangup).postDataJSON()).toEqual({ assistant: slowStartSid, conversation: oldConversation });
    expect(await (await (await hangup).response())?.json()).toMatchObject({ ended: true });
    expect(await page.locator('.bubble.bot').count()).toBe(0);
    expect(await page.textContent('#call-state')).toBe('no call');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it.skipIf(!HAS_CHROMIUM)('restarting drops the reply of an SMS turn still running', async () => {
    const { context, page, pageErrors } = await openSimulator(slowSid);
    await sendSlowTurn(page);
    const lateReply = page.waitForResponse((response) => response.url().endsWith('/simulator/api/turn'));
    await page.click('#restart');
    await lateReply;
    await page.fill('#text', 'hello there');
    await page.click('#send');
    await expect.poll(() => page.locator('.bubble.bot').allTextContents()).toEqual(['Hello from slowpoke.']);
    expect(await page.textContent('#turn-number')).toBe('1 of 1');
    expect(await page.textContent('#transcript')).not.toContain(SLOW_REPLY);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it.skipIf(!HAS_CHROMIUM)('restarting clears the turn panel of the forgotten conversation', async () => {
    const pizza = (await rest(server, 'GET', '/v1/Assistants/pizza')).body.sid as string;
    const { context, page } = await openSimulator(pizza);
    await page.fill('#text', 'I want to order a pizza');
    await page.click('#send');
    await expect.poll(() => page.textContent('#turn-number')).toBe('1 of 1');
    expect(await page.textContent('#memory')).not.toBe('');
    await page.click('#restart');
    await expect.poll(() => page.textContent('#turn-number')).toBe('–');
    for (const id of ['task', 'confidence', 'next', 'dialogue']) expect(await page.textContent(`#${id}`), id).toBe('–');
    for (const id of ['twiml', 'memory', 'twiml-channel']) expect(await page.textContent(`#${id}`), id).toBe('');
    expect(await page.locator('#actions li, #fields tbody tr, #webhooks tbody tr, #problems li').count()).toBe(0);
    await context.close();
  });
});
