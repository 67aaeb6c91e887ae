import { AUDIT, MEMBERS_ONLY, ONCE_PER_REQUEST } from './lua-parts';

/**
 * Lua for the hot paths, logging (and raising a finding, its twin) and status: each is one round
 * trip and one command for ioredis to encode and parse, whatever the number of units. All keys
 * come in KEYS (one team's hash tag), so they run unchanged on Redis Cluster.
 */

/**
 * KEYS group, activities, unit's activities, activities by date, user's undo index, audit, members,
 * then the request key when the write carries a request id. ARGV audit header, activity JSON
 * beginning `{"id":0,`, day number, createdAt, undo index horizon, undo index ttl ms, request ttl ms.
 * Unless this request already logged it, checks that the actor is a member, takes the next id,
 * stores and indexes the activity and audits it.
 * `{'created', id}` | `{'repeat', id, stored JSON or ''}` | `{'not_member', group JSON, a leader}`.
 */
export const ADD_ACTIVITY = `${AUDIT}${ONCE_PER_REQUEST}${MEMBERS_ONLY}
local prev = earlier(KEYS[8], 'activity')
if prev then
  return {'repeat', prev, redis.call('HGET', KEYS[2], string.format('%012d', tonumber(prev))) or ''}
end
local refused = refusedNonMember(KEYS[7], KEYS[1])
if refused then return refused end
local id = redis.call('HINCRBY', KEYS[1], 'actSeq', 1)
local member = string.format('%012d', id)
local json = '{"id":' .. id .. string.sub(ARGV[4], 8)
redis.call('HSET', KEYS[2], member, json)
redis.call('ZADD', KEYS[3], ARGV[5], member)
redis.call('ZADD', KEYS[4], ARGV[5], member)
redis.call('ZADD', KEYS[5], ARGV[6], member)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[7])
redis.call('PEXPIRE', KEYS[5], ARGV[8])
audit(KEYS[6], 'activity_add', 'activity:' .. id, 'null', 'null')
remember(KEYS[8], 'activity', id, ARGV[9])
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
 * KEYS per unit: its activities, its open findings (2 keys a unit). ARGV first and last day
 * number of the week. Returns per unit: last contact day ('' when none), the week's count, open findings.
 */
export const UNIT_SUMMARIES = `
local out = {}
for i = 1, #KEYS, 2 do
  local top = redis.call('ZREVRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  out[#out + 1] = top[2] or ''
  out[#out + 1] = redis.call('ZCOUNT', KEYS[i], ARGV[1], ARGV[2])
  out[#out + 1] = redis.call('SCARD', KEYS[i + 1])
end
return out
`;
