import type { Redis, Result } from 'ioredis';
import { ADMIT_REQUEST, RELEASE_LOCK, TAKE_LOCK } from './guard-scripts';
import { CLAIM_HOME_REFRESH } from './home-scripts';
import { ADD_ACTIVITY, ADD_FINDING, UNIT_SUMMARIES } from './hot-scripts';
import { IMPORT_UNITS } from './import-scripts';
import { DEACTIVATE_INSTALLATION, DELETE_INSTALLATION, SAVE_REFRESHED } from './install-scripts';
import { DELIVERY_CLAIM, DELIVERY_SENT, DELIVERY_SETTLE, SNOOZE_ONCE } from './job-scripts';
import { AUDIT, MANAGERS_ONLY, UNIT_TALLIES } from './lua-parts';
import { PUT_MEMBERS, REMOVE_MEMBER } from './member-scripts';
import { TAKE_DM_SLOT } from './pace-scripts';
import { DATED_IDS, GROUP_FOR_CHANNEL, UNITS_SINCE } from './read-scripts';
import { isCluster, type RedisClient } from './redis';
import { THREAD_CLAIM, THREAD_RELEASE, THREAD_ROOT, THREAD_TAKE_OVER } from './thread-scripts';

/**
 * Lua for every check-and-write. Each script receives all the keys it touches in KEYS (all under
 * one team's hash tag), so it runs unchanged on Redis Cluster. JSON is built and read in
 * TypeScript; a script compares the record it was given with the stored one and answers 0 or -1
 * when something changed meanwhile, and the caller reads again (see `retryOnConflict`).
 */

/** KEYS channel, group, members, creator's groups, audit. ARGV audit header, groupId, group JSON, creator. 1 | 0 (taken). */
const CREATE_GROUP = `${AUDIT}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[4])
redis.call('HSET', KEYS[2], 'record', ARGV[5], 'closedIndexed', '1')
redis.call('HSET', KEYS[3], ARGV[6], 'leader')
redis.call('SADD', KEYS[4], ARGV[4])
audit(KEYS[5], 'group_create', 'group:' .. ARGV[4], 'null', 'null')
audit(KEYS[5], 'member_add', 'member:' .. ARGV[6], 'null', '{"role":"leader"}')
return 1
`;

/** KEYS hash, audit. ARGV audit header, field, expected, new, action, target, before, after. 1 | 0 (changed). */
const CAS_FIELD = `${AUDIT}
if redis.call('HGET', KEYS[1], ARGV[4]) ~= ARGV[5] then return 0 end
redis.call('HSET', KEYS[1], ARGV[4], ARGV[6])
audit(KEYS[2], ARGV[7], ARGV[8], ARGV[9], ARGV[10])
return 1
`;

/**
 * KEYS units, unit order, members, audit, group, then each liaison's groups set.
 * ARGV audit header, unit key, expected JSON ('' to create), new JSON, groupId, action, target,
 * audit before, audit after, the units' new version (unit-cache.ts), liaison ids…
 * Only a leader or a deputy, as stored at the moment of the write, changes units. Liaisons who are
 * not members join as 'liaison'. 1 | 0 (exists when creating, changed otherwise) | -1 (the actor
 * does not run the group).
 */
const PUT_UNIT = `${AUDIT}${MANAGERS_ONLY}
if not runsGroup(KEYS[3]) then return -1 end
if ARGV[5] == '' then
  if redis.call('HSETNX', KEYS[1], ARGV[4], ARGV[6]) == 0 then return 0 end
  redis.call('RPUSH', KEYS[2], ARGV[4])
else
  if redis.call('HGET', KEYS[1], ARGV[4]) ~= ARGV[5] then return 0 end
  redis.call('HSET', KEYS[1], ARGV[4], ARGV[6])
end
redis.call('HSET', KEYS[5], 'unitsVer', ARGV[12])
audit(KEYS[4], ARGV[8], ARGV[9], ARGV[10], ARGV[11])
for i = 13, #ARGV do
  if redis.call('HSETNX', KEYS[3], ARGV[i], 'liaison') == 1 then
    redis.call('SADD', KEYS[i - 7], ARGV[7])
    audit(KEYS[4], 'member_add', 'member:' .. ARGV[i], 'null', '{"role":"liaison"}')
  end
end
return 1
`;

/**
 * KEYS user's undo index, activities, unit's activities, date index of earlier versions, week set,
 * weeks set, audit, units' last contacts, the week's counts per unit. ARGV audit header, padded id,
 * expected stored form, oldest createdAt allowed, target, the removed activity as audited (its whole
 * JSON), week-set member, week number, unit key.
 * The stored form removed | 0 (nothing to undo) | -1 (the user's latest activity changed).
 */
const UNDO_ACTIVITY = `${AUDIT}${UNIT_TALLIES}
local top = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return 0 end
if top[1] ~= ARGV[4] then return -1 end
if tonumber(top[2]) < tonumber(ARGV[6]) then return 0 end
if redis.call('HGET', KEYS[2], ARGV[4]) ~= ARGV[5] then return -1 end
redis.call('ZREM', KEYS[1], ARGV[4])
redis.call('HDEL', KEYS[2], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('ZREM', KEYS[4], ARGV[4])
redis.call('SREM', KEYS[5], ARGV[9])
if redis.call('SCARD', KEYS[5]) == 0 then redis.call('SREM', KEYS[6], ARGV[10]) end
tallyRemoved(KEYS[3], KEYS[8], KEYS[9], ARGV[11])
audit(KEYS[7], 'activity_undo', ARGV[7], ARGV[8], 'null')
return ARGV[5]
`;

/**
 * KEYS findings, units, members, unit's active findings, closed findings, unit's closed findings,
 * audit. ARGV audit header, id, expected JSON, new JSON, unit key, expected unit JSON, the actor's
 * expected role ('' when none), closing time ('' unless the new state is closed), action, target,
 * audit before, audit after. Writes only when the finding, its unit and the actor's role are as
 * the caller read them, and keeps the active set and the closed indexes in step with the state.
 * 1 | 0 (something changed meanwhile).
 */
const UPDATE_FINDING = `${AUDIT}
if redis.call('HGET', KEYS[1], ARGV[4]) ~= ARGV[5] then return 0 end
if redis.call('HGET', KEYS[2], ARGV[7]) ~= ARGV[8] then return 0 end
if (redis.call('HGET', KEYS[3], ACTOR) or '') ~= ARGV[9] then return 0 end
redis.call('HSET', KEYS[1], ARGV[4], ARGV[6])
if ARGV[10] == '' then
  redis.call('SADD', KEYS[4], ARGV[4])
  redis.call('ZREM', KEYS[5], ARGV[4])
  redis.call('ZREM', KEYS[6], ARGV[4])
else
  redis.call('SREM', KEYS[4], ARGV[4])
  redis.call('ZADD', KEYS[5], ARGV[10], ARGV[4])
  redis.call('ZADD', KEYS[6], ARGV[10], ARGV[4])
end
audit(KEYS[7], ARGV[11], ARGV[12], ARGV[13], ARGV[14])
return 1
`;

/**
 * KEYS findings, group, closed findings, then each unit's closed findings. ARGV the unit keys, in
 * the order of those KEYS. Indexes every closed finding (and every `done` one stored before
 * verification existed) by its closing time, reading the records inside the script so that no
 * step written meanwhile is indexed on a stale read, and marks the index complete. Runs once per
 * group whose findings predate the index. Returns how many it indexed.
 */
const INDEX_CLOSED = `
local unitKeys = {}
for i = 1, #ARGV do unitKeys[ARGV[i]] = KEYS[i + 3] end
local all = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #all, 2 do
  local ok, f = pcall(cjson.decode, all[i + 1])
  if ok and type(f) == 'table' and (f.status == 'closed' or f.status == 'done') then
    local at = tonumber(f.closedAt) or tonumber(f.doneAt) or tonumber(f.createdAt) or 0
    redis.call('ZADD', KEYS[3], at, all[i])
    local unit = unitKeys[f.unitKey]
    if unit then redis.call('ZADD', unit, at, all[i]) end
    n = n + 1
  end
end
redis.call('HSET', KEYS[2], 'closedIndexed', '1')
return n
`;

const SCRIPTS = {
  ddCreateGroup: CREATE_GROUP,
  ddCasField: CAS_FIELD,
  ddPutUnit: PUT_UNIT,
  ddImportUnits: IMPORT_UNITS,
  ddPutMembers: PUT_MEMBERS,
  ddRemoveMember: REMOVE_MEMBER,
  ddUndoActivity: UNDO_ACTIVITY,
  ddUpdateFinding: UPDATE_FINDING,
  ddIndexClosed: INDEX_CLOSED,
  ddAddActivity: ADD_ACTIVITY,
  ddAddFinding: ADD_FINDING,
  ddUnitSummaries: UNIT_SUMMARIES,
  ddDatedIds: DATED_IDS,
  ddUnitsSince: UNITS_SINCE,
  ddGroupForChannel: GROUP_FOR_CHANNEL,
  ddDeliveryClaim: DELIVERY_CLAIM,
  ddDeliverySent: DELIVERY_SENT,
  ddDeliverySettle: DELIVERY_SETTLE,
  ddSnoozeOnce: SNOOZE_ONCE,
  ddTakeDmSlot: TAKE_DM_SLOT,
  ddThreadClaim: THREAD_CLAIM,
  ddThreadRoot: THREAD_ROOT,
  ddThreadTakeOver: THREAD_TAKE_OVER,
  ddThreadRelease: THREAD_RELEASE,
  ddAdmitRequest: ADMIT_REQUEST,
  ddTakeLock: TAKE_LOCK,
  ddReleaseLock: RELEASE_LOCK,
  ddClaimHomeRefresh: CLAIM_HOME_REFRESH,
  ddSaveRefreshed: SAVE_REFRESHED,
  ddDeleteInstallation: DELETE_INSTALLATION,
  ddDeactivateInstallation: DEACTIVATE_INSTALLATION,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

type ScriptCommand<Context extends { type: 'default' | 'pipeline' }> = (
  numKeys: number,
  ...keysAndArgs: (string | number)[]
) => Result<unknown, Context>;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    ddCreateGroup: ScriptCommand<Context>;
    ddCasField: ScriptCommand<Context>;
    ddPutUnit: ScriptCommand<Context>;
    ddImportUnits: ScriptCommand<Context>;
    ddPutMembers: ScriptCommand<Context>;
    ddRemoveMember: ScriptCommand<Context>;
    ddUndoActivity: ScriptCommand<Context>;
    ddUpdateFinding: ScriptCommand<Context>;
    ddIndexClosed: ScriptCommand<Context>;
    ddAddActivity: ScriptCommand<Context>;
    ddAddFinding: ScriptCommand<Context>;
    ddUnitSummaries: ScriptCommand<Context>;
    ddDatedIds: ScriptCommand<Context>;
    ddUnitsSince: ScriptCommand<Context>;
    ddGroupForChannel: ScriptCommand<Context>;
    ddDeliveryClaim: ScriptCommand<Context>;
    ddDeliverySent: ScriptCommand<Context>;
    ddDeliverySettle: ScriptCommand<Context>;
    ddSnoozeOnce: ScriptCommand<Context>;
    ddTakeDmSlot: ScriptCommand<Context>;
    ddThreadClaim: ScriptCommand<Context>;
    ddThreadRoot: ScriptCommand<Context>;
    ddThreadTakeOver: ScriptCommand<Context>;
    ddThreadRelease: ScriptCommand<Context>;
    ddAdmitRequest: ScriptCommand<Context>;
    ddTakeLock: ScriptCommand<Context>;
    ddReleaseLock: ScriptCommand<Context>;
    ddClaimHomeRefresh: ScriptCommand<Context>;
    ddSaveRefreshed: ScriptCommand<Context>;
    ddDeleteInstallation: ScriptCommand<Context>;
    ddDeactivateInstallation: ScriptCommand<Context>;
  }
}

/**
 * Registers the scripts on a client (EVALSHA, falling back to EVAL once per connection). Every
 * Lua script the store runs is in SCRIPTS: nothing calls EVAL directly.
 */
export function defineScripts(redis: RedisClient): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { lua });
  }
  // On a cluster each node caches scripts of its own. A script that follows an ASK (its slot half
  // moved) to a node without it falls back to EVAL without the ASKING that allowed it there, and is
  // sent back: loaded on every node as it joins, EVALSHA is found wherever the slot is.
  if (isCluster(redis)) {
    redis.on('+node', (node: Redis) => {
      for (const lua of Object.values(SCRIPTS)) node.script('LOAD', lua).catch(() => {});
    });
  }
}

/** Runs a script with its KEYS and ARGV; the number of keys is passed for the caller. */
export function runScript(
  redis: RedisClient,
  name: ScriptName,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  return redis[name](keys.length, ...keys, ...args);
}
