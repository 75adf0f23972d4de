import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOGUE_STATE_VERSION, commitTurn, decodeTurnReads, turnReadKeys } from '../../src/domain/dialogues.js';
import type { RecordStore } from '../../src/store/record-store.js';
import { RedisRecordStore } from '../../src/store/redis/redis-record-store.js';
import { TEST_REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import type { TurnRequest } from '../../src/dialogue/turn-types.js';
import { DialogueBusyError, TurnGate } from '../../src/dialogue/turn-gate.js';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';
import { TEST_AUTH_TOKEN, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';

describe('one turn at a time per conversation, across processes', () => {
  let one: TestServer;
  let two: TestServer;
  let hooks: WebhookServer;

  const request = (text: string, extra: Partial<TurnRequest> = {}): TurnRequest => ({
    assistantSid: 'counter', conversationKey: 'hot', channel: 'sms', channelName: 'sms', channelMemoryKey: 'sms',
    channelMemory: {}, userIdentifier: '+15550001111', input: { kind: 'text', text }, targetTask: 'count', ...extra,
  });

  beforeAll(async () => {
    one = await startTestServer('turn-gate');
    two = await startTestServer('turn-gate', { shareWith: one });
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    // Reads the count from Memory and remembers it plus one: a lost or doubled turn shows in the total.
    hooks.on('/count', (call) => {
      const memory = JSON.parse(call.params.Memory ?? '{}') as { count?: number; seen?: string[] };
      return { body: { actions: [{ remember: { count: (memory.count ?? 0) + 1, seen: [...(memory.seen ?? []), call.params.CurrentInput] } }, { listen: true }] }, delayMs: 2 };
    });
    await rest(one, 'POST', '/v1/Assistants', { UniqueName: 'counter' });
    await rest(one, 'POST', '/v1/Assistants/counter/Tasks', { UniqueName: 'count', ActionsUrl: hooks.url('/count') });
  });

  afterAll(async () => {
    await two.close();
    await one.close();
    await hooks.stop();
  });

  it('keeps every turn of a hot dialogue, each once, in arrival order per process', async () => {
    const sent = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const results = await Promise.all(sent.map((text, i) => (i % 2 === 0 ? one : two).parley.runTurn(request(text))));
    const counts = results.map((r) => r.memory.count as number).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const last = results.find((r) => r.memory.count === 40)!;
    const seen = last.memory.seen as string[];
    expect([...seen].sort()).toEqual([...sent].sort());
    // Within one process, messages keep the order they arrived in.
    const fromOne = seen.filter((text) => Number(text.slice(1)) % 2 === 0);
    expect(fromOne).toEqual(sent.filter((_, i) => i % 2 === 0));
  });

  it('answers a retried request with the stored reply instead of running it again', async () => {
    const before = hooks.callsTo('/count').length;
    const [first, retry] = await Promise.all([
      one.parley.runTurn(request('once', { conversationKey: 'retry', idempotencyKey: 'SM1' })),
      two.parley.runTurn(request('once', { conversationKey: 'retry', idempotencyKey: 'SM1' })),
    ]);
    expect(hooks.callsTo('/count').length - before).toBe(1);
    expect(first.memory.count).toBe(1);
    expect(retry.memory.count).toBe(1);
    expect([first.replayed, retry.replayed].filter(Boolean)).toHaveLength(1);
    const later = await one.parley.runTurn(request('again', { conversationKey: 'retry', idempotencyKey: 'SM2' }));
    expect(later.memory.count).toBe(2);
  });
});

describe('turn gate limits', () => {
  it('gives up with a defined error when the conversation stays busy, running nothing', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 60, pollMs: 5 });
    expect(await store.acquireLease('UA1', 'turn:busy', 5_000)).not.toBeNull();
    let ran = false;
    await expect(gate.run('UA1', 'busy', [], async () => { ran = true; throw new Error('must not run'); })).rejects.toBeInstanceOf(DialogueBusyError);
    expect(ran).toBe(false);
  });
});

describe('hand-over between turns of one process', () => {
  const prefix = uniquePrefix('turn-gate-handover');
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });

  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('asks for the next message\'s lease while the commit before it is still on its way, and keeps every turn in order', async () => {
    const events: string[] = [];
    const real = new RedisRecordStore(redis, prefix);
    // The real store, with its calls written down: when a lease is asked for, and when commits go out and come back.
    const store = new Proxy(real, {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (name === 'leaseInTurn') return (...args: unknown[]) => { events.push('ask'); return method.apply(target, args); };
        if (name === 'fencedWrite') {
          return (...args: unknown[]) => {
            events.push('commit sent');
            return method.apply(target, args).then((written) => { events.push('commit done'); return written; });
          };
        }
        return typeof method === 'function' ? method.bind(target) : method;
      },
    });
    const ctx = { store, accountSid: 'AC0', now: () => new Date() };
    const gate = new TurnGate(ctx, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const turn = (text: string) => gate.run('UA1', 'hot', turnReadKeys('hot', undefined), async (lease, values) => {
      const stored = decodeTurnReads(values, 'UA1').active.stored;
      const said = [...((stored?.memory.said as string[] | undefined) ?? []), text];
      await new Promise((resolve) => setTimeout(resolve, 5)); // a turn's work: the later messages' tickets are known by now
      const committed = await commitTurn(ctx, 'UA1', lease, {
        conversation: 'hot', dialogueSid: 'UK1', ttlSeconds: 60,
        dialogue: { version: DIALOGUE_STATE_VERSION, sid: 'UK1', assistantSid: 'UA1', memory: { said }, state: {} },
      });
      expect(committed).toBe(true);
      return said;
    });

    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text) => turn(text)));
    expect(results.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The first message joined the line and got the lease at once; each later one asked exactly once,
    // between the previous commit going out and its answer coming back (one round trip for both).
    expect(events.filter((e) => e === 'ask')).toHaveLength(4);
    const commits = events.filter((e) => e !== 'ask').length / 2;
    expect(commits).toBe(5);
    for (let i = 0, seen = 0; i < events.length; i += 1) {
      if (events[i] !== 'commit sent' || seen++ === 4) continue;
      expect(events.slice(i + 1, i + 3)).toEqual(['ask', 'commit done']);
    }
  });
});
