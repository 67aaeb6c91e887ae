/**
 * Lua for the per-workspace DM pace (src/store/dm-pace.ts). Both keys are the team's, in its slot,
 * so it runs unchanged on Redis Cluster; timed by Redis's own clock, so that workers with skewed
 * clocks keep one pace.
 */

/**
 * KEYS sends of the window, places. ARGV dm id, this call's token, max, window ms, how long a place
 * is kept ms. 0 (go: counted as sent now) | the ms to wait.
 *
 * A send is granted only while fewer than `max` sends lie in the last `window` ms: that is the
 * pace, whatever else happens. A DM without a place is given the first time at which the sends and
 * the places given before it leave room (at most `max` in any window) and told to come back then;
 * back at or after its place, it goes as soon as the window has room. So a burst of N DMs costs
 * each DM about two runs, not N / max. A send already granted to this token (ioredis re-sending
 * the script after a reconnect) is a go again.
 */
export const TAKE_DM_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max, window, kept = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - kept)
local sent = redis.call('ZCARD', KEYS[1])
local function go()
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local function untilRoom()
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
local place = redis.call('ZSCORE', KEYS[2], ARGV[1])
if place then
  place = tonumber(place)
  if place > now then return place - now end
  if sent < max then return go() end
  return untilRoom()
end
-- The max-th latest of the sends in the window and the places from the window's start on.
local times = {}
local sends = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 2, #sends, 2 do times[#times + 1] = tonumber(sends[i]) end
local placed = redis.call('ZREVRANGEBYSCORE', KEYS[2], '+inf', '(' .. (now - window), 'WITHSCORES', 'LIMIT', 0, max)
for i = 2, #placed, 2 do times[#times + 1] = tonumber(placed[i]) end
local at = now
if #times >= max then
  table.sort(times, function(a, b) return a > b end)
  at = math.max(now, times[max] + window)
end
if at <= now then
  if sent < max then return go() end
  at = now + untilRoom()
end
redis.call('ZADD', KEYS[2], at, ARGV[1])
if redis.call('PTTL', KEYS[2]) < at - now + kept then redis.call('PEXPIRE', KEYS[2], at - now + kept) end
return at - now
`;
