/**
 * Lua for the request guards (src/store/guards.ts): a trigger_id taken once, the per-user command
 * allowance, per-group locks. All keys come in KEYS, in one team's slot, so each runs unchanged
 * on Redis Cluster. Each holder writes a random token of its own, so that a script ioredis sends
 * again after a reconnect (the first run may have happened) recognises its own earlier write.
 */

/**
 * KEYS trigger claim[, user's command counter]. ARGV token, claim ttl s[, limit, window ms].
 * 'ok' (claimed now, or already with this token) | 'duplicate' (another delivery took it) |
 * 'slow_down' (over the limit: nothing claimed). A duplicate spends nothing of the allowance.
 */
export const ADMIT_REQUEST = `
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then return 'ok' end
if held then return 'duplicate' end
if KEYS[2] then
  local n = redis.call('INCR', KEYS[2])
  if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
  if n > tonumber(ARGV[3]) then return 'slow_down' end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 'ok'
`;

/** KEYS lock. ARGV token, ttl ms. 1 (taken now, or already with this token) | 0 (someone else holds it). */
export const TAKE_LOCK = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`;

/** KEYS lock. ARGV token. Deletes the lock only while this token holds it: 1 | 0. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
