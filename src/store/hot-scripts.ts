import { WEEK_MEMBER_FACTOR } from './activity-form';
import { AUDIT, MEMBERS_ONLY, ONCE_PER_REQUEST, UNIT_TALLIES } from './lua-parts';

/**
 * Lua for the hot paths, logging (and raising a finding, its twin) and status: each is one round
 * trip and one command for ioredis to encode and parse, whatever the number of units. All keys
 * come in KEYS (one team's hash tag), so they run unchanged on Redis Cluster.
 */

/**
 * KEYS group, activities, unit's activities, week set, weeks set, user's undo index, audit, members,
 * units' last contacts, the week's counts per unit, then the request key when the write carries a
 * request id. ARGV audit header, stored form (activity-form.ts), day number, createdAt, undo index
 * horizon, undo index ttl ms, request ttl ms, weekday offset of the date, its week number, undo
 * index size, unit key, week counts ttl ms.
 * Unless this request already logged it, checks that the actor is a member, takes the next id,
 * stores and indexes the activity, keeps the unit's tallies and audits it.
 * `{'created', id}` | `{'repeat', id, stored form or ''}` | `{'not_member', group JSON, a leader}`.
 */
export const ADD_ACTIVITY = `${AUDIT}${ONCE_PER_REQUEST}${MEMBERS_ONLY}${UNIT_TALLIES}
local prev = earlier(KEYS[11], 'activity')
if prev then
  return {'repeat', prev, redis.call('HGET', KEYS[2], string.format('%012d', tonumber(prev))) or ''}
end
local refused = refusedNonMember(KEYS[8], KEYS[1])
if refused then return refused end
local id = redis.call('HINCRBY', KEYS[1], 'actSeq', 1)
if id >= ${WEEK_MEMBER_FACTOR} then
  error('dudao: a group holds at most ${WEEK_MEMBER_FACTOR - 1} activities')
end
local member = string.format('%012d', id)
redis.call('HSET', KEYS[2], member, ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[5], member)
redis.call('SADD', KEYS[4], string.format('%d', tonumber(ARGV[10]) * ${WEEK_MEMBER_FACTOR} + id))
redis.call('SADD', KEYS[5], ARGV[11])
redis.call('ZADD', KEYS[6], ARGV[6], member)
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. ARGV[7])
redis.call('ZREMRANGEBYRANK', KEYS[6], 0, -1 - tonumber(ARGV[12]))
redis.call('PEXPIRE', KEYS[6], ARGV[8])
tallyAdded(KEYS[3], KEYS[9], KEYS[10], ARGV[13], ARGV[5], tonumber(ARGV[11]) * 7 - 3, ARGV[14])
audit(KEYS[7], 'activity_add', 'activity:' .. id, 'null', 'null')
remember(KEYS[11], 'activity', id, ARGV[9])
return {'created', id}
`;

/**
 * KEYS group, findings, unit's open findings, audit, members, then the request key when the write
 * carries a request id. ARGV audit header, finding JSON beginning `{"id":0,`, request ttl ms.
 * As ADD_ACTIVITY: `{'created', id}` | `{'repeat', id, stored JSON or ''}` | `{'not_member', …}`.
 */
export const ADD_FINDING = `${AUDIT}${ONCE_PER_REQUEST}${MEMBERS_ONLY}
local prev = earlier(KEYS[6], 'finding')
if prev then return {'repeat', prev, redis.call('HGET', KEYS[2], prev) or ''} end
local refused = refusedNonMember(KEYS[5], KEYS[1])
if refused then return refused end
local id = redis.call('HINCRBY', KEYS[1], 'findingSeq', 1)
redis.call('HSET', KEYS[2], id, '{"id":' .. id .. string.sub(ARGV[4], 8))
redis.call('SADD', KEYS[3], id)
audit(KEYS[4], 'finding_add', 'finding:' .. id, 'null', 'null')
remember(KEYS[6], 'finding', id, ARGV[5])
return {'created', id}
`;

/**
 * KEYS group, units' last contacts, the week's counts per unit, then each unit's open findings, then
 * (when given) each unit's activities. ARGV first and last day number of the range, the version of
 * the units the keys were built from ('' not to check), '1' when the range is the week of those
 * counts, their ttl ms, the unit keys separated by spaces (a unit key holds none: domain/ids.ts).
 * Returns one string, per unit `last contact day ('' when none),the range's count,open findings`
 * joined by commas; nil when the units have changed since that version; 0, having written nothing,
 * when a tally lacks a unit and the activities were not given. A unit missing from a tally is counted
 * from its index and added to it. The indexes are seldom needed (a new week, a new unit), and for 50
 * units ioredis spent more on their 50 keys, the units as 50 arguments and 150 replies than the
 * script itself took; hence the optional keys, one argument and one reply.
 */
export const UNIT_SUMMARIES = `${UNIT_TALLIES}
if ARGV[3] ~= '' and redis.call('HGET', KEYS[1], 'unitsVer') ~= ARGV[3] then return false end
local units = {}
for key in string.gmatch(ARGV[6], '[^ ]+') do units[#units + 1] = key end
local n = #units
if n == 0 then return '' end
local indexed = #KEYS == 3 + 2 * n
local weekly = ARGV[4] == '1'
-- HGETALL and a table: HMGET of many fields scans a small hash once per field.
local function asTable(flat)
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end
local lasts = asTable(redis.call('HGETALL', KEYS[2]))
local counts = weekly and asTable(redis.call('HGETALL', KEYS[3])) or {}
if not indexed then
  if not weekly then return 0 end
  for i = 1, n do
    if not lasts[units[i]] or not counts[units[i]] then return 0 end
  end
end
local filled = false
local out = {}
for i = 1, n do
  local index = KEYS[3 + n + i]
  local last = lasts[units[i]]
  if not last then
    last = lastInIndex(index)
    redis.call('HSET', KEYS[2], units[i], last)
  end
  local count = counts[units[i]]
  if not count then
    count = redis.call('ZCOUNT', index, ARGV[1], ARGV[2])
    if weekly then
      redis.call('HSET', KEYS[3], units[i], count)
      filled = true
    end
  end
  out[#out + 1] = last
  out[#out + 1] = tonumber(count)
  out[#out + 1] = redis.call('SCARD', KEYS[3 + i])
end
if filled then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
return table.concat(out, ',')
`;
