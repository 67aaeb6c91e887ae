import type { RedisClient } from './redis';
import { isCluster } from './redis';

/**
 * The keys matching `match`, batch by batch, as SCAN finds them: on one server, or on every master
 * of a cluster in turn (SCAN only sees the node it is sent to). A batch comes from one node, so the
 * keys of one team (one hash tag, one slot) in a batch may go to one multi-key command. A key moved
 * by a resharding while the scan runs may be missed or seen twice, as SCAN allows on one server for
 * keys written meanwhile: callers are rare, idempotent work (erasing, listing groups to pause).
 */
export async function* scanKeys(redis: RedisClient, match: string, count: number): AsyncGenerator<string[]> {
  // A cluster client knows its masters once it has learnt the slots: a first command waits for that.
  if (isCluster(redis) && redis.status !== 'ready') await redis.ping();
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}
