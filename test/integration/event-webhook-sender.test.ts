import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteActionsClient } from '../../src/actions/remote/remote-actions-client.js';
import { EventWebhookSender, type EventDialogue } from '../../src/dialogue-events/event-webhook-sender.js';
import type { WebhookRecord } from '../../src/domain/records.js';

let endpoint: HeldEndpoint;
let remote: RemoteActionsClient;
const webhook = (sid: string, events: string): WebhookRecord => ({
  sid, assistantSid: 'UA1', uniqueName: sid, events, webhookUrl: `${endpoint.baseUrl}/${sid}`, webhookMethod: 'POST', dateCreated: '', dateUpdated: '',
});
const dialogue = (n: number): EventDialogue => ({
  assistantSid: 'UA1', dialogueSid: `UK${n}`, userIdentifier: `+1555000${n}`, channel: 'sms', currentInput: 'hi', memory: {}, confidence: null, nextBestTask: null, fields: [],
});
const turn = [{ event: 'onDialogueTurn' as const, task: 'greeting', params: {} }];

/** A customer's event endpoint on 127.0.0.1 that answers only when told to, recording what it was sent. */
class HeldEndpoint {
  readonly calls: Array<{ path: string; params: Record<string, string> }> = [];
  private readonly waiting: ServerResponse[] = [];
  private readonly server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      this.calls.push({ path: req.url ?? '', params: Object.fromEntries(new URLSearchParams(body)) });
      this.waiting.push(res);
    });
  });
  baseUrl = '';
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  answerAll(): void {
    for (const res of this.waiting.splice(0)) res.writeHead(204).end();
  }
  async stop(): Promise<void> {
    this.answerAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Until the endpoint has `count` calls (deliveries are sent behind the caller's back). */
async function arrived(count: number): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (endpoint.calls.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50)); // and no more come
}

describe('EventWebhookSender', () => {
  beforeAll(async () => {
    remote = new RemoteActionsClient({ authToken: 'test-token', timeoutMs: 5_000, maxResponseBytes: 1024 });
  });
  beforeEach(async () => {
    await endpoint?.stop();
    endpoint = await new HeldEndpoint().start();
  });
  afterAll(async () => {
    await endpoint.stop();
    await remote.close();
  });

  it('keeps one dialogue\'s events to one webhook in order, one at a time, and serves dialogues side by side', async () => {
    const sender = new EventWebhookSender(remote, pino({ level: 'silent' }), { accountSid: 'AC1', publicBaseUrl: 'http://localhost' });
    const hooks = [webhook('UM1', 'onDialogueTurn')];
    for (const n of [1, 1, 2]) sender.send(async () => hooks, dialogue(n), turn);
    await arrived(2);
    // The second turn of UK1 waits for the first's delivery; UK2 does not wait for UK1.
    expect(endpoint.calls.map((c) => c.params.DialogueSid).sort()).toEqual(['UK1', 'UK2']);
    endpoint.answerAll();
    await arrived(3);
    expect(endpoint.calls.map((c) => c.params.DialogueSid)[2]).toBe('UK1');
    endpoint.answerAll();
    await sender.drain(1_000);
    expect(sender.pending).toBe(0);
  });

  it('drops deliveries past its bound, counts each, and logs the backlog once per interval', async () => {
    const lines: Array<{ msg: string; dropped?: number }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    let dropped = 0;
    const sender = new EventWebhookSender(remote, logger, { accountSid: 'AC1', publicBaseUrl: 'http://localhost', maxPending: 3, metrics: { eventsDropped: () => { dropped += 1; } } });
    const hooks = [webhook('UM1', 'ondialogueturn')];
    for (let n = 0; n < 10; n += 1) sender.send(async () => hooks, dialogue(n), turn);
    await arrived(3);
    expect(sender.pending).toBe(3);
    expect(dropped).toBe(7);
    expect(lines.filter((l) => l.msg.includes('backed up'))).toHaveLength(1);
    endpoint.answerAll();
    await sender.drain(1_000);
    expect(endpoint.calls).toHaveLength(3);
  });

  it('sends nothing to a webhook that did not subscribe, and survives a failed lookup', async () => {
    const sender = new EventWebhookSender(remote, pino({ level: 'silent' }), { accountSid: 'AC1', publicBaseUrl: 'http://localhost' });
    sender.send(async () => [webhook('UM1', 'onDialogueEnd')], dialogue(1), turn);
    sender.send(async () => { throw new Error('store away'); }, dialogue(1), turn);
    sender.send(async () => [webhook('UM2', 'onDialogueTurn')], dialogue(1), turn);
    await arrived(1);
    expect(endpoint.calls.map((c) => [c.path, c.params.EventType])).toEqual([['/UM2', 'onDialogueTurn']]);
  });
});
