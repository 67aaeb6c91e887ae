import { addDays, daysBetween, isoWeekday } from './dates';
import { isActive, isOverdueFinding } from './finding-states';
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
  /** Still to rectify and past its due date (`isOverdueFinding`). */
  overdue: boolean;
  /** Days past the due date; 0 when not overdue. */
  daysOverdue: number;
  /** Marked done, waiting for a verifier. */
  waiting: boolean;
}

/** One unit's active findings in the agenda, the most pressing first. */
export interface AgendaUnitFindings {
  unitKey: string;
  unitName: string;
  findings: AgendaFinding[];
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
  /**
   * Active findings per unit: in each unit the overdue ones (longest overdue first), then those
   * waiting for verification (longest waiting first), then the rest by due date. Units are in the
   * order of their most pressing finding, so those with overdue findings lead.
   */
  findings: AgendaUnitFindings[];
  findingCount: number;
  overdueCount: number;
  waitingCount: number;
}

export interface AgendaInput {
  summaries: UnitSummary[];
  /** Activities dated from `since` to `today`. */
  activities: Activity[];
  /** Active findings of the group (closed ones are left out). */
  findings: Finding[];
  /** All units by key (archived too), to name the unit of any finding. */
  unitNames: Map<string, string>;
  meetingDate: IsoDate | null;
  since: IsoDate;
  today: IsoDate;
  coverageDays: number;
}

/** 0 overdue, 1 waiting for verification, 2 the rest: the order the agenda and the digest list them in. */
function tier(f: AgendaFinding): number {
  return f.overdue ? 0 : f.waiting ? 1 : 2;
}

function byUrgency(a: AgendaFinding, b: AgendaFinding): number {
  const t = tier(a) - tier(b);
  if (t !== 0) return t;
  if (a.overdue) return b.daysOverdue - a.daysOverdue || a.finding.id - b.finding.id;
  if (a.waiting) return (a.finding.doneAt ?? 0) - (b.finding.doneAt ?? 0) || a.finding.id - b.finding.id;
  return (a.finding.due ?? '9999').localeCompare(b.finding.due ?? '9999') || a.finding.id - b.finding.id;
}

/**
 * The active findings with their state, the most pressing first: overdue (longest overdue first),
 * waiting for verification (longest waiting first), then the rest by due date; ties by id.
 */
export function activeFindingsByUrgency(
  findings: Finding[],
  unitNames: Map<string, string>,
  today: IsoDate,
): AgendaFinding[] {
  return findings
    .filter(isActive)
    .map((finding): AgendaFinding => {
      const overdue = isOverdueFinding(finding, today);
      return {
        finding,
        unitName: unitNames.get(finding.unitKey) ?? finding.unitKey,
        overdue,
        daysOverdue: overdue && finding.due !== null ? daysBetween(finding.due, today) : 0,
        waiting: finding.status === 'waiting',
      };
    })
    .sort(byUrgency);
}

/** The findings grouped by unit, units in the order of their first (most pressing) finding. */
function perUnit(sorted: AgendaFinding[]): AgendaUnitFindings[] {
  const units = new Map<string, AgendaUnitFindings>();
  for (const f of sorted) {
    const unit = units.get(f.finding.unitKey);
    if (unit) unit.findings.push(f);
    else units.set(f.finding.unitKey, { unitKey: f.finding.unitKey, unitName: f.unitName, findings: [f] });
  }
  return [...units.values()];
}

/**
 * The meeting agenda, assembled from the log: what each unit saw since the last meeting (or, with
 * no meeting, since Monday), the units nobody reached, and the active findings per unit with the
 * overdue ones and those waiting for verification first. Nothing is asked of anyone.
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
  const findings = activeFindingsByUrgency(input.findings, input.unitNames, input.today);
  return {
    meetingDate: input.meetingDate,
    since: input.since,
    today: input.today,
    coverageDays: input.coverageDays,
    // Only activities of listed (non-archived) units count, so the total matches the lines shown.
    totalActivities: active.reduce((sum, r) => sum + r.activities.length, 0),
    active,
    quiet,
    findings: perUnit(findings),
    findingCount: findings.length,
    overdueCount: findings.filter((f) => f.overdue).length,
    waitingCount: findings.filter((f) => f.waiting).length,
  };
}

/** Unit names by key, for findings whose unit may since have been archived. */
export function unitNameMap(units: Unit[]): Map<string, string> {
  return new Map(units.map((u) => [u.key, u.name]));
}
