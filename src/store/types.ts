import type { Activity, Finding, Group, IsoDate, Member, Unit, UnitSummary } from '../domain/types';
import type { DeliveryRecord } from './deliveries';
import type { DeliveryRef } from './keys';
import type { GroupPings } from './pings';

/** The fields of a group a command may change. */
export type GroupPatch = Partial<Pick<Group, 'name' | 'tz' | 'lang' | 'coverageDays' | 'meeting' | 'digest'>>;
export type UnitPatch = Partial<Pick<Unit, 'name' | 'kind' | 'liaisons' | 'archived'>>;
export type NewActivity = Omit<Activity, 'id'>;
export type NewFinding = Pick<Finding, 'unitKey' | 'text' | 'due' | 'createdBy' | 'createdAt'>;

/** Who made a change and when; every write records it in the audit trail. */
export interface Actor {
  userId: string;
  now: number;
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
  /** Groups the user belongs to (any role), as group ids. */
  groupsOfUser(userId: string): Promise<string[]>;
  /** Binds the group's channel and makes `group.createdBy` its leader; atomic. */
  createGroup(group: Group, actor: Actor): Promise<'created' | 'channel_taken'>;
  updateGroup(groupId: string, patch: GroupPatch, actor: Actor): Promise<Group | null>;

  getMembers(groupId: string): Promise<Member[]>;
  getMember(groupId: string, userId: string): Promise<Member | null>;
  /** Adds members or changes their roles. */
  putMembers(groupId: string, members: Member[], actor: Actor): Promise<void>;
  /** Removes the member and takes them off every unit they were liaison for. */
  removeMember(groupId: string, userId: string, actor: Actor): Promise<boolean>;

  /** Units in creation order; archived ones only when asked. */
  listUnits(groupId: string, opts?: { includeArchived?: boolean }): Promise<Unit[]>;
  /** One unit by its key (archived too), without reading the others. */
  getUnit(groupId: string, key: string): Promise<Unit | null>;
  /** Adds the unit; liaisons who are not members join with role `liaison`. Atomic. */
  addUnit(groupId: string, unit: Unit, actor: Actor): Promise<'created' | 'exists'>;
  /** Liaisons who are not members join with role `liaison`. Null when the unit is unknown. */
  updateUnit(groupId: string, key: string, patch: UnitPatch, actor: Actor): Promise<Unit | null>;

  addActivity(groupId: string, activity: NewActivity, actor: Actor): Promise<Activity>;
  /** Removes the user's most recent activity if it was logged within `windowMs` of `actor.now`. */
  undoLastActivity(groupId: string, actor: Actor, windowMs: number): Promise<Activity | null>;
  /** One summary per non-archived unit, in O(units): no scan of activities. */
  unitSummaries(groupId: string, weekStart: IsoDate, weekEnd: IsoDate): Promise<UnitSummary[]>;
  /** The unit's most recent activities, newest first (by date, then by id). */
  recentActivities(groupId: string, unitKey: string, limit: number): Promise<Activity[]>;
  /** Activities dated from `from` to `to` inclusive, oldest first. */
  activitiesBetween(groupId: string, from: IsoDate, to: IsoDate): Promise<Activity[]>;

  addFinding(groupId: string, finding: NewFinding, actor: Actor): Promise<Finding>;
  getFinding(groupId: string, id: number): Promise<Finding | null>;
  listFindings(
    groupId: string,
    opts?: { unitKey?: string; status?: 'open' | 'done' | 'all' },
  ): Promise<Finding[]>;
  /** Marks an open finding done, once. */
  closeFinding(
    groupId: string,
    id: number,
    notes: string,
    actor: Actor,
  ): Promise<Finding | 'not_found' | 'already_done'>;

  /** The liaison pings' state of the group: answers, snoozes, coverage claims, past meetings. */
  pings(groupId: string): GroupPings;
  /** The ledger record that keeps one message to one send (see jobs/DELIVERY.md). */
  delivery(ref: DeliveryRef): DeliveryRecord;

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
  /** Every group of every team (a scan; for operators' one-off tasks, never on a request path). */
  allGroups(): AsyncIterable<Group>;
  /** True when Redis answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
