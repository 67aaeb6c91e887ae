/**
 * Lua for the scheduled work's state: the delivery ledger and snoozed pings. Each script touches
 * one key, given in KEYS, so it runs unchanged on Redis Cluster.
 */

/** Redis's own clock, so that workers with skewed clocks agree on leases. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS delivery record. ARGV owner, lease ms, ttl s. Takes the record unless it is sent, failed or
 * held by a live lease. Returns {state, first claim ms | ms left of the lease}.
 */
export const DELIVERY_CLAIM = `${NOW}
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'sent' or state == 'failed' then return {state, 0} end
local outcome = 'fresh'
if state == 'claimed' then
  local lease = tonumber(redis.call('HGET', KEYS[1], 'lease') or '0')
  if lease > now then return {'busy', lease - now} end
  outcome = 'uncertain'
end
if not state then redis.call('HSET', KEYS[1], 'first', now) end
redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'lease', now + tonumber(ARGV[2]))
redis.call('HINCRBY', KEYS[1], 'claims', 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {outcome, tonumber(redis.call('HGET', KEYS[1], 'first'))}`;

/**
 * KEYS delivery record. ARGV owner, ttl s, channel, ts. Recorded even if the lease was lost
 * meanwhile: the message is out. 'ok' | 'already' | 'lease_lost'.
 */
export const DELIVERY_SENT = `${NOW}
if redis.call('HGET', KEYS[1], 'state') == 'sent' then return 'already' end
local mine = redis.call('HGET', KEYS[1], 'owner') == ARGV[1]
redis.call('HSET', KEYS[1], 'state', 'sent', 'at', now, 'channel', ARGV[3], 'ts', ARGV[4])
redis.call('HDEL', KEYS[1], 'owner', 'lease')
redis.call('EXPIRE', KEYS[1], ARGV[2])
if mine then return 'ok' end
return 'lease_lost'`;

/** KEYS delivery record. ARGV owner, ttl s, how (released | unknown | failed), error. Only the lease holder may settle. */
export const DELIVERY_SETTLE = `if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= 'claimed' then
  return 0
end
if ARGV[3] == 'released' then
  redis.call('HSET', KEYS[1], 'state', 'released')
  redis.call('HDEL', KEYS[1], 'owner', 'lease')
elseif ARGV[3] == 'unknown' then
  redis.call('HSET', KEYS[1], 'lease', 0)
else
  redis.call('HSET', KEYS[1], 'state', 'failed', 'error', ARGV[4])
  redis.call('HDEL', KEYS[1], 'owner', 'lease')
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * KEYS snoozes hash. ARGV field, `until|period|contact`, now ms, period. Keeps the current snooze
 * when the same ping is snoozed again while it runs (a double click or a retried request), so two
 * clicks record one snooze. Returns the stored value.
 */
export const SNOOZE_ONCE = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then
  local u, p = string.match(cur, '^(%d+)|([^|]*)|')
  if u and tonumber(u) > tonumber(ARGV[3]) and p == ARGV[4] then return cur end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]`;
