import { defaultRepeatStrategy } from 'bullmq';
import { addDays, dayNumber, daysBetween, isoWeekday, weekStart } from './dates';
import { UserError } from './errors';
import type { Group, IsoDate, MeetingSchedule, Weekday, WeeklySchedule } from './types';

/**
 * Schedule maths for the weekly reminder and digest, pure: `now` and the zone are parameters.
 * Next fire times come from BullMQ's own `defaultRepeatStrategy` (cron-parser with `tz`), the
 * function its job schedulers call, so what is shown and tested is what fires. It is pure; only
 * the import is heavy.
 */

export type ScheduleKind = 'reminder' | 'digest';

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MS_PER_DAY = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

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

/** The first fire strictly after `after`, as BullMQ's job scheduler computes it; null if none. */
export function nextFire(pattern: string, tz: string, after: number): number | null {
  const next = defaultRepeatStrategy(after, { pattern, tz });
  return typeof next === 'number' && Number.isFinite(next) ? next : null;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date and minute of the day at `instant` in `tz`. */
export function localDateTime(instant: number, tz: string): { date: IsoDate; minutes: number } {
  let f = partFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(tz, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Local wall clock minus UTC at `instant`, in ms (e.g. +8 h in Asia/Shanghai). */
function offsetAt(instant: number, tz: string): number {
  const { date, minutes } = localDateTime(instant, tz);
  const wall = dayNumber(date) * MS_PER_DAY + minutes * 60_000;
  return wall - (instant - (instant % 60_000));
}

/**
 * The instant at which the local clock in `tz` shows `date time`. For a time skipped by a
 * daylight-saving change, an instant within the hour of it.
 */
export function zonedInstant(date: IsoDate, time: string, tz: string): number {
  const wall = dayNumber(date) * MS_PER_DAY + minutesOf(time) * 60_000;
  const guess = wall - offsetAt(wall, tz);
  return wall - offsetAt(guess, tz);
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
  const fireDate = localDateTime(fireAt, tz).date;
  return addDays(fireDate, (meeting.weekday - isoWeekday(fireDate) + 7) % 7);
}

/**
 * The occurrence a fire belongs to: the meeting's local date for a reminder, the ISO week for a
 * digest. Exactly-once delivery and `meeting skip` dates are keyed on it.
 */
export function occurrenceOf(group: Group, kind: ScheduleKind, fireAt: number): string {
  if (kind === 'reminder' && group.meeting) return meetingDateOfFire(group.meeting, fireAt, group.tz);
  return isoWeekKey(localDateTime(fireAt, group.tz).date);
}

/** How many skipped meetings in a row `nextRun` steps over before giving up. */
const MAX_SKIPPED_IN_A_ROW = 60;

/** The next time the group's reminder or digest fires after `now`, stepping over skipped meetings; null when off. */
export function nextRun(group: Group, kind: ScheduleKind, now: number): number | null {
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

/** Instants, a day apart at most from the real one, at which the zone's UTC offset changes within the horizon. */
function offsetChanges(tz: string, from: number): number[] {
  const changes: number[] = [];
  let previous = offsetAt(from, tz);
  for (let day = 1; day <= DST_HORIZON_DAYS; day++) {
    const offset = offsetAt(from + day * MS_PER_DAY, tz);
    if (offset !== previous) changes.push(from + day * MS_PER_DAY);
    previous = offset;
  }
  return changes;
}

/** True when the pattern fires on `weekday` in each of the weeks around `change`, none left out. */
function weeklyAround(pattern: string, tz: string, weekday: Weekday, change: number): boolean {
  const dates: IsoDate[] = [];
  // Four fires from eight days before the change cover the week it falls in and its neighbours.
  let after = change - 8 * MS_PER_DAY;
  for (let i = 0; i < 4; i++) {
    const fire = nextFire(pattern, tz, after);
    if (fire === null) return false;
    const date = localDateTime(fire, tz).date;
    if (isoWeekday(date) !== weekday) return false;
    // A wall time repeated when clocks go back may fire twice on one date; delivery keeps one.
    if (dates[dates.length - 1] !== date) dates.push(date);
    after = fire;
  }
  return dates.every((d, i) => i === 0 || daysBetween(dates[i - 1] as IsoDate, d) === 7);
}

const weeklyChecks = new Map<string, boolean>();

/**
 * True when the scheduler fires `at` every week in `tz` across the daylight-saving changes of the
 * next two years. cron-parser drops the whole week when the time does not exist on the change
 * day (e.g. Sunday 00:30 in America/Santiago in September), so such a schedule is refused.
 */
export function firesEveryWeek(at: WeeklySchedule, tz: string, now: number): boolean {
  const pattern = cronPattern(at);
  const key = `${pattern}|${tz}|${Math.floor(now / MS_PER_DAY)}`;
  const known = weeklyChecks.get(key);
  if (known !== undefined) return known;
  const ok = offsetChanges(tz, now).every((change) => weeklyAround(pattern, tz, at.weekday, change));
  if (weeklyChecks.size >= 1000) weeklyChecks.clear();
  weeklyChecks.set(key, ok);
  return ok;
}

/**
 * Throws UserError `skipped_by_dst` when the group's reminder or digest would miss a week at a
 * daylight-saving change; call it before saving a schedule or a time zone.
 */
export function checkSchedules(group: Group, now: number): void {
  for (const kind of ['reminder', 'digest'] as const) {
    const spec = fireSpec(group, kind);
    if (spec && !firesEveryWeek(spec.at, spec.tz, now)) {
      throw new UserError('skipped_by_dst', {
        what: kind,
        weekday: spec.at.weekday,
        time: spec.at.time,
        tz: spec.tz,
      });
    }
  }
}
