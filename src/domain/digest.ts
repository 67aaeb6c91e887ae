import { type AgendaFinding, activeFindingsByUrgency } from './agenda';
import { addDays, daysBetween } from './dates';
import { daysToClose, isActive, isOverdueFinding } from './finding-states';
import { buildStatus, type StatusRow } from './status';
import {
  ACTIVITY_TYPES,
  type Activity,
  type ActivityType,
  type Finding,
  type IsoDate,
  type UnitSummary,
} from './types';
import { localDate } from './zoned-time';

/** A liaison's answer "nothing to report" to a ping, for one unit and one period. */
export interface NothingAnswer {
  /** The period the ping was about (a meeting date, or the day of a coverage ping). */
  period: IsoDate;
  unitKey: string;
  userId: string;
  at: number;
}

export interface TypeTotal {
  type: ActivityType;
  /** Activities of the type. */
  activities: number;
  /** Sum of their counts (people or sessions covered). */
  count: number;
}

/** Weeks the digest's trend covers: the week of the digest and the 11 before it. */
export const TREND_WEEKS = 12;

/** The Monday that opens the trend ending with the week of `weekStart`. */
export function trendStart(weekStart: IsoDate): IsoDate {
  return addDays(weekStart, -7 * (TREND_WEEKS - 1));
}

/**
 * Findings opened and closed over a period (dates in the group's calendar). A finding counts as
 * closed in the period of its last closing: one reopened and verified again counts once, when it
 * was closed for good, and one reopened since is not closed at all.
 *
 * "On time" only counts findings that had a due date: closed (verified) on or before it, by the
 * local date of the closing. A finding without a due date can be neither on time nor late, so it
 * is left out of both `closedWithDue` and `closedOnTime`.
 */
export interface FindingCounts {
  opened: number;
  closed: number;
  /** Closed findings that had a due date. */
  closedWithDue: number;
  /** Of those, closed on or before their due date. */
  closedOnTime: number;
  /** Mean days from raising to closing (`daysToClose`) of the closed; null when none closed. */
  averageDaysToClose: number | null;
}

/** A finding closed this week, as the digest lists it. */
export interface ClosedFinding {
  finding: Finding;
  unitName: string;
  /** From raising to closing, in days. */
  days: number;
  /** Days it was closed after its due date: 0 on time, null without a due date. */
  daysLate: number | null;
}

/** A unit's line: its status row, with its active (not closed) and overdue findings counted. */
export type DigestUnit = StatusRow & { overdueFindings: number };

export interface DigestModel {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  today: IsoDate;
  coverageDays: number;
  totalActivities: number;
  /** Types with at least one activity this week, in the canonical order. */
  byType: TypeTotal[];
  /** One line per unit, weak spots first. */
  units: DigestUnit[];
  gaps: DigestUnit[];
  /** This week's counts, and the trend's (the 12 weeks ending with this one). */
  week: FindingCounts;
  trend: FindingCounts;
  trendStart: IsoDate;
  /** The limit the closed findings were read up to, when it was reached: the trend counts only those. */
  trendCappedAt: number | null;
  /** Opened this week, by id. */
  opened: { finding: Finding; unitName: string }[];
  /** Closed this week, the latest closing first. */
  closed: ClosedFinding[];
  /** Still to rectify and past due, longest overdue first. */
  overdue: AgendaFinding[];
  /** Marked done, waiting for verification, longest waiting first. */
  waiting: AgendaFinding[];
  nothingToReport: (NothingAnswer & { unitName: string })[];
}

export interface DigestInput {
  /** Summaries for the week `weekStart`…`weekEnd` (non-archived units). */
  summaries: UnitSummary[];
  /** Activities dated in the week. */
  activities: Activity[];
  /**
   * The group's active findings and those closed since the trend began (older ones are ignored).
   * Every finding opened in the trend's weeks is one of these: active still, or closed since.
   */
  findings: Finding[];
  /** The limit the closed findings were read up to, when that many came (older closings are missing). */
  closedCappedAt?: number;
  answers: NothingAnswer[];
  unitNames: Map<string, string>;
  weekStart: IsoDate;
  weekEnd: IsoDate;
  today: IsoDate;
  tz: string;
  coverageDays: number;
}

interface Period {
  from: IsoDate;
  to: IsoDate;
}

const within = (date: IsoDate, p: Period): boolean => date >= p.from && date <= p.to;

/** Activities and counts per type, only for the types that occurred. */
export function totalsByType(activities: Activity[]): TypeTotal[] {
  const totals = new Map<ActivityType, TypeTotal>();
  for (const a of activities) {
    const t = totals.get(a.type) ?? { type: a.type, activities: 0, count: 0 };
    t.activities += 1;
    t.count += a.count;
    totals.set(a.type, t);
  }
  return ACTIVITY_TYPES.flatMap((type) => totals.get(type) ?? []);
}

/** A finding's dates in the group's calendar: raised, and closed (null while not closed). */
interface Dated {
  finding: Finding;
  opened: IsoDate;
  closed: IsoDate | null;
}

/**
 * Each finding once, by id: the active and the closed ones are two reads, so a finding closed
 * between them is in both; the later state (the longer history) is the one kept.
 */
function once(findings: Finding[]): Finding[] {
  const byId = new Map<number, Finding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen || f.history.length > seen.history.length) byId.set(f.id, f);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function dated(findings: Finding[], tz: string): Dated[] {
  return findings.map((finding) => ({
    finding,
    opened: localDate(finding.createdAt, tz),
    closed: finding.status === 'closed' && finding.closedAt !== null ? localDate(finding.closedAt, tz) : null,
  }));
}

/** Closed on or before its due date; null when it had none. */
function onTime(d: Dated): boolean | null {
  return d.finding.due === null || d.closed === null ? null : d.closed <= d.finding.due;
}

/** The counts of `p` over the findings' dates. */
function countFindings(all: Dated[], p: Period): FindingCounts {
  const closed = all.filter((d) => d.closed !== null && within(d.closed, p));
  const days = closed.map((d) => daysToClose(d.finding) ?? 0);
  const timed = closed.map(onTime).filter((t) => t !== null);
  return {
    opened: all.filter((d) => within(d.opened, p)).length,
    closed: closed.length,
    closedWithDue: timed.length,
    closedOnTime: timed.filter((t) => t).length,
    averageDaysToClose: days.length === 0 ? null : days.reduce((a, b) => a + b, 0) / days.length,
  };
}

/** Each unit's row with its active and overdue findings counted from `findings`, so the two agree. */
function unitRows(input: DigestInput, findings: Finding[]): DigestUnit[] {
  const open = new Map<string, number>();
  const overdue = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const f of findings) {
    if (!isActive(f)) continue;
    bump(open, f.unitKey);
    if (isOverdueFinding(f, input.today)) bump(overdue, f.unitKey);
  }
  return buildStatus(input.summaries, input.today, input.coverageDays).map((row) => ({
    ...row,
    openFindings: open.get(row.unit.key) ?? 0,
    overdueFindings: overdue.get(row.unit.key) ?? 0,
  }));
}

/**
 * The weekly digest: totals by type, a line per unit (weak spots first, with its open and overdue
 * findings), coverage gaps, the findings' counts for the week and the 12 weeks ending with it
 * (opened, closed, closed on time, average days to close), the findings overdue, waiting for
 * verification, opened and closed this week, and the liaisons' "nothing to report" answers.
 * Findings' instants are placed in weeks by the group's calendar (`tz`).
 */
export function buildDigest(input: DigestInput): DigestModel {
  const week: Period = { from: input.weekStart, to: input.weekEnd };
  const activities = input.activities.filter((a) => within(a.date, week));
  const findings = once(input.findings);
  const units = unitRows(input, findings);
  const name = (key: string) => input.unitNames.get(key) ?? key;
  const all = dated(findings, input.tz);
  const start = trendStart(input.weekStart);
  const active = activeFindingsByUrgency(findings, input.unitNames, input.today);
  const closed = all
    .filter((d) => d.closed !== null && within(d.closed, week))
    .sort((a, b) => (b.finding.closedAt ?? 0) - (a.finding.closedAt ?? 0))
    .map((d): ClosedFinding => {
      const due = d.finding.due;
      return {
        finding: d.finding,
        unitName: name(d.finding.unitKey),
        days: daysToClose(d.finding) ?? 0,
        daysLate: due === null || d.closed === null ? null : Math.max(0, daysBetween(due, d.closed)),
      };
    });
  return {
    weekStart: input.weekStart,
    weekEnd: input.weekEnd,
    today: input.today,
    coverageDays: input.coverageDays,
    totalActivities: activities.length,
    byType: totalsByType(activities),
    units,
    gaps: units.filter((u) => u.gap),
    week: countFindings(all, week),
    trend: countFindings(all, { from: start, to: input.weekEnd }),
    trendStart: start,
    trendCappedAt: input.closedCappedAt ?? null,
    opened: all
      .filter((d) => within(d.opened, week))
      .map((d) => ({ finding: d.finding, unitName: name(d.finding.unitKey) })),
    closed,
    overdue: active.filter((f) => f.overdue),
    waiting: active.filter((f) => f.waiting),
    nothingToReport: input.answers
      .filter((a) => within(a.period, week))
      .sort((a, b) => a.at - b.at)
      .map((a) => ({ ...a, unitName: name(a.unitKey) })),
  };
}
