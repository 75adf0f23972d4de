import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';
import { RedisRecordStore } from '../../src/store/redis/redis-record-store.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../support/redis.js';
import { domainContract } from './domain-repositories.contract.js';
import { recordStoreContract } from './record-store.contract.js';

const redis = connectTestRedis();
afterAll(async () => { await redis.quit(); });

recordStoreContract('embedded', async () => ({ store: new MemoryRecordStore(), close: async () => {} }));

recordStoreContract('redis', async () => {
  const prefix = uniquePrefix('record-store');
  return {
    store: new RedisRecordStore(redis, prefix),
    close: async () => { await deleteKeys(redis, prefix); },
  };
});

domainContract('embedded', async () => ({ store: new MemoryRecordStore(), close: async () => {} }));

domainContract('redis', async () => {
  const prefix = uniquePrefix('domain');
  return {
    store: new RedisRecordStore(redis, prefix),
    close: async () => { await deleteKeys(redis, prefix); },
  };
});

describe('redis record store: keys a turn leaves behind', () => {
  it('a message served at once creates no line keys; a fenced write sets the expiry it was given', async () => {
    const prefix = uniquePrefix('record-store-keys');
    const store = new RedisRecordStore(redis, prefix);
    try {
      const { outcome } = await store.joinLine('UAscope', 'conv', 5_000, 5_000);
      if (typeof outcome !== 'object') throw new Error(`expected a grant, got ${outcome}`);
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: outcome.token }, [{ key: 'state', value: 'S', ttlSeconds: 60 }], { release: true })).toBe(true);
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.filter((key) => /:(line|tickets):/.test(key))).toEqual([]);
      const stateKey = keys.find((key) => key.endsWith(':val:state'));
      expect(stateKey).toBeDefined();
      const ttl = await redis.pttl(stateKey!);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await deleteKeys(redis, prefix);
    }
  });
});

describe('redis record store: fence counters', () => {
  it('expire when idle, and a counter that starts afresh still gives larger tokens than before', async () => {
    const prefix = uniquePrefix('record-store-fence');
    const store = new RedisRecordStore(redis, prefix);
    try {
      const tokenOf = (outcome: unknown): number => {
        if (typeof outcome !== 'object' || outcome === null) throw new Error(`expected a grant, got ${String(outcome)}`);
        return (outcome as { token: number }).token;
      };
      const first = tokenOf((await store.joinLine('UAscope', 'conv', 5_000, 5_000)).outcome);
      await store.releaseLease('UAscope', 'conv', first);
      const second = tokenOf((await store.joinLine('UAscope', 'conv', 5_000, 5_000)).outcome);
      expect(second).toBe(first + 1);
      const [fence] = (await redis.keys(`${prefix}*`)).filter((key) => key.includes(':fence:'));
      expect(fence).toBeDefined();
      const ttl = await redis.pttl(fence!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000);
      // The counter lapses (as after an idle hour) while the holder of `second` is still out there.
      await redis.del(fence!);
      await redis.del((await redis.keys(`${prefix}*`)).filter((key) => key.includes(':lease:')));
      const third = tokenOf((await store.joinLine('UAscope', 'conv', 5_000, 5_000)).outcome);
      expect(third).toBeGreaterThan(second);
      // The stale holder cannot write; the new one can, and acquireLease follows the same counter.
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: second }, [{ key: 'state', value: 'stale' }])).toBe(false);
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: third }, [{ key: 'state', value: 'fresh' }], { release: true })).toBe(true);
      expect(await store.getValue('UAscope', 'state')).toBe('fresh');
      expect(await store.acquireLease('UAscope', 'conv', 5_000)).toBe(third + 1);
    } finally {
      await deleteKeys(redis, prefix);
    }
  });
});

describe('redis record store: dropping a scope', () => {
  it('unlinks every key of the scope and none of another, whatever characters the prefix has', async () => {
    const prefix = `${uniquePrefix('record-store-drop')}[*?]:`;
    const glob = prefix.replace(/[*?[\]\\]/g, '\\$&'); // the prefix as a SCAN pattern
    const store = new RedisRecordStore(redis, prefix);
    try {
      for (const scope of ['UAgone', 'UAkept']) {
        await store.insert({ scope, path: 'tasks' }, { sid: 'SID1', uniqueName: 'one' } as never, { set: { flag: 'x' } });
        await store.putValue(scope, 'state', 'S', 60);
        await store.joinLine(scope, 'conv', 5_000, 5_000);
        await store.takeTicket(scope, 'conv', 5_000);
      }
      const before = await redis.keys(`${glob}*`);
      expect(before.filter((key) => key.includes('{UAgone}')).length).toBeGreaterThanOrEqual(6);
      await store.dropScope('UAgone');
      const after = await redis.keys(`${glob}*`);
      expect(after.filter((key) => key.includes('{UAgone}'))).toEqual([]);
      expect(after.length).toBe(before.filter((key) => key.includes('{UAkept}')).length);
    } finally {
      await deleteKeys(redis, glob);
    }
  });
});
