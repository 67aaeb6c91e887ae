import { canMoveNow, isOverdueFinding, toRectify } from './finding-states';
import type { StatusRow } from './status';
import type { Finding, IsoDate, Member, Role, Unit } from './types';

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

/** Leaders and deputies run the group: they verify, and overdue findings of any unit are theirs to chase. */
export const runsGroup = (role: Role): boolean => role === 'leader' || role === 'deputy';

/**
 * The findings waiting on `userId`, from the group's active ones: those still to rectify (open or
 * with a plan) that they own or whose unit they are liaison of, and for leaders and deputies every
 * overdue one, with "Mark done"; and those waiting for verification that they may verify now
 * (`canMoveNow`: not the person who marked it done, unless nobody else may), with "Verify". Only
 * findings of `units` (the group's active ones: an archived unit takes no more changes).
 * Verifications first, then soonest due (overdue first), then by id.
 */
export function homeFindings(
  userId: string,
  role: Role,
  units: Unit[],
  members: readonly Member[],
  findings: Finding[],
  today: IsoDate,
): HomeFinding[] {
  const byKey = new Map(units.map((u) => [u.key, u]));
  const actor = { userId, role };
  const out: HomeFinding[] = [];
  for (const finding of findings) {
    const unit = byKey.get(finding.unitKey);
    if (!unit) continue;
    const scene = { unit, members };
    const concerns =
      finding.owner === userId ||
      unit.liaisons.includes(userId) ||
      (runsGroup(role) && isOverdueFinding(finding, today));
    if (toRectify(finding) && concerns && canMoveNow('done', finding, actor, scene))
      out.push({ finding, action: 'done' });
    else if (canMoveNow('verify', finding, actor, scene)) out.push({ finding, action: 'verify' });
  }
  const order = (a: HomeFinding) => (a.action === 'verify' ? 0 : 1);
  return out.sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.finding.due ?? '9999').localeCompare(b.finding.due ?? '9999') ||
      a.finding.id - b.finding.id,
  );
}
