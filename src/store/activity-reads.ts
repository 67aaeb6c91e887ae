import { dayNumber } from '../domain/dates';
import type { Activity, IsoDate } from '../domain/types';
import { execAll, type StoreContext } from './context';
import { isActivity, parseRecord } from './json';

/** HMGET per chunk so a long export does not become one huge reply; still one round trip. */
const CHUNK = 500;

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
    const activity = parseRecord(raw, isActivity, { key, field: members[i]!, onCorrupt: ctx.onCorrupt });
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
  const members = await ctx.redis.zrangebyscore(
    ctx.keys.activitiesByDate(groupId),
    dayNumber(from),
    dayNumber(to),
  );
  return loadActivities(ctx, groupId, members);
}
