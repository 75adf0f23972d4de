import { afterAll } from 'vitest';
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
