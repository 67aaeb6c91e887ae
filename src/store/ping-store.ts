import type { Redis } from 'ioredis';
import { dayNumber } from '../domain/dates';
import type { NothingAnswer } from '../domain/digest';
import { FOLLOW_UP_GRACE_MS, type Snooze } from '../domain/pings';
import type { IsoDate } from '../domain/types';
import { execAll } from './context';
import { checkId, checkUnitKey, InvalidIdError, teamKeys } from './keys';

/** "Nothing to report" answers are kept long enough for any digest that may show them. */
const ANSWER_TTL_SECONDS = 90 * 24 * 60 * 60;
/** Meeting dates kept per group; only the latest before a meeting is ever read. */
const MEETINGS_KEPT = 12;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Keeps the current snooze when the same ping is snoozed again while it runs (a double click or a
 * retried request), so two clicks record one snooze. Values are `until|period|contact`.
 */
const SNOOZE_ONCE = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then
  local u, p = string.match(cur, '^(%d+)|([^|]*)|')
  if u and tonumber(u) > tonumber(ARGV[3]) and p == ARGV[4] then return cur end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]`;

function checkPeriod(period: string): IsoDate {
  if (!ISO_DATE.test(period)) throw new InvalidIdError('period', period);
  return period;
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

/**
 * State of the liaison pings of one group, under the team's hash tag so it sits in the same
 * Redis Cluster slot as the group's data: "nothing to report" answers, snoozes, coverage
 * claims and the dates of past meetings.
 */
export class PingStore {
  private readonly redis: Redis;
  private readonly base: string;

  constructor(opts: { redis: Redis; prefix: string; teamId: string; groupId: string }) {
    this.redis = opts.redis;
    this.base = `${teamKeys(opts.prefix, opts.teamId).group(opts.groupId)}:ping`;
  }

  private answersKey(period: IsoDate): string {
    return `${this.base}:nothing:${checkPeriod(period)}`;
  }

  /**
   * Records "nothing to report" once per (period, unit, user): later clicks keep the first time.
   * `recorded` is false when it was already there; `at` is when it was first recorded.
   */
  async recordNothing(
    period: IsoDate,
    unitKey: string,
    userId: string,
    at: number,
  ): Promise<{ recorded: boolean; at: number }> {
    const key = this.answersKey(period);
    const field = pair(unitKey, userId);
    const [set, stored] = await execAll(
      this.redis.multi().hsetnx(key, field, String(at)).hget(key, field).expire(key, ANSWER_TTL_SECONDS),
    );
    return { recorded: set === 1, at: Number(stored) };
  }

  /** The answers given for any of `periods`. */
  async nothingAnswers(periods: IsoDate[]): Promise<NothingAnswer[]> {
    if (periods.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const period of periods) pipe.hgetall(this.answersKey(period));
    const replies = (await execAll(pipe)) as Record<string, string>[];
    return replies.flatMap((hash, i) =>
      Object.entries(hash).flatMap(([field, at]): NothingAnswer[] => {
        const ids = splitPair(field);
        return ids ? [{ period: periods[i] as string, unitKey: ids[0], userId: ids[1], at: Number(at) }] : [];
      }),
    );
  }

  /** Snoozes the unit's pings for the user; a snooze of the same ping that still runs is kept. */
  async snooze(s: Snooze, now: number): Promise<Snooze> {
    const value = `${Math.trunc(s.until)}|${checkPeriod(s.period)}|${s.contact ?? ''}`;
    const field = pair(s.unitKey, s.userId);
    const stored = String(
      await this.redis.eval(SNOOZE_ONCE, 1, `${this.base}:snooze`, field, value, String(now), s.period),
    );
    return parseSnooze(field, stored) ?? s;
  }

  /** Snoozes still running or ended within the follow-up grace; older ones are removed. */
  async snoozes(now: number): Promise<Snooze[]> {
    const key = `${this.base}:snooze`;
    const all = Object.entries(await this.redis.hgetall(key)).map(([f, raw]) => ({
      f,
      s: parseSnooze(f, raw),
    }));
    const old = all.filter(({ s }) => s === null || s.until < now - FOLLOW_UP_GRACE_MS).map(({ f }) => f);
    if (old.length > 0) await this.redis.hdel(key, ...old);
    return all.flatMap(({ s }) => (s && s.until >= now - FOLLOW_UP_GRACE_MS ? [s] : []));
  }

  /** Coverage claims: claim field → when first planned. */
  async coverageClaims(): Promise<Map<string, number>> {
    const hash = await this.redis.hgetall(`${this.base}:coverage`);
    return new Map(Object.entries(hash).map(([f, at]) => [f, Number(at)]));
  }

  /**
   * Claims each field at `now` unless already claimed, in one transaction, and answers the time
   * each was first claimed: of concurrent planners, all see the same times.
   */
  async claimCoverage(fields: string[], now: number): Promise<Map<string, number>> {
    if (fields.length === 0) return new Map();
    const key = `${this.base}:coverage`;
    const multi = this.redis.multi();
    for (const f of fields) multi.hsetnx(key, f, String(now)).hget(key, f);
    const replies = await execAll(multi);
    return new Map(fields.map((f, i) => [f, Number(replies[2 * i + 1])]));
  }

  /** Removes claims of crossings that are over, so the unit is armed again. */
  async dropCoverageClaims(fields: string[]): Promise<void> {
    if (fields.length > 0) await this.redis.hdel(`${this.base}:coverage`, ...fields);
  }

  /** Remembers that a meeting was announced for `date`. */
  async recordMeeting(date: IsoDate): Promise<void> {
    const key = `${this.base}:meetings`;
    await execAll(
      this.redis
        .multi()
        .zadd(key, dayNumber(checkPeriod(date)), date)
        .zremrangebyrank(key, 0, -(MEETINGS_KEPT + 1)),
    );
  }

  /** The latest recorded meeting date before `date`, or null. */
  async meetingBefore(date: IsoDate): Promise<IsoDate | null> {
    const [latest] = await this.redis.zrevrangebyscore(
      `${this.base}:meetings`,
      `(${dayNumber(checkPeriod(date))}`,
      '-inf',
      'LIMIT',
      0,
      1,
    );
    return latest ?? null;
  }
}
