import { dayNumber } from '../domain/dates';
import type { Activity, Finding, IsoDate } from '../domain/types';
import { loadActivities } from './activity-reads';
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

/** The export reads of one group. */
export function exportRows(ctx: StoreContext, groupId: string): ExportRows {
  const { keys } = ctx;
  return {
    async size(from, to) {
      const [activities, findings] = (await execAll(
        ctx.redis
          .pipeline()
          .zcount(keys.activitiesByDate(groupId), dayNumber(from), dayNumber(to))
          .hlen(keys.findings(groupId)),
      )) as [number, number];
      return { activities, findings };
    },

    async *activities(from, to, pageSize) {
      const key = keys.activitiesByDate(groupId);
      const max = dayNumber(to);
      // Keyset paging: the next page starts at the last day seen, past the ids of that day already
      // read (equal scores sort by member, the padded id). The offset stays within one day.
      let day = dayNumber(from);
      let seenThatDay = 0;
      for (;;) {
        const page = await ctx.redis.zrangebyscore(
          key,
          day,
          max,
          'WITHSCORES',
          'LIMIT',
          seenThatDay,
          pageSize,
        );
        if (page.length === 0) return;
        const members: string[] = [];
        for (let i = 0; i < page.length; i += 2) {
          members.push(page[i] as string);
          const score = Number(page[i + 1]);
          if (score === day) seenThatDay++;
          else [day, seenThatDay] = [score, 1];
        }
        yield loadActivities(ctx, groupId, members);
        if (members.length < pageSize) return;
      }
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
