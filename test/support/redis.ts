import type { RedisOptions } from 'ioredis';
import { loadConfig } from '../../src/config';
import { connectRedis, type RedisClient, type RedisTarget } from '../../src/store/redis';
import { scanKeys } from '../../src/store/scan';

/**
 * The Redis the integration tests share: the machine's server, or the Redis Cluster that
 * `npm run test:cluster` starts and names in REDIS_CLUSTER_NODES. Tests keep to key prefixes and
 * queue prefixes of their own in it.
 */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The settings that name the shared Redis, for a config the test builds. */
export const REDIS_ENV: Record<string, string> = {
  REDIS_URL,
  ...(process.env.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES } : {}),
};

export const REDIS_TARGET: RedisTarget = loadConfig(REDIS_ENV).redis;

/** True when the tests run on a Redis Cluster. */
export const ON_CLUSTER = REDIS_TARGET.clusterNodes !== null;

/** A client of the shared Redis (a server or the cluster), on connections of its own. */
export function testRedis(opts: RedisOptions = {}): RedisClient {
  return connectRedis(REDIS_TARGET, opts);
}

/**
 * Deletes the keys matching each pattern, on `redis` or a connection of its own. One key at a
 * time: on a cluster the keys of several teams sit in different slots, which one UNLINK refuses.
 */
export async function deleteKeys(patterns: string[], redis?: RedisClient): Promise<void> {
  const client = redis ?? testRedis({ maxRetriesPerRequest: 1 });
  try {
    for (const pattern of patterns) {
      for await (const keys of scanKeys(client, pattern, 1000)) {
        await Promise.all(keys.map((key) => client.unlink(key)));
      }
    }
  } finally {
    if (!redis) client.disconnect();
  }
}

/** Every key matching `pattern`, on one server or on all the cluster's masters (KEYS sees one node). */
export async function allKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of scanKeys(redis, pattern, 1000)) found.push(...keys);
  return found;
}
