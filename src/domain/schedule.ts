import { addDays, dayNumber, daysBetween, isoWeekday, weekStart } from './dates';
import { UserError } from './errors';
import type { Group, IsoDate, MeetingSchedule, Weekday, WeeklySchedule } from './types';
import { instantOf, localClock, localDate, minutesOf, offsetChanges } from './zoned-time';

/**
 * Schedule maths for the weekly reminder and digest, pure: `now`, the zone and the cron maths are
 * parameters. Next fire times come in as a `NextFire`; jobs/cron.ts passes BullMQ's own
 * `defaultRepeatStrategy` (cron-parser with `tz`), the function its job schedulers call, so what
 * is shown and tested is what fires.
 */

export type ScheduleKind = 'reminder' | 'digest';

/** The first fire of a cron `pattern` in zone `tz` strictly after `after` (epoch ms); null if none. */
export type NextFire = (pattern: string, tz: string, after: number) => number | null;

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MS_PER_DAY = 86_400_000;

function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** When the reminder fires, local wall clock: `remindMinutes` before the meeting, wrapping to the previous day or week. */
export function reminderAt(meeting: MeetingSchedule): WeeklySchedule {
  const meetingMinute = (meeting.weekday - 1) * MINUTES_PER_DAY + minutesOf(meeting.time);
  const fire =
    (((meetingMinute - meeting.remindMinutes) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  return {
    weekday: (Math.floor(fire / MINUTES_PER_DAY) + 1) as Weekday,
    time: clockOf(fire % MINUTES_PER_DAY),
  };
}

/** The cron pattern `m h * * dow` of a weekly local time (cron counts Sunday as 0). */
export function cronPattern(at: WeeklySchedule): string {
  const minutes = minutesOf(at.time);
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * ${at.weekday % 7}`;
}

/** What a group's scheduler of `kind` runs on: local weekday and time, its cron pattern and zone. */
export interface FireSpec {
  at: WeeklySchedule;
  pattern: string;
  tz: string;
}

/** The scheduler spec of the group's reminder or digest; null when that schedule is off. */
export function fireSpec(group: Group, kind: ScheduleKind): FireSpec | null {
  const at = kind === 'reminder' ? (group.meeting ? reminderAt(group.meeting) : null) : group.digest;
  return at ? { at: { weekday: at.weekday, time: at.time }, pattern: cronPattern(at), tz: group.tz } : null;
}

/** The ISO week of a date, `2026-W03`: the occurrence key of a weekly digest. */
export function isoWeekKey(date: IsoDate): string {
  const thursday = addDays(weekStart(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The local date of the meeting that a reminder fired at `fireAt` announces (on or after the fire's date). */
export function meetingDateOfFire(meeting: MeetingSchedule, fireAt: number, tz: string): IsoDate {
  const fireDate = localDate(fireAt, tz);
  return addDays(fireDate, (meeting.weekday - isoWeekday(fireDate) + 7) % 7);
}

/**
 * The occurrence a fire belongs to: the meeting's local date for a reminder, the ISO week for a
 * digest. Exactly-once delivery and `meeting skip` dates are keyed on it.
 */
export function occurrenceOf(group: Group, kind: ScheduleKind, fireAt: number): string {
  if (kind === 'reminder' && group.meeting) return meetingDateOfFire(group.meeting, fireAt, group.tz);
  return isoWeekKey(localDate(fireAt, group.tz));
}

/** How many skipped meetings in a row `nextRun` steps over before giving up. */
const MAX_SKIPPED_IN_A_ROW = 60;

/** The next time the group's reminder or digest fires after `now`, stepping over skipped meetings; null when off. */
export function nextRun(group: Group, kind: ScheduleKind, now: number, nextFire: NextFire): number | null {
  const spec = fireSpec(group, kind);
  if (!spec) return null;
  let after = now;
  for (let i = 0; i < MAX_SKIPPED_IN_A_ROW; i++) {
    const fire = nextFire(spec.pattern, spec.tz, after);
    if (fire === null) return null;
    if (kind !== 'reminder' || !group.meeting?.skips.includes(occurrenceOf(group, kind, fire))) return fire;
    after = fire;
  }
  return null;
}

/** How far ahead a schedule is checked against the zone's daylight-saving changes. */
const DST_HORIZON_DAYS = 2 * 366;

/** True when the pattern fires on `weekday` in each of the weeks around `change`, none left out. */
/** How long before a fire near a clock change the next fire is asked for again (1 to 60 minutes). */
const LATE_PROBES_MS = [1, 15, 29, 45, 60].map((m) => m * 60_000);

function weeklyAround(
  pattern: string,
  tz: string,
  at: WeeklySchedule,
  change: number,
  nextFire: NextFire,
): boolean {
  const dates: IsoDate[] = [];
  // Four fires from eight days before the change cover the week it falls in and its neighbours.
  let after = change - 8 * MS_PER_DAY;
  for (let i = 0; i < 4; i++) {
    const fire = nextFire(pattern, tz, after);
    if (fire === null) return false;
    const date = localDate(fire, tz);
    if (isoWeekday(date) !== at.weekday) return false;
    // A wall time repeated when clocks go back may fire twice on one date; delivery keeps one.
    if (dates[dates.length - 1] !== date) {
      // The date's first fire is at the time asked for (a skipped time read with the offset before
      // the change, as zoned-time reads it), however shortly before it the scheduler was set:
      // cron-parser fires some times an hour late on a change of half an hour (Lord Howe, when
      // asked in the half hour before) or at 02:45 (Chatham, always).
      const want = instantOf(date, at.time, tz);
      if (fire !== want) return false;
      // (A skipped time is not asked again: just before its instant the wall clock is past it.)
      const exists = localClock(want, tz) === at.time;
      for (const before of exists ? LATE_PROBES_MS : []) {
        if (nextFire(pattern, tz, want - before) !== want) return false;
      }
      dates.push(date);
    }
    after = fire;
  }
  return dates.every((d, i) => i === 0 || daysBetween(dates[i - 1] as IsoDate, d) === 7);
}

/** Answers per cron implementation, then per pattern, zone and UTC day. */
const weeklyChecks = new WeakMap<NextFire, Map<string, boolean>>();

/**
 * True when the scheduler fires `at` every week in `tz`, at that time, across the daylight-saving
 * changes of the next two years. cron-parser drops the whole week when the time does not exist on
 * the change day (e.g. Sunday 00:30 in America/Santiago in September), and fires an hour late a
 * time just after a change that does not end on a whole hour (Sunday 02:30 on Lord Howe Island),
 * so such schedules are refused.
 */
export function firesEveryWeek(at: WeeklySchedule, tz: string, now: number, nextFire: NextFire): boolean {
  const pattern = cronPattern(at);
  const key = `${pattern}|${tz}|${Math.floor(now / MS_PER_DAY)}`;
  let checks = weeklyChecks.get(nextFire);
  if (!checks) {
    checks = new Map();
    weeklyChecks.set(nextFire, checks);
  }
  const known = checks.get(key);
  if (known !== undefined) return known;
  const ok = offsetChanges(tz, now, DST_HORIZON_DAYS).every((change) =>
    weeklyAround(pattern, tz, at, change, nextFire),
  );
  if (checks.size >= 1000) checks.clear();
  checks.set(key, ok);
  return ok;
}

/**
 * Throws UserError `skipped_by_dst` when the group's reminder or digest would miss a week at a
 * daylight-saving change; call it before saving a schedule or a time zone.
 */
export function checkSchedules(group: Group, now: number, nextFire: NextFire): void {
  for (const kind of ['reminder', 'digest'] as const) {
    const spec = fireSpec(group, kind);
    if (spec && !firesEveryWeek(spec.at, spec.tz, now, nextFire)) {
      throw new UserError('skipped_by_dst', {
        what: kind,
        weekday: spec.at.weekday,
        time: spec.at.time,
        tz: spec.tz,
      });
    }
  }
}
