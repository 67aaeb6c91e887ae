import { describe, expect, it } from 'vitest';
import { buildDigest, trendStart } from '../../src/domain/digest';
import type { Finding } from '../../src/domain/types';
import { ANSWERS, DIGEST_INPUT, FINDINGS } from './week-fixture';

const input = DIGEST_INPUT;
const byId = (id: number) => FINDINGS.find((f) => f.id === id) as Finding;

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

  it('gives a line per unit with the weak spots first, and its open and overdue findings', () => {
    expect(
      digest.units.map((u) => [
        u.unit.key,
        u.weekCount,
        u.daysSince,
        u.gap,
        u.openFindings,
        u.overdueFindings,
      ]),
    ).toEqual([
      ['edu', 0, null, true, 1, 0],
      ['ndrc', 0, 10, true, 1, 1],
      ['sh', 1, 3, false, 0, 0],
      ['moc', 3, 1, false, 4, 1],
    ]);
    expect(digest.gaps.map((u) => u.unit.key)).toEqual(['edu', 'ndrc']);
  });

  it("counts this week's findings: opened, closed, closed on time, average days to close", () => {
    // Closed: #3 (on time, 17 days), #5 (a day late, 8 days), #6 (reopened, then closed, 17 days).
    expect(digest.week).toEqual({
      opened: 1,
      closed: 3,
      closedWithDue: 3,
      closedOnTime: 2,
      averageDaysToClose: 14,
    });
    expect(digest.opened.map((o) => o.finding.id)).toEqual([1]);
    expect(digest.closed.map((c) => [c.finding.id, c.days, c.daysLate])).toEqual([
      [6, 17, 0],
      [3, 17, 0],
      [5, 8, 1],
    ]);
  });

  it('counts the 12 weeks ending with this one the same way', () => {
    expect(trendStart(input.weekStart)).toBe('2026-08-31');
    expect(digest.trendStart).toBe('2026-08-31');
    // #9 was closed before the 12 weeks; #10 was raised before them and closed in them, late.
    expect(digest.trend).toEqual({
      opened: 10,
      closed: 5,
      closedWithDue: 4,
      closedOnTime: 2,
      averageDaysToClose: 17.6,
    });
    // A week of the trend counts as the week does: the digest's week is its last.
    const lastWeek = buildDigest({
      ...input,
      weekStart: '2026-11-09',
      weekEnd: '2026-11-15',
      today: '2026-11-15',
    });
    expect(lastWeek.trendStart).toBe('2026-08-24');
    // Opened #5 and #11; closed #4 (no due date) on the 12th. #6's first closing, on the 10th, does
    // not count: it was reopened since.
    expect(lastWeek.week).toEqual({
      opened: 2,
      closed: 1,
      closedWithDue: 0,
      closedOnTime: 0,
      averageDaysToClose: 10,
    });
  });

  it('lists the overdue findings, longest first, and those waiting for verification, longest waiting first', () => {
    expect(digest.overdue.map((o) => [o.finding.id, o.daysOverdue, o.unitName])).toEqual([
      [2, 5, '发改委'],
      [11, 2, 'Ministry of Commerce'],
    ]);
    // #7 is past its due date but marked done: it waits on its verifier and is not overdue.
    expect(digest.waiting.map((w) => w.finding.id)).toEqual([7, 12]);
  });

  it("only counts a due date as met by the closing's date in the group's calendar", () => {
    // Due Friday 20th; verified at 23:30 on the 20th in Shanghai (15:30 UTC): on time.
    const base = { ...byId(3), due: '2026-11-20' };
    const late = { ...base, closedAt: Date.UTC(2026, 10, 20, 16, 30) };
    const onTime = { ...base, closedAt: Date.UTC(2026, 10, 20, 15, 30) };
    expect(buildDigest({ ...input, findings: [onTime] }).week.closedOnTime).toBe(1);
    const lateDigest = buildDigest({ ...input, findings: [late] });
    expect(lateDigest.week).toMatchObject({ closed: 1, closedWithDue: 1, closedOnTime: 0 });
    expect(lateDigest.closed[0]?.daysLate).toBe(1);
  });

  it('leaves findings without a due date out of "on time", and averages over all closed', () => {
    const noDue = { ...byId(3), due: null };
    const d = buildDigest({ ...input, findings: [noDue] });
    expect(d.week).toEqual({
      opened: 0,
      closed: 1,
      closedWithDue: 0,
      closedOnTime: 0,
      averageDaysToClose: 17,
    });
    expect(d.closed[0]?.daysLate).toBeNull();
  });

  it('does not count as closed a finding reopened since it was closed', () => {
    // #3 verified on the 19th, then sent back on the 20th: active again, no longer closed.
    const reopened: Finding = {
      ...byId(3),
      status: 'rectifying',
      closedAt: null,
      closedBy: null,
      doneAt: null,
      doneBy: null,
    };
    const d = buildDigest({ ...input, findings: [reopened] });
    expect(d.week.closed).toBe(0);
    expect(d.week.averageDaysToClose).toBeNull();
    expect(d.units.find((u) => u.unit.key === 'moc')?.openFindings).toBe(1);
  });

  it('counts a finding read twice (closed between the two reads) once, as closed', () => {
    const stale: Finding = {
      ...byId(3),
      status: 'waiting',
      closedAt: null,
      closedBy: null,
      history: byId(3).history.slice(0, 2),
    };
    const d = buildDigest({ ...input, findings: [stale, byId(3)] });
    expect(d.week.closed).toBe(1);
    expect(d.waiting).toEqual([]);
  });

  it('says when the closed findings it was given were capped', () => {
    expect(digest.trendCappedAt).toBeNull();
    expect(buildDigest({ ...input, closedCappedAt: 5000 }).trendCappedAt).toBe(5000);
  });

  it("shows this week's nothing-to-report answers only", () => {
    expect(digest.nothingToReport).toEqual([{ ...ANSWERS[0], unitName: '发改委' }]);
  });

  it('still builds a digest for a week without activity or findings', () => {
    const empty = buildDigest({ ...input, activities: [], findings: [], answers: [] });
    expect(empty.totalActivities).toBe(0);
    expect(empty.byType).toEqual([]);
    expect(empty.units).toHaveLength(4);
    expect(empty.week).toEqual({
      opened: 0,
      closed: 0,
      closedWithDue: 0,
      closedOnTime: 0,
      averageDaysToClose: null,
    });
  });

  it('does not count a finding opened in UTC this week but on the next Monday in Shanghai', () => {
    const late = { ...byId(1), id: 99, createdAt: Date.UTC(2026, 10, 22, 16, 30) };
    expect(buildDigest({ ...input, findings: [late] }).opened).toEqual([]);
  });
});
