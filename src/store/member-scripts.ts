import { AUDIT } from './lua-parts';

/**
 * Lua of the membership writes. The rules that concurrent commands could break are checked here,
 * on what is stored at the moment of the write, not on what the handler read a moment before:
 * - a group that has a leader keeps one: a write that would leave none answers 'last_leader';
 * - only a leader or a deputy changes the members at all, else 'forbidden';
 * - only a leader makes a leader, changes a leader's role or removes a leader, else 'leader_only'.
 *   A group that has no leader (left so by data older than these rules) lets a deputy name one,
 *   so that it is never stuck.
 * The caller's role is read here: they may have been demoted a moment ago.
 * Nothing is written when a write is refused.
 */

/** `leaders(members)`: how many members hold the role leader. */
const LEADERS = `
local function leaders(members)
  local n = 0
  for _, role in ipairs(redis.call('HVALS', members)) do
    if role == 'leader' then n = n + 1 end
  end
  return n
end
`;

/**
 * KEYS members, audit, then each listed user's groups set. ARGV audit header, groupId, then
 * user id, role pairs (each user once). 'ok' | 'forbidden' | 'leader_only' | 'last_leader'.
 */
export const PUT_MEMBERS = `${AUDIT}${LEADERS}
local callerRole = redis.call('HGET', KEYS[1], ACTOR)
if callerRole ~= 'leader' and callerRole ~= 'deputy' then return 'forbidden' end
local had = leaders(KEYS[1])
local callerLeads = callerRole == 'leader' or had == 0
local left = had
local changes = {}
for j = 0, (#ARGV - 4) / 2 - 1 do
  local uid, role = ARGV[5 + 2 * j], ARGV[6 + 2 * j]
  local old = redis.call('HGET', KEYS[1], uid)
  if old ~= role then
    if (old == 'leader' or role == 'leader') and not callerLeads then return 'leader_only' end
    if old == 'leader' then left = left - 1 end
    if role == 'leader' then left = left + 1 end
    changes[#changes + 1] = {j, uid, role, old}
  end
end
if had > 0 and left == 0 then return 'last_leader' end
for _, c in ipairs(changes) do
  local j, uid, role, old = c[1], c[2], c[3], c[4]
  redis.call('HSET', KEYS[1], uid, role)
  redis.call('SADD', KEYS[3 + j], ARGV[4])
  local before, action = 'null', 'member_add'
  if old then before, action = '{"role":"' .. old .. '"}', 'member_role' end
  audit(KEYS[2], action, 'member:' .. uid, before, '{"role":"' .. role .. '"}')
end
return 'ok'
`;

/**
 * KEYS members, user's groups set, units, audit, group. ARGV audit header, groupId, user id, the
 * units' new version (unit-cache.ts), then (unit key, expected JSON, new JSON, audit before, audit
 * after) for every unit the user is liaison of. 'removed' | 'not_member' | 'forbidden' | 'leader_only' | 'last_leader' | 'retry' (units changed,
 * including a unit not listed that names the user).
 */
export const REMOVE_MEMBER = `${AUDIT}${LEADERS}
local uid = ARGV[5]
local callerRole = redis.call('HGET', KEYS[1], ACTOR)
if callerRole ~= 'leader' and callerRole ~= 'deputy' then return 'forbidden' end
local old = redis.call('HGET', KEYS[1], uid)
if not old then return 'not_member' end
if old == 'leader' then
  if callerRole ~= 'leader' then return 'leader_only' end
  if leaders(KEYS[1]) <= 1 then return 'last_leader' end
end
local listed = {}
for i = 7, #ARGV, 5 do
  if redis.call('HGET', KEYS[3], ARGV[i]) ~= ARGV[i + 1] then return 'retry' end
  listed[ARGV[i]] = true
end
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #all, 2 do
  if not listed[all[i]] then
    local ok, unit = pcall(cjson.decode, all[i + 1])
    if ok and type(unit) == 'table' and type(unit.liaisons) == 'table' then
      for _, l in ipairs(unit.liaisons) do
        if l == uid then return 'retry' end
      end
    end
  end
end
redis.call('HDEL', KEYS[1], uid)
redis.call('SREM', KEYS[2], ARGV[4])
audit(KEYS[4], 'member_remove', 'member:' .. uid, '{"role":"' .. old .. '"}', 'null')
if #ARGV >= 7 then redis.call('HSET', KEYS[5], 'unitsVer', ARGV[6]) end
for i = 7, #ARGV, 5 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 2])
  audit(KEYS[4], 'unit_update', 'unit:' .. ARGV[i], ARGV[i + 3], ARGV[i + 4])
end
return 'removed'
`;
