import { describe, expect, it } from 'vitest';
import { parseTime, parseWeekday } from '../../src/domain/weekday';

describe('parseWeekday', () => {
  it('reads English short and long names in any case', () => {
    expect(parseWeekday('mon')).toBe(1);
    expect(parseWeekday('Tuesday')).toBe(2);
    expect(parseWeekday('WED')).toBe(3);
    expect(parseWeekday('thurs')).toBe(4);
    expect(parseWeekday('friday')).toBe(5);
    expect(parseWeekday('Sat')).toBe(6);
    expect(parseWeekday('sunday')).toBe(7);
  });

  it('reads 周, 星期 and 礼拜 forms, with 日 or 天 for Sunday', () => {
    expect(parseWeekday('周一')).toBe(1);
    expect(parseWeekday('星期三')).toBe(3);
    expect(parseWeekday('礼拜五')).toBe(5);
    expect(parseWeekday('周日')).toBe(7);
    expect(parseWeekday('周天')).toBe(7);
    expect(parseWeekday('星期天')).toBe(7);
    expect(parseWeekday('礼拜日')).toBe(7);
  });

  it('refuses anything else', () => {
    for (const w of ['mo', 'weekday', '周八', '星期', '1', 'constructor', ''])
      expect(parseWeekday(w)).toBeNull();
  });
});

describe('parseTime', () => {
  it('reads 24-hour times, padding the hour', () => {
    expect(parseTime('15:00')).toBe('15:00');
    expect(parseTime('9:30')).toBe('09:30');
    expect(parseTime('09：05')).toBe('09:05');
    expect(parseTime('0:00')).toBe('00:00');
    expect(parseTime('23:59')).toBe('23:59');
  });

  it('refuses impossible or other shapes', () => {
    for (const t of ['24:00', '12:60', '3pm', '1500', '15:0', '15.00', '']) expect(parseTime(t)).toBeNull();
  });
});
