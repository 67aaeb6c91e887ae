/**
 * Lua for the week threads of groups that post in threads (src/store/week-threads.ts). One hash a
 * group and week: `owner` (the delivery posting the week's first message), `at` and `until` (when
 * its claim was made and ends, Redis ms), `ts` (the first message, once known). Each script
 * touches that one key.
 */

/** Redis's own clock, as the delivery ledger uses it, so that workers with skewed clocks agree. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS thread. ARGV owner, lease ms, ttl s. {'reply', ts} when the first message is known;
 * {'root', ''} when the caller is (still) to post it; {'busy', ms left} while another delivery's
 * claim lasts; {'stale', owner, at} when it ended and no message is known.
 */
export const THREAD_CLAIM = `${NOW}
local ts = redis.call('HGET', KEYS[1], 'ts')
if ts then return {'reply', ts} end
local owner = redis.call('HGET', KEYS[1], 'owner')
if (not owner) or owner == ARGV[1] then
  redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'at', now, 'until', now + tonumber(ARGV[2]))
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  return {'root', ''}
end
local left = tonumber(redis.call('HGET', KEYS[1], 'until') or '0') - now
if left > 0 then return {'busy', tostring(left)} end
return {'stale', owner, redis.call('HGET', KEYS[1], 'at') or '0'}`;

/** KEYS thread. ARGV owner, ts, ttl s. Records the first message of `owner`'s claim. 1 | 0 (not its claim, or known). */
export const THREAD_ROOT = `
if redis.call('HGET', KEYS[1], 'ts') then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'ts', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * KEYS thread. ARGV expected owner, expected at, new owner, lease ms. Takes over a stale claim, only
 * if nobody renewed it or recorded a message since it was read. 1 | 0.
 */
export const THREAD_TAKE_OVER = `${NOW}
if redis.call('HGET', KEYS[1], 'ts') then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'at') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[3], 'at', now, 'until', now + tonumber(ARGV[4]))
return 1`;

/** KEYS thread. ARGV owner. Drops `owner`'s claim when it surely posted nothing and no message is known. */
export const THREAD_RELEASE = `
if redis.call('HGET', KEYS[1], 'ts') then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;
