import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationLease } from '../../src/domain/dialogues.js';
import { redisKeys } from '../../src/store/redis/redis-keys.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../support/redis.js';
import { TEST_AUTH_TOKEN } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';
import { SMS_GUEST as GUEST, SMS_SHOP as SHOP, createRelayAssistant, sendSms, startParley, stopParley, type Parley } from '../support/parley-process.js';

const BURSTS = 6;
const PER_BURST = 5;
/** Gap between two distinct messages of a burst: five fit in 50 ms. */
const GAP_MS = 8;
/** The stand-in takes this long, so a burst's messages overlap and queue up behind each other. */
const TURN_MS = 40;
/** How long a delivery may take to join the dialogue's line before the next is sent anyway. */
const JOIN_WAIT_MS = 1_000;
/** Five messages 8 ms apart, each sent once the one before joined (a few ms): far under this unless joining stalls. */
const BURST_SPAN_MS = 1_000;

/**
 * Whether a script call seen by MONITOR is a message joining `line`: taking a ticket (the line and
 * tickets keys only), or asking for the lease with ticket 0 (join now). A waiting message asks again
 * with its ticket, which is not a join.
 */
function isJoin(args: readonly string[], line: string): boolean {
  const keyCount = Number(args[2]);
  const keys = args.slice(3, 3 + keyCount);
  if (!keys.includes(line)) return false;
  return keyCount === 2 || args[3 + keyCount] === '0';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

describe('one turn at a time per dialogue across three processes, in arrival order', () => {
  const prefix = uniquePrefix('turn-processes');
  const redis = connectTestRedis();
  let monitor: Redis;
  const parleys: Parley[] = [];
  let hooks: WebhookServer;
  /** The list the stand-in remembered last; turns run one at a time, so this is the dialogue's list. */
  let remembered: string[] = [];
  let assistantSid = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    monitor = await connectTestRedis().monitor();
    // The customer's actions_url: appends the message to a list in Memory and numbers its reply.
    hooks.on('/remember', (call) => {
      const memory = JSON.parse(call.params.Memory ?? '{}') as { list?: string[] };
      const list = [...(memory.list ?? []), call.params.CurrentInput ?? ''];
      if (call.params.UserIdentifier === GUEST) remembered = list;
      return { body: { actions: [{ remember: { list } }, { say: `#${list.length} ${call.params.CurrentInput}` }, { listen: true }] }, delayMs: TURN_MS };
    });
    // Each is recorded as soon as it is up, so afterAll stops it even if a sibling failed to start.
    await Promise.all([1, 2, 3].map(async () => { parleys.push(await startParley(prefix)); }));
    assistantSid = await createRelayAssistant(parleys[0]!, hooks.url('/remember'));
    // Warm each process (JIT, connections) on another dialogue, so a cold start does not reorder the first burst.
    for (const [i, parley] of parleys.entries()) {
      for (let n = 0; n < 5; n += 1) expect((await sendSms(parley, 'relay', `SMwarm${i}x${n}`, `warm ${n}`, `+1555000200${i}`)).status).toBe(200);
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(parleys.map(stopParley));
    await hooks?.stop();
    await deleteKeys(redis, prefix);
    await redis.quit();
    monitor?.disconnect();
  }, 30_000);

  it('answers every message, runs each MessageSid once, replays duplicates and keeps the order sent', async () => {
    type Delivery = { sid: string; text: string; duplicate: boolean; sentAt: number; reply: Promise<{ status: number; body: string }> };
    const sent: string[] = [];
    const deliveries: Delivery[] = [];
    // On a loaded machine a request can take tens of ms to reach the gate, so "arrival" is pinned down
    // by waiting (bounded) until each delivery has joined the dialogue's line before sending the next.
    // Joining is watched with MONITOR: a message served at once takes no ticket (the line's 'issued'
    // count stays put), so the store's keys alone cannot tell that it arrived.
    const line = redisKeys(prefix).line(assistantSid, conversationLease(`messaging:${GUEST}:${SHOP}`));
    let joins = 0;
    let joined = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'evalsha' && isJoin(args, line)) joins += 1;
    });
    // Where each original went and whether it is answered: a duplicate sent to the process still running its
    // original shares that turn's reply (in-flight-turns.ts) and joins no line.
    const sentTo = new Map<string, { parley: Parley; answered: boolean }>();
    const deliver = async (batch: Array<Omit<Delivery, 'reply' | 'sentAt'>>): Promise<void> => {
      for (const d of batch) {
        const sentAt = performance.now();
        const parley = pick(parleys);
        const original = sentTo.get(d.sid);
        const sharesOriginal = d.duplicate && original !== undefined && original.parley === parley && !original.answered;
        const reply = sendSms(parley, 'relay', d.sid, d.text);
        if (!d.duplicate) {
          const record = { parley, answered: false };
          sentTo.set(d.sid, record);
          void reply.then(() => { record.answered = true; }, () => undefined);
        }
        void reply.then(() => waits.push(performance.now() - sentAt), () => undefined);
        deliveries.push({ ...d, sentAt, reply });
        if (!sharesOriginal) joined += 1;
      }
      const until = Date.now() + JOIN_WAIT_MS;
      while (joins < joined && Date.now() < until) await sleep(1);
      if (joins < joined) lateJoins += 1;
    };
    let lateJoins = 0;
    const waits: number[] = [];
    for (let burst = 0; burst < BURSTS; burst += 1) {
      const burstStart = deliveries.length;
      let later: Array<Omit<Delivery, 'reply' | 'sentAt'>> = [];
      for (let n = 0; n < PER_BURST; n += 1) {
        const message = { sid: `SM${String(burst * PER_BURST + n).padStart(32, '0')}`, text: `b${burst}m${n}`, duplicate: false };
        const again = { ...message, duplicate: true };
        sent.push(message.text);
        // Twilio retrying the same message, to this process or another: at once, or after the next message.
        const roll = Math.random();
        await deliver(roll < 0.25 ? [message, again] : [message]);
        await deliver(later);
        later = roll >= 0.25 && roll < 0.5 ? [again] : [];
        await sleep(GAP_MS);
      }
      await deliver(later);
      await Promise.all(deliveries.slice(burstStart).map((d) => d.reply));
    }

    const replies = await Promise.all(deliveries.map(async (d) => ({ ...d, answer: await d.reply })));
    // Bursts, not a trickle: each burst's five messages went out within 50 ms plus the time each
    // took to join (a few ms), and every delivery was seen joining.
    expect(lateJoins).toBe(0);
    for (let burst = 0; burst < BURSTS; burst += 1) {
      const times = deliveries.filter((d) => !d.duplicate && d.text.startsWith(`b${burst}m`)).map((d) => d.sentAt);
      expect(Math.max(...times) - Math.min(...times), `burst ${burst}`).toBeLessThan(BURST_SPAN_MS);
    }
    // ... so messages queued: some waited for at least one other message's turn besides their own.
    expect(waits.filter((ms) => ms > 2 * TURN_MS).length).toBeGreaterThan(BURSTS);
    for (const { sid, answer } of replies) {
      expect(answer.status, `${sid}: ${answer.body}`).toBe(200);
      expect(answer.body).toMatch(/^<\?xml.*<Response><Message>/s);
    }
    // Each distinct message ran exactly once at the customer's webhook.
    const runs = hooks.callsTo('/remember').filter((c) => c.params.UserIdentifier === GUEST).map((c) => c.params.CurrentInput);
    expect([...runs].sort()).toEqual([...sent].sort());
    // A duplicate got the very reply of its original, whichever process answered it.
    const originals = new Map(replies.filter((r) => !r.duplicate).map((r) => [r.sid, r.answer.body]));
    const duplicates = replies.filter((r) => r.duplicate);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) expect(d.answer.body, d.sid).toBe(originals.get(d.sid));
    // Arrival order across processes: the turns ran, and Memory holds the messages, in the order sent.
    expect(runs).toEqual(sent);
    expect(remembered).toEqual(sent);
    for (const [i, text] of sent.entries()) expect(originals.get(replies.find((r) => r.text === text)!.sid)).toContain(`#${i + 1} ${text}`);
  }, 60_000);
});
