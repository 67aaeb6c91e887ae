import { addDays, dayNumber, weekStart } from '../domain/dates';
import type { Activity, IsoDate, Lang, Unit } from '../domain/types';
import { localDate } from '../domain/zoned-time';
import { chartStrings } from '../i18n/chart';

/** The weeks the chart spans, the digest's own week last. */
export const CHART_WEEKS = 8;
/**
 * Rows at most: 30 rows of names stay legible in Slack's image preview. A larger group shows its
 * least active units, and the subtitle says so.
 */
export const CHART_MAX_ROWS = 30;

/** One unit's row: activities logged per week, oldest first; null for a week before the unit was added. */
export interface CoverageRow {
  unitKey: string;
  name: string;
  weeks: (number | null)[];
  total: number;
}

/** What the coverage chart shows, every word in the group's language. */
export interface CoverageChart {
  lang: Lang;
  title: string;
  subtitle: string;
  /** A column heading per week, oldest first. */
  weekLabels: string[];
  totalLabel: string;
  rows: CoverageRow[];
  legend: { none: string; notYet: string; counts: string };
}

export interface CoverageInput {
  groupName: string;
  lang: Lang;
  tz: string;
  /** The digest's local date: its week is the chart's last column. */
  today: IsoDate;
  /** The group's active units. */
  units: Unit[];
  /** The group's activities of the chart's weeks (any order); others are ignored. */
  activities: Activity[];
  maxRows?: number;
}

/** The Mondays of the chart's weeks, oldest first, the last one the week of `today`. */
export function chartWeeks(today: IsoDate): IsoDate[] {
  const last = weekStart(today);
  return Array.from({ length: CHART_WEEKS }, (_, i) => addDays(last, (i - CHART_WEEKS + 1) * 7));
}

/**
 * Activities per unit and week over the last CHART_WEEKS weeks, the least active units first (fewest
 * activities, then the longest since their last active week, then by name), at most `maxRows` of
 * them. A week before a unit was added is not counted as a week without contact.
 */
export function coverageChart(input: CoverageInput): CoverageChart {
  const s = chartStrings(input.lang);
  const mondays = chartWeeks(input.today);
  const first = dayNumber(mondays[0] as IsoDate);
  const counts = new Map<string, number[]>(input.units.map((u) => [u.key, new Array(CHART_WEEKS).fill(0)]));
  for (const a of input.activities) {
    const week = Math.floor((dayNumber(a.date) - first) / 7);
    const row = counts.get(a.unitKey);
    if (row && week >= 0 && week < CHART_WEEKS) row[week] = (row[week] ?? 0) + 1;
  }
  const rows = input.units.map((unit): CoverageRow & { lastActive: number } => {
    const n = counts.get(unit.key) ?? [];
    const added = dayNumber(weekStart(localDate(unit.createdAt, input.tz)));
    const weeks = n.map((c, i) => (c === 0 && first + i * 7 < added ? null : c));
    return {
      unitKey: unit.key,
      name: unit.name,
      weeks,
      total: n.reduce((a, b) => a + b, 0),
      lastActive: n.findLastIndex((c) => c > 0),
    };
  });
  const collator = new Intl.Collator(input.lang === 'zh' ? 'zh-Hans-CN' : 'en');
  rows.sort((a, b) => a.total - b.total || a.lastActive - b.lastActive || collator.compare(a.name, b.name));
  const maxRows = input.maxRows ?? CHART_MAX_ROWS;
  const shown = rows.slice(0, maxRows).map(({ lastActive: _, ...row }) => row);
  return {
    lang: input.lang,
    title: s.title(input.groupName, CHART_WEEKS),
    subtitle: rows.length > maxRows ? s.someUnits(shown.length, rows.length) : s.allUnits(rows.length),
    weekLabels: mondays.map((m, i) =>
      i === CHART_WEEKS - 1 ? s.thisWeek : s.week(Number(m.slice(5, 7)), Number(m.slice(8, 10))),
    ),
    totalLabel: s.total,
    rows: shown,
    legend: { none: s.legendNone, notYet: s.legendNotYet, counts: s.legendCounts },
  };
}
