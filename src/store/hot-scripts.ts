/**
 * Lua for the two hot paths, logging and status: each is one round trip and one command for
 * ioredis to encode and parse, whatever the number of units. All keys come in KEYS (one team's
 * hash tag), so both run unchanged on Redis Cluster.
 */

/**
 * KEYS group, activities, unit's activities, activities by date, user's undo index, audit.
 * ARGV activity JSON beginning `{"id":0,`, day number, createdAt, undo index horizon, undo index ttl ms,
 * at, actor. Takes the next id, stores and indexes the activity, audits it. Returns the id.
 */
export const ADD_ACTIVITY = `
local id = redis.call('HINCRBY', KEYS[1], 'actSeq', 1)
local member = string.format('%012d', id)
local json = '{"id":' .. id .. string.sub(ARGV[1], 8)
redis.call('HSET', KEYS[2], member, json)
redis.call('ZADD', KEYS[3], ARGV[2], member)
redis.call('ZADD', KEYS[4], ARGV[2], member)
redis.call('ZADD', KEYS[5], ARGV[3], member)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[4])
redis.call('PEXPIRE', KEYS[5], ARGV[5])
redis.call('XADD', KEYS[6], '*', 'at', ARGV[6], 'actor', ARGV[7], 'action', 'activity_add',
  'target', 'activity:' .. id, 'before', 'null', 'after', json)
return id
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
