import { describe, expect, it } from 'vitest';
import { buildAgenda, previousMeetingDate, upcomingMeetingDate } from '../../src/domain/agenda';
import type { MeetingSchedule } from '../../src/domain/types';
import { AGENDA_INPUT, FINDINGS } from './week-fixture';

const friday: MeetingSchedule = { weekday: 5, time: '09:30', remindMinutes: 60, skips: [] };

describe('upcomingMeetingDate', () => {
  it("is today's meeting before it starts, and while it has just begun", () => {
    expect(upcomingMeetingDate(friday, '2026-11-20', '08:30')).toBe('2026-11-20');
    expect(upcomingMeetingDate(friday, '2026-11-20', '10:15')).toBe('2026-11-20');
  });

  it("is next week's once today's is long over", () => {
    expect(upcomingMeetingDate(friday, '2026-11-20', '17:00')).toBe('2026-11-27');
  });

  it("is tomorrow's for a reminder the evening before", () => {
    expect(upcomingMeetingDate(friday, '2026-11-19', '21:00')).toBe('2026-11-20');
  });
});

describe('previousMeetingDate', () => {
  it('uses the recorded last meeting', () => {
    expect(previousMeetingDate('2026-11-20', '2026-11-16', [])).toBe('2026-11-16');
  });

  it('falls back to a week earlier, stepping over skipped weeks', () => {
    expect(previousMeetingDate('2026-11-20', null, [])).toBe('2026-11-13');
    expect(previousMeetingDate('2026-11-20', null, ['2026-11-13'])).toBe('2026-11-06');
  });

  it('ignores a meeting recorded long ago (meetings were off for a while)', () => {
    expect(previousMeetingDate('2026-11-20', '2026-09-01', [])).toBe('2026-11-13');
  });
});

describe('buildAgenda', () => {
  const agenda = buildAgenda(AGENDA_INPUT);

  it("lists each unit's activities since the last meeting, in unit order", () => {
    expect(agenda.active.map((u) => [u.unit.key, u.activities.map((a) => a.type)])).toEqual([
      ['moc', ['interview', 'plan_review', 'interview']],
      ['sh', ['research']],
    ]);
    expect(agenda.totalActivities).toBe(4);
  });

  it('lists the units with no contact, weak spots first', () => {
    expect(agenda.quiet.map((u) => u.unit.key)).toEqual(['edu', 'ndrc']);
  });

  it('lists the active findings per unit, overdue and waiting for verification first', () => {
    expect(agenda.findings.map((u) => [u.unitKey, u.findings.map((f) => f.finding.id)])).toEqual([
      // ndrc's #2 is the longest overdue (5 days), so its unit leads; then Commerce (#11, 2 days).
      ['ndrc', [2]],
      // In a unit: overdue, waiting for verification, then the rest by due date (none last).
      ['moc', [11, 12, 1, 8]],
      // Past its due date but marked done: waiting on its verifier, not overdue.
      ['edu', [7]],
    ]);
    const moc = agenda.findings[1]?.findings ?? [];
    expect(moc.map((f) => [f.overdue, f.daysOverdue, f.waiting])).toEqual([
      [true, 2, false],
      [false, 0, true],
      [false, 0, false],
      [false, 0, false],
    ]);
    expect([agenda.findingCount, agenda.overdueCount, agenda.waitingCount]).toEqual([6, 2, 2]);
  });

  it('leaves closed findings out, whatever it is given', () => {
    const all = buildAgenda({ ...AGENDA_INPUT, findings: FINDINGS });
    expect(all.findings).toEqual(agenda.findings);
    expect(all.findingCount).toBe(6);
  });

  it('orders units by their most pressing finding: overdue, then waiting, then the earliest due', () => {
    const only = (ids: number[]) =>
      buildAgenda({ ...AGENDA_INPUT, findings: FINDINGS.filter((f) => ids.includes(f.id)) }).findings.map(
        (u) => u.unitKey,
      );
    // edu's waiting #7 comes before Commerce's #1, merely due on 1 December.
    expect(only([1, 7])).toEqual(['edu', 'moc']);
    // A waiting finding: the one marked done first (#7, 18th) before #12 (19th).
    expect(only([12, 7])).toEqual(['edu', 'moc']);
    expect(only([11, 7, 2])).toEqual(['ndrc', 'moc', 'edu']);
  });
});
