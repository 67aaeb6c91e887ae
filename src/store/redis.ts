import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from '../domain/errors';

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

/** A connection to Redis: one server (`REDIS_URL`) or a Redis Cluster (`REDIS_CLUSTER_NODES`). */
export type RedisClient = Redis | Cluster;

/**
 * Creates the ioredis client for data. `opts` override the defaults; BullMQ workers need their
 * own connection with `maxRetriesPerRequest: null` and should not use this one.
 */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { ...DEFAULTS, ...opts });
}

/** How long start-up waits for Redis to answer before going on (it may come up later). */
const CHECK_TIMEOUT_MS = 3_000;

/** Redis's answers that mean the credentials in the URL are wrong, not that Redis is away. */
const REFUSED = /^(WRONGPASS|NOAUTH|NOPERM)\b/;

/**
 * Asks Redis once, before anything is started, whether it accepts the credentials in `url`. A
 * refusal is a setting to fix, so start-up stops with one line naming REDIS_URL; Redis being
 * unreachable is not (it may come up later, and /healthz says so meanwhile), so that goes on.
 * Without this the workers wait for a connection that can never be made, logging each refusal.
 */
export async function checkRedisCredentials(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // A refused AUTH arrives as an 'error' event; connect() then only says the connection closed.
  const seen: string[] = [];
  redis.on('error', (err: Error) => seen.push(err.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    const message = [...seen, err instanceof Error ? err.message : String(err)].find((m) => REFUSED.test(m));
    if (message?.startsWith('NOAUTH')) {
      throw new ConfigError(
        'REDIS_URL: Redis asks for a password and none was given: redis://:password@host:6379',
      );
    }
    if (message) {
      throw new ConfigError(
        `REDIS_URL: Redis refused its credentials (${message.split(' ')[0]}): check the user name and password in it`,
      );
    }
  } finally {
    redis.disconnect();
  }
}
