import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import 'dayjs/locale/zh-cn.js';
import { dayNumber } from './dates';
import type { IsoDate, Lang } from './types';

/**
 * The one place that converts between instants (ms since the epoch) and local times in an IANA
 * zone, on dayjs with its `utc` and `timezone` plugins. Pure: the instant and the zone are
 * parameters, nothing reads the clock. An unknown zone throws a RangeError, as Intl does.
 *
 * Speed: `dayjs(t).tz(tz)` builds a new Intl formatter on every call (`toLocaleString`), about
 * 120 µs, and `localDate` runs on every slash command. So only the zone's UTC offset comes from
 * dayjs, remembered per zone and UTC day, or per minute on a day with a change (every tzdata
 * offset change since 1970 falls on a whole minute, so all instants of a minute share one offset
 * and the memo is exact), and local fields are read from the instant shifted by that offset in
 * dayjs's UTC mode.
 */

dayjs.extend(utc);
dayjs.extend(timezone);

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** A bounded memo: the oldest entry leaves first (instants are asked for roughly in time order). */
function remember<K, V>(memo: Map<K, V>, key: K, value: V, max: number): V {
  if (memo.size >= max) memo.delete(memo.keys().next().value as K);
  memo.set(key, value);
  return value;
}

/** Days and minutes remembered per zone. */
const DAYS_PER_ZONE = 1024;
const MINUTES_PER_ZONE = 4096;

/**
 * Per zone, per UTC day: the offset when it holds for the whole day, or null for a day with an
 * offset change, whose minutes are then remembered one by one. Only zones Intl knows get in.
 */
const dayMemo = new Map<string, Map<number, number | null>>();
const minuteMemo = new Map<string, Map<number, number>>();

/** The zone's offset from dayjs, computed for the first instant of the minute so it depends on the minute alone. */
function offsetOfMinute(minute: number, tz: string): number {
  return dayjs(minute * MS_PER_MINUTE)
    .tz(tz)
    .utcOffset();
}

function zoneMemo<V>(memo: Map<string, Map<number, V>>, tz: string): Map<number, V> {
  let zone = memo.get(tz);
  if (!zone) {
    zone = new Map();
    memo.set(tz, zone);
  }
  return zone;
}

/**
 * Local wall clock minus UTC at `instant` in `tz`, in minutes (480 in Asia/Shanghai, −300 or −240
 * in New York). A day whose first and last minutes share an offset is taken to keep it all day
 * (no zone changes its offset and back within one day), so a zone costs two dayjs lookups a day;
 * the minutes of a day with a change are looked up one by one.
 */
export function utcOffset(instant: number, tz: string): number {
  if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
  const minute = Math.floor(instant / MS_PER_MINUTE);
  const day = Math.floor(minute / 1440);
  const days = dayMemo.get(tz);
  const whole = days?.get(day);
  if (typeof whole === 'number') return whole;
  if (whole === undefined) {
    // Throws RangeError for an unknown zone, before anything is remembered.
    const first = offsetOfMinute(day * 1440, tz);
    const last = offsetOfMinute(day * 1440 + 1439, tz);
    remember(zoneMemo(dayMemo, tz), day, first === last ? first : null, DAYS_PER_ZONE);
    if (first === last) return first;
  }
  const minutes = zoneMemo(minuteMemo, tz);
  const known = minutes.get(minute);
  return known ?? remember(minutes, minute, offsetOfMinute(minute, tz), MINUTES_PER_ZONE);
}

/**
 * The local wall clock as a UTC-mode dayjs. Not `dayjs.utc(instant).utcOffset(offset)`: that
 * goes through the process's own zone and is an hour off when the shifted time crosses one of its
 * daylight-saving changes (e.g. Shanghai fields read in a process running in Europe/Berlin).
 */
function wallClock(instant: number, tz: string): dayjs.Dayjs {
  return dayjs.utc(instant + utcOffset(instant, tz) * MS_PER_MINUTE);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

// Fields joined by hand: `format('YYYY-MM-DD')` costs about 2 µs a call, ten times the rest.
function dateOf(wall: dayjs.Dayjs): IsoDate {
  return `${String(wall.year()).padStart(4, '0')}-${pad2(wall.month() + 1)}-${pad2(wall.date())}`;
}

function clockOf(wall: dayjs.Dayjs): string {
  return `${pad2(wall.hour())}:${pad2(wall.minute())}`;
}

/** The calendar date in `tz` at `instant`: `localDate(now, 'Asia/Shanghai')` → `2026-11-20`. */
export function localDate(instant: number, tz: string): IsoDate {
  return dateOf(wallClock(instant, tz));
}

/** The wall-clock time `HH:mm` (00:00–23:59) in `tz` at `instant`. */
export function localClock(instant: number, tz: string): string {
  return clockOf(wallClock(instant, tz));
}

/** The local calendar date and minute of the day (0–1439) in `tz` at `instant`. */
export function localDateTime(instant: number, tz: string): { date: IsoDate; minutes: number } {
  const wall = wallClock(instant, tz);
  return { date: dateOf(wall), minutes: wall.hour() * 60 + wall.minute() };
}

/** Minutes after midnight of a wall-clock time `HH:mm` (`09:30` → 570). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The instant at which the local clock in `tz` shows `date time`. Daylight-saving rules:
 * - a time inside a gap (clocks spring forward) is read with the offset in force before the
 *   change, so it moves forward by the gap: New York 2026-03-08 02:30 → 07:30Z (03:30 EDT);
 * - a time that occurs twice (clocks fall back) is the earlier instant: New York 2026-11-01
 *   01:30 → 05:30Z (01:30 EDT, not EST).
 * Pure: unlike `dayjs.tz(string, zone)`, whose guess for a repeated time depends on today's
 * offset, the answer depends on the arguments only. Assumes at most one offset change in the
 * 26 hours around the wall time (offsets span −12 h to +14 h).
 */
export function instantOf(date: IsoDate, time: string, tz: string): number {
  const wall = dayNumber(date) * MS_PER_DAY + minutesOf(time) * MS_PER_MINUTE;
  const before = utcOffset(wall - 14 * 60 * MS_PER_MINUTE, tz);
  const after = utcOffset(wall + 12 * 60 * MS_PER_MINUTE, tz);
  const withBefore = wall - before * MS_PER_MINUTE;
  if (before === after) return withBefore;
  const withAfter = wall - after * MS_PER_MINUTE;
  const beforeFits = utcOffset(withBefore, tz) === before;
  const afterFits = utcOffset(withAfter, tz) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (afterFits) return withAfter;
  // Fits with the earlier offset, or falls in a gap: either way read with the offset before the change.
  return withBefore;
}

/** Change instants found per zone, first UTC day and length of the scan. */
const changeMemo = new Map<string, readonly number[]>();

/** The first minute in (from, to] whose offset is not `offset`; the offset changes once in it. */
function firstMinuteOff(from: number, to: number, offset: number, tz: string): number {
  let lo = Math.floor(from / MS_PER_MINUTE);
  let hi = Math.floor(to / MS_PER_MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetOfMinute(mid, tz) === offset) lo = mid;
    else hi = mid;
  }
  return hi * MS_PER_MINUTE;
}

/**
 * The instants at which the zone's UTC offset changes in the `days` days from the start of the
 * UTC day of `from` (at most one change a day is seen). Remembered per zone and day: the scan
 * asks dayjs for one offset a day, which would make each schedule check take a tenth of a second.
 */
export function offsetChanges(tz: string, from: number, days: number): readonly number[] {
  const start = Math.floor(from / MS_PER_DAY) * MS_PER_DAY;
  const key = `${tz}|${start / MS_PER_DAY}|${days}`;
  const known = changeMemo.get(key);
  if (known) return known;
  const changes: number[] = [];
  let previous = offsetOfMinute(start / MS_PER_MINUTE, tz);
  for (let day = 1; day <= days; day++) {
    const at = start + day * MS_PER_DAY;
    const offset = offsetOfMinute(at / MS_PER_MINUTE, tz);
    if (offset !== previous) changes.push(firstMinuteOff(at - MS_PER_DAY, at, previous, tz));
    previous = offset;
  }
  if (changeMemo.size >= 1000) changeMemo.clear();
  changeMemo.set(key, changes);
  return changes;
}

/** The short weekday of a calendar date: `Mon` in English, `周一` in Chinese (as Intl's en-US and zh-CN give). */
export function weekdayName(date: IsoDate, lang: Lang): string {
  return dayjs
    .utc(dayNumber(date) * MS_PER_DAY)
    .locale(lang === 'zh' ? 'zh-cn' : 'en')
    .format('ddd');
}

/** `Mon 2026-11-30 08:30` / `周一 2026-11-30 08:30`: the local date and time in `tz` at `instant`. */
export function formatLocalDateTime(instant: number, tz: string, lang: Lang): string {
  const wall = wallClock(instant, tz);
  const date = dateOf(wall);
  return `${weekdayName(date, lang)} ${date} ${clockOf(wall)}`;
}

/** The zone's canonical IANA name (`asia/shanghai` → `Asia/Shanghai`), or null if Intl does not know it. */
export function canonicalTimeZone(tz: string): string | null {
  if (!tz || tz.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True for a time zone this runtime's Intl knows, e.g. `Asia/Shanghai` or `UTC`. */
export function isValidTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}
