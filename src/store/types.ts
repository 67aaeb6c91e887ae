import type {
  Activity,
  Finding,
  FindingStep,
  Group,
  IsoDate,
  Member,
  Unit,
  UnitSummary,
} from '../domain/types';
import type { DeliveryRecord } from './deliveries';
import type { DmPace } from './dm-pace';
import type { ExportRows } from './export-reads';
import type { FindingReminderClaims } from './finding-reminders';
import type { RequestGuards } from './guards';
import type { HomeViewers } from './homes';
import type { InstallationRecords } from './installations';
import type { DeliveryRef } from './keys';
import type { GroupPings } from './pings';
import type { WeekThread } from './week-threads';

/**
 * Why a membership write was refused (see member-scripts.ts): the caller no longer runs the group,
 * only a leader may touch a leader, or no leader would remain.
 */
export type MemberRefusal = 'forbidden' | 'leader_only' | 'last_leader';

/**
 * How an import ended (`importUnits`): all its units stored now, or by an earlier delivery of the
 * same request; refused because the caller no longer leads the group, or because keys are taken.
 */
export type ImportOutcome =
  | { kind: 'created' }
  | { kind: 'repeat' }
  | { kind: 'forbidden' }
  | { kind: 'taken'; keys: string[] };

/** The fields of a group a command may change. */
export type GroupPatch = Partial<
  Pick<
    Group,
    'name' | 'tz' | 'lang' | 'langSet' | 'posts' | 'liaisonNames' | 'coverageDays' | 'meeting' | 'digest'
  >
>;
export type UnitPatch = Partial<Pick<Unit, 'name' | 'kind' | 'liaisons' | 'archived'>>;
export type NewActivity = Omit<Activity, 'id'>;
export type NewFinding = Pick<
  Finding,
  'unitKey' | 'text' | 'due' | 'createdBy' | 'createdAt' | 'link' | 'owner' | 'severity'
>;

/** A finding with what a change to it is judged on: its unit and the group's members, as stored now. */
export interface FindingSnapshot {
  finding: Finding;
  unit: Unit;
  members: Member[];
}

/** What a change decided: the finding to write (with the step it took, for the audit) and what to answer. */
export type FindingChange<R> =
  | { write: Finding; step: FindingStep; result: R }
  | { write?: undefined; result: R };

/** Closed findings, most recently closed first, and how many are closed in all. */
export interface ClosedFindings {
  findings: Finding[];
  total: number;
}

/** Who made a change and when; every write records it in the audit trail. */
export interface Actor {
  userId: string;
  now: number;
  /**
   * The Slack request the write comes from (a trigger_id, or a view id for a form): a create
   * carrying one takes effect once however often the request is delivered or the script re-sent.
   */
  requestId?: string;
}

/**
 * All data of one Slack team. Every key it touches carries the team's hash tag, so nothing
 * of another team can be read or written through it.
 */
export interface TeamStore {
  readonly teamId: string;

  /**
   * The group bound to the channel and the user's membership in it, in one round trip (a
   * group's id is the channel it was set up in). Null when the channel has no group.
   */
  groupForChannel(channelId: string, userId: string): Promise<{ group: Group; member: Member | null } | null>;
  getGroup(groupId: string): Promise<Group | null>;
  /** Every group of the team (a SCAN of its channel bindings: for rare work such as pausing its schedules). */
  listGroups(): Promise<Group[]>;
  /** Groups the user belongs to (any role), as group ids. */
  groupsOfUser(userId: string): Promise<string[]>;
  /** Binds the group's channel and makes `group.createdBy` its leader; atomic. */
  createGroup(group: Group, actor: Actor): Promise<'created' | 'channel_taken'>;
  updateGroup(groupId: string, patch: GroupPatch, actor: Actor): Promise<Group | null>;

  /**
   * The user's Slack locale as last read from users.info (`''`: Slack did not say), or null when
   * it was never read or has expired.
   */
  readLocale(userId: string): Promise<string | null>;
  /** Keeps the user's locale (`''` when Slack did not give one) for `ttlMs`. */
  saveLocale(userId: string, locale: string, ttlMs: number): Promise<void>;
  /**
   * The users' names as last read from users.info (`''`: Slack gave none), by id; ids never read,
   * or expired, are absent. For channel posts that name people without mentioning them.
   */
  readNames(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Keeps the user's name (`''` when Slack gave none) for `ttlMs`. */
  saveName(userId: string, name: string, ttlMs: number): Promise<void>;

  getMembers(groupId: string): Promise<Member[]>;
  getMember(groupId: string, userId: string): Promise<Member | null>;
  /**
   * Adds members or changes their roles. Refused whole ('last_leader') when it would leave the
   * group without a leader, and ('forbidden') when it makes, changes or unmakes a leader and the
   * actor, as stored at the moment of the write, is not a leader.
   */
  putMembers(groupId: string, members: Member[], actor: Actor): Promise<'ok' | MemberRefusal>;
  /** Removes the member and takes them off every unit they were liaison for; refused as putMembers is. */
  removeMember(
    groupId: string,
    userId: string,
    actor: Actor,
  ): Promise<'removed' | 'not_member' | MemberRefusal>;

  /** Units in creation order; archived ones only when asked. */
  listUnits(groupId: string, opts?: { includeArchived?: boolean }): Promise<Unit[]>;
  /** One unit by its key (archived too), without reading the others. */
  getUnit(groupId: string, key: string): Promise<Unit | null>;
  /** Adds the unit; liaisons who are not members join with role `liaison`. Atomic. */
  addUnit(groupId: string, unit: Unit, actor: Actor): Promise<'created' | 'exists' | 'forbidden'>;
  /** Liaisons who are not members join with role `liaison`. Null when the unit is unknown. */
  updateUnit(
    groupId: string,
    key: string,
    patch: UnitPatch,
    actor: Actor,
  ): Promise<Unit | null | 'forbidden'>;
  /**
   * Adds all the units or none, once per `actor.requestId` (src/store/unit-import.ts): refused when
   * the actor, at the moment of the write, does not lead the group or a key is taken.
   */
  importUnits(groupId: string, units: Unit[], actor: Actor & { requestId: string }): Promise<ImportOutcome>;

  /**
   * Logs the activity, once per `actor.requestId`. Throws UserError('not_member') when the actor
   * is not a member of the group at the moment of the write.
   */
  addActivity(groupId: string, activity: NewActivity, actor: Actor): Promise<Activity>;
  /** Removes the user's most recent activity if it was logged within `windowMs` of `actor.now`. */
  undoLastActivity(groupId: string, actor: Actor, windowMs: number): Promise<Activity | null>;
  /** One summary per non-archived unit, in O(units): no scan of activities. */
  unitSummaries(groupId: string, weekStart: IsoDate, weekEnd: IsoDate): Promise<UnitSummary[]>;
  /** The unit's most recent activities, newest first (by date, then by id). */
  recentActivities(groupId: string, unitKey: string, limit: number): Promise<Activity[]>;
  /** Activities dated from `from` to `to` inclusive, oldest first. */
  activitiesBetween(groupId: string, from: IsoDate, to: IsoDate): Promise<Activity[]>;

  /** Raises the finding, once per `actor.requestId`; throws UserError('not_member') as addActivity does. */
  addFinding(groupId: string, finding: NewFinding, actor: Actor): Promise<Finding>;
  getFinding(groupId: string, id: number): Promise<Finding | null>;
  /** Every finding of the group by id (a full read: for exports and tests, not for lists). */
  listFindings(
    groupId: string,
    opts?: { unitKey?: string; status?: 'active' | 'closed' | 'all' },
  ): Promise<Finding[]>;
  /** The active findings (open, rectifying, waiting) of the units named, by id. */
  activeFindings(groupId: string, unitKeys: readonly string[]): Promise<Finding[]>;
  /** Closed findings, most recently closed first, of one unit or the group, since a time, at most `limit`. */
  closedFindings(
    groupId: string,
    opts: { unitKey?: string; since?: number; limit: number },
  ): Promise<ClosedFindings>;
  /**
   * Changes a finding as `decide` says, on the finding, its unit and the members as stored now;
   * `decide` runs again when any of them changed before the write (see src/store/findings.ts).
   */
  updateFinding<R>(
    groupId: string,
    id: number,
    actor: Actor,
    decide: (snap: FindingSnapshot) => FindingChange<R>,
  ): Promise<R | 'not_found'>;

  /** The liaison pings' state of the group: answers, snoozes, coverage claims, past meetings. */
  pings(groupId: string): GroupPings;
  /** The claims that send each due reminder of the group's findings once (finding-reminders.ts). */
  findingReminders(groupId: string): FindingReminderClaims;
  /** The ledger record that keeps one message to one send (see jobs/DELIVERY.md). */
  delivery(ref: DeliveryRef): DeliveryRecord;
  /** The pace of the team's DMs over every worker (src/store/dm-pace.ts). */
  dmPace(): DmPace;
  /** The thread of the group's ISO week (`2026-W03`), for groups that post in threads (week-threads.ts). */
  weekThread(groupId: string, week: string): WeekThread;
  /** The group's rows for an export: counted from the indexes first, then read a page at a time. */
  exportRows(groupId: string): ExportRows;
  /** Trigger claims, the per-user command allowance and per-group locks (src/store/guards.ts). */
  guards(): RequestGuards;
  /** Who has opened their App Home, and whose republish is pending (src/store/homes.ts). */
  homes(): HomeViewers;

  /**
   * Deletes every key of this team under this store's prefix (groups, units, activities,
   * findings, audit trail, ping state, delivery records) and answers how many keys went. Used by
   * local mode's "Reset demo"; it never touches other teams or other prefixes. A SCAN, so it
   * never blocks Redis, but not atomic: writes made to the team meanwhile may survive it.
   */
  eraseAll(): Promise<number>;
}

export interface Store {
  forTeam(teamId: string): TeamStore;
  /** The app's installations in many workspaces (OAuth) and the states of installs under way. */
  installations(): InstallationRecords;
  /** Every group of every team (a scan; for operators' one-off tasks, never on a request path). */
  allGroups(): AsyncIterable<Group>;
  /** True when Redis answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * True when Redis accepts a write (this process's health key, expiring by itself) within
   * `timeoutMs`; false, never a throw, when it refuses writes (out of memory, a read-only replica,
   * too few replicas) or does not answer. What /healthz reports.
   */
  acceptsWrites(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
