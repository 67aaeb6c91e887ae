import { describe, expect, it } from 'vitest';
import { buildStatus, statusTotals } from '../../src/domain/status';
import type { UnitSummary } from '../../src/domain/types';

const today = '2026-11-18';

function summary(
  key: string,
  name: string,
  lastContact: string | null,
  weekCount = 0,
  openFindings = 0,
): UnitSummary {
  return {
    unit: { key, name, kind: '', liaisons: [], archived: false, createdAt: 0 },
    lastContact,
    weekCount,
    openFindings,
  };
}

describe('buildStatus', () => {
  const rows = buildStatus(
    [
      summary('a', 'Alpha', '2026-11-17', 2, 1),
      summary('b', 'Bravo', null),
      summary('c', 'Charlie', '2026-11-01', 0, 3),
      summary('d', 'Delta', '2026-11-11'),
      summary('e', 'Echo', '2026-11-12', 1),
      summary('f', '发改委', null),
      summary('g', 'Golf', '2026-11-17', 4),
      summary('h', 'Hotel', '2026-11-18', 1),
    ],
    today,
    7,
  );

  it('puts never-contacted units first, then the longest gaps, then the rest by days since', () => {
    expect(rows.map((r) => r.unit.key)).toEqual(['b', 'f', 'c', 'd', 'e', 'a', 'g', 'h']);
  });

  it('counts days since last contact', () => {
    const since = Object.fromEntries(rows.map((r) => [r.unit.key, r.daysSince]));
    expect(since).toEqual({ a: 1, b: null, c: 17, d: 7, e: 6, f: null, g: 1, h: 0 });
  });

  it('marks a gap at the threshold (7 days ago is a gap, 6 is not)', () => {
    const gaps = rows.filter((r) => r.gap).map((r) => r.unit.key);
    expect(gaps).toEqual(['b', 'f', 'c', 'd']);
  });

  it('follows the group threshold', () => {
    const strict = buildStatus([summary('e', 'Echo', '2026-11-12')], today, 5);
    expect(strict[0]?.gap).toBe(true);
    const lax = buildStatus([summary('c', 'Charlie', '2026-11-01')], today, 30);
    expect(lax[0]?.gap).toBe(false);
  });

  it('treats a contact dated after today (zone change) as today', () => {
    const [row] = buildStatus([summary('x', 'X', '2026-11-19')], today, 7);
    expect(row?.daysSince).toBe(0);
    expect(row?.gap).toBe(false);
  });

  it('adds up the header totals', () => {
    expect(statusTotals(rows)).toEqual({ units: 8, gaps: 4, weekActivities: 8, openFindings: 4 });
    expect(statusTotals([])).toEqual({ units: 0, gaps: 0, weekActivities: 0, openFindings: 0 });
  });
});
