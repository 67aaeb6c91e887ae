/**
 * The only place where Redis keys are built. Every key of a team lives under
 * `${prefix}:{${teamId}}:…`, so a team's data sits in one Redis Cluster slot and a store made
 * for one team cannot name a key of another. Every id that goes into a key is checked here.
 */

/** Slack ids (`T…`, `C…`, `U…`): upper-case letters and digits. `_` is tolerated for local ids. */
const SLACK_ID = /^[A-Z0-9][A-Z0-9_]{1,31}$/;
/** Unit keys are user-chosen slugs; anything that could end a hash tag or a key segment is refused. */
const UNIT_KEY = /^[^\s{}:]{1,64}$/u;
const PREFIX = /^[A-Za-z0-9_.-]{1,64}$/;

/** An id that may not go into a key: a fault of the caller, never shown to users as such. */
export class InvalidIdError extends Error {
  constructor(kind: string, value: string) {
    super(`invalid ${kind} id for the store: ${JSON.stringify(value)}`);
    this.name = 'InvalidIdError';
  }
}

/** Returns `id` when it is a Slack-style id, throws `InvalidIdError` otherwise. */
export function checkId(kind: 'team' | 'group' | 'channel' | 'user', id: string): string {
  if (typeof id !== 'string' || !SLACK_ID.test(id)) throw new InvalidIdError(kind, String(id));
  return id;
}

/** True when `key` could name a unit (so a lookup by it can be tried). */
export function isUnitKey(key: string): boolean {
  return typeof key === 'string' && UNIT_KEY.test(key);
}

/** Returns `key` when it may be used as a unit key, throws `InvalidIdError` otherwise. */
export function checkUnitKey(key: string): string {
  if (typeof key !== 'string' || !UNIT_KEY.test(key)) throw new InvalidIdError('unit', String(key));
  return key;
}

/** Returns `prefix` when it can start a key, throws `InvalidIdError` otherwise. */
export function checkPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) throw new InvalidIdError('prefix', String(prefix));
  return prefix;
}

/** Activity ids are stored zero-padded so that, in a sorted set, equal scores (same date) order by id. */
export function padId(id: number): string {
  return String(id).padStart(12, '0');
}

/** The key builder of one team. */
export function teamKeys(prefix: string, teamId: string) {
  const base = `${checkPrefix(prefix)}:{${checkId('team', teamId)}}`;
  const g = (groupId: string) => `${base}:g:${checkId('group', groupId)}`;
  return {
    teamId,
    /** Channel id → group id. */
    channel: (channelId: string) => `${base}:ch:${checkId('channel', channelId)}`,
    /** Set of the group ids a user belongs to. */
    userGroups: (userId: string) => `${base}:u:${checkId('user', userId)}:groups`,
    /** Hash: `record` (group JSON), `actSeq`, `findingSeq`. */
    group: (groupId: string) => g(groupId),
    /** Hash: user id → role. */
    members: (groupId: string) => `${g(groupId)}:members`,
    /** Hash: unit key → unit JSON. */
    units: (groupId: string) => `${g(groupId)}:units`,
    /** List of unit keys in creation order. */
    unitOrder: (groupId: string) => `${g(groupId)}:units:order`,
    /** Hash: padded activity id → activity JSON. */
    activities: (groupId: string) => `${g(groupId)}:acts`,
    /** Sorted set of padded activity ids scored by day number, all units. */
    activitiesByDate: (groupId: string) => `${g(groupId)}:acts:by-date`,
    /** Sorted set of one unit's padded activity ids scored by day number. */
    unitActivities: (groupId: string, unitKey: string) => `${g(groupId)}:unit:${checkUnitKey(unitKey)}:acts`,
    /** Sorted set of a user's recent padded activity ids scored by creation time (the undo index). */
    userActivities: (groupId: string, userId: string) => `${g(groupId)}:user:${checkId('user', userId)}:acts`,
    /** Hash: finding id → finding JSON. */
    findings: (groupId: string) => `${g(groupId)}:findings`,
    /** Set of the open finding ids of one unit. */
    unitOpenFindings: (groupId: string, unitKey: string) =>
      `${g(groupId)}:unit:${checkUnitKey(unitKey)}:open`,
    /** Stream of audit entries. */
    audit: (groupId: string) => `${g(groupId)}:audit`,
  };
}

export type TeamKeys = ReturnType<typeof teamKeys>;
