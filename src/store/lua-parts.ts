/**
 * Lua shared by the write scripts, so that each rule is written once: the audit entry, the
 * membership check of a write, and "once per request". A script that audits takes
 * `ARGV[1..3] = audit cap, at, actor` (see `auditHeader` in audit.ts) before its own arguments.
 */

/**
 * Binds the audit header and defines `audit(stream, action, target, before, after)`. Every entry
 * has the same six fields, so the stream stores their names once per node. `MAXLEN` trims the
 * oldest entries beyond the cap inside the write (see src/store/README.md, "Audit trail").
 */
export const AUDIT = `
local AUDIT_CAP, AT, ACTOR = ARGV[1], ARGV[2], ARGV[3]
local function audit(stream, action, target, before, after)
  redis.call('XADD', stream, 'MAXLEN', AUDIT_CAP, '*', 'at', AT, 'actor', ACTOR, 'action', action,
    'target', target, 'before', before, 'after', after)
end
`;

/**
 * `earlier(key, kind)`: the id of the record of `kind` that this request already created, or nil
 * (also when `key` is nil: the write carries no request id). `remember(key, kind, id, ttl)`
 * records it. A request id that created a record of another kind is a fault of the caller.
 */
export const ONCE_PER_REQUEST = `
local function earlier(key, kind)
  if not key then return nil end
  local prev = redis.call('GET', key)
  if not prev then return nil end
  local k, id = string.match(prev, '^(%l+):(%d+)$')
  if k ~= kind then error('dudao: request id already used for ' .. tostring(prev)) end
  return id
end
local function remember(key, kind, id, ttl)
  if key then redis.call('SET', key, kind .. ':' .. id, 'PX', ttl) end
end
`;

/**
 * `runsGroup(members)`: whether ACTOR, as stored now, leads the group or is its deputy (the roles
 * that manage members and units). Comes after AUDIT, which binds ACTOR.
 */
export const MANAGERS_ONLY = `
local function runsGroup(members)
  local role = redis.call('HGET', members, ACTOR)
  return role == 'leader' or role == 'deputy'
end
`;

/**
 * `refusedNonMember(members, group)`: nil when ACTOR is a member of the group (any role), else the
 * reply `{'not_member', group record, a leader}` the store turns into UserError('not_member').
 * Comes after AUDIT, which binds ACTOR.
 */
export const MEMBERS_ONLY = `
local function refusedNonMember(members, group)
  if redis.call('HEXISTS', members, ACTOR) == 1 then return nil end
  local leader = ''
  local all = redis.call('HGETALL', members)
  for i = 1, #all, 2 do
    if all[i + 1] == 'leader' then leader = all[i] break end
  end
  return {'not_member', redis.call('HGET', group, 'record') or '', leader}
end
`;

/**
 * The units' tallies that status reads instead of every unit's index (keys.ts `unitLastContacts`,
 * `unitWeekCounts`). `tallyAdded(index, lasts, weekCounts, unit, day, monday, ttl)` after an
 * activity was added to the unit's index, `tallyRemoved(index, lasts, weekCounts, unit)` after one
 * was removed. A unit missing from a tally is filled from its index, never guessed.
 */
export const UNIT_TALLIES = `
local function lastInIndex(index)
  local top = redis.call('ZREVRANGE', index, 0, 0, 'WITHSCORES')
  return top[2] or ''
end
local function tallyAdded(index, lasts, weekCounts, unit, day, monday, ttl)
  local last = redis.call('HGET', lasts, unit)
  if not last then
    redis.call('HSET', lasts, unit, lastInIndex(index))
  elseif last == '' or tonumber(last) < tonumber(day) then
    redis.call('HSET', lasts, unit, day)
  end
  if redis.call('HEXISTS', weekCounts, unit) == 1 then
    redis.call('HINCRBY', weekCounts, unit, 1)
  else
    redis.call('HSET', weekCounts, unit, redis.call('ZCOUNT', index, monday, monday + 6))
  end
  redis.call('PEXPIRE', weekCounts, ttl)
end
local function tallyRemoved(index, lasts, weekCounts, unit)
  if redis.call('HEXISTS', lasts, unit) == 1 then redis.call('HSET', lasts, unit, lastInIndex(index)) end
  if redis.call('HEXISTS', weekCounts, unit) == 1 then redis.call('HINCRBY', weekCounts, unit, -1) end
end
`;
