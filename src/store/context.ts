import type { ChainableCommander } from 'ioredis';
import { StoreConflict } from '../domain/errors';
import type { CorruptHandler } from './json';
import type { TeamKeys } from './keys';
import type { RedisClient } from './redis';
import type { UnitCache } from './unit-cache';

/** What every store function of one team works with. */
export interface StoreContext {
  redis: RedisClient;
  keys: TeamKeys;
  onCorrupt: CorruptHandler;
  /** Entries kept in each group's audit stream (`AUDIT_MAX_ENTRIES` unless a test sets fewer). */
  auditMaxEntries: number;
  /** The process's units of the groups it serves (unit-cache.ts), shared by all its team stores. */
  unitCache: UnitCache;
  /** Group id → the version of its units read with the group by this team store, and when (units.ts). */
  unitVersions: Map<string, { version: string; at: number }>;
}

/** Runs a pipeline or MULTI (one round trip) and returns its replies; throws the first error. */
export async function execAll(pipe: ChainableCommander): Promise<unknown[]> {
  const replies = await pipe.exec();
  // exec() answers null only when a WATCHed key changed; nothing here WATCHes.
  if (!replies) throw new StoreConflict('store: transaction aborted');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/**
 * Runs an optimistic read-then-write step until it does not report a concurrent change.
 * The write half is a Lua script that compares what was read with what is stored.
 */
export async function retryOnConflict<T>(what: string, step: () => Promise<T | 'retry'>): Promise<T> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = await step();
    if (result !== 'retry') return result;
  }
  throw new StoreConflict(`store: ${what} kept changing under concurrent writes`);
}
