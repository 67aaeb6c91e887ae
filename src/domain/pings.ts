import { daysBetween } from './dates';
import type { NothingAnswer } from './digest';
import type { IsoDate, Unit, UnitSummary } from './types';
import { localDate } from './zoned-time';

/** "Snooze 1 day". */
export const SNOOZE_MS = 24 * 60 * 60 * 1000;
/**
 * A coverage ping stays in the plan this long after it was first planned, so a job retried after
 * a crash plans it again under the same dedupe key instead of losing it; delivery sends it once.
 */
export const CLAIM_REPLAN_MS = 6 * 60 * 60 * 1000;
/** A snooze that ended longer ago than this gets no follow-up any more (the worker was down). */
export const FOLLOW_UP_GRACE_MS = 2 * 24 * 60 * 60 * 1000;

/** A liaison asked to hear about a unit again later. */
export interface Snooze {
  unitKey: string;
  userId: string;
  until: number;
  /** The period of the ping that was snoozed. */
  period: IsoDate;
  /** The unit's last contact when snoozed: a newer one means someone got in touch. */
  contact: IsoDate | null;
}

/** Whether the user muted the unit: an active snooze, or "nothing to report" for one of `periods`. */
function isMuted(
  unitKey: string,
  userId: string,
  ctx: { now: number; snoozes: Snooze[]; answers: NothingAnswer[]; periods: IsoDate[] },
): boolean {
  return (
    ctx.snoozes.some((s) => s.unitKey === unitKey && s.userId === userId && s.until > ctx.now) ||
    ctx.answers.some((a) => a.unitKey === unitKey && a.userId === userId && ctx.periods.includes(a.period))
  );
}

export interface LiaisonPing {
  userId: string;
  /** The liaison's units with no activity since the last meeting, in creation order. */
  units: Unit[];
}

/**
 * Who gets a DM with the meeting reminder: each liaison of a unit with no activity since the last
 * meeting (`activeUnitKeys` are the units that had some), leaving out the units the liaison
 * snoozed or answered "nothing to report" for this period. Liaisons in order of first appearance.
 */
export function liaisonsToPing(input: {
  units: Unit[];
  activeUnitKeys: ReadonlySet<string>;
  period: IsoDate;
  now: number;
  snoozes: Snooze[];
  answers: NothingAnswer[];
}): LiaisonPing[] {
  const byUser = new Map<string, Unit[]>();
  const ctx = { ...input, periods: [input.period] };
  for (const unit of input.units) {
    if (unit.archived || input.activeUnitKeys.has(unit.key)) continue;
    for (const userId of unit.liaisons) {
      if (isMuted(unit.key, userId, ctx)) continue;
      const list = byUser.get(userId);
      if (list) list.push(unit);
      else byUser.set(userId, [unit]);
    }
  }
  return [...byUser].map(([userId, units]) => ({ userId, units }));
}

/** Days since the unit's last contact, or since it was added when it was never contacted. */
function daysWithoutContact(unit: Unit, lastContact: IsoDate | null, today: IsoDate, tz: string): number {
  return Math.max(0, daysBetween(lastContact ?? localDate(unit.createdAt, tz), today));
}

/**
 * The units contacted within the coverage threshold (a unit never contacted counts from the day it
 * was added). A reminder without a meeting pings the liaisons of the others: give these to
 * `liaisonsToPing` as its `activeUnitKeys`.
 */
export function contactedWithin(
  summaries: UnitSummary[],
  today: IsoDate,
  tz: string,
  coverageDays: number,
): Set<string> {
  return new Set(
    summaries
      .filter((s) => daysWithoutContact(s.unit, s.lastContact, today, tz) < coverageDays)
      .map((s) => s.unit.key),
  );
}

export type CoverageLevel = 'liaison' | 'leader';

/** One recipient's ping about one unit past the coverage threshold. */
export interface CoverageCrossing {
  unit: Unit;
  level: CoverageLevel;
  userId: string;
  /** Last contact, null when never contacted (then days count from the unit's creation). */
  contact: IsoDate | null;
  daysSince: number;
}

/**
 * The claim that makes a crossing ping once: one per (unit, last contact, level, recipient).
 * A new activity changes the last contact and so re-arms the unit. Unit keys hold no whitespace.
 */
export function claimField(
  c: Pick<CoverageCrossing, 'level' | 'userId' | 'contact'> & { unitKey: string },
): string {
  return [c.unitKey, c.contact ?? '-', c.level, c.userId].join('\n');
}

function parseClaim(field: string): { unitKey: string; contact: string } | null {
  const [unitKey, contact] = field.split('\n');
  return unitKey === undefined || contact === undefined ? null : { unitKey, contact };
}

/**
 * Every ping the coverage threshold calls for now: a unit whose days without contact reach
 * `coverageDays` concerns its liaisons; at twice that, the group's leaders too. Recipients who
 * muted the unit (snooze, or "nothing to report" today) are left out for now, not for good.
 */
export function coverageCrossings(input: {
  summaries: UnitSummary[];
  leaders: string[];
  today: IsoDate;
  tz: string;
  coverageDays: number;
  now: number;
  snoozes: Snooze[];
  answers: NothingAnswer[];
}): CoverageCrossing[] {
  const out: CoverageCrossing[] = [];
  const ctx = { ...input, periods: [input.today] };
  for (const { unit, lastContact } of input.summaries) {
    if (unit.archived) continue;
    const daysSince = daysWithoutContact(unit, lastContact, input.today, input.tz);
    const push = (level: CoverageLevel, userIds: string[]) => {
      for (const userId of new Set(userIds)) {
        if (!isMuted(unit.key, userId, ctx))
          out.push({ unit, level, userId, contact: lastContact, daysSince });
      }
    };
    if (daysSince >= input.coverageDays) push('liaison', unit.liaisons);
    if (daysSince >= 2 * input.coverageDays) push('leader', input.leaders);
  }
  return out;
}

export interface CoverageBatch {
  userId: string;
  level: CoverageLevel;
  /** When these crossings were first planned; part of the dedupe key. */
  plannedAt: number;
  crossings: CoverageCrossing[];
}

/**
 * Groups crossings into DMs by recipient, level and the time each was first claimed. Crossings
 * claimed longer than `replanMs` ago were planned before and are left out; recent ones come back
 * in the same batch as when first planned, so a retry yields the same DM and the same key.
 */
export function coverageBatches(
  crossings: CoverageCrossing[],
  claims: ReadonlyMap<string, number>,
  now: number,
  replanMs = CLAIM_REPLAN_MS,
): CoverageBatch[] {
  const batches = new Map<string, CoverageBatch>();
  for (const c of crossings) {
    const plannedAt = claims.get(claimField({ ...c, unitKey: c.unit.key }));
    if (plannedAt === undefined || plannedAt < now - replanMs) continue;
    const id = `${c.userId}\n${c.level}\n${plannedAt}`;
    const batch = batches.get(id) ?? { userId: c.userId, level: c.level, plannedAt, crossings: [] };
    batch.crossings.push(c);
    batches.set(id, batch);
  }
  return [...batches.values()].sort(
    (a, b) => a.userId.localeCompare(b.userId) || a.level.localeCompare(b.level) || a.plannedAt - b.plannedAt,
  );
}

/** Claims that no longer match a unit's last contact (someone got in touch) or whose unit is gone. */
export function staleClaims(fields: Iterable<string>, summaries: UnitSummary[]): string[] {
  const contact = new Map(summaries.map((s) => [s.unit.key, s.lastContact ?? '-']));
  return [...fields].filter((field) => {
    const claim = parseClaim(field);
    return claim === null || contact.get(claim.unitKey) !== claim.contact;
  });
}

/**
 * Snoozes that have run out and still call for a follow-up: within the grace period, the unit
 * not contacted since, still listed and the user still its liaison, and no "nothing to report" since.
 */
export function dueFollowUps(input: {
  snoozes: Snooze[];
  summaries: UnitSummary[];
  answers: NothingAnswer[];
  now: number;
  graceMs?: number;
}): { snooze: Snooze; unit: Unit }[] {
  const grace = input.graceMs ?? FOLLOW_UP_GRACE_MS;
  const byKey = new Map(input.summaries.map((s) => [s.unit.key, s]));
  return input.snoozes.flatMap((snooze) => {
    const summary = byKey.get(snooze.unitKey);
    if (!summary || snooze.until > input.now || snooze.until < input.now - grace) return [];
    if (!summary.unit.liaisons.includes(snooze.userId) || summary.lastContact !== snooze.contact) return [];
    const answered = input.answers.some(
      (a) => a.unitKey === snooze.unitKey && a.userId === snooze.userId && a.period === snooze.period,
    );
    return answered ? [] : [{ snooze, unit: summary.unit }];
  });
}
