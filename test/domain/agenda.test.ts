import { describe, expect, it } from 'vitest';
import { buildAgenda, previousMeetingDate, upcomingMeetingDate } from '../../src/domain/agenda';
import type { MeetingSchedule } from '../../src/domain/types';
import { AGENDA_INPUT } from './week-fixture';

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

  it('lists open findings only, the overdue one first and marked', () => {
    expect(agenda.findings.map((f) => [f.finding.id, f.overdue])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(agenda.overdueCount).toBe(1);
  });
});
