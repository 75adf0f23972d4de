import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOGUE_STATE_VERSION, decodeTurnReads, turnReadKeys, turnWrites } from '../../src/domain/dialogues.js';
import { StoreUnavailableError, type LineGroup, type RecordStore } from '../../src/store/record-store.js';
import { RedisRecordStore } from '../../src/store/redis/redis-record-store.js';
import { TEST_REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import type { TurnRequest } from '../../src/dialogue/turn-types.js';
import { DialogueBusyError, LeaseLostError, TurnGate, type TurnWork } from '../../src/dialogue/turn-gate.js';
import { TICKET_HEARTBEAT_MS } from '../../src/dialogue/ticket-heartbeat.js';
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

  it('runs each message of a burst to one process once, replaying duplicates that queued in the same group', async () => {
    const before = hooks.callsTo('/count').length;
    const sids = Array.from({ length: 8 }, (_, i) => `SMburst${i}`);
    // Every message twice, the copy right behind its original: most of them queue in one group.
    const sent = sids.flatMap((sid) => [sid, sid]);
    const results = await Promise.all(sent.map((sid) => one.parley.runTurn(request(sid, { conversationKey: 'burst', idempotencyKey: sid }))));
    expect(hooks.callsTo('/count').length - before).toBe(sids.length);
    for (let i = 0; i < sent.length; i += 2) {
      expect(results[i]!.replayed).toBeFalsy();
      expect(results[i + 1]!.replayed).toBe(true);
      expect(results[i + 1]!.outputs).toEqual(results[i]!.outputs);
    }
    const counts = results.filter((r) => r.replayed !== true).map((r) => r.memory.count);
    expect(counts).toEqual(sids.map((_, i) => i + 1));
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

describe('group commit of the turns queued in one process', () => {
  const prefix = uniquePrefix('turn-gate-group');
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });

  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  /** The real store, with its calls written down: when a lease is asked for, and when commits go out and come back. */
  function recorded(real: RecordStore, events: string[]): RecordStore {
    return new Proxy(real, {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (name === 'leaseInTurn') return (...args: unknown[]) => { events.push(`ask+${(args[5] as LineGroup | undefined)?.max ?? 0}`); return method.apply(target, args); };
        if (name === 'fencedWrite') {
          return (...args: unknown[]) => {
            events.push(`commit of ${(args[2] as unknown[]).length} sent`);
            return method.apply(target, args).then((written) => { events.push('commit done'); return written; });
          };
        }
        return typeof method === 'function' ? method.bind(target) : method;
      },
    });
  }

  /** A turn of a test dialogue: appends its text to what the turns before it said, and saves that. */
  const saying = (text: string, pauseMs = 5, conversation = 'hot'): TurnWork<string[]> => async (values) => {
    const stored = decodeTurnReads(values, 'UA1').active.stored;
    const said = [...((stored?.memory.said as string[] | undefined) ?? []), text];
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return {
      value: said,
      writes: turnWrites({
        conversation, dialogueSid: 'UK1', ttlSeconds: 60,
        dialogue: { version: DIALOGUE_STATE_VERSION, sid: 'UK1', assistantSid: 'UA1', memory: { said }, state: {} },
      }),
    };
  };

  it('runs the messages that queued behind a turn as one group: one grant, asked for as the turn before gives the lease back', async () => {
    const events: string[] = [];
    const store = recorded(new RedisRecordStore(redis, prefix), events);
    // No write window: each turn of the group sends its own write as it waits (counted below).
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5, writeWindowMs: 0 });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text) => gate.run('UA1', 'hot', turnReadKeys('hot', undefined), saying(text))));
    // Each turn ran on what the one before it saved, in arrival order.
    expect(results).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e']]);
    // 'a' joined and ran alone; the four behind it were served by one grant, asked for between a's
    // commit going out and its answer; each of them saved its own writes.
    expect(events.slice(0, 3)).toEqual(['commit of 2 sent', 'ask+3', 'commit done']);
    expect(events.filter((e) => e.startsWith('ask'))).toHaveLength(1);
    expect(events.filter((e) => e.startsWith('commit of 2 sent'))).toHaveLength(5);
    const saved = decodeTurnReads([await store.getValue('UA1', turnReadKeys('hot', undefined)[0]!)], 'UA1').active.stored;
    expect(saved?.memory.said).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('serves in the group a message whose ticket is still on its way when the grant is asked for', async () => {
    const events: string[] = [];
    const real = new RedisRecordStore(redis, prefix);
    const reads = turnReadKeys('inflight', undefined);
    let gate!: TurnGate;
    let arrivals: Promise<string[]>[] = [];
    // c arrives just as a's commit goes out: its ticket is asked for before the grant for b is.
    const store = new Proxy(recorded(real, events), {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (name !== 'fencedWrite') return typeof method === 'function' ? method.bind(target) : method;
        return (...args: unknown[]) => {
          const written = method.apply(target, args);
          if (arrivals.length === 2) arrivals = [...arrivals, gate.run('UA1', 'inflight', reads, saying('c', 0, 'inflight'))];
          return written;
        };
      },
    });
    gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    arrivals = [gate.run('UA1', 'inflight', reads, saying('a', 10, 'inflight'))];
    await new Promise((resolve) => setTimeout(resolve, 2));
    arrivals = [...arrivals, gate.run('UA1', 'inflight', reads, saying('b', 0, 'inflight'))];
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(arrivals).toHaveLength(3);
    expect(await Promise.all(arrivals)).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c']]);
    // One grant served b and c (c's ticket unknown here when it was asked for); b and c ran straight through.
    expect(events.filter((e) => e.startsWith('ask'))).toEqual(['ask+1']);
    expect(events.filter((e) => e.startsWith('commit of'))).toEqual(['commit of 2 sent', 'commit of 2 sent']);
  });

  it('sends the writes of turns that run straight through as one write', async () => {
    const events: string[] = [];
    const store = recorded(new RedisRecordStore(redis, prefix), events);
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('straight', undefined);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text, i) => gate.run('UA1', 'straight', reads, saying(text, i === 0 ? 10 : 0, 'straight'))));
    expect(results.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // a's write, then one write for b..e (their merged writes: two keys) that gives the lease back.
    expect(events.filter((e) => e.startsWith('commit of'))).toEqual(['commit of 2 sent', 'commit of 2 sent']);
  });

  it('sends the writes of turns that each wait on I/O within the write window as one write', async () => {
    const commitsWith = async (writeWindowMs: number, conversation: string): Promise<string[]> => {
      const events: string[] = [];
      const store = recorded(new RedisRecordStore(redis, prefix), events);
      const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5, writeWindowMs });
      const reads = turnReadKeys(conversation, undefined);
      // a runs alone; b..e form a group, each turn waiting 3 ms on a timer as a webhook call would.
      const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text, i) => gate.run('UA1', conversation, reads, saying(text, i === 0 ? 10 : 3, conversation))));
      expect(results.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
      return events.filter((e) => e.startsWith('commit of'));
    };
    // Within a 500 ms window: a's write, then b..e's merged writes in one that gives the lease back.
    expect(await commitsWith(500, 'windowed')).toEqual(['commit of 2 sent', 'commit of 2 sent']);
    // Without a window each of b..e is sent as the process waits for the next one's timer.
    expect(await commitsWith(0, 'unwindowed')).toHaveLength(5);
  });

  it('holds at most maxGroup messages in one group', async () => {
    const events: string[] = [];
    const store = recorded(new MemoryRecordStore(), events);
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5, maxGroup: 2 });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text) => gate.run('UA1', 'capped', turnReadKeys('capped', undefined), saying(text, 5, 'capped'))));
    expect(results.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // a alone, then b + c, then d + e.
    expect(events.filter((e) => e.startsWith('ask'))).toEqual(['ask+1', 'ask+1']);
  });

  it('stops a group at a message of another process that is ahead in line, and keeps the line\'s order', async () => {
    const events: string[] = [];
    const real = new RedisRecordStore(redis, prefix);
    const store = recorded(real, events);
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('mixed', undefined);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const first = gate.run('UA1', 'mixed', reads, async (values) => { await held; return saying('a', 0, 'mixed')(values); });
    const second = gate.run('UA1', 'mixed', reads, saying('b', 0, 'mixed'));
    await new Promise((resolve) => setTimeout(resolve, 20)); // b's ticket is taken
    // Another process's message arrives between b and c: it must run before c. Its holder never
    // comes to look (it died), so its ticket lapses and then c goes on.
    const theirs = await real.takeTicket('UA1', 'turn:mixed', 300);
    const third = gate.run('UA1', 'mixed', reads, saying('c', 0, 'mixed'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await first).toEqual(['a']);
    expect(await second).toEqual(['a', 'b']);
    const started = Date.now();
    expect(await third).toEqual(['a', 'b', 'c']);
    expect(Date.now() - started).toBeGreaterThan(150); // c waited for the other ticket to lapse
    expect(theirs).toBeGreaterThan(0);
    // b's grant asked for c too but served b alone: c needed a grant of its own.
    const asks = events.filter((e) => e.startsWith('ask'));
    expect(asks[0]).toBe('ask+1');
    expect(asks.length).toBeGreaterThan(1);
    expect(asks.slice(1).every((ask) => ask === 'ask+0')).toBe(true);
  });

  it('keeps the turns of a group that succeeded when one of them fails; the failed one changes nothing', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('oops', undefined);
    const run = (work: TurnWork<string[]>) => gate.run('UA1', 'oops', reads, work);
    const outcomes = await Promise.allSettled([
      run(saying('a', 10, 'oops')), run(saying('b', 0, 'oops')), run(async () => { throw new Error('a bug in one turn'); }), run(saying('d', 0, 'oops')),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      ['a'], ['a', 'b'], 'a bug in one turn', ['a', 'b', 'd'],
    ]);
  });

  it('answers a turn of a group once its write window has passed, not after the slow turns behind it', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('quick', undefined);
    const events: string[] = [];
    const run = (text: string, pauseMs: number) => gate.run('UA1', 'quick', reads, async (values) => {
      const outcome = await saying(text, pauseMs, 'quick')(values);
      events.push(`${text} ran`);
      return outcome;
    }).then((said) => { events.push(`${text} answered`); return said; });
    const results = await Promise.all([run('a', 10), run('b', 0), run('c', 200)]);
    expect(results).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c']]);
    // b ran in one group with c but was answered while c was still running (the default window is 20 ms).
    expect(events).toEqual(['a ran', 'a answered', 'b ran', 'b answered', 'c ran', 'c answered']);
    const saved = decodeTurnReads([await store.getValue('UA1', reads[0]!)], 'UA1').active.stored;
    expect(saved?.memory.said).toEqual(['a', 'b', 'c']);
  });

  it('keeps the lease of a group that runs longer than one lease, renewing it with each turn\'s writes', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 100, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('long', undefined);
    const texts = ['a', 'b', 'c', 'd', 'e'];
    // a runs alone; b..e (60 ms each, 240 ms in all) run as one group under one grant of a 100 ms lease.
    const results = await Promise.all(texts.map((text, i) => gate.run('UA1', 'long', reads, saying(text, i === 0 ? 10 : 60, 'long'))));
    expect(results.at(-1)).toEqual(texts);
  });

  it('renews the lease of a turn that outlasts it, so another process waits for that turn rather than taking over', async () => {
    const store = new MemoryRecordStore();
    const options = { leaseTtlMs: 90, maxWaitMs: 5_000, pollMs: 5 };
    const one = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, options);
    const two = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, options);
    const reads = turnReadKeys('slow', undefined);
    // a waits 400 ms on its "webhook": over four lives of its lease, with no write in between to renew it.
    const a = one.run('UA1', 'slow', reads, saying('a', 400, 'slow'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const b = two.run('UA1', 'slow', reads, saying('b', 0, 'slow'));
    expect(await Promise.all([a, b])).toEqual([['a'], ['a', 'b']]);
  });

  it('lets a turn keep its lease no longer than maxHoldMs, however it renews', async () => {
    const store = new MemoryRecordStore();
    const one = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 60, maxHoldMs: 150, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('stuck', undefined);
    const stuck = one.run('UA1', 'stuck', reads, saying('a', 600, 'stuck'));
    stuck.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const two = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 60, maxWaitMs: 5_000, pollMs: 5 });
    const started = Date.now();
    expect(await two.run('UA1', 'stuck', reads, saying('b', 0, 'stuck'))).toEqual(['b']);
    // Taken over once the stuck turn's 150 ms were up (not after its 600 ms), and the stuck turn saves nothing.
    expect(Date.now() - started).toBeLessThan(400);
    await expect(stuck).rejects.toThrow(LeaseLostError);
  });

  it('gives back the lease and the ticket it could not give back while the store was away, once it is back', async () => {
    const real = new RedisRecordStore(redis, `${prefix}away:`);
    let away = false;
    // The real store, except that while "away" every call fails as a dead Redis connection does.
    const store = new Proxy(real, {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (typeof method !== 'function') return method;
        return (...args: unknown[]) => (away ? Promise.reject(new StoreUnavailableError('Redis unavailable')) : method.apply(target, args));
      },
    });
    const options = { leaseTtlMs: 30_000, maxWaitMs: 3_000, pollMs: 5 };
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, options);
    const reads = turnReadKeys('away', undefined);
    // a holds the lease and b waits behind it with a ticket; the store goes away before a saves.
    const a = gate.run('UA1', 'away', reads, async (values) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      away = true;
      return saying('a', 0, 'away')(values);
    });
    const b = gate.run('UA1', 'away', reads, saying('b', 0, 'away'));
    const failed = await Promise.allSettled([a, b]);
    expect(failed.map((o) => (o.status === 'rejected' ? (o.reason as Error).name : 'ran'))).toEqual(['StoreUnavailableError', 'StoreUnavailableError']);
    away = false;
    // Another process's message: served at once, not after the 30 s lease or b's ticket deadline (4 s).
    const other = new TurnGate({ store: real, accountSid: 'AC0', now: () => new Date() }, options);
    const started = Date.now();
    expect(await other.run('UA1', 'away', reads, saying('c', 0, 'away'))).toEqual(['c']);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails every turn of a group whose commit finds the lease taken over, and saves none of them', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 100, maxHoldMs: 100, maxWaitMs: 5_000, pollMs: 5 });
    const reads = turnReadKeys('lost', undefined);
    // b and c queue behind a and run as one group; b runs past the longest hold of the group's lease
    // and another holder takes the conversation over before c has run.
    let takenOver: number | null = null;
    const a = gate.run('UA1', 'lost', reads, saying('a', 20, 'lost'));
    const b = gate.run('UA1', 'lost', reads, async (values) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      takenOver = await store.acquireLease('UA1', 'turn:lost', 5_000);
      return saying('b', 0, 'lost')(values);
    });
    const c = gate.run('UA1', 'lost', reads, saying('c', 0, 'lost'));
    const outcomes = await Promise.allSettled([a, b, c]);
    expect(takenOver).not.toBeNull();
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).name))).toEqual([['a'], 'LeaseLostError', 'LeaseLostError']);
    const saved = decodeTurnReads([await store.getValue('UA1', reads[0]!)], 'UA1').active.stored;
    expect(saved?.memory.said).toEqual(['a']);
  });

  it('gives a later turn of a group what an earlier one wrote, such as the reply of a retried request', async () => {
    const store = new MemoryRecordStore();
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const reads = ['reply:SM1'];
    const answer = (text: string): TurnWork<string> => async ([reply]) => (reply !== null && reply !== undefined
      ? { value: `replayed ${reply}`, writes: [] }
      : { value: text, writes: [{ key: 'reply:SM1', value: text }] });
    const results = await Promise.all([
      gate.run('UA1', 'retry', ['other'], async () => { await new Promise((resolve) => setTimeout(resolve, 10)); return { value: 'first', writes: [] }; }),
      gate.run('UA1', 'retry', reads, answer('original')),
      gate.run('UA1', 'retry', reads, answer('again')),
    ]);
    expect(results).toEqual(['first', 'original', 'replayed original']);
  });

  /** Turns that take `pauseMs` and answer their name; `ran` lists the ones that ran, in order. */
  const recordedWork = (): { ran: string[]; work: (name: string, pauseMs: number) => TurnWork<string> } => {
    const ran: string[] = [];
    const work = (name: string, pauseMs: number): TurnWork<string> => async () => {
      ran.push(name);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      return { value: name, writes: [] };
    };
    return { ran, work };
  };

  /** A store whose extendTickets calls are counted. */
  const countingExtends = (real: RecordStore): { store: RecordStore; extends: () => number } => {
    let count = 0;
    const store = new Proxy(real, {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (name === 'extendTickets') return (...args: unknown[]) => { count += 1; return method.apply(target, args); };
        return typeof method === 'function' ? method.bind(target) : method;
      },
    });
    return { store, extends: () => count };
  };

  it('keeps the tickets of messages queued behind a long turn in line past their first deadline, one store call per line per heartbeat', async () => {
    const { store, extends: extendCalls } = countingExtends(new MemoryRecordStore());
    const options = { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 };
    const one = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, options);
    const two = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, options);
    const { ran, work } = recordedWork();
    const started = Date.now();
    const a = one.run('UA1', 'queued', [], work('a', TICKET_HEARTBEAT_MS + 700));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // b2 waits behind b1 of its own process: only the heartbeat keeps its ticket (b1's polls keep
    // b1's), and c, behind it, looks at the line while b1 runs: a lapsed b2 would be dropped then.
    const b = [two.run('UA1', 'queued', [], work('b1', 100)), two.run('UA1', 'queued', [], work('b2', 0))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const c = one.run('UA1', 'queued', [], work('c', 0));
    expect(await Promise.all([a, ...b, c])).toEqual(['a', 'b1', 'b2', 'c']);
    expect(ran).toEqual(['a', 'b1', 'b2', 'c']);
    // Two lines with tickets (one per gate), each kept every third of the heartbeat while it waited.
    const beats = Math.ceil((Date.now() - started) / (TICKET_HEARTBEAT_MS / 3));
    expect(extendCalls()).toBeGreaterThan(0);
    expect(extendCalls()).toBeLessThanOrEqual(2 * beats);
  });

  it('keeps the place of a message whose process stalls for 2.6 s while another process looks at the line', async () => {
    // A process paused (GC, a blocked event loop) or cut off from Redis for a moment makes no call at all.
    const real = new MemoryRecordStore();
    let stalledUntil = 0;
    const stalled = new Proxy(real, {
      get(target, name: keyof RecordStore) {
        const method = target[name] as (...args: unknown[]) => Promise<unknown>;
        if (typeof method !== 'function') return method;
        return async (...args: unknown[]) => {
          const wait = stalledUntil - Date.now();
          if (wait > 0 && (name === 'extendTickets' || name === 'leaseInTurn')) await new Promise((resolve) => setTimeout(resolve, wait));
          return method.apply(target, args);
        };
      },
    });
    const options = { leaseTtlMs: 5_000, maxWaitMs: 8_000, pollMs: 5 };
    const one = new TurnGate({ store: real, accountSid: 'AC0', now: () => new Date() }, options);
    const two = new TurnGate({ store: stalled, accountSid: 'AC0', now: () => new Date() }, options);
    const { ran, work } = recordedWork();
    const a = one.run('UA1', 'stall', [], work('a', 2_500));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const b = two.run('UA1', 'stall', [], work('b', 0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    stalledUntil = Date.now() + 2_600;
    // c, behind b, looks at the line from when a ends (2.5 s), while b's process still makes no call: b's
    // ticket, last kept before the stall, must still be there (1.5 s tickets were dropped then).
    const c = one.run('UA1', 'stall', [], work('c', 0));
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('makes no heartbeat call for a conversation whose messages never queue', async () => {
    const { store, extends: extendCalls } = countingExtends(new MemoryRecordStore());
    const gate = new TurnGate({ store, accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 5_000, pollMs: 5 });
    const { work } = recordedWork();
    // Each turn outlasts a heartbeat period, one after another, so none takes a ticket.
    for (const name of ['a', 'b']) expect(await gate.run('UA1', 'quiet', [], work(name, TICKET_HEARTBEAT_MS / 3 + 100))).toBe(name);
    expect(extendCalls()).toBe(0);
  });

  it('does not run a message of a group that already waited its whole allowance', async () => {
    const gate = new TurnGate({ store: new MemoryRecordStore(), accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 100, pollMs: 5 });
    const { ran, work } = recordedWork();
    const first = gate.run('UA1', 'slow', [], work('a', 30));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outcomes = await Promise.allSettled([first, gate.run('UA1', 'slow', [], work('b', 150)), gate.run('UA1', 'slow', [], work('c', 0))]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).name))).toEqual(['a', 'b', 'DialogueBusyError']);
    expect(ran).toEqual(['a', 'b']);
  });

  it('answers busy at its deadline a message queued behind a longer turn of this process, without waiting for that turn', async () => {
    const gate = new TurnGate({ store: new MemoryRecordStore(), accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 100, pollMs: 5 });
    const { ran, work } = recordedWork();
    const first = gate.run('UA1', 'long', [], work('a', 600));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sent = Date.now();
    const second = gate.run('UA1', 'long', [], work('b', 0)).then(() => 'ran', (error: Error) => ({ name: error.name, after: Date.now() - sent }));
    const refused = await second;
    expect(refused).toMatchObject({ name: 'DialogueBusyError' });
    expect((refused as { after: number }).after).toBeLessThan(400); // at its 100 ms, not when the 600 ms turn ends
    expect(await first).toBe('a');
    // The line goes on past it: a later message runs.
    expect(await gate.run('UA1', 'long', [], work('c', 0))).toBe('c');
    expect(ran).toEqual(['a', 'c']);
  });

  it('does not run a message whose grant came after its whole allowance, as the turn ahead gave the lease back', async () => {
    const gate = new TurnGate({ store: new MemoryRecordStore(), accountSid: 'AC0', now: () => new Date() }, { leaseTtlMs: 5_000, maxWaitMs: 100, pollMs: 5 });
    const { ran, work } = recordedWork();
    const first = gate.run('UA1', 'late', [], work('a', 150));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // b leads the next group; its grant is asked for as a gives the lease back, 145 ms after b came.
    const outcomes = await Promise.allSettled([first, gate.run('UA1', 'late', [], work('b', 0))]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).name))).toEqual(['a', 'DialogueBusyError']);
    expect(ran).toEqual(['a']);
  });
});
