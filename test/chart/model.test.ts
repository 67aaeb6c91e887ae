import { describe, expect, it } from 'vitest';
import { CHART_MAX_ROWS, chartWeeks, coverageChart } from '../../src/chart/model';
import type { Activity, IsoDate, Unit } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
/** Thursday; its week begins on Monday 2025-11-03. */
const TODAY = '2025-11-06' as IsoDate;
const LONG_AGO = Date.UTC(2025, 0, 1);

const unit = (key: string, name = `Unit ${key}`, createdAt = LONG_AGO): Unit => ({
  key,
  name,
  kind: 'ministry',
  liaisons: [],
  archived: false,
  createdAt,
});

let nextId = 1;
const act = (unitKey: string, date: string): Activity => ({
  id: nextId++,
  unitKey,
  type: 'interview',
  date: date as IsoDate,
  count: 3,
  notes: '',
  userId: 'U0A',
  createdAt: LONG_AGO,
});

describe('coverageChart', () => {
  it('spans the eight weeks up to the digest’s own, Monday to Sunday', () => {
    const weeks = chartWeeks(TODAY);
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toBe('2025-09-15');
    expect(weeks[7]).toBe('2025-11-03');
  });

  it('counts activities (not people covered) per unit and week, and leaves out days outside the weeks', () => {
    const chart = coverageChart({
      groupName: 'G',
      lang: 'en',
      tz: TZ,
      today: TODAY,
      units: [unit('a')],
      activities: [
        act('a', '2025-09-14'), // the Sunday before the first week
        act('a', '2025-09-15'),
        act('a', '2025-09-21'),
        act('a', '2025-11-03'),
        act('a', '2025-11-10'), // next week
        act('gone', '2025-11-04'), // an archived unit's
      ],
    });
    expect(chart.rows).toEqual([{ unitKey: 'a', name: 'Unit a', weeks: [2, 0, 0, 0, 0, 0, 0, 1], total: 3 }]);
  });

  it('puts the least active first, then the one whose last active week is older, and marks weeks before a unit existed', () => {
    const added = Date.UTC(2025, 9, 22); // Wednesday of the week of Oct 20 (Shanghai)
    const chart = coverageChart({
      groupName: 'G',
      lang: 'en',
      tz: TZ,
      today: TODAY,
      units: [unit('busy'), unit('late', 'Late', added), unit('early'), unit('recent')],
      activities: [
        act('busy', '2025-10-01'),
        act('busy', '2025-10-02'),
        act('early', '2025-09-16'),
        act('recent', '2025-11-04'),
      ],
    });
    expect(chart.rows.map((r) => r.unitKey)).toEqual(['late', 'early', 'recent', 'busy']);
    expect(chart.rows[0]?.weeks).toEqual([null, null, null, null, null, 0, 0, 0]);
  });

  it('a group of 300 units shows its 30 least active and says so', () => {
    const units = Array.from({ length: 300 }, (_, i) => unit(`u${i}`));
    const activities = units.flatMap((u, i) => (i < 280 ? [act(u.key, '2025-10-28')] : []));
    const chart = coverageChart({ groupName: 'G', lang: 'en', tz: TZ, today: TODAY, units, activities });
    expect(chart.rows).toHaveLength(CHART_MAX_ROWS);
    expect(chart.subtitle).toBe('The 30 least active of 300 units');
    // The twenty units without any activity come first.
    expect(chart.rows.slice(0, 20).every((r) => r.total === 0)).toBe(true);
    expect(chart.rows.filter((r) => r.total === 0)).toHaveLength(20);
  });

  it('speaks Chinese in a Chinese group', () => {
    const chart = coverageChart({
      groupName: '第一督导组',
      lang: 'zh',
      tz: TZ,
      today: TODAY,
      units: [unit('a', '教育部')],
      activities: [],
    });
    expect(chart.title).toBe('第一督导组：近 8 周各单位活动');
    expect(chart.subtitle).toBe('全部 1 个单位，活动少的在前');
    expect(chart.weekLabels[0]).toBe('9月15日');
    expect(chart.weekLabels[7]).toBe('本周');
    expect(chart.totalLabel).toBe('合计');
    const en = coverageChart({ groupName: 'G', lang: 'en', tz: TZ, today: TODAY, units: [], activities: [] });
    expect(en.weekLabels[0]).toBe('Sep 15');
    expect(en.weekLabels[7]).toBe('this week');
  });
});
