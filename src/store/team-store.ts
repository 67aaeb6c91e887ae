import type { Activity, Finding, Group, IsoDate, Member, Unit, UnitSummary } from '../domain/types';
import { addActivity, undoLastActivity } from './activities';
import { activitiesBetween, recentActivities } from './activity-reads';
import type { StoreContext } from './context';
import { type DeliveryRecord, deliveryRecord } from './deliveries';
import { type DmPace, dmPace } from './dm-pace';
import { type ExportRows, exportRows } from './export-reads';
import { type FindingReminderClaims, findingReminderClaims } from './finding-reminders';
import {
  activeFindings,
  addFinding,
  closedFindings,
  getFinding,
  listFindings,
  updateFinding,
} from './findings';
import { createGroup, getGroup, groupForChannel, groupsOfUser, listGroups, updateGroup } from './groups';
import { type RequestGuards, requestGuards } from './guards';
import { type HomeViewers, homeViewers } from './homes';
import type { DeliveryRef } from './keys';
import { readLocale, saveLocale } from './locales';
import { getMember, getMembers, putMembers, removeMember } from './members';
import { type GroupPings, groupPings } from './pings';
import { scanKeys } from './scan';
import { unitSummaries } from './summaries';
import type {
  Actor,
  ClosedFindings,
  FindingChange,
  FindingSnapshot,
  GroupPatch,
  ImportOutcome,
  MemberRefusal,
  NewActivity,
  NewFinding,
  TeamStore,
  UnitPatch,
} from './types';
import { importUnits } from './unit-import';
import { addUnit, getUnit, listUnits, updateUnit } from './units';
import { readNames, saveName } from './user-names';
import { type WeekThread, weekThread } from './week-threads';

/**
 * The data of one team. It holds only that team's key builder, so every key it reads or writes
 * carries the team's hash tag; the functions it delegates to check each id before use.
 */
export class RedisTeamStore implements TeamStore {
  readonly teamId: string;
  private readonly ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.ctx = ctx;
    this.teamId = ctx.keys.teamId;
  }

  groupForChannel(
    channelId: string,
    userId: string,
  ): Promise<{ group: Group; member: Member | null } | null> {
    return groupForChannel(this.ctx, channelId, userId);
  }
  getGroup(groupId: string): Promise<Group | null> {
    return getGroup(this.ctx, groupId);
  }
  listGroups(): Promise<Group[]> {
    return listGroups(this.ctx);
  }
  groupsOfUser(userId: string): Promise<string[]> {
    return groupsOfUser(this.ctx, userId);
  }
  createGroup(group: Group, actor: Actor): Promise<'created' | 'channel_taken'> {
    return createGroup(this.ctx, group, actor);
  }
  updateGroup(groupId: string, patch: GroupPatch, actor: Actor): Promise<Group | null> {
    return updateGroup(this.ctx, groupId, patch, actor);
  }

  readLocale(userId: string): Promise<string | null> {
    return readLocale(this.ctx, userId);
  }
  saveLocale(userId: string, locale: string, ttlMs: number): Promise<void> {
    return saveLocale(this.ctx, userId, locale, ttlMs);
  }
  readNames(userIds: readonly string[]): Promise<Map<string, string>> {
    return readNames(this.ctx, userIds);
  }
  saveName(userId: string, name: string, ttlMs: number): Promise<void> {
    return saveName(this.ctx, userId, name, ttlMs);
  }

  getMembers(groupId: string): Promise<Member[]> {
    return getMembers(this.ctx, groupId);
  }
  getMember(groupId: string, userId: string): Promise<Member | null> {
    return getMember(this.ctx, groupId, userId);
  }
  putMembers(groupId: string, members: Member[], actor: Actor): Promise<'ok' | MemberRefusal> {
    return putMembers(this.ctx, groupId, members, actor);
  }
  removeMember(
    groupId: string,
    userId: string,
    actor: Actor,
  ): Promise<'removed' | 'not_member' | MemberRefusal> {
    return removeMember(this.ctx, groupId, userId, actor);
  }

  listUnits(groupId: string, opts?: { includeArchived?: boolean }): Promise<Unit[]> {
    return listUnits(this.ctx, groupId, opts);
  }
  getUnit(groupId: string, key: string): Promise<Unit | null> {
    return getUnit(this.ctx, groupId, key);
  }
  addUnit(groupId: string, unit: Unit, actor: Actor): Promise<'created' | 'exists' | 'forbidden'> {
    return addUnit(this.ctx, groupId, unit, actor);
  }
  updateUnit(
    groupId: string,
    key: string,
    patch: UnitPatch,
    actor: Actor,
  ): Promise<Unit | null | 'forbidden'> {
    return updateUnit(this.ctx, groupId, key, patch, actor);
  }
  importUnits(groupId: string, units: Unit[], actor: Actor & { requestId: string }): Promise<ImportOutcome> {
    return importUnits(this.ctx, groupId, units, actor);
  }

  addActivity(groupId: string, activity: NewActivity, actor: Actor): Promise<Activity> {
    return addActivity(this.ctx, groupId, activity, actor);
  }
  undoLastActivity(groupId: string, actor: Actor, windowMs: number): Promise<Activity | null> {
    return undoLastActivity(this.ctx, groupId, actor, windowMs);
  }
  unitSummaries(groupId: string, weekStart: IsoDate, weekEnd: IsoDate): Promise<UnitSummary[]> {
    return unitSummaries(this.ctx, groupId, weekStart, weekEnd);
  }
  recentActivities(groupId: string, unitKey: string, limit: number): Promise<Activity[]> {
    return recentActivities(this.ctx, groupId, unitKey, limit);
  }
  activitiesBetween(groupId: string, from: IsoDate, to: IsoDate): Promise<Activity[]> {
    return activitiesBetween(this.ctx, groupId, from, to);
  }

  addFinding(groupId: string, finding: NewFinding, actor: Actor): Promise<Finding> {
    return addFinding(this.ctx, groupId, finding, actor);
  }
  getFinding(groupId: string, id: number): Promise<Finding | null> {
    return getFinding(this.ctx, groupId, id);
  }
  listFindings(
    groupId: string,
    opts?: { unitKey?: string; status?: 'active' | 'closed' | 'all' },
  ): Promise<Finding[]> {
    return listFindings(this.ctx, groupId, opts);
  }
  activeFindings(groupId: string, unitKeys: readonly string[]): Promise<Finding[]> {
    return activeFindings(this.ctx, groupId, unitKeys);
  }
  closedFindings(
    groupId: string,
    opts: { unitKey?: string; since?: number; limit: number },
  ): Promise<ClosedFindings> {
    return closedFindings(this.ctx, groupId, opts);
  }
  updateFinding<R>(
    groupId: string,
    id: number,
    actor: Actor,
    decide: (snap: FindingSnapshot) => FindingChange<R>,
  ): Promise<R | 'not_found'> {
    return updateFinding(this.ctx, groupId, id, actor, decide);
  }

  pings(groupId: string): GroupPings {
    return groupPings(this.ctx, groupId);
  }
  findingReminders(groupId: string): FindingReminderClaims {
    return findingReminderClaims(this.ctx, groupId);
  }
  delivery(ref: DeliveryRef): DeliveryRecord {
    return deliveryRecord(this.ctx, ref);
  }
  dmPace(): DmPace {
    return dmPace(this.ctx);
  }
  weekThread(groupId: string, week: string): WeekThread {
    return weekThread(this.ctx, groupId, week);
  }
  exportRows(groupId: string): ExportRows {
    return exportRows(this.ctx, groupId);
  }
  guards(): RequestGuards {
    return requestGuards(this.ctx);
  }
  homes(): HomeViewers {
    return homeViewers(this.ctx);
  }

  eraseAll(): Promise<number> {
    // Nothing read before the erase describes the team any more.
    this.ctx.unitVersions.clear();
    return eraseTeam(this.ctx);
  }
}

/** Keys asked for per SCAN step, and so at most about as many per UNLINK. */
const ERASE_BATCH = 500;

/**
 * Unlinks the team's keys batch by batch as SCAN finds them. Deleting while scanning is safe:
 * SCAN still returns every key that exists throughout, and UNLINK frees memory off the main thread.
 */
async function eraseTeam(ctx: StoreContext): Promise<number> {
  let removed = 0;
  for await (const keys of scanKeys(ctx.redis, ctx.keys.teamPattern(), ERASE_BATCH)) {
    removed += await ctx.redis.unlink(...keys);
  }
  return removed;
}
