import { type AgendaFinding, openFindingsByUrgency } from './agenda';
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

export interface DigestModel {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  today: IsoDate;
  coverageDays: number;
  totalActivities: number;
  /** Types with at least one activity this week, in the canonical order. */
  byType: TypeTotal[];
  /** One line per unit, weak spots first. */
  units: StatusRow[];
  gaps: StatusRow[];
  opened: Finding[];
  done: Finding[];
  overdue: AgendaFinding[];
  nothingToReport: (NothingAnswer & { unitName: string })[];
}

export interface DigestInput {
  /** Summaries for the week `weekStart`…`weekEnd` (non-archived units). */
  summaries: UnitSummary[];
  /** Activities dated in the week. */
  activities: Activity[];
  /** The group's findings; those opened or done this week and those overdue are picked out. */
  findings: Finding[];
  answers: NothingAnswer[];
  unitNames: Map<string, string>;
  weekStart: IsoDate;
  weekEnd: IsoDate;
  today: IsoDate;
  tz: string;
  coverageDays: number;
}

function inWeek(date: IsoDate, input: DigestInput): boolean {
  return date >= input.weekStart && date <= input.weekEnd;
}

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

/**
 * The weekly digest: totals by type, a line per unit (weak spots first), coverage gaps,
 * findings opened, done and overdue, and the liaisons' "nothing to report" answers. Findings'
 * instants are placed in the week by the group's calendar (`tz`).
 */
export function buildDigest(input: DigestInput): DigestModel {
  const activities = input.activities.filter((a) => inWeek(a.date, input));
  const units = buildStatus(input.summaries, input.today, input.coverageDays);
  const name = (key: string) => input.unitNames.get(key) ?? key;
  return {
    weekStart: input.weekStart,
    weekEnd: input.weekEnd,
    today: input.today,
    coverageDays: input.coverageDays,
    totalActivities: activities.length,
    byType: totalsByType(activities),
    units,
    gaps: units.filter((u) => u.gap),
    opened: input.findings.filter((f) => inWeek(localDate(f.createdAt, input.tz), input)),
    done: input.findings.filter(
      (f) => f.status === 'done' && f.doneAt !== null && inWeek(localDate(f.doneAt, input.tz), input),
    ),
    overdue: openFindingsByUrgency(input.findings, input.unitNames, input.today).filter((f) => f.overdue),
    nothingToReport: input.answers
      .filter((a) => inWeek(a.period, input))
      .sort((a, b) => a.at - b.at)
      .map((a) => ({ ...a, unitName: name(a.unitKey) })),
  };
}
