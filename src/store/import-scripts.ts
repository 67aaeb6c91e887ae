import { AUDIT, MANAGERS_ONLY, MEMBERS_ONLY, ONCE_PER_REQUEST } from './lua-parts';

/**
 * KEYS units, unit order, members, audit, group, request key, then each liaison's groups set.
 * ARGV audit header, groupId, request ttl ms, the units' new version (unit-cache.ts), number of
 * units n, then n (unit key, unit JSON) pairs, then the liaison ids (each once, in the order of
 * their KEYS).
 *
 * All or nothing, judged on what is stored now: unless this request already imported, the caller
 * must be a leader or a deputy of the group and every key must be free (archived units hold their
 * keys); then every unit is stored and audited as `unit add` stores it, and liaisons who are not
 * members join as 'liaison'.
 * `{'created', n}` | `{'repeat', n}` | `{'not_member', group JSON, a leader}` | `{'forbidden'}` |
 * `{'taken', key…}` (every key already used).
 */
export const IMPORT_UNITS = `${AUDIT}${ONCE_PER_REQUEST}${MEMBERS_ONLY}${MANAGERS_ONLY}
local prev = earlier(KEYS[6], 'import')
if prev then return {'repeat', prev} end
local refused = refusedNonMember(KEYS[3], KEYS[5])
if refused then return refused end
if not runsGroup(KEYS[3]) then return {'forbidden'} end
local n = tonumber(ARGV[7])
local taken = {'taken'}
for i = 0, n - 1 do
  if redis.call('HEXISTS', KEYS[1], ARGV[8 + 2 * i]) == 1 then taken[#taken + 1] = ARGV[8 + 2 * i] end
end
if #taken > 1 then return taken end
for i = 0, n - 1 do
  local key = ARGV[8 + 2 * i]
  redis.call('HSET', KEYS[1], key, ARGV[9 + 2 * i])
  redis.call('RPUSH', KEYS[2], key)
  audit(KEYS[4], 'unit_add', 'unit:' .. key, 'null', 'null')
end
redis.call('HSET', KEYS[5], 'unitsVer', ARGV[6])
for j = 8 + 2 * n, #ARGV do
  if redis.call('HSETNX', KEYS[3], ARGV[j], 'liaison') == 1 then
    redis.call('SADD', KEYS[j - 2 * n - 1], ARGV[4])
    audit(KEYS[4], 'member_add', 'member:' .. ARGV[j], 'null', '{"role":"liaison"}')
  end
end
remember(KEYS[6], 'import', n, ARGV[5])
return {'created', n}
`;
