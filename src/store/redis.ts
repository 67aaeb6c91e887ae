import { Redis, type RedisOptions } from 'ioredis';

/**
 * Options that make a lost Redis visible quickly: a command waits for at most one reconnect
 * attempt instead of queueing forever, so `/healthz` and handlers answer instead of hanging.
 * Commands issued before the first connect are still queued, so start-up needs no special wait.
 */
const DEFAULTS: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: true,
  connectTimeout: 5_000,
  commandTimeout: 10_000,
  // Reconnect forever (Redis may come back), but never wait more than a second between tries.
  retryStrategy: (times) => Math.min(times * 100, 1_000),
};

/**
 * Creates the ioredis client for data. `opts` override the defaults; BullMQ workers need their
 * own connection with `maxRetriesPerRequest: null` and should not use this one.
 */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { ...DEFAULTS, ...opts });
}
