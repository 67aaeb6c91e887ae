import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysBetween,
  fromDayNumber,
  isoWeekday,
  lastWeekday,
  parseIsoDate,
  weekEnd,
  weekStart,
} from '../../src/domain/dates';

describe('parseIsoDate', () => {
  it('accepts the ISO form and the / . 年月日 spellings', () => {
    expect(parseIsoDate('2026-11-20')).toBe('2026-11-20');
    expect(parseIsoDate('2026/11/20')).toBe('2026-11-20');
    expect(parseIsoDate('2026.1.5')).toBe('2026-01-05');
    expect(parseIsoDate('2026年11月20日')).toBe('2026-11-20');
    expect(parseIsoDate('2026年1月5号')).toBe('2026-01-05');
  });

  it('refuses dates that do not exist', () => {
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
  });

  it('refuses other shapes', () => {
    for (const s of ['20261120', '2026-11/20', '26-11-20', 'today', '2026-11-20T00:00', '']) {
      expect(parseIsoDate(s)).toBeNull();
    }
  });
});

describe('day arithmetic', () => {
  it('counts days from 1970-01-01 both ways', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(dayNumber('2026-11-20'))).toBe('2026-11-20');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('is not moved by daylight-saving changes', () => {
    // Europe and the US change clocks on the last Sunday of March / second Sunday of March.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
  });

  it('measures days between dates', () => {
    expect(daysBetween('2026-11-13', '2026-11-20')).toBe(7);
    expect(daysBetween('2026-11-20', '2026-11-13')).toBe(-7);
  });
});

describe('weeks', () => {
  it('numbers weekdays Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-11-16')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });

  it('starts weeks on Monday and ends them on Sunday', () => {
    expect(weekStart('2026-11-20')).toBe('2026-11-16');
    expect(weekEnd('2026-11-20')).toBe('2026-11-22');
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
    expect(weekEnd('2026-12-30')).toBe('2027-01-03');
  });

  it('finds the most recent weekday on or before a date', () => {
    expect(lastWeekday('2026-11-18', 1)).toBe('2026-11-16');
    expect(lastWeekday('2026-11-18', 3)).toBe('2026-11-18');
    expect(lastWeekday('2026-11-18', 5)).toBe('2026-11-13');
  });
});
