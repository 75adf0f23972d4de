import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationLease } from '../../src/domain/dialogues.js';
import { redisKeys } from '../../src/store/redis/redis-keys.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../support/redis.js';
import { TEST_AUTH_TOKEN } from '../support/test-server.js';
import { WebhookServer } from '../support/webhook-server.js';
import { SMS_GUEST, SMS_SHOP, createRelayAssistant, sendSms, startParley, stopParley, type Parley } from '../support/parley-process.js';

/** The turn gate's lease life (DEFAULT_TURN_GATE.leaseTtlMs): how long a dead holder can keep a dialogue. */
const LEASE_MS = 5_000;

describe('a Parley process that dies inside a turn locks its dialogue for one short lease only', () => {
  const prefix = uniquePrefix('turn-holder-crash');
  const redis = connectTestRedis();
  const parleys: Parley[] = [];
  let hooks: WebhookServer;
  let assistantSid = '';

  beforeAll(async () => {
    hooks = await new WebhookServer(TEST_AUTH_TOKEN).start();
    // The customer's actions_url: "hold" hangs (its process is killed while it waits), anything else
    // is appended to a list in Memory and numbered in the reply.
    hooks.on('/remember', (call) => {
      const memory = JSON.parse(call.params.Memory ?? '{}') as { list?: string[] };
      const list = [...(memory.list ?? []), call.params.CurrentInput ?? ''];
      const body = { actions: [{ remember: { list } }, { say: `#${list.length} ${call.params.CurrentInput}` }, { listen: true }] };
      return { body, delayMs: call.params.CurrentInput === 'hold' ? 10_000 : 0 };
    });
    await Promise.all([1, 2].map(async () => { parleys.push(await startParley(prefix)); }));
    assistantSid = await createRelayAssistant(parleys[0]!, hooks.url('/remember'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(parleys.map(stopParley));
    await hooks?.stop();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('serves the next message through another process once the dead holder\'s lease lapses, not after a busy wait', async () => {
    const [dying, other] = parleys as [Parley, Parley];
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
});
