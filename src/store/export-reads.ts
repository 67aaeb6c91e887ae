import { dayNumber } from '../domain/dates';
import type { Activity, Finding, IsoDate } from '../domain/types';
import { paddedId, weekOf, weekStartDay } from './activity-form';
import { countDated, datedIds, loadActivities } from './activity-reads';
import { execAll, type StoreContext } from './context';
import { parseFinding } from './json';

/** How many rows an export could hold, counted from the indexes without reading a record. */
export interface ExportSize {
  /** Activities dated in the range (the date index). */
  activities: number;
  /** Every finding of the group, whatever its date: an upper bound of those opened in the range. */
  findings: number;
}

/** The reads of an export: sizes first, then the records a page at a time, so that no export holds them all. */
export interface ExportRows {
  size(from: IsoDate, to: IsoDate): Promise<ExportSize>;
  /** Activities dated from `from` to `to`, oldest first (by date, then by id), at most `pageSize` a page. */
  activities(from: IsoDate, to: IsoDate, pageSize: number): AsyncGenerator<Activity[]>;
  /** Every finding by id, at most `pageSize` a page. */
  findings(pageSize: number): AsyncGenerator<Finding[]>;
}

/** Weeks read per script call of a page: few enough that a call stays short, however busy the weeks. */
const WINDOW_WEEKS = 4;

/** The export reads of one group. */
export function exportRows(ctx: StoreContext, groupId: string): ExportRows {
  const { keys } = ctx;
  return {
    async size(from, to) {
      const [activities, findings] = await Promise.all([
        countDated(ctx, groupId, dayNumber(from), dayNumber(to)),
        ctx.redis.hlen(keys.findings(groupId)),
      ]);
      return { activities, findings };
    },

    async *activities(from, to, pageSize) {
      const [first, last] = [dayNumber(from), dayNumber(to)];
      const weeks = await exportWeeks(ctx, groupId, first, last);
      let pending: number[] = [];
      for (let i = 0; i < weeks.length; i += WINDOW_WEEKS) {
        // Weeks left out between two listed ones hold nothing in either index.
        const window = weeks.slice(i, i + WINDOW_WEEKS);
        const a = Math.max(first, weekStartDay(window[0]!));
        const b = Math.min(last, weekStartDay(window[window.length - 1]!) + 6);
        pending = pending.concat(await datedIds(ctx, groupId, a, b, window));
        while (pending.length >= pageSize) {
          yield loadActivities(ctx, groupId, pending.slice(0, pageSize).map(paddedId));
          pending = pending.slice(pageSize);
        }
      }
      if (pending.length > 0) yield loadActivities(ctx, groupId, pending.map(paddedId));
    },

    async *findings(pageSize) {
      const key = keys.findings(groupId);
      // Ids are taken from `findingSeq` one by one, so 1…findingSeq names every finding in order.
      const last = Number(await ctx.redis.hget(keys.group(groupId), 'findingSeq')) || 0;
      for (let first = 1; first <= last; first += pageSize) {
        const ids = Array.from({ length: Math.min(pageSize, last - first + 1) }, (_, i) => String(first + i));
        const raws = await ctx.redis.hmget(key, ...ids);
        const page: Finding[] = [];
        raws.forEach((raw, i) => {
          const finding = parseFinding(raw, { key, field: ids[i]!, onCorrupt: ctx.onCorrupt });
          if (finding) page.push(finding);
        });
        yield page;
      }
    },
  };
}

/**
 * The weeks of the range that may hold activities, in order: those in the weeks set, and every week
 * from the first to the last date of the date index of earlier versions.
 */
async function exportWeeks(
  ctx: StoreContext,
  groupId: string,
  first: number,
  last: number,
): Promise<number[]> {
  const old = ctx.keys.activitiesByDate(groupId);
  const [held, oldFirst, oldLast] = (await execAll(
    ctx.redis
      .pipeline()
      .smembers(ctx.keys.activityWeeks(groupId))
      .zrange(old, 0, 0, 'WITHSCORES')
      .zrange(old, -1, -1, 'WITHSCORES'),
  )) as [string[], string[], string[]];
  const weeks = new Set(held.map(Number));
  if (oldFirst[1] !== undefined && oldLast[1] !== undefined) {
    for (let w = weekOf(Number(oldFirst[1])); w <= weekOf(Number(oldLast[1])); w++) weeks.add(w);
  }
  const [from, to] = [weekOf(first), weekOf(last)];
  return [...weeks].filter((w) => w >= from && w <= to).sort((a, b) => a - b);
}
