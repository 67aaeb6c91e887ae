import { describe, expect, it } from 'vitest';
import { bullmqNextFire } from '../../jobs/cron';
import { isUserError } from '../../src/domain/errors';
import {
  checkSchedules,
  cronPattern,
  firesEveryWeek,
  isoWeekKey,
  meetingDateOfFire,
  nextRun,
  occurrenceOf,
  reminderAt,
} from '../../src/domain/schedule';
import { GROUP_OPTION_DEFAULTS, type Group, type MeetingSchedule } from '../../src/domain/types';

function group(overrides: Partial<Group> = {}): Group {
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
    ...overrides,
  };
}

const meeting = (m: Partial<MeetingSchedule> = {}): MeetingSchedule => ({
  weekday: 1,
  time: '09:00',
  remindMinutes: 60,
  skips: [],
  ...m,
});

/** What Intl says the local clock shows at `instant`: `Mon 09:00`. */
function intlLocal(instant: number, tz: string): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.hour}:${p.minute}`;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** `count` successive fires of the group's schedule after `from`, computed as the worker does. */
function fires(g: Group, kind: 'reminder' | 'digest', from: number, count: number): number[] {
  const out: number[] = [];
  let t = from;
  for (let i = 0; i < count; i++) {
    const next = nextRun(g, kind, t, bullmqNextFire);
    if (next === null) break;
    out.push(next);
    t = next;
  }
  return out;
}

describe('reminder time', () => {
  it('is remind minutes before the meeting, wrapping to the day and week before', () => {
    expect(reminderAt(meeting({ weekday: 3, time: '10:30', remindMinutes: 90 }))).toEqual({
      weekday: 3,
      time: '09:00',
    });
    expect(reminderAt(meeting({ weekday: 2, time: '00:30', remindMinutes: 60 }))).toEqual({
      weekday: 1,
      time: '23:30',
    });
    expect(reminderAt(meeting({ weekday: 1, time: '00:30', remindMinutes: 60 }))).toEqual({
      weekday: 7,
      time: '23:30',
    });
    expect(reminderAt(meeting({ weekday: 1, time: '09:00', remindMinutes: 1440 }))).toEqual({
      weekday: 7,
      time: '09:00',
    });
  });

  it('becomes a cron pattern with Sunday as 0', () => {
    expect(cronPattern({ weekday: 7, time: '23:30' })).toBe('30 23 * * 0');
    expect(cronPattern({ weekday: 1, time: '09:05' })).toBe('5 9 * * 1');
  });

  it('belongs to the meeting on or after it, even across midnight', () => {
    const m = meeting({ weekday: 1, time: '00:30', remindMinutes: 60 });
    // Sunday 2026-01-11 23:30 in Shanghai.
    const fire = Date.UTC(2026, 0, 11, 15, 30);
    expect(meetingDateOfFire(m, fire, 'Asia/Shanghai')).toBe('2026-01-12');
    expect(occurrenceOf(group({ meeting: m, tz: 'Asia/Shanghai' }), 'reminder', fire)).toBe('2026-01-12');
  });
});

describe('next fire times across daylight-saving changes', () => {
  it('America/New_York, Monday 09:00: 13:00Z before the November change, 14:00Z after', () => {
    const g = group({ tz: 'America/New_York', meeting: meeting({ remindMinutes: 0 }) });
    expect(fires(g, 'reminder', Date.UTC(2025, 9, 21), 3).map((t) => new Date(t).toISOString())).toEqual([
      '2025-10-27T13:00:00.000Z',
      '2025-11-03T14:00:00.000Z',
      '2025-11-10T14:00:00.000Z',
    ]);
  });

  it('America/New_York, reminder an hour before a Monday 10:00 meeting follows the same shift', () => {
    const g = group({ tz: 'America/New_York', meeting: meeting({ time: '10:00' }) });
    expect(fires(g, 'reminder', Date.UTC(2025, 9, 21), 3).map((t) => new Date(t).toISOString())).toEqual([
      '2025-10-27T13:00:00.000Z',
      '2025-11-03T14:00:00.000Z',
      '2025-11-10T14:00:00.000Z',
    ]);
  });

  it('Europe/Berlin across the March change: 07:00Z then 06:00Z for an 08:00 reminder', () => {
    const g = group({ tz: 'Europe/Berlin', meeting: meeting() });
    expect(fires(g, 'reminder', Date.UTC(2026, 2, 20), 2).map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-23T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
  });

  it('Asia/Shanghai has no change: always 01:00Z for 09:00', () => {
    const g = group({ tz: 'Asia/Shanghai', digest: { weekday: 5, time: '09:00' } });
    const all = fires(g, 'digest', Date.UTC(2026, 0, 1), 60);
    expect(all).toHaveLength(60);
    for (const t of all) expect(new Date(t).toISOString()).toMatch(/T01:00:00\.000Z$/);
  });

  it.each([
    ['America/New_York', 1, '09:00'],
    ['America/New_York', 7, '01:30'],
    ['Europe/Berlin', 7, '02:30'],
    ['Europe/Berlin', 3, '17:00'],
    ['America/Santiago', 7, '01:30'],
    ['America/Santiago', 6, '23:30'],
    ['Asia/Shanghai', 5, '17:00'],
  ] as const)(
    '%s weekday %i at %s: every fire for two years is that local time, once a week, as Intl reads it',
    (tz, weekday, time) => {
      const g = group({ tz, digest: { weekday, time } });
      checkSchedules(g, Date.UTC(2025, 0, 1), bullmqNextFire);
      const all = fires(g, 'digest', Date.UTC(2025, 0, 1), 105);
      expect(all).toHaveLength(105);
      const day = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekday];
      const weeks = new Set<string>();
      let shifted = 0;
      for (const t of all) {
        const [localDay, clock] = intlLocal(t, tz).split(' ');
        expect(localDay).toBe(day);
        // A time the clocks skip fires an hour later that day (the one spring-forward Sunday of a year).
        if (clock !== time) {
          shifted += 1;
          expect(minutesOf(clock as string) - minutesOf(time)).toBe(60);
        }
        weeks.add(occurrenceOf(g, 'digest', t));
      }
      expect(shifted).toBeLessThanOrEqual(2);
      // A repeated 01:30 fires twice in one week; the occurrence key keeps one delivery.
      expect(weeks.size).toBeGreaterThanOrEqual(104);
    },
  );

  it('fires on the spring-forward day for a time the clocks skip (02:30 in New York and Berlin)', () => {
    const ny = bullmqNextFire('30 2 * * 0', 'America/New_York', Date.UTC(2025, 2, 5));
    expect(intlLocal(ny as number, 'America/New_York')).toBe('Sun 03:30');
    expect(new Date(ny as number).toISOString().slice(0, 10)).toBe('2025-03-09');
    const berlin = bullmqNextFire('30 2 * * 0', 'Europe/Berlin', Date.UTC(2026, 2, 25));
    expect(new Date(berlin as number).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('daylight-saving rule for 00:00–03:00', () => {
  const jan2025 = Date.UTC(2025, 0, 1);

  it('refuses Sunday 00:30 in America/Santiago, which cron would skip in September', () => {
    // The refusal is real: the next fire after 2025-08-31 skips 2025-09-07.
    const after = bullmqNextFire('30 0 * * 0', 'America/Santiago', Date.UTC(2025, 8, 1));
    expect(new Date(after as number).toISOString().slice(0, 10)).toBe('2025-09-14');
    const g = group({ tz: 'America/Santiago', digest: { weekday: 7, time: '00:30' } });
    let caught: unknown;
    try {
      checkSchedules(g, jan2025, bullmqNextFire);
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught) && caught.code).toBe('skipped_by_dst');
    expect(isUserError(caught) && caught.params).toMatchObject({
      what: 'digest',
      time: '00:30',
      tz: 'America/Santiago',
    });
  });

  it('refuses a reminder that would land in the Santiago gap, naming the reminder time', () => {
    const g = group({
      tz: 'America/Santiago',
      meeting: meeting({ weekday: 7, time: '01:00', remindMinutes: 60 }),
    });
    expect(() => checkSchedules(g, jan2025, bullmqNextFire)).toThrow(/skipped_by_dst.*"time":"00:00"/);
  });

  it('accepts every 00:00–03:00 half hour in Berlin and New York, and those outside the gap in Santiago', () => {
    for (let minutes = 0; minutes < 180; minutes += 30) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(firesEveryWeek({ weekday: 7, time }, 'Europe/Berlin', jan2025, bullmqNextFire)).toBe(true);
      expect(firesEveryWeek({ weekday: 7, time }, 'America/New_York', jan2025, bullmqNextFire)).toBe(true);
      expect(firesEveryWeek({ weekday: 7, time }, 'America/Santiago', jan2025, bullmqNextFire)).toBe(
        minutes >= 60,
      );
      expect(firesEveryWeek({ weekday: 1, time }, 'America/Santiago', jan2025, bullmqNextFire)).toBe(true);
    }
  });

  it('refuses a Sunday time that cron would fire an hour late after a change of half an hour (Lord Howe) or at 02:45 (Chatham)', () => {
    const sunday = (time: string, tz: string) =>
      firesEveryWeek({ weekday: 7, time }, tz, jan2025, bullmqNextFire);
    // Lord Howe Island: 02:00 → 02:30 on the first Sunday of October; 02:30–02:59 fire at 03:30–03:59.
    expect(sunday('02:30', 'Australia/Lord_Howe')).toBe(false);
    expect(sunday('02:45', 'Australia/Lord_Howe')).toBe(false);
    expect(sunday('03:30', 'Australia/Lord_Howe')).toBe(true);
    expect(sunday('09:00', 'Australia/Lord_Howe')).toBe(true);
    // The Chatham Islands: 02:45 → 03:45 on the last Sunday of September.
    expect(sunday('03:50', 'Pacific/Chatham')).toBe(false);
    expect(sunday('09:00', 'Pacific/Chatham')).toBe(true);
    // Other weekdays never meet the change.
    expect(
      firesEveryWeek({ weekday: 6, time: '02:30' }, 'Australia/Lord_Howe', jan2025, bullmqNextFire),
    ).toBe(true);
  });
});

describe('occurrences and next run', () => {
  it('keys a digest by ISO week, including week 53 and weeks that start in the old year', () => {
    expect(isoWeekKey('2026-01-07')).toBe('2026-W02');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
  });

  it('steps over skipped meetings', () => {
    const g = group({ tz: 'Asia/Shanghai', meeting: meeting({ skips: ['2026-01-12', '2026-01-19'] }) });
    const next = nextRun(g, 'reminder', Date.UTC(2026, 0, 7), bullmqNextFire);
    expect(new Date(next as number).toISOString()).toBe('2026-01-26T00:00:00.000Z');
  });

  it('is null when the schedule is off', () => {
    expect(nextRun(group(), 'reminder', 0, bullmqNextFire)).toBeNull();
    expect(nextRun(group(), 'digest', 0, bullmqNextFire)).toBeNull();
  });
});
