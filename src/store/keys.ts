import { InvalidIdError } from '../domain/errors';
import { ISO_DATE, SLACK_ID, UNIT_KEY } from '../domain/ids';

/**
 * The only place where Redis keys are built. Every key of a team lives under
 * `${prefix}:{${teamId}}:…`, so a team's data sits in one Redis Cluster slot and a store made
 * for one team cannot name a key of another. Every id that goes into a key is checked here.
 */

const PREFIX = /^[A-Za-z0-9_.-]{1,64}$/;
/** A delivery's occurrence: an ISO week (`2026-W03`), a meeting date, or `now-<ms>`. */
const OCCURRENCE = /^[A-Za-z0-9-]{1,40}$/;
/** A DM's dedupe key is built by the planners from checked ids; no braces (they would end the hash tag) and no spaces. */
const DEDUPE_KEY = /^[^\s{}]{1,512}$/u;
/**
 * A Slack request id: a trigger_id (`13345224609.738474920.8088930838d88f008e0`) or a view id
 * (`V123`). Only what could break a key is refused (braces, colons, spaces), not an unfamiliar
 * shape: a change in how Slack writes its ids must not stop commands.
 */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** An ISO week, `2026-W03`. */
const ISO_WEEK = /^\d{4}-W\d{2}$/;

/** Returns `value` when it matches `pattern`, throws `InvalidIdError` naming `kind` otherwise. */
function checked(kind: string, pattern: RegExp, value: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new InvalidIdError(kind, String(value));
  return value;
}

/** Returns `n` when it is a safe integer (a week or day number), throws `InvalidIdError` otherwise. */
function checkedInteger(kind: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw new InvalidIdError(kind, String(n));
  return n;
}

/** Returns `id` when it is a Slack-style id, throws `InvalidIdError` otherwise. */
export const checkId = (kind: 'team' | 'group' | 'channel' | 'user', id: string): string =>
  checked(kind, SLACK_ID, id);
/** Returns `key` when it may be used as a unit key, throws `InvalidIdError` otherwise. */
export const checkUnitKey = (key: string): string => checked('unit', UNIT_KEY, key);
/** Returns `prefix` when it can start a key, throws `InvalidIdError` otherwise. */
export const checkPrefix = (prefix: string): string => checked('prefix', PREFIX, prefix);
/** Returns `date` when it is a `YYYY-MM-DD` date, throws `InvalidIdError` otherwise. */
export const checkDate = (date: string): string => checked('date', ISO_DATE, date);

/**
 * One thing to deliver once: a group's digest or reminder of an occurrence, or a planned DM by its
 * dedupe key (see jobs/DELIVERY.md).
 */
export type DeliveryRef =
  /** `chart`: the coverage chart posted in the thread of the digest of the same occurrence. */
  | { kind: 'digest' | 'reminder' | 'chart'; groupId: string; occurrence: string }
  | { kind: 'dm'; dedupeKey: string };

/** Teams whose key builder is kept: every request makes a team store, and a builder is some 40 closures. */
const KEPT_BUILDERS = 1_000;
const builders = new Map<string, TeamKeys>();

/** The key builder of one team (the same object for the same prefix and team). */
export function teamKeys(prefix: string, teamId: string): TeamKeys {
  const id = `${prefix}\n${teamId}`;
  const known = builders.get(id);
  if (known) return known;
  const keys = Object.freeze(buildTeamKeys(prefix, teamId));
  if (builders.size >= KEPT_BUILDERS) builders.delete(builders.keys().next().value as string);
  builders.set(id, keys);
  return keys;
}

function buildTeamKeys(prefix: string, teamId: string) {
  const base = `${checkPrefix(prefix)}:{${checkId('team', teamId)}}`;
  const g = (groupId: string) => `${base}:g:${checkId('group', groupId)}`;
  return {
    teamId,
    /**
     * SCAN MATCH pattern of every key of the team under this prefix, and of nothing else: the
     * prefix and the team id hold no glob characters, and the closing `}` keeps `{T1}` from
     * matching `{T10}`.
     */
    teamPattern: () => `${base}:*`,
    /** Channel id → group id. */
    channel: (channelId: string) => `${base}:ch:${checkId('channel', channelId)}`,
    /** SCAN MATCH pattern of the team's channel bindings (channel ids hold no glob characters). */
    channelPattern: () => `${base}:ch:*`,
    /** Set of the group ids a user belongs to. */
    userGroups: (userId: string) => `${base}:u:${checkId('user', userId)}:groups`,
    /**
     * Hash: `record` (group JSON), `actSeq`, `findingSeq`, `closedIndexed` (the closed-findings index is
     * complete), `unitsVer` (the version of the group's units: unit-cache.ts).
     */
    group: (groupId: string) => g(groupId),
    /** Hash: user id → role. */
    members: (groupId: string) => `${g(groupId)}:members`,
    /** Hash: unit key → unit JSON. */
    units: (groupId: string) => `${g(groupId)}:units`,
    /** List of unit keys in creation order. */
    unitOrder: (groupId: string) => `${g(groupId)}:units:order`,
    /** Hash: padded activity id → the activity's stored form (activity-form.ts). */
    activities: (groupId: string) => `${g(groupId)}:acts`,
    /**
     * Sorted set of padded activity ids scored by day number, all units: the date index of activities
     * logged before the week sets existed. Read and trimmed by undo, no longer added to.
     */
    activitiesByDate: (groupId: string) => `${g(groupId)}:acts:by-date`,
    /** Set of one week's activities (Monday first): `weekday offset × 10^8 + id` (activity-form.ts). */
    activityWeek: (groupId: string, week: number) => `${g(groupId)}:acts:w:${checkedInteger('week', week)}`,
    /** Set of the week numbers whose week set holds activities, for ranges too long to name every week. */
    activityWeeks: (groupId: string) => `${g(groupId)}:acts:weeks`,
    /**
     * Hash: unit key → the day number of its last contact (`''` when none). Derived from the units'
     * indexes, kept by the writes that change them, and filled from them where a unit is missing.
     */
    unitLastContacts: (groupId: string) => `${g(groupId)}:acts:last`,
    /** Hash: unit key → activities of that unit dated in the week; derived like the above, and expires. */
    unitWeekCounts: (groupId: string, week: number) =>
      `${g(groupId)}:acts:w:${checkedInteger('week', week)}:units`,
    /** Sorted set of one unit's padded activity ids scored by day number. */
    unitActivities: (groupId: string, unitKey: string) => `${g(groupId)}:unit:${checkUnitKey(unitKey)}:acts`,
    /** Sorted set of a user's latest padded activity ids (last day) by creation time: the undo index. */
    userActivities: (groupId: string, userId: string) => `${g(groupId)}:user:${checkId('user', userId)}:acts`,
    /** Hash: finding id → finding JSON. */
    findings: (groupId: string) => `${g(groupId)}:findings`,
    /** Set of the open finding ids of one unit. */
    unitOpenFindings: (groupId: string, unitKey: string) =>
      `${g(groupId)}:unit:${checkUnitKey(unitKey)}:open`,
    /** Sorted set of the closed finding ids of the group, scored by when each was closed. */
    closedFindings: (groupId: string) => `${g(groupId)}:findings:closed`,
    /** Sorted set of one unit's closed finding ids, scored by when each was closed. */
    unitClosedFindings: (groupId: string, unitKey: string) =>
      `${g(groupId)}:unit:${checkUnitKey(unitKey)}:closed`,
    /** Hash: a due reminder (`<id>:<kind>:<due>`) → the local date it was first planned. */
    findingReminders: (groupId: string) => `${g(groupId)}:findings:reminders`,
    /** Stream of audit entries. */
    audit: (groupId: string) => `${g(groupId)}:audit`,
    /** Hash: unit key + user id → when "nothing to report" was first answered for the period (a date). */
    pingAnswers: (groupId: string, period: string) => `${g(groupId)}:ping:nothing:${checkDate(period)}`,
    /** Hash: unit key + user id → `until|period|contact` of a snoozed ping. */
    pingSnoozes: (groupId: string) => `${g(groupId)}:ping:snooze`,
    /** Hash: coverage crossing → when it was first planned. */
    pingCoverage: (groupId: string) => `${g(groupId)}:ping:coverage`,
    /** Sorted set of the dates of announced meetings, scored by day number. */
    pingMeetings: (groupId: string) => `${g(groupId)}:ping:meetings`,
    /** String: the record a request created (`activity:12`), so that the request takes effect once. */
    request: (requestId: string) => `${base}:req:${checked('request', REQUEST_ID, requestId)}`,
    /** Hash: the delivery record of one message (state, lease, where it went). */
    delivery: (ref: DeliveryRef) =>
      ref.kind === 'dm'
        ? `${base}:dlv:dm:${checked('dedupe', DEDUPE_KEY, ref.dedupeKey)}`
        : `${base}:dlv:${ref.kind}:${checkId('group', ref.groupId)}:${checked('occurrence', OCCURRENCE, ref.occurrence)}`,
    /** Sorted set of the team's DMs sent in the last pace window: a random member each, scored by when (ms); expires. */
    dmPaceSent: () => `${base}:dmpace:sent`,
    /** Sorted set of the DMs told to come back: dedupe key → the time of its place (ms); expires. */
    dmPacePlaces: () => `${base}:dmpace:places`,
    /** String: the token of the delivery that took a trigger_id (a slash command or an interaction). */
    trigger: (triggerId: string) => `${base}:trig:${checked('trigger', REQUEST_ID, triggerId)}`,
    /** String: the user's Slack locale as users.info gave it (`zh-CN`), or `` when unknown; expires. */
    userLocale: (userId: string) => `${base}:u:${checkId('user', userId)}:locale`,
    /** String: the user's name as users.info gave it, for channel posts that name without mentioning; expires. */
    userName: (userId: string) => `${base}:u:${checkId('user', userId)}:name`,
    /** Hash: the thread of a group's ISO week (`owner`, `at`, `ts` of its first post); expires. */
    weekThread: (groupId: string, week: string) => `${g(groupId)}:thread:${checked('week', ISO_WEEK, week)}`,
    /** Counter of a user's commands in the current minute (expires with it). */
    userCommands: (userId: string) => `${base}:u:${checkId('user', userId)}:cmds`,
    /** String: present while the user's App Home is kept current (they opened it in the last weeks; expires). */
    homeViewer: (userId: string) => `${base}:u:${checkId('user', userId)}:home`,
    /** String: a republish of the user's App Home is pending (SET NX PX, a few seconds). */
    homePending: (userId: string) => `${base}:u:${checkId('user', userId)}:home:pending`,
    /** String: the token of whoever holds the group's `what` lock (one export at a time). */
    groupLock: (groupId: string, what: 'export') => `${g(groupId)}:lock:${what}`,
  };
}

export type TeamKeys = Readonly<ReturnType<typeof buildTeamKeys>>;

/**
 * An installation of the app: a workspace's (`team`, by its team id) or an org-wide Enterprise
 * Grid install (`org`, by its enterprise id).
 */
export interface InstallationId {
  kind: 'team' | 'org';
  id: string;
}

/** `team:T123` or `org:E123`: an installation in the index. */
export const installationMember = (i: InstallationId): string => `${i.kind}:${i.id}`;

const INSTALLATION_MEMBER = /^(team|org):([A-Z0-9][A-Z0-9_]{1,31})$/;

/** The installation an index member names, or null for anything else. */
export function parseInstallationMember(member: string): InstallationId | null {
  const m = INSTALLATION_MEMBER.exec(member);
  return m?.[1] && m[2] ? { kind: m[1] as InstallationId['kind'], id: m[2] } : null;
}

/** An OAuth state's random part: base64url. */
const STATE_NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The keys of installations. A workspace's installation sits under its team's hash tag with the
 * rest of its data; an org-wide one under the enterprise id's. The index and the OAuth states are
 * one key each, outside any team.
 */
export function installationKeys(prefix: string) {
  const p = checkPrefix(prefix);
  const base = (i: InstallationId) =>
    `${p}:{${checked(i.kind === 'team' ? 'team' : 'enterprise', SLACK_ID, i.id)}}`;
  return {
    /** Hash: `record` (the installation JSON, no user token), `installedAt` (ms), `active` (1|0), `reason`. */
    record: (i: InstallationId) => `${base(i)}:install`,
    /** Hash: user id → that user's token JSON, when the install granted user scopes. */
    users: (i: InstallationId) => `${base(i)}:install:users`,
    /** String: the token of the process refreshing the installation's rotating token. */
    refreshLock: (i: InstallationId) => `${base(i)}:install:lock`,
    /** String: the enterprise whose org-wide install serves this workspace (learnt from its requests). */
    teamOrg: (teamId: string) => `${p}:{${checkId('team', teamId)}}:install:org`,
    /** Sorted set of `team:T…` / `org:E…`, scored by when the bot token expires (ms; +inf when it does not). */
    index: () => `${p}:installs`,
    /** String: the install options of an OAuth state not yet used; expires after 10 minutes. */
    state: (nonce: string) => `${p}:oauth:state:${checked('state', STATE_NONCE, nonce)}`,
  };
}

export type InstallationKeys = ReturnType<typeof installationKeys>;
