import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { redactUrl } from '../logging/logger.js';
import { MemoryRecordStore } from './memory/memory-record-store.js';
import { StoreUnavailableError, type RecordStore } from './record-store.js';

export { StoreUnavailableError };
import { RedisRecordStore } from './redis/redis-record-store.js';

const CONNECT_TIMEOUT_MS = 5000;


/** Redis when REDIS_URL is set (checked with a PING before boot goes on), else the embedded store. */
export async function openStore(config: Config, logger: Logger): Promise<RecordStore> {
  if (config.redisUrl === undefined) {
    logger.warn('REDIS_URL is not set: using the embedded in-process store; nothing survives a restart');
    return new MemoryRecordStore();
  }
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Fail a command after one reconnect attempt rather than hanging past Twilio's 15 s webhook budget.
    maxRetriesPerRequest: 1,
    // A Redis that hangs without closing the connection must not hang the request either.
    commandTimeout: 3000,
    // Commands issued in the same tick share one write: concurrent turns cost far fewer syscalls.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  try {
    await redis.connect();
    await redis.ping();
    // ioredis selects the URL's database on connect and only logs a refusal ("DB index is out of range"),
    // after which every command would go to database 0: select it here so a bad index stops the boot.
    if ((redis.options.db ?? 0) !== 0) await redis.select(redis.options.db!);
  } catch (error) {
    redis.disconnect();
    throw new StoreUnavailableError(`Cannot reach Redis at ${redactUrl(config.redisUrl)} (REDIS_URL): ${(error as Error).message}`);
  }
  logger.info({ redis: redactUrl(config.redisUrl), prefix: config.redisKeyPrefix }, 'using Redis store');
  return new RedisRecordStore(redis, config.redisKeyPrefix);
}
