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
