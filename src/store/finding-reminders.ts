import type { IsoDate } from '../domain/types';
import { execAll, type StoreContext } from './context';
import { checkDate } from './keys';

/**
 * The claims that send each due reminder of a group's findings once: one hash,
 * `…:g:<group>:findings:reminders`, reminder identity (`<id>:<kind>:<due>`) → the local date it
 * was first planned for. The rules (which date sends it, which claims are over) are in
 * src/domain/finding-reminders.ts.
 */
export interface FindingReminderClaims {
  /** Every claim: identity → date. */
  all(): Promise<Map<string, IsoDate>>;
  /**
   * Claims each identity for `date` unless it is claimed already, in one transaction, and answers
   * the date each is claimed for: of concurrent runs, all see the same dates.
   */
  claim(ids: readonly string[], date: IsoDate): Promise<Map<string, IsoDate>>;
  /** Removes claims that are over. */
  drop(ids: readonly string[]): Promise<void>;
}

/** The reminder claims of `groupId`; its key is built (and the group id checked) here. */
export function findingReminderClaims(ctx: StoreContext, groupId: string): FindingReminderClaims {
  const { redis } = ctx;
  const key = ctx.keys.findingReminders(groupId);
  return {
    async all() {
      return new Map(Object.entries(await redis.hgetall(key)));
    },
    async claim(ids, date) {
      if (ids.length === 0) return new Map();
      const day = checkDate(date);
      const multi = redis.multi();
      for (const id of ids) multi.hsetnx(key, id, day).hget(key, id);
      const replies = await execAll(multi);
      return new Map(ids.map((id, i) => [id, String(replies[2 * i + 1])]));
    },
    async drop(ids) {
      if (ids.length > 0) await redis.hdel(key, ...ids);
    },
  };
}
