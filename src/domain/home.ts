import type { StatusRow } from './status';
import type { Finding, IsoDate, Role, Unit } from './types';

/**
 * A unit is "near" the coverage threshold when its last contact is at most this many days short
 * of it: with the default of 7, a unit last seen 5 or 6 days ago. Past it is a coverage gap
 * (`buildStatus`).
 */
export const NEAR_THRESHOLD_DAYS = 2;

export type CoverageMark = 'ok' | 'near' | 'past';

/** Where a unit stands against its group's coverage threshold. */
export function coverageMark(row: StatusRow, coverageDays: number): CoverageMark {
  if (row.gap || row.daysSince === null) return 'past';
  return row.daysSince >= coverageDays - NEAR_THRESHOLD_DAYS ? 'near' : 'ok';
}

/** What the viewer can do about a finding from their Home. */
export type FindingAction = 'done' | 'verify';

export interface HomeFinding {
  finding: Finding;
  action: FindingAction;
}

/**
 * Finding states as strings: the stored type knows `open` and `done` today; the rectification
 * states of the spec (`rectifying`, `waiting`, `closed`) are recognised when they appear.
 */
const TO_RECTIFY: ReadonlySet<string> = new Set(['open', 'rectifying']);
const TO_VERIFY = 'waiting';

/** Leaders and deputies run the group: they verify, and overdue findings of any unit are theirs to chase. */
export const runsGroup = (role: Role): boolean => role === 'leader' || role === 'deputy';

/**
 * The findings waiting on `userId`: those still to rectify that they own (findings have no owner
 * field yet, so: they raised it, or they are a liaison of its unit) and, for leaders and deputies,
 * every overdue one of the group, with "Mark done"; and those waiting for verification that they
 * may verify (leaders, deputies, the raiser), with "Verify". Only findings of `units` (the group's
 * active ones: an archived unit takes no more changes). Verifications first, then soonest due
 * (overdue first), then by id.
 */
export function homeFindings(
  userId: string,
  role: Role,
  units: Unit[],
  findings: Finding[],
  today: IsoDate,
): HomeFinding[] {
  const active = new Set(units.map((u) => u.key));
  const mine = new Set(units.filter((u) => u.liaisons.includes(userId)).map((u) => u.key));
  const verifies = runsGroup(role);
  const out: HomeFinding[] = [];
  for (const finding of findings) {
    if (!active.has(finding.unitKey)) continue;
    const status: string = finding.status;
    const raised = finding.createdBy === userId;
    const overdue = finding.due !== null && finding.due < today;
    if (TO_RECTIFY.has(status) && (raised || mine.has(finding.unitKey) || (verifies && overdue)))
      out.push({ finding, action: 'done' });
    else if (status === TO_VERIFY && (raised || verifies)) out.push({ finding, action: 'verify' });
  }
  const order = (a: HomeFinding) => (a.action === 'verify' ? 0 : 1);
  return out.sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.finding.due ?? '9999').localeCompare(b.finding.due ?? '9999') ||
      a.finding.id - b.finding.id,
  );
}
