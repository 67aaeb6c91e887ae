import { randomBytes } from 'node:crypto';
import { type Activity, GROUP_OPTION_DEFAULTS, type Group, type Unit } from '../../src/domain/types';
import type { RedisClient } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import type { Actor, NewActivity, TeamStore } from '../../src/store/types';
import { type Inspector, inspect } from '../support/inspect';
import { deleteKeys as deleteMatching, REDIS_TARGET, testRedis } from '../support/redis';

/** Shared set-up for the store tests: a real Redis, a key prefix of their own, cleaned after each test. */

export { REDIS_URL } from '../support/redis';

export function uniquePrefix(): string {
  return `t-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix (SCAN, never FLUSHDB). */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  await deleteMatching([`${prefix}:*`], redis);
}

export interface Harness {
  prefix: string;
  redis: RedisClient;
  store: RedisStore;
  team: TeamStore;
  /** Reads what the store wrote (activity counts, the audit trail) straight from Redis. */
  inspect: Inspector;
}

/** A store on a fresh connection under a fresh prefix, and team T1 of it. */
export function openHarness(prefix = uniquePrefix()): Harness {
  const redis = testRedis();
  const store = new RedisStore({ redis, prefix });
  return { prefix, redis, store, team: store.forTeam('T1'), inspect: inspect(REDIS_TARGET, prefix) };
}

/** 2026-01-07 (a Wednesday) 12:00 UTC. */
export const NOW = Date.UTC(2026, 0, 7, 12);

export function actor(userId = 'ULEAD', now = NOW): Actor {
  return { userId, now };
}

export function makeGroup(id = 'C1', overrides: Partial<Group> = {}): Group {
  return {
    id,
    teamId: 'T1',
    name: 'Guidance group 1',
    tz: 'Asia/Shanghai',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: 'ULEAD',
    createdAt: NOW,
    ...overrides,
  };
}

export function makeUnit(key: string, overrides: Partial<Unit> = {}): Unit {
  return {
    key,
    name: `Unit ${key}`,
    kind: 'ministry',
    liaisons: [],
    archived: false,
    createdAt: NOW,
    ...overrides,
  };
}

export function makeActivity(
  unitKey: string,
  date: string,
  overrides: Partial<NewActivity> = {},
): NewActivity {
  return {
    unitKey,
    type: 'interview',
    date,
    count: 1,
    notes: '',
    userId: 'ULEAD',
    createdAt: NOW,
    ...overrides,
  };
}

/** Logs an activity as its author. */
export function log(team: TeamStore, groupId: string, a: NewActivity): Promise<Activity> {
  return team.addActivity(groupId, a, actor(a.userId, a.createdAt));
}
