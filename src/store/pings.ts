import { dayNumber } from '../domain/dates';
import type { NothingAnswer } from '../domain/digest';
import { FOLLOW_UP_GRACE_MS, type Snooze } from '../domain/pings';
import type { IsoDate } from '../domain/types';
import { execAll, type StoreContext } from './context';
import { checkDate, checkId, checkUnitKey } from './keys';
import { runScript } from './scripts';

/** "Nothing to report" answers are kept long enough for any digest that may show them. */
const ANSWER_TTL_SECONDS = 90 * 24 * 60 * 60;
/** Meeting dates kept per group; only the latest before a meeting is ever read. */
const MEETINGS_KEPT = 12;

/**
 * State of the liaison pings of one group, in the team's slot beside the group's data:
 * "nothing to report" answers, snoozes, coverage claims and the dates of past meetings.
 */
export interface GroupPings {
  /**
   * Records "nothing to report" once per (period, unit, user): later clicks keep the first time.
   * `recorded` is false when it was already there; `at` is when it was first recorded.
   */
  recordNothing(
    period: IsoDate,
    unitKey: string,
    userId: string,
    at: number,
  ): Promise<{ recorded: boolean; at: number }>;
  /** The answers given for any of `periods`. */
  nothingAnswers(periods: IsoDate[]): Promise<NothingAnswer[]>;
  /** Snoozes the unit's pings for the user; a snooze of the same ping that still runs is kept. */
  snooze(s: Snooze, now: number): Promise<Snooze>;
  /** Snoozes still running or ended within the follow-up grace; older ones are removed. */
  snoozes(now: number): Promise<Snooze[]>;
  /** Coverage claims: claim field → when first planned. */
  coverageClaims(): Promise<Map<string, number>>;
  /**
   * Claims each field at `now` unless already claimed, in one transaction, and answers the time
   * each was first claimed: of concurrent planners, all see the same times.
   */
  claimCoverage(fields: string[], now: number): Promise<Map<string, number>>;
  /** Removes claims of crossings that are over, so the unit is armed again. */
  dropCoverageClaims(fields: string[]): Promise<void>;
  /** Remembers that a meeting was announced for `date`. */
  recordMeeting(date: IsoDate): Promise<void>;
  /** The latest recorded meeting date before `date`, or null. */
  meetingBefore(date: IsoDate): Promise<IsoDate | null>;
}

function pair(unitKey: string, userId: string): string {
  return `${checkUnitKey(unitKey)}\n${checkId('user', userId)}`;
}

function splitPair(field: string): [string, string] | null {
  const [unitKey, userId] = field.split('\n');
  return unitKey && userId ? [unitKey, userId] : null;
}

function parseSnooze(field: string, raw: string): Snooze | null {
  const ids = splitPair(field);
  const m = /^(\d+)\|([^|]*)\|(.*)$/.exec(raw);
  if (!ids || !m) return null;
  return {
    unitKey: ids[0],
    userId: ids[1],
    until: Number(m[1]),
    period: m[2] as string,
    contact: m[3] || null,
  };
}

/** The ping state of `groupId`; its keys are built (and the group id checked) here. */
export function groupPings(ctx: StoreContext, groupId: string): GroupPings {
  const { redis, keys } = ctx;
  const snoozeKey = keys.pingSnoozes(groupId);
  const coverageKey = keys.pingCoverage(groupId);
  const meetingsKey = keys.pingMeetings(groupId);
  return {
    async recordNothing(period, unitKey, userId, at) {
      const key = keys.pingAnswers(groupId, period);
      const field = pair(unitKey, userId);
      const [set, stored] = await execAll(
        redis.multi().hsetnx(key, field, String(at)).hget(key, field).expire(key, ANSWER_TTL_SECONDS),
      );
      return { recorded: set === 1, at: Number(stored) };
    },
    async nothingAnswers(periods) {
      if (periods.length === 0) return [];
      const pipe = redis.pipeline();
      for (const period of periods) pipe.hgetall(keys.pingAnswers(groupId, period));
      const replies = (await execAll(pipe)) as Record<string, string>[];
      return replies.flatMap((hash, i) =>
        Object.entries(hash).flatMap(([field, at]): NothingAnswer[] => {
          const ids = splitPair(field);
          return ids
            ? [{ period: periods[i] as string, unitKey: ids[0], userId: ids[1], at: Number(at) }]
            : [];
        }),
      );
    },
    async snooze(s, now) {
      const value = `${Math.trunc(s.until)}|${checkDate(s.period)}|${s.contact ?? ''}`;
      const field = pair(s.unitKey, s.userId);
      const stored = String(
        await runScript(redis, 'ddSnoozeOnce', [snoozeKey], [field, value, String(now), s.period]),
      );
      return parseSnooze(field, stored) ?? s;
    },
    async snoozes(now) {
      const all = Object.entries(await redis.hgetall(snoozeKey)).map(([f, raw]) => ({
        f,
        s: parseSnooze(f, raw),
      }));
      const old = all.filter(({ s }) => s === null || s.until < now - FOLLOW_UP_GRACE_MS).map(({ f }) => f);
      if (old.length > 0) await redis.hdel(snoozeKey, ...old);
      return all.flatMap(({ s }) => (s && s.until >= now - FOLLOW_UP_GRACE_MS ? [s] : []));
    },
    async coverageClaims() {
      const hash = await redis.hgetall(coverageKey);
      return new Map(Object.entries(hash).map(([f, at]) => [f, Number(at)]));
    },
    async claimCoverage(fields, now) {
      if (fields.length === 0) return new Map();
      const multi = redis.multi();
      for (const f of fields) multi.hsetnx(coverageKey, f, String(now)).hget(coverageKey, f);
      const replies = await execAll(multi);
      return new Map(fields.map((f, i) => [f, Number(replies[2 * i + 1])]));
    },
    async dropCoverageClaims(fields) {
      if (fields.length > 0) await redis.hdel(coverageKey, ...fields);
    },
    async recordMeeting(date) {
      await execAll(
        redis
          .multi()
          .zadd(meetingsKey, dayNumber(checkDate(date)), date)
          .zremrangebyrank(meetingsKey, 0, -(MEETINGS_KEPT + 1)),
      );
    },
    async meetingBefore(date) {
      const [latest] = await redis.zrevrangebyscore(
        meetingsKey,
        `(${dayNumber(checkDate(date))}`,
        '-inf',
        'LIMIT',
        0,
        1,
      );
      return latest ?? null;
    },
  };
}
