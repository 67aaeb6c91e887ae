import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/domain/digest';
import { ANSWERS, DIGEST_INPUT, FINDINGS } from './week-fixture';

const input = DIGEST_INPUT;

describe('buildDigest', () => {
  const digest = buildDigest(input);

  it('totals the week by type, counting people, and leaves last week out', () => {
    expect(digest.totalActivities).toBe(4);
    expect(digest.byType).toEqual([
      { type: 'plan_review', activities: 1, count: 1 },
      { type: 'interview', activities: 2, count: 5 },
      { type: 'research', activities: 1, count: 1 },
    ]);
  });

  it('gives a line per unit with the weak spots first', () => {
    expect(digest.units.map((u) => [u.unit.key, u.weekCount, u.daysSince, u.gap])).toEqual([
      ['edu', 0, null, true],
      ['ndrc', 0, 10, true],
      ['sh', 1, 3, false],
      ['moc', 3, 1, false],
    ]);
    expect(digest.gaps.map((u) => u.unit.key)).toEqual(['edu', 'ndrc']);
  });

  it("places findings in the week by the group's calendar, and marks the overdue one", () => {
    expect(digest.opened.map((f) => f.id)).toEqual([1]);
    expect(digest.done.map((f) => f.id)).toEqual([3]);
    expect(digest.overdue.map((o) => [o.finding.id, o.daysOverdue, o.unitName])).toEqual([[2, 5, '发改委']]);
  });

  it("shows this week's nothing-to-report answers only", () => {
    expect(digest.nothingToReport).toEqual([{ ...ANSWERS[0], unitName: '发改委' }]);
  });

  it('still builds a digest for a week without activity', () => {
    const empty = buildDigest({ ...input, activities: [], findings: [], answers: [] });
    expect(empty.totalActivities).toBe(0);
    expect(empty.byType).toEqual([]);
    expect(empty.units).toHaveLength(4);
  });

  it('does not count a finding opened in UTC this week but on the next Monday in Shanghai', () => {
    const late = { ...FINDINGS[0]!, id: 9, createdAt: Date.UTC(2026, 10, 22, 16, 30) };
    expect(buildDigest({ ...input, findings: [late] }).opened).toEqual([]);
  });
});
