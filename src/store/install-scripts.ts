/**
 * Lua for installations (src/store/installations.ts). Each script's keys are one installation's,
 * under one hash tag, so it runs unchanged on Redis Cluster.
 */

/**
 * KEYS record, refresh lock. ARGV lock token, installation JSON.
 * Writes a refreshed installation only while this process holds the refresh lock and the
 * installation still exists (an uninstall meanwhile wins): 1 | 0 (lock lost) | -1 (gone).
 */
export const SAVE_REFRESHED = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
if redis.call('HEXISTS', KEYS[1], 'record') == 0 then return -1 end
redis.call('HSET', KEYS[1], 'record', ARGV[2])
return 1
`;

/**
 * KEYS record, users, refresh lock. ARGV the event's time (ms).
 * Deletes the installation and its user tokens unless it was installed after the event (a late
 * uninstall event must not undo a reinstall): 1 (deleted) | 0 (none) | -1 (newer install kept).
 */
export const DELETE_INSTALLATION = `
local at = redis.call('HGET', KEYS[1], 'installedAt')
if not at then return 0 end
if tonumber(at) > tonumber(ARGV[1]) then return -1 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return 1
`;

/**
 * KEYS record. ARGV reason, the refusal's time (ms).
 * Marks the installation inactive unless it was installed after the refusal: 1 (marked now) |
 * 0 (already inactive, or none) | -1 (newer install kept).
 */
export const DEACTIVATE_INSTALLATION = `
local at = redis.call('HGET', KEYS[1], 'installedAt')
if not at then return 0 end
if tonumber(at) > tonumber(ARGV[2]) then return -1 end
if redis.call('HGET', KEYS[1], 'active') == '0' then return 0 end
redis.call('HSET', KEYS[1], 'active', '0', 'reason', ARGV[1])
return 1
`;
