import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  canonicalTimeZone,
  formatLocalDateTime,
  instantOf,
  isValidTimeZone,
  localClock,
  localDate,
  localDateTime,
  minutesOf,
  offsetChanges,
  utcOffset,
  weekdayName,
} from '../../src/domain/zoned-time';

const iso = (t: number) => new Date(t).toISOString();
const MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What Intl reads at `instant` in `tz`: `2026-03-08 03:00`, the oracle the module must agree with. */
function intlWall(instant: number, tz: string): string {
  let f = formatters.get(tz);
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
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The formatLocalDateTime this module replaced, on Intl: its output must not change. */
function intlFormatLocalDateTime(ms: number, tz: string, lang: 'en' | 'zh'): string {
  const weekday = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    timeZone: tz,
    weekday: 'short',
  }).format(ms);
  return `${weekday} ${intlWall(ms, tz)}`;
}

const wall = (instant: number, tz: string) => `${localDate(instant, tz)} ${localClock(instant, tz)}`;

describe('localDate', () => {
  // 2026-11-19T17:30Z is already the 20th in Shanghai but still the 19th in New York.
  const now = Date.UTC(2026, 10, 19, 17, 30);

  it('gives the calendar date in the group zone', () => {
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-11-20');
    expect(localDate(now, 'America/New_York')).toBe('2026-11-19');
    expect(localDate(now, 'UTC')).toBe('2026-11-19');
  });

  it('turns the date at local midnight, to the millisecond', () => {
    // Shanghai is UTC+8 all year: midnight is 16:00Z.
    expect(localDate(Date.UTC(2026, 10, 19, 16) - 1, 'Asia/Shanghai')).toBe('2026-11-19');
    expect(localDate(Date.UTC(2026, 10, 19, 16), 'Asia/Shanghai')).toBe('2026-11-20');
    // New York's midnight is 05:00Z in winter (EST) and 04:00Z in summer (EDT).
    expect(localDate(Date.UTC(2026, 10, 20, 5) - 1, 'America/New_York')).toBe('2026-11-19');
    expect(localDate(Date.UTC(2026, 10, 20, 5), 'America/New_York')).toBe('2026-11-20');
    expect(localDate(Date.UTC(2026, 6, 1, 4) - 1, 'America/New_York')).toBe('2026-06-30');
    expect(localDate(Date.UTC(2026, 6, 1, 4), 'America/New_York')).toBe('2026-07-01');
  });
});

describe('localClock and localDateTime', () => {
  it("reads the wall clock in the group's zone, across daylight saving", () => {
    expect(localClock(Date.UTC(2026, 10, 20, 0, 30), 'Asia/Shanghai')).toBe('08:30');
    expect(localClock(Date.UTC(2026, 6, 1, 7), 'Europe/Paris')).toBe('09:00');
    expect(localClock(Date.UTC(2026, 11, 1, 8), 'Europe/Paris')).toBe('09:00');
  });

  it('gives the date with the minute of the day', () => {
    expect(localDateTime(Date.UTC(2026, 10, 19, 17, 30), 'Asia/Shanghai')).toEqual({
      date: '2026-11-20',
      minutes: 90,
    });
    expect(localDateTime(Date.UTC(2026, 10, 20, 4, 59), 'America/New_York')).toEqual({
      date: '2026-11-19',
      minutes: 23 * 60 + 59,
    });
  });

  it('tells apart the minute before and the minute after each change (the offset memo is per minute)', () => {
    const cases = [
      ['America/New_York', Date.UTC(2026, 2, 8, 7), '2026-03-08 01:59', '2026-03-08 03:00'],
      ['America/New_York', Date.UTC(2026, 10, 1, 6), '2026-11-01 01:59', '2026-11-01 01:00'],
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1), '2026-03-29 01:59', '2026-03-29 03:00'],
      ['America/Santiago', Date.UTC(2026, 8, 6, 4), '2026-09-05 23:59', '2026-09-06 01:00'],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30), '2026-10-04 01:59', '2026-10-04 02:30'],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15), '2026-04-05 01:59', '2026-04-05 01:30'],
    ] as const;
    for (const [tz, change, before, after] of cases) {
      // Read in both orders, and the last millisecond before: none may take the other's offset.
      expect(wall(change, tz)).toBe(after);
      expect(wall(change - MINUTE, tz)).toBe(before);
      expect(wall(change - 1, tz)).toBe(before);
      expect(wall(change, tz)).toBe(after);
      expect(utcOffset(change - 1, tz)).not.toBe(utcOffset(change, tz));
    }
  });

  it("does not depend on the process's own zone", () => {
    // dayjs's utcOffset(n) goes through the local zone: in Berlin it read this Shanghai time as 09:30.
    const saved = process.env.TZ;
    try {
      for (const processZone of ['Europe/Berlin', 'America/New_York', 'UTC']) {
        process.env.TZ = processZone;
        expect(wall(Date.UTC(2026, 2, 29, 0, 30), 'Asia/Shanghai')).toBe('2026-03-29 08:30');
        expect(wall(Date.UTC(2026, 2, 8, 12), 'Asia/Tokyo')).toBe('2026-03-08 21:00');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('agrees with Intl at every instant of a sweep across changes, in zones with odd offsets', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Asia/Shanghai',
    ];
    const changes = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 8, 6, 4)];
    for (const tz of zones) {
      for (const change of changes) {
        // A step of 7 min 13.7 s lands on every part of a minute over ±36 hours.
        for (let t = change - 36 * 60 * MINUTE; t < change + 36 * 60 * MINUTE; t += 433_700) {
          expect(wall(t, tz), `${tz} ${iso(t)}`).toBe(intlWall(t, tz));
        }
      }
    }
  });
});

describe('instantOf', () => {
  it('finds the instant of a local time, as Intl reads it back', () => {
    const t = instantOf('2025-11-03', '09:00', 'America/New_York');
    expect(iso(t)).toBe('2025-11-03T14:00:00.000Z');
    expect(intlWall(instantOf('2026-03-30', '08:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-03-30 08:00',
    );
    expect(iso(instantOf('2026-11-20', '09:30', 'Asia/Shanghai'))).toBe('2026-11-20T01:30:00.000Z');
  });

  it('reads a time skipped when clocks spring forward with the offset before the change: later by the gap', () => {
    expect(iso(instantOf('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(instantOf('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    // Santiago skips from Saturday 24:00 to Sunday 01:00: the whole first hour of the day.
    expect(iso(instantOf('2026-09-06', '00:00', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(iso(instantOf('2026-09-06', '00:30', 'America/Santiago'))).toBe('2026-09-06T04:30:00.000Z');
    // Lord Howe Island moves by half an hour, 02:00 → 02:30.
    expect(iso(instantOf('2026-10-04', '02:15', 'Australia/Lord_Howe'))).toBe('2026-10-03T15:45:00.000Z');
    expect(intlWall(instantOf('2026-10-04', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(
      '2026-10-04 02:45',
    );
  });

  it('takes the earlier of a time that occurs twice when clocks fall back', () => {
    expect(iso(instantOf('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantOf('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOf('2026-04-04', '23:30', 'America/Santiago'))).toBe('2026-04-05T02:30:00.000Z');
    expect(iso(instantOf('2026-04-05', '01:45', 'Australia/Lord_Howe'))).toBe('2026-04-04T14:45:00.000Z');
  });

  it('is exact on both sides of a change', () => {
    expect(iso(instantOf('2026-03-08', '01:59', 'America/New_York'))).toBe('2026-03-08T06:59:00.000Z');
    expect(iso(instantOf('2026-03-08', '03:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantOf('2026-11-01', '00:59', 'America/New_York'))).toBe('2026-11-01T04:59:00.000Z');
    expect(iso(instantOf('2026-11-01', '02:00', 'America/New_York'))).toBe('2026-11-01T07:00:00.000Z');
  });

  it('round-trips every quarter hour around the changes, a repeated time to its first instant', () => {
    for (const [tz, change] of [
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['America/Santiago', Date.UTC(2026, 3, 5, 3)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
    ] as const) {
      const repeat = (utcOffset(change - 1, tz) - utcOffset(change, tz)) * MINUTE;
      for (let t = change - 6 * 60 * MINUTE; t < change + 6 * 60 * MINUTE; t += 15 * MINUTE) {
        const back = instantOf(localDate(t, tz), localClock(t, tz), tz);
        expect(back, `${tz} ${iso(t)}`).toBe(t >= change && t < change + repeat ? t - repeat : t);
      }
    }
  });

  describe('does not depend on the current time', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it.each([
      ['in winter', Date.UTC(2027, 0, 15)],
      ['in summer', Date.UTC(2027, 6, 15)],
    ])('%s', (_when, today) => {
      vi.useFakeTimers({ now: today, toFake: ['Date'] });
      // dayjs.tz('2027-11-07 01:30', zone) would answer 06:30Z on a winter day.
      expect(iso(instantOf('2027-11-07', '01:30', 'America/New_York'))).toBe('2027-11-07T05:30:00.000Z');
      expect(iso(instantOf('2027-03-14', '02:30', 'America/New_York'))).toBe('2027-03-14T07:30:00.000Z');
    });
  });
});

describe('offsetChanges', () => {
  it('finds the instants at which the offset changes, to the minute', () => {
    const from = Date.UTC(2026, 0, 1, 13, 17);
    expect(offsetChanges('America/New_York', from, 365).map(iso)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
    ]);
    expect(offsetChanges('Australia/Lord_Howe', from, 365).map(iso)).toEqual([
      '2026-04-04T15:00:00.000Z',
      '2026-10-03T15:30:00.000Z',
    ]);
    expect(offsetChanges('Asia/Shanghai', from, 365)).toEqual([]);
  });
});

describe('weekday names and formatted times', () => {
  it('names the weekday of a calendar date as Intl does, in English and Chinese', () => {
    expect(weekdayName('2026-11-30', 'en')).toBe('Mon');
    expect(weekdayName('2026-11-30', 'zh')).toBe('周一');
    expect(weekdayName('2026-12-06', 'en')).toBe('Sun');
    expect(weekdayName('2026-12-06', 'zh')).toBe('周日');
    for (let day = 0; day < 7; day++) {
      const noon = Date.UTC(2026, 10, 30 + day, 12);
      const date = new Date(noon).toISOString().slice(0, 10);
      for (const [lang, locale] of [
        ['en', 'en-US'],
        ['zh', 'zh-CN'],
      ] as const) {
        const intl = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(noon);
        expect(weekdayName(date, lang)).toBe(intl);
      }
    }
  });

  it('formats a local date and time exactly as before', () => {
    const t = Date.UTC(2026, 10, 30, 0, 30);
    expect(formatLocalDateTime(t, 'Asia/Shanghai', 'en')).toBe('Mon 2026-11-30 08:30');
    expect(formatLocalDateTime(t, 'Asia/Shanghai', 'zh')).toBe('周一 2026-11-30 08:30');
    // Still Sunday evening in New York.
    expect(formatLocalDateTime(t, 'America/New_York', 'en')).toBe('Sun 2026-11-29 19:30');
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      for (let h = 0; h < 48; h += 5) {
        const at = t + h * 60 * MINUTE + 17 * MINUTE;
        expect(formatLocalDateTime(at, tz, 'en')).toBe(intlFormatLocalDateTime(at, tz, 'en'));
        expect(formatLocalDateTime(at, tz, 'zh')).toBe(intlFormatLocalDateTime(at, tz, 'zh'));
      }
    }
  });

  it('counts the minutes of a wall-clock time', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('23:59')).toBe(1439);
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('gives the canonical spelling', () => {
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('nowhere')).toBeNull();
  });

  it('throws a RangeError for an unknown zone, as Intl did, every time', () => {
    const now = Date.UTC(2026, 10, 19, 17, 30);
    expect(() => localDate(now, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDate(now, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatLocalDateTime(now, 'Mars/Olympus', 'en')).toThrow(RangeError);
    expect(() => instantOf('2026-11-20', '09:30', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
