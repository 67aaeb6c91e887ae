import type { Redis, Result } from 'ioredis';
import { ADD_ACTIVITY, UNIT_SUMMARIES } from './hot-scripts';
import { DELIVERY_CLAIM, DELIVERY_SENT, DELIVERY_SETTLE, SNOOZE_ONCE } from './job-scripts';

/**
 * Lua for every check-and-write. Each script receives all the keys it touches in KEYS (all under
 * one team's hash tag), so it runs unchanged on Redis Cluster. JSON is built and read in
 * TypeScript; a script compares the record it was given with the stored one and answers 0 or -1
 * when something changed meanwhile, and the caller reads again (see `retryOnConflict`).
 */

const AUDIT = `
local function audit(stream, at, actor, action, target, before, after)
  redis.call('XADD', stream, '*', 'at', at, 'actor', actor, 'action', action,
    'target', target, 'before', before, 'after', after)
end
`;

/** KEYS channel, group, members, creator's groups, audit. ARGV groupId, group JSON, creator, at, actor. 1 | 0 (taken). */
const CREATE_GROUP = `${AUDIT}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'record', ARGV[2])
redis.call('HSET', KEYS[3], ARGV[3], 'leader')
redis.call('SADD', KEYS[4], ARGV[1])
audit(KEYS[5], ARGV[4], ARGV[5], 'group_create', 'group:' .. ARGV[1], 'null', ARGV[2])
audit(KEYS[5], ARGV[4], ARGV[5], 'member_add', 'member:' .. ARGV[3], 'null', '{"role":"leader"}')
return 1
`;

/** KEYS hash, audit. ARGV field, expected, new, at, actor, action, target, before, after. 1 | 0 (changed). */
const CAS_FIELD = `${AUDIT}
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
audit(KEYS[2], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9])
return 1
`;

/**
 * KEYS units, unit order, members, audit, then each liaison's groups set.
 * ARGV unit key, expected JSON ('' to create), new JSON, groupId, at, actor, action, target, liaison ids…
 * Liaisons who are not members join as 'liaison'. 1 | 0 (exists when creating, changed otherwise).
 */
const PUT_UNIT = `${AUDIT}
if ARGV[2] == '' then
  if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3]) == 0 then return 0 end
  redis.call('RPUSH', KEYS[2], ARGV[1])
else
  if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
local before = 'null'
if ARGV[2] ~= '' then before = ARGV[2] end
audit(KEYS[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], before, ARGV[3])
for i = 9, #ARGV do
  if redis.call('HSETNX', KEYS[3], ARGV[i], 'liaison') == 1 then
    redis.call('SADD', KEYS[i - 4], ARGV[4])
    audit(KEYS[4], ARGV[5], ARGV[6], 'member_add', 'member:' .. ARGV[i], 'null', '{"role":"liaison"}')
  end
end
return 1
`;

/** KEYS members, audit, then each member's groups set. ARGV groupId, at, actor, then user id, role pairs. */
const PUT_MEMBERS = `${AUDIT}
for j = 0, (#ARGV - 3) / 2 - 1 do
  local uid, role = ARGV[4 + 2 * j], ARGV[5 + 2 * j]
  local old = redis.call('HGET', KEYS[1], uid)
  if old ~= role then
    redis.call('HSET', KEYS[1], uid, role)
    redis.call('SADD', KEYS[3 + j], ARGV[1])
    local before, action = 'null', 'member_add'
    if old then before, action = '{"role":"' .. old .. '"}', 'member_role' end
    audit(KEYS[2], ARGV[2], ARGV[3], action, 'member:' .. uid, before, '{"role":"' .. role .. '"}')
  end
end
return 1
`;

/**
 * KEYS members, user's groups set, units, audit. ARGV groupId, user id, at, actor, then
 * (unit key, expected JSON, new JSON) for every unit the user is liaison of.
 * 1 | 0 (not a member) | -1 (units changed, including a unit not listed that names the user).
 */
const REMOVE_MEMBER = `${AUDIT}
local old = redis.call('HGET', KEYS[1], ARGV[2])
if not old then return 0 end
local listed = {}
for i = 5, #ARGV, 3 do
  if redis.call('HGET', KEYS[3], ARGV[i]) ~= ARGV[i + 1] then return -1 end
  listed[ARGV[i]] = true
end
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #all, 2 do
  if not listed[all[i]] then
    local ok, unit = pcall(cjson.decode, all[i + 1])
    if ok and type(unit) == 'table' and type(unit.liaisons) == 'table' then
      for _, l in ipairs(unit.liaisons) do
        if l == ARGV[2] then return -1 end
      end
    end
  end
end
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('SREM', KEYS[2], ARGV[1])
audit(KEYS[4], ARGV[3], ARGV[4], 'member_remove', 'member:' .. ARGV[2], '{"role":"' .. old .. '"}', 'null')
for i = 5, #ARGV, 3 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 2])
  audit(KEYS[4], ARGV[3], ARGV[4], 'unit_update', 'unit:' .. ARGV[i], ARGV[i + 1], ARGV[i + 2])
end
return 1
`;

/**
 * KEYS user's undo index, activities, unit's activities, activities by date, audit.
 * ARGV padded id, expected JSON, oldest createdAt allowed, at, actor, target.
 * The JSON removed | 0 (nothing to undo) | -1 (the user's latest activity changed).
 */
const UNDO_ACTIVITY = `${AUDIT}
local top = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return 0 end
if top[1] ~= ARGV[1] then return -1 end
if tonumber(top[2]) < tonumber(ARGV[3]) then return 0 end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return -1 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
audit(KEYS[5], ARGV[4], ARGV[5], 'activity_undo', ARGV[6], ARGV[2], 'null')
return ARGV[2]
`;

/**
 * KEYS findings, unit's open findings, audit. ARGV id, expected JSON, new JSON, at, actor, target.
 * 1 | 0 (changed) | -1 (not open).
 */
const CLOSE_FINDING = `${AUDIT}
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
audit(KEYS[3], ARGV[4], ARGV[5], 'finding_done', ARGV[6], ARGV[2], ARGV[3])
return 1
`;

const SCRIPTS = {
  ddCreateGroup: CREATE_GROUP,
  ddCasField: CAS_FIELD,
  ddPutUnit: PUT_UNIT,
  ddPutMembers: PUT_MEMBERS,
  ddRemoveMember: REMOVE_MEMBER,
  ddUndoActivity: UNDO_ACTIVITY,
  ddCloseFinding: CLOSE_FINDING,
  ddAddActivity: ADD_ACTIVITY,
  ddUnitSummaries: UNIT_SUMMARIES,
  ddDeliveryClaim: DELIVERY_CLAIM,
  ddDeliverySent: DELIVERY_SENT,
  ddDeliverySettle: DELIVERY_SETTLE,
  ddSnoozeOnce: SNOOZE_ONCE,
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
    ddPutMembers: ScriptCommand<Context>;
    ddRemoveMember: ScriptCommand<Context>;
    ddUndoActivity: ScriptCommand<Context>;
    ddCloseFinding: ScriptCommand<Context>;
    ddAddActivity: ScriptCommand<Context>;
    ddUnitSummaries: ScriptCommand<Context>;
    ddDeliveryClaim: ScriptCommand<Context>;
    ddDeliverySent: ScriptCommand<Context>;
    ddDeliverySettle: ScriptCommand<Context>;
    ddSnoozeOnce: ScriptCommand<Context>;
  }
}

/**
 * Registers the scripts on a client (EVALSHA, falling back to EVAL once per connection). Every
 * Lua script the store runs is in SCRIPTS: nothing calls EVAL directly.
 */
export function defineScripts(redis: Redis): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { lua });
  }
}

/** Runs a script with its KEYS and ARGV; the number of keys is passed for the caller. */
export function runScript(
  redis: Redis,
  name: ScriptName,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  return redis[name](keys.length, ...keys, ...args);
}
