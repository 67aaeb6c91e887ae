import { InvalidDataError } from './errors';
import type { IsoDate, Weekday } from './types';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. A date here is a day in the group's calendar, not
 * an instant, so the maths runs on UTC day numbers where no daylight-saving shift can move it. It
 * involves no zone, and integer day numbers are simpler and faster than dayjs objects; converting
 * between instants and local dates is zoned-time.ts's job.
 */

const MS_PER_DAY = 86_400_000;

const DATE_FORMS = [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, /^(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]$/];

/**
 * A real calendar date written as `2026-11-20`, `2026/11/20`, `2026.11.20` or `2026年11月20日`
 * (month and day may drop the leading zero), as `YYYY-MM-DD`; null for anything else,
 * including dates that do not exist such as `2026-02-30`.
 */
export function parseIsoDate(s: string): IsoDate | null {
  for (const form of DATE_FORMS) {
    const m = form.exec(s.trim());
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const iso = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const back = new Date(Date.UTC(y, mo - 1, d));
    return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
      ? iso
      : null;
  }
  return null;
}

/**
 * Dates converted lately, both ways. A status or a digest converts the same few dates for each of
 * hundreds of rows, and a conversion through `Date` costs about a microsecond.
 */
const REMEMBERED = 4096;
const numbers = new Map<string, number>();
const dates = new Map<number, IsoDate>();

/** Days from 1970-01-01 to the date (negative before). Throws on a malformed date: a fault, not a user error. */
export function dayNumber(iso: IsoDate): number {
  const known = numbers.get(iso);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new InvalidDataError(`not an ISO date: ${iso}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (numbers.size >= REMEMBERED) numbers.clear();
  numbers.set(iso, n);
  return n;
}

/** The date `n` days after 1970-01-01. */
export function fromDayNumber(n: number): IsoDate {
  const known = dates.get(n);
  if (known !== undefined) return known;
  const iso = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
  if (dates.size >= REMEMBERED) dates.clear();
  dates.set(n, iso);
  return iso;
}

/** The date `n` days later (earlier when negative). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(iso) + n);
}

/** Days from `a` to `b`: positive when `b` is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return (((((dayNumber(iso) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** The Monday of the date's week; weeks start on Monday. */
export function weekStart(iso: IsoDate): IsoDate {
  return addDays(iso, 1 - isoWeekday(iso));
}

/** The Sunday of the date's week. */
export function weekEnd(iso: IsoDate): IsoDate {
  return addDays(iso, 7 - isoWeekday(iso));
}

/** The most recent date on or before `today` that falls on `weekday` (today itself if it does). */
export function lastWeekday(today: IsoDate, weekday: Weekday): IsoDate {
  return addDays(today, -((isoWeekday(today) - weekday + 7) % 7));
}
