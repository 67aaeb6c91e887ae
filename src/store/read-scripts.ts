import { WEEK_MEMBER_FACTOR } from './activity-form';

/**
 * Lua of reads that would otherwise be several commands, or two forms of one index read together.
 * Every key comes in KEYS (one team's hash tag).
 */

/**
 * KEYS the date index of earlier versions, then week sets. ARGV first and last day number, '1' to
 * count only, then the week number of each week set, in the order of KEYS. The activities dated
 * in the range, from both indexes: flat `{day, id, day, id, …}` in no particular order, or their number.
 */
export const DATED_IDS = `
local from, to, countOnly = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local out, n = {}, 0
local old = redis.call('ZRANGEBYSCORE', KEYS[1], from, to, 'WITHSCORES')
for i = 1, #old, 2 do
  n = n + 1
  if not countOnly then
    out[#out + 1] = tonumber(old[i + 1])
    out[#out + 1] = tonumber(old[i])
  end
end
for k = 2, #KEYS do
  local monday = tonumber(ARGV[k + 2]) * 7 - 3
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[k])) do
    local v = tonumber(m)
    local offset = math.floor(v / ${WEEK_MEMBER_FACTOR})
    local day = monday + offset
    if day >= from and day <= to then
      n = n + 1
      if not countOnly then
        out[#out + 1] = day
        out[#out + 1] = v - offset * ${WEEK_MEMBER_FACTOR}
      end
    end
  end
end
if countOnly then return n end
return out
`;

/**
 * KEYS group, units, unit order. ARGV the version of the caller's cached units ('' for none), a new
 * version to give units that have none yet (written before versions existed). `{version}` when the
 * cached units are current, else `{version, units as HGETALL, order}`; version '' when the group is
 * gone (nothing is written then).
 */
export const UNITS_SINCE = `
local version = redis.call('HGET', KEYS[1], 'unitsVer')
if not version then
  if redis.call('HEXISTS', KEYS[1], 'record') == 1 then
    redis.call('HSET', KEYS[1], 'unitsVer', ARGV[2])
    version = ARGV[2]
  else
    version = ''
  end
end
if version ~= '' and version == ARGV[1] then return {version} end
return {version, redis.call('HGETALL', KEYS[2]), redis.call('LRANGE', KEYS[3], 0, -1)}
`;

/**
 * KEYS channel binding, group, members. ARGV the user id. What a command reads first, as one
 * command: `{group id the channel is bound to, group JSON, the user's role, units version}`, each
 * '' when missing.
 */
export const GROUP_FOR_CHANNEL = `
return {
  redis.call('GET', KEYS[1]) or '',
  redis.call('HGET', KEYS[2], 'record') or '',
  redis.call('HGET', KEYS[3], ARGV[1]) or '',
  redis.call('HGET', KEYS[2], 'unitsVer') or '',
}
`;
