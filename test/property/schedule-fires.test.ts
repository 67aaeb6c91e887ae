import { defaultRepeatStrategy } from 'bullmq';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bullmqNextFire, rememberedRepeatStrategy } from '../../jobs/cron';
import { isUserError } from '../../src/domain/errors';
import { checkSchedules, cronPattern, firesEveryWeek, nextRun } from '../../src/domain/schedule';
import { GROUP_OPTION_DEFAULTS, type Group, type Weekday } from '../../src/domain/types';
import {
  allowedFires,
  expectedFire,
  gapDates,
  intlOffset,
  intlWall,
  offsetChangesIn,
} from './support/intl-clock';

/**
 * The next fire of a weekly reminder or digest, as the domain computes it with BullMQ's own cron
 * strategy (what the workers fire on), against Intl: for any zone Intl knows, any weekday and time,
 * any instant of 2020–2040, it is the first instant after `from` at which the wall clock shows that
 * weekday and time later than it showed at `from` (support/intl-clock.ts `expectedFire`). So a
 * time that occurs twice when clocks fall back fires at its first occurrence, and at the second
 * only when `from` already lies in the repeated hour before it. jobs/DELIVERY.md's rules for a
 * time in a spring-forward gap are checked as written: it fires later by the gap (the offset
 * before the change), and where cron would skip that week instead, the schedule is refused when
 * set (`skipped_by_dst`). So a disagreement is allowed only for a schedule `checkSchedules`
 * refuses at `from`, and only when the time really falls in a gap on that weekday within the two
 * years it checks.
 */

const ZONES = Intl.supportedValuesOf('timeZone');
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_WEEK = 7 * 1440;
/** What firesEveryWeek looks ahead. */
const HORIZON_DAYS = 2 * 366;

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function group(over: Partial<Group>): Group {
  return {
    id: 'C1',
    teamId: 'T1',
    name: 'Group',
    tz: 'UTC',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: 'U1',
    createdAt: 0,
    ...over,
  };
}

type Kind = 'digest' | 'reminder';

/** The group whose digest, or whose meeting's reminder (`remindMinutes` before it), fires at `fire`. */
function groupFiring(
  tz: string,
  kind: Kind,
  fire: { weekday: number; minutes: number },
  remindMinutes: number,
) {
  const meetingMinute = ((fire.weekday - 1) * 1440 + fire.minutes + remindMinutes) % MINUTES_PER_WEEK;
  const meeting = {
    weekday: (Math.floor(meetingMinute / 1440) + 1) as Weekday,
    time: clock(meetingMinute % 1440),
    remindMinutes,
    skips: [],
  };
  return kind === 'digest'
    ? group({ tz, digest: { weekday: fire.weekday as Weekday, time: clock(fire.minutes) } })
    : group({ tz, meeting });
}

/**
 * A case: a zone, an instant `from` (often within nine days before one of the zone's offset
 * changes, the time of day near the change's), a weekday and a time, the digest at it or a meeting
 * whose reminder falls on it. With `onFire`, `from` is itself a fire of the schedule.
 */
const scheduleCase = fc
  .record({
    tz: fc.constantFrom(...ZONES),
    year: fc.integer({ min: 2020, max: 2040 }),
    nearChange: fc.boolean(),
    changePick: fc.nat(),
    secondsBefore: fc.integer({ min: 0, max: 9 * 86_400 }),
    uniformInstant: fc.integer({ min: 0, max: 366 * MS_PER_DAY - 1 }),
    sameWeekday: fc.boolean(),
    weekday: fc.integer({ min: 1, max: 7 }),
    minutes: fc.integer({ min: 0, max: 1439 }),
    aroundChange: fc.integer({ min: -120, max: 120 }),
    kind: fc.constantFrom<Kind>('digest', 'reminder'),
    remindMinutes: fc.integer({ min: 0, max: 1440 }),
    onFire: fc.boolean(),
  })
  .map((c) => {
    const changes = c.nearChange ? offsetChangesIn(c.tz, c.year) : [];
    const change = changes[c.changePick % Math.max(1, changes.length)];
    const from0 =
      change === undefined ? Date.UTC(c.year, 0, 1) + c.uniformInstant : change - c.secondsBefore * 1000;
    let weekday = c.weekday;
    let minutes = c.minutes;
    if (change !== undefined) {
      const wall = intlWall(change, c.tz);
      const [h, m] = wall.time.split(':').map(Number) as [number, number];
      minutes = (((h * 60 + m + c.aroundChange) % 1440) + 1440) % 1440;
      if (c.sameWeekday) weekday = wall.weekday;
    }
    const fire = { weekday, time: clock(minutes) };
    const from = c.onFire ? expectedFire(c.tz, fire.weekday, fire.time, from0) : from0;
    return {
      kind: c.kind,
      group: groupFiring(c.tz, c.kind, { weekday, minutes }, c.remindMinutes),
      tz: c.tz,
      fire,
      from,
    };
  });

/**
 * Zones whose clocks spring forward in every way tzdata has: by an hour at 02:00 (New York,
 * Berlin, Sydney), at midnight or across it (Santiago, Havana, Beirut, Cairo, Azores, Nuuk,
 * Asunción), by two hours (Troll), by 30 minutes (Lord Howe), at 02:45 (Chatham).
 */
const GAP_ZONES = [
  ...['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Auckland', 'America/Santiago'],
  ...['America/Havana', 'Asia/Beirut', 'Africa/Cairo', 'Atlantic/Azores', 'America/Nuuk', 'America/Asuncion'],
  ...['Antarctica/Troll', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Jerusalem', 'Pacific/Easter'],
].filter((tz) => ZONES.includes(tz));

/** A case whose time falls inside a spring-forward gap, on the gap's day, from up to 8 days before. */
const gapCase = fc
  .record({
    tz: fc.constantFrom(...GAP_ZONES),
    year: fc.integer({ min: 2020, max: 2040 }),
    changePick: fc.nat(),
    inGap: fc.nat(),
    secondsBefore: fc.integer({ min: 60, max: 8 * 86_400 }),
    kind: fc.constantFrom<Kind>('digest', 'reminder'),
    remindMinutes: fc.integer({ min: 0, max: 1440 }),
  })
  .map((c) => {
    const forward = offsetChangesIn(c.tz, c.year).filter(
      (t) => intlOffset(t, c.tz) > intlOffset(t - MS_PER_MINUTE, c.tz),
    );
    const change = forward[c.changePick % Math.max(1, forward.length)] ?? Date.UTC(c.year, 2, 1);
    const gap = Math.max(1, intlOffset(change, c.tz) - intlOffset(change - MS_PER_MINUTE, c.tz));
    // The naive wall clock just before the change, plus a minute inside the gap.
    const skipped =
      change + intlOffset(change - MS_PER_MINUTE, c.tz) * MS_PER_MINUTE + (c.inGap % gap) * MS_PER_MINUTE;
    const day = new Date(skipped);
    const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    const minutes = day.getUTCHours() * 60 + day.getUTCMinutes();
    const fire = { weekday, time: clock(minutes) };
    const from = change - c.secondsBefore * 1000;
    return {
      kind: c.kind,
      group: groupFiring(c.tz, c.kind, { weekday, minutes }, c.remindMinutes),
      tz: c.tz,
      fire,
      from,
    };
  });

/**
 * What this property found in cron-parser 4 (BullMQ's cron): on a spring-forward day whose gap does
 * not end on a whole hour (Lord Howe Island moves its clocks by 30 minutes, 02:00 to 02:30; the
 * Chatham Islands from 02:45 to 03:45), a time that exists but lies in the clock hour where the gap
 * ends (Sunday 02:30–02:59, 03:45–03:59) fires an hour late. `firesEveryWeek` checks each fire's
 * time as well as its weekday, so such a schedule is refused when set.
 */
function firesAnHourLate(tz: string, got: number | null, want: number): boolean {
  if (got !== want + MS_PER_HOUR || intlWall(got, tz).date !== intlWall(want, tz).date) return false;
  const year = new Date(want).getUTCFullYear();
  return [...offsetChangesIn(tz, year - 1), ...offsetChangesIn(tz, year)].some(
    (change) =>
      change <= want && want - change < 2 * MS_PER_HOUR && !intlWall(change, tz).time.endsWith(':00'),
  );
}

interface FireCase {
  kind: Kind;
  group: Group;
  tz: string;
  fire: { weekday: number; time: string };
  from: number;
}

/**
 * The next fire is one the rules allow (support/intl-clock.ts `allowedFires`), strictly after
 * `from` and within 8 days; or it is the cron fault above; or the schedule is one `checkSchedules`
 * refuses at `from` for a real gap on that weekday within the two years it checks.
 */
function checkFire(
  { kind, group: g, tz, fire, from }: FireCase,
  seen: { refused: number; late: number },
): void {
  const got = nextRun(g, kind, from, bullmqNextFire);
  if (got !== null && allowedFires(tz, fire.weekday, fire.time, from).includes(got)) {
    expect(got).toBeGreaterThan(from);
    expect(got - from).toBeLessThanOrEqual(8 * MS_PER_DAY);
    return;
  }
  const late = firesAnHourLate(tz, got, expectedFire(tz, fire.weekday, fire.time, from));
  if (late) seen.late++;
  else seen.refused++;
  const at = { weekday: fire.weekday as Weekday, time: fire.time };
  expect(firesEveryWeek(at, tz, from, bullmqNextFire), `${tz} ${cronPattern(at)}`).toBe(false);
  let caught: unknown;
  try {
    checkSchedules(g, from, bullmqNextFire);
  } catch (err) {
    caught = err;
  }
  expect(isUserError(caught) && caught.code).toBe('skipped_by_dst');
  // A refusal stands for a real gap on that weekday, or for the late fire above.
  if (!late) expect(gapDates(tz, fire.weekday, fire.time, from, HORIZON_DAYS)).not.toEqual([]);
}

describe('weekly fire times against Intl', () => {
  it('are the first instant after `from` showing that weekday and time, within 8 days, or refused', () => {
    const seen = { refused: 0, late: 0 };
    fc.assert(
      fc.property(scheduleCase, (c) => checkFire(c, seen)),
      { numRuns: 200 },
    );
    // Most cases are ordinary weeks; a handful per run land on a gap that cron steps over.
    expect(seen.refused + seen.late).toBeLessThan(50);
  }, 60_000);

  it('inside a spring-forward gap, fire later by the gap or are refused when set', () => {
    const seen = { refused: 0, late: 0 };
    fc.assert(
      fc.property(gapCase, (c) => checkFire(c, seen)),
      { numRuns: 30 },
    );
    // Both rules are met: cron fires most gap times later by the gap, and steps over some.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.refused + seen.late).toBeLessThan(30);
  }, 60_000);

  it('are the same whether BullMQ computes them afresh or from the remembered strategy', () => {
    const remembered = rememberedRepeatStrategy();
    fc.assert(
      fc.property(
        scheduleCase,
        fc.integer({ min: 0, max: MS_PER_MINUTE - 1 }),
        ({ group: g, tz, fire, from }, later) => {
          const pattern = cronPattern({ weekday: fire.weekday as Weekday, time: fire.time });
          const minute = Math.floor(from / MS_PER_MINUTE) * MS_PER_MINUTE;
          const next = expectedFire(tz, fire.weekday, fire.time, from);
          // The memo is per minute: another instant of the same minute, and the last instant before a
          // fire and the fire itself (one minute apart), must each get their own answer.
          for (const at of [from, minute + later, next - 1, next]) {
            expect(remembered(at, { pattern, tz: g.tz })).toBe(defaultRepeatStrategy(at, { pattern, tz }));
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);
});
