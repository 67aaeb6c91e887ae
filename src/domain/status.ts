import { dayNumber } from './dates';
import type { IsoDate, UnitSummary } from './types';

export type StatusRow = UnitSummary & {
  /** Days from the last contact to today; null when the unit was never contacted. */
  daysSince: number | null;
  /** True when the unit needs attention: see `buildStatus`. */
  gap: boolean;
};

export interface StatusTotals {
  units: number;
  gaps: number;
  weekActivities: number;
  openFindings: number;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Never contacted sorts as the longest gap of all. */
function age(row: StatusRow): number {
  return row.daysSince ?? Number.MAX_SAFE_INTEGER;
}

/**
 * One row per unit, weak spots first. A unit is a coverage gap when it was never contacted or its
 * last contact is `coverageDays` or more days ago: with the default of 7, a unit last seen on
 * last week's same weekday has had no contact within the past 7 days. Gaps come first (never
 * contacted, then longest without contact), then the rest, longest without contact first; ties by
 * name.
 */
export function buildStatus(summaries: UnitSummary[], today: IsoDate, coverageDays: number): StatusRow[] {
  const todayNumber = dayNumber(today);
  const rows = summaries.map((s): StatusRow => {
    // A contact dated after "today" only happens around a time-zone change: count it as today.
    const daysSince = s.lastContact === null ? null : Math.max(0, todayNumber - dayNumber(s.lastContact));
    // Listed field by field: an object spread here cost more than the rest of the status put together.
    return {
      unit: s.unit,
      lastContact: s.lastContact,
      weekCount: s.weekCount,
      openFindings: s.openFindings,
      daysSince,
      gap: daysSince === null || daysSince >= coverageDays,
    };
  });
  return rows.sort(
    (a, b) => Number(b.gap) - Number(a.gap) || age(b) - age(a) || byName.compare(a.unit.name, b.unit.name),
  );
}

/** Counts for the status header. */
export function statusTotals(rows: StatusRow[]): StatusTotals {
  return {
    units: rows.length,
    gaps: rows.filter((r) => r.gap).length,
    weekActivities: rows.reduce((sum, r) => sum + r.weekCount, 0),
    openFindings: rows.reduce((sum, r) => sum + r.openFindings, 0),
  };
}
