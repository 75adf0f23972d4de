import { TICKET_HEARTBEAT_MS } from '../../src/dialogue/ticket-heartbeat.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationLease } from '../../src/domain/dialogues.js';
import { redisKeys } from '../../src/store/redis/redis-keys.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../support/redis.js';
import { TEST_AUTH_TOKEN } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';
import { SMS_GUEST, SMS_SHOP, createRelayAssistant, sendSms, startParley, stopParley, type Parley } from '../support/parley-process.js';

/** The turn gate's lease life (DEFAULT_TURN_GATE.leaseTtlMs): how long a dead holder can keep a dialogue. */
const LEASE_MS = 5_000;
/** How long the turn in flight waits on the stand-in while a process queues behind it and dies. */
const SLOW_MS = 1_500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a Parley process that dies inside a turn locks its dialogue for one short lease only', () => {
  const prefix = uniquePrefix('turn-holder-crash');
  const redis = connectTestRedis();
  const parleys: Parley[] = [];
  let hooks: WebhookServer;
  let assistantSid = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    // The customer's actions_url: "hold" hangs (its process is killed while it waits), "slow" takes
    // SLOW_MS; each message is appended to a list in Memory and numbered in the reply.
    hooks.on('/remember', (call) => {
      const memory = JSON.parse(call.params.Memory ?? '{}') as { list?: string[] };
      const list = [...(memory.list ?? []), call.params.CurrentInput ?? ''];
      const body = { actions: [{ remember: { list } }, { say: `#${list.length} ${call.params.CurrentInput}` }, { listen: true }] };
      return { body, delayMs: call.params.CurrentInput === 'hold' ? 10_000 : call.params.CurrentInput === 'slow' ? SLOW_MS : 0 };
    });
    await Promise.all([1, 2, 3].map(async () => { parleys.push(await startParley(prefix)); }));
    assistantSid = await createRelayAssistant(parleys[0]!, hooks.url('/remember'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(parleys.map(stopParley));
    await hooks?.stop();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('serves the next message through another process once the dead holder\'s lease lapses, not after a busy wait', async () => {
    const [dying, other] = parleys as [Parley, Parley, Parley];
    const leaseKey = redisKeys(prefix).lease(assistantSid, conversationLease(`messaging:${SMS_GUEST}:${SMS_SHOP}`));
    const held = sendSms(dying, 'relay', 'SMhold', 'hold');
    held.catch(() => undefined); // its process dies before it answers
    const deadline = Date.now() + 10_000;
    while (!hooks.callsTo('/remember').some((c) => c.params.CurrentInput === 'hold')) {
      if (Date.now() > deadline) throw new Error('the held turn never called its webhook');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The turn waits on its webhook and holds the dialogue's lease, which lives one short lease at a
    // time and is renewed every third of it: 2 s after the grant it has ~4.7 s left, not ~3 s.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ttl = await redis.pttl(leaseKey);
    expect(ttl).toBeGreaterThan(3_800);
    expect(ttl).toBeLessThanOrEqual(LEASE_MS);
    dying.child.kill('SIGKILL');
    await dying.exited;

    const started = Date.now();
    const next = await sendSms(other, 'relay', 'SMnext', 'next');
    const waited = Date.now() - started;
    // Served, by the stand-in (the held turn saved nothing), within one lease: not the busy apology
    // after the 8 s wait that a 30 s lease gave.
    expect(next.status).toBe(200);
    expect(next.body).toContain('#1 next');
    expect(waited).toBeLessThan(LEASE_MS + 1_500);
  }, 30_000);

  it('lets the line past the tickets of a process that died with messages queued, within a ticket heartbeat', async () => {
    const [, other, queuing] = parleys as [Parley, Parley, Parley];
    const guest = '+15550004444'; // a dialogue of its own
    const line = redisKeys(prefix).line(assistantSid, conversationLease(`messaging:${guest}:${SMS_SHOP}`));
    const startOf = (text: string): number | undefined => hooks.callsTo('/remember').find((c) => c.params.UserIdentifier === guest && c.params.CurrentInput === text)?.receivedAt;
    const until = async (done: () => Promise<boolean> | boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 5_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`${what} did not happen within 5 s`);
        await sleep(10);
      }
    };
    // A turn waits on the stand-in through one process while two messages queue through another.
    const slow = sendSms(other, 'relay', 'SMslow', 'slow', guest);
    await until(() => startOf('slow') !== undefined, 'the slow turn');
    const queued = [sendSms(queuing, 'relay', 'SMq1', 'q1', guest), sendSms(queuing, 'relay', 'SMq2', 'q2', guest)];
    for (const reply of queued) reply.catch(() => undefined); // their process dies before it answers
    await until(async () => (await redis.zcard(line)) === 2, 'two tickets in line');
    queuing.child.kill('SIGKILL');
    await queuing.exited;
    const killed = Date.now();

    // Messages through the live process stand behind the dead one's tickets. Those lapse once nobody
    // keeps them (3 s), not at their messages' give-up time (9 s), which answered these busy at 8 s.
    const next = sendSms(other, 'relay', 'SMn1', 'n1', guest);
    await sleep(50);
    const after = sendSms(other, 'relay', 'SMn2', 'n2', guest);
    expect((await slow).body).toContain('#1 slow');
    const [first, second] = await Promise.all([next, after]);
    expect(first.status).toBe(200);
    expect(first.body).toContain('#2 n1');
    expect(second.body).toContain('#3 n2');
    expect(startOf('n1')! - killed).toBeLessThan(TICKET_HEARTBEAT_MS + 1_500);
  }, 30_000);
});
