import { addDays, daysBetween, isoWeekday } from './dates';
import { buildStatus, type StatusRow } from './status';
import type { Activity, Finding, IsoDate, MeetingSchedule, Unit, UnitSummary } from './types';
import { minutesOf } from './zoned-time';

/** How far back a recorded meeting may lie and still open the agenda's period (a long pause reads as a week). */
const MAX_PERIOD_DAYS = 28;

/**
 * A reminder that runs late (a retry, a busy worker) still belongs to the meeting that just began,
 * so the agenda and the pings keep the same period.
 */
const LATE_GRACE_MINUTES = 120;

/**
 * The date of the meeting a reminder sent now announces: today's unless it began more than two
 * hours ago (`clock` is the group's local `HH:mm`), otherwise the next one on the meeting's
 * weekday. The reminder comes at most a day early, so the next occurrence is the right one.
 */
export function upcomingMeetingDate(meeting: MeetingSchedule, today: IsoDate, clock: string): IsoDate {
  const ahead = (meeting.weekday - isoWeekday(today) + 7) % 7;
  if (ahead === 0 && minutesOf(clock) > minutesOf(meeting.time) + LATE_GRACE_MINUTES)
    return addDays(today, 7);
  return addDays(today, ahead);
}

/**
 * The date of the meeting before `meetingDate`: the latest recorded one if it is recent, else one
 * week earlier, stepping over skipped weeks. Activities from that day on count as "since the last
 * meeting" (the day itself included: work done after the meeting, that afternoon, is new).
 */
export function previousMeetingDate(
  meetingDate: IsoDate,
  recorded: IsoDate | null,
  skips: IsoDate[],
): IsoDate {
  if (recorded !== null && recorded < meetingDate && daysBetween(recorded, meetingDate) <= MAX_PERIOD_DAYS) {
    return recorded;
  }
  let previous = addDays(meetingDate, -7);
  for (let i = 0; i < 3 && skips.includes(previous); i++) previous = addDays(previous, -7);
  return previous;
}

export interface AgendaUnit extends StatusRow {
  /** This period's activities of the unit, oldest first. */
  activities: Activity[];
}

export interface AgendaFinding {
  finding: Finding;
  unitName: string;
  overdue: boolean;
  /** Days past the due date; 0 when not overdue. */
  daysOverdue: number;
}

export interface AgendaModel {
  /** The meeting the agenda is for; null when it covers the week so far (no meeting to announce). */
  meetingDate: IsoDate | null;
  /** First day of the period the agenda covers (the last meeting's date, or Monday), inclusive. */
  since: IsoDate;
  today: IsoDate;
  coverageDays: number;
  totalActivities: number;
  /** Units with activity in the period, in creation order. */
  active: AgendaUnit[];
  /** Units without activity in the period, weak spots first. */
  quiet: AgendaUnit[];
  /** Open findings, overdue first (longest overdue first), then by due date and id. */
  findings: AgendaFinding[];
  overdueCount: number;
}

export interface AgendaInput {
  summaries: UnitSummary[];
  /** Activities dated from `since` to `today`. */
  activities: Activity[];
  /** Findings of the group; only open ones are used. */
  findings: Finding[];
  /** All units by key (archived too), to name the unit of any finding. */
  unitNames: Map<string, string>;
  meetingDate: IsoDate | null;
  since: IsoDate;
  today: IsoDate;
  coverageDays: number;
}

/** Open findings with their overdue state, the most pressing first. */
export function openFindingsByUrgency(
  findings: Finding[],
  unitNames: Map<string, string>,
  today: IsoDate,
): AgendaFinding[] {
  return findings
    .filter((f) => f.status === 'open')
    .map((finding): AgendaFinding => {
      const daysOverdue = finding.due !== null && finding.due < today ? daysBetween(finding.due, today) : 0;
      return {
        finding,
        unitName: unitNames.get(finding.unitKey) ?? finding.unitKey,
        overdue: daysOverdue > 0,
        daysOverdue,
      };
    })
    .sort(
      (a, b) =>
        b.daysOverdue - a.daysOverdue ||
        (a.finding.due ?? '9999').localeCompare(b.finding.due ?? '9999') ||
        a.finding.id - b.finding.id,
    );
}

/**
 * The meeting agenda, assembled from the log: what each unit saw since the last meeting (or, with
 * no meeting, since Monday), the units nobody reached, and the open findings with the overdue ones
 * first. Nothing is asked of anyone.
 */
export function buildAgenda(input: AgendaInput): AgendaModel {
  const byUnit = new Map<string, Activity[]>();
  for (const a of input.activities) {
    if (a.date < input.since || a.date > input.today) continue;
    const list = byUnit.get(a.unitKey);
    if (list) list.push(a);
    else byUnit.set(a.unitKey, [a]);
  }
  const order = new Map(input.summaries.map((s, i) => [s.unit.key, i]));
  const rows = buildStatus(input.summaries, input.today, input.coverageDays).map(
    (row): AgendaUnit => ({ ...row, activities: byUnit.get(row.unit.key) ?? [] }),
  );
  const active = rows
    .filter((r) => r.activities.length > 0)
    .sort((a, b) => (order.get(a.unit.key) ?? 0) - (order.get(b.unit.key) ?? 0));
  const quiet = rows.filter((r) => r.activities.length === 0);
  const findings = openFindingsByUrgency(input.findings, input.unitNames, input.today);
  return {
    meetingDate: input.meetingDate,
    since: input.since,
    today: input.today,
    coverageDays: input.coverageDays,
    // Only activities of listed (non-archived) units count, so the total matches the lines shown.
    totalActivities: active.reduce((sum, r) => sum + r.activities.length, 0),
    active,
    quiet,
    findings,
    overdueCount: findings.filter((f) => f.overdue).length,
  };
}

/** Unit names by key, for findings whose unit may since have been archived. */
export function unitNameMap(units: Unit[]): Map<string, string> {
  return new Map(units.map((u) => [u.key, u.name]));
}
