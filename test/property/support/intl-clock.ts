/**
 * Wall clocks read from Intl alone, as an oracle for the schedule maths: nothing here uses dayjs,
 * zoned-time.ts or cron-parser, so a fire time they agree on is one Intl confirms.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface Wall {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** What the clock on the wall in `tz` shows at `instant`, per Intl. */
export function intlWall(instant: number, tz: string): Wall {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
    weekday: WEEKDAYS[p.weekday as string] as number,
  };
}

/** The zone's offset from UTC at `instant`, in minutes, per Intl. */
export function intlOffset(instant: number, tz: string): number {
  const w = intlWall(instant, tz);
  const [y, mo, d] = w.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = w.time.split(':').map(Number) as [number, number];
  const minute = Math.floor(instant / MS_PER_MINUTE) * MS_PER_MINUTE;
  return (Date.UTC(y, mo - 1, d, h, mi) - minute) / MS_PER_MINUTE;
}

function dateAfter(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The instants at which the wall clock in `tz` shows `date time`: one, two when clocks fall back
 * and the time comes twice, none when it falls in a spring-forward gap.
 */
function instantsAt(date: string, time: string, tz: string): number[] {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets run from −12 h to +14 h: every instant showing this wall time lies in that window.
  const offsets = new Set([-14, -7, 0, 7, 14].map((hours) => intlOffset(naive + hours * MS_PER_HOUR, tz)));
  const found = [...offsets]
    .map((offset) => naive - offset * MS_PER_MINUTE)
    .filter((t) => {
      const w = intlWall(t, tz);
      return w.date === date && w.time === time;
    });
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * The rule jobs/DELIVERY.md gives for a time inside a gap: read with the offset in force before the
 * change, so it fires later by the gap (New York 02:30 on the spring-forward day fires at 03:30).
 */
function gapInstant(date: string, time: string, tz: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  return naive - intlOffset(naive - 15 * MS_PER_HOUR, tz) * MS_PER_MINUTE;
}

/** The wall clock at `instant` as if it were UTC, to the millisecond: local times compare as numbers. */
function naiveWall(instant: number, tz: string): number {
  return instant + intlOffset(instant, tz) * MS_PER_MINUTE;
}

/**
 * The next fire of a weekly `weekday time` in `tz` after `from`, as a cron on the wall clock reads
 * it: the first date on or after today's whose `time` is later than the wall clock at `from`, at
 * the first instant after `from` that shows it; a time in a gap is taken by `gapInstant`. So a
 * time that occurs twice when clocks fall back fires at its first occurrence.
 */
export function expectedFire(tz: string, weekday: number, time: string, from: number): number {
  const now = naiveWall(from, tz);
  const start = intlWall(from, tz).date;
  for (let k = -1; k <= 8; k++) {
    const date = dateAfter(start, k);
    if (weekdayOf(date) !== weekday) continue;
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, mi] = time.split(':').map(Number) as [number, number];
    if (Date.UTC(y, mo - 1, d, h, mi) <= now) continue;
    const at = instantsAt(date, time, tz).filter((t) => t > from);
    return at[0] ?? gapInstant(date, time, tz);
  }
  throw new Error(`no fire of ${weekday} ${time} in ${tz} after ${from}`);
}

/**
 * The fires the rules allow next: `expectedFire`, or before it the second occurrence of a time
 * that occurs twice (jobs/DELIVERY.md: such a time may fire twice, the delivery record keeps one).
 */
export function allowedFires(tz: string, weekday: number, time: string, from: number): number[] {
  const next = expectedFire(tz, weekday, time, from);
  const start = intlWall(from, tz).date;
  const again = [-1, 0, 1]
    .map((k) => dateAfter(start, k))
    .filter((date) => weekdayOf(date) === weekday)
    .flatMap((date) => instantsAt(date, time, tz).slice(1))
    .filter((t) => t > from && t < next);
  return [...again, next];
}

/**
 * The dates from `from` to `days` days later that fall on `weekday` and on which `time` does not
 * exist in `tz`: a spring-forward gap swallows it.
 */
export function gapDates(tz: string, weekday: number, time: string, from: number, days: number): string[] {
  const to = from + days * MS_PER_DAY;
  const out = new Set<string>();
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(to).getUTCFullYear(); year++) {
    for (const change of offsetChangesIn(tz, year)) {
      if (change < from || change > to) continue;
      if (intlOffset(change, tz) < intlOffset(change - MS_PER_MINUTE, tz)) continue;
      for (const date of [intlWall(change - MS_PER_MINUTE, tz).date, intlWall(change, tz).date]) {
        if (weekdayOf(date) === weekday && instantsAt(date, time, tz).length === 0) out.add(date);
      }
    }
  }
  return [...out];
}

const changesMemo = new Map<string, number[]>();

/**
 * The instants (to the minute) at which the zone's offset changes during `year`, per Intl: a scan a
 * week at a time, then halving down to the minute (no zone changes twice within a week).
 */
export function offsetChangesIn(tz: string, year: number): number[] {
  const key = `${tz}|${year}`;
  const known = changesMemo.get(key);
  if (known) return known;
  const changes: number[] = [];
  const step = 7 * MS_PER_DAY;
  const end = Date.UTC(year + 1, 0, 1);
  let at = Date.UTC(year, 0, 1);
  let previous = intlOffset(at, tz);
  while (at < end) {
    const next = Math.min(at + step, end);
    const offset = intlOffset(next, tz);
    if (offset !== previous) {
      let lo = at;
      let hi = next;
      while (hi - lo > MS_PER_MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
        if (intlOffset(mid, tz) === previous) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    previous = offset;
    at = next;
  }
  changesMemo.set(key, changes);
  return changes;
}
