import { dayNumber } from '../domain/dates';
import type { Activity, IsoDate } from '../domain/types';
import { paddedId, readActivity, weekOf } from './activity-form';
import { execAll, type StoreContext } from './context';
import { runScript } from './scripts';

/** HMGET per chunk so a long export does not become one huge reply; still one round trip. */
const CHUNK = 500;
/** A range of more weeks than this asks the weeks set which of them hold activities, not every one. */
const NAMED_WEEKS = 16;

/** The activities stored under the given padded ids, in that order; missing or damaged ones are skipped. */
export async function loadActivities(
  ctx: StoreContext,
  groupId: string,
  members: string[],
): Promise<Activity[]> {
  if (members.length === 0) return [];
  const key = ctx.keys.activities(groupId);
  const pipe = ctx.redis.pipeline();
  for (let i = 0; i < members.length; i += CHUNK) pipe.hmget(key, ...members.slice(i, i + CHUNK));
  const raws = ((await execAll(pipe)) as (string | null)[][]).flat();
  const activities: Activity[] = [];
  raws.forEach((raw, i) => {
    const field = members[i]!;
    const activity = readActivity(raw, Number(field), { key, field, onCorrupt: ctx.onCorrupt });
    if (activity) activities.push(activity);
  });
  return activities;
}

/** The unit's most recent activities, newest first (by date, then by id). */
export async function recentActivities(
  ctx: StoreContext,
  groupId: string,
  unitKey: string,
  limit: number,
): Promise<Activity[]> {
  const count = Math.floor(limit);
  if (count <= 0) return [];
  // Equal scores (same date) sort by member; members are zero-padded ids, so by id.
  const members = await ctx.redis.zrevrange(ctx.keys.unitActivities(groupId, unitKey), 0, count - 1);
  return loadActivities(ctx, groupId, members);
}

/** Activities dated from `from` to `to` inclusive, oldest first (by date, then by id). */
export async function activitiesBetween(
  ctx: StoreContext,
  groupId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<Activity[]> {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const weeks = await weeksHolding(ctx, groupId, first, last);
  return loadActivities(ctx, groupId, (await datedIds(ctx, groupId, first, last, weeks)).map(paddedId));
}

/**
 * The week numbers from `first`'s week to `last`'s whose week set may hold activities, in order:
 * every one for a short range (no round trip), those in the weeks set for a long one.
 */
async function weeksHolding(
  ctx: StoreContext,
  groupId: string,
  first: number,
  last: number,
): Promise<number[]> {
  const [from, to] = [weekOf(first), weekOf(last)];
  if (to < from) return [];
  if (to - from < NAMED_WEEKS) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const held = await ctx.redis.smembers(ctx.keys.activityWeeks(groupId));
  return held
    .map(Number)
    .filter((w) => w >= from && w <= to)
    .sort((a, b) => a - b);
}

/**
 * The ids of the activities dated from day `first` to day `last` inclusive, by date then id: from
 * the given week sets and from the date index of earlier versions.
 */
export async function datedIds(
  ctx: StoreContext,
  groupId: string,
  first: number,
  last: number,
  weeks: readonly number[],
): Promise<number[]> {
  if (last < first) return [];
  const flat = (await runScript(ctx.redis, 'ddDatedIds', datedKeys(ctx, groupId, weeks), [
    first,
    last,
    '',
    ...weeks,
  ])) as number[];
  const pairs: [day: number, id: number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.map((p) => p[1]);
}

/** How many activities are dated from day `first` to day `last`, counted from the indexes alone. */
export async function countDated(
  ctx: StoreContext,
  groupId: string,
  first: number,
  last: number,
): Promise<number> {
  if (last < first) return 0;
  const weeks = await weeksHolding(ctx, groupId, first, last);
  const keys = datedKeys(ctx, groupId, weeks);
  return Number(await runScript(ctx.redis, 'ddDatedIds', keys, [first, last, '1', ...weeks]));
}

function datedKeys(ctx: StoreContext, groupId: string, weeks: readonly number[]): string[] {
  return [ctx.keys.activitiesByDate(groupId), ...weeks.map((w) => ctx.keys.activityWeek(groupId, w))];
}
