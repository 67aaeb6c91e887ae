import { daysBetween } from '../src/domain/dates';
import {
  type CoverageBatch,
  claimField,
  coverageBatches,
  coverageCrossings,
  dueFollowUps,
  staleClaims,
} from '../src/domain/pings';
import type { Group, IsoDate, Unit } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { liaisonPingMessage, type PingUnit } from '../src/views/liaison-ping';
import type { ContentDeps, PlannedDm } from './content-types';

/** A unit as a ping shows it: days since its last contact, or since it was added when never contacted. */
export function pingUnit(unit: Unit, lastContact: IsoDate | null, today: IsoDate, tz: string): PingUnit {
  const from = lastContact ?? localDate(unit.createdAt, tz);
  return { unit, lastContact, daysSince: Math.max(0, daysBetween(from, today)) };
}

function coverageDm(group: Group, batch: CoverageBatch): PlannedDm {
  const leader = batch.level === 'leader';
  return {
    userId: batch.userId,
    dedupeKey: `${group.teamId}:${group.id}:coverage-${batch.level}:${batch.plannedAt}:${batch.userId}`,
    message: liaisonPingMessage({
      kind: leader ? 'leader' : 'coverage',
      lang: group.lang,
      groupId: group.id,
      groupName: group.name,
      userId: batch.userId,
      // The day the crossing was first planned, so a retry carries the same period on its buttons.
      period: localDate(batch.plannedAt, group.tz),
      units: batch.crossings.map((c) => ({ unit: c.unit, lastContact: c.contact, daysSince: c.daysSince })),
      days: leader ? 2 * group.coverageDays : group.coverageDays,
    }),
  };
}

/**
 * DMs for units past the coverage threshold: each liaison once per crossing, the group's leaders
 * once at twice the threshold. A new activity re-arms the unit. Safe to run as often as wanted
 * and by several workers at once: each crossing is claimed once in Redis, and a claim younger
 * than six hours is planned again under the same dedupe key, so a retried job loses nothing and
 * delivery sends it once.
 */
export async function planCoveragePings(deps: ContentDeps, group: Group, now: number): Promise<PlannedDm[]> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const today = localDate(now, group.tz);
  const [summaries, members, snoozes, answers, claims] = await Promise.all([
    team.unitSummaries(group.id, today, today),
    team.getMembers(group.id),
    pings.snoozes(now),
    pings.nothingAnswers([today]),
    pings.coverageClaims(),
  ]);
  const crossings = coverageCrossings({
    summaries,
    leaders: members.filter((m) => m.role === 'leader').map((m) => m.userId),
    today,
    tz: group.tz,
    coverageDays: group.coverageDays,
    now,
    snoozes,
    answers,
  });
  await pings.dropCoverageClaims(staleClaims(claims.keys(), summaries));
  const fresh = crossings.map((c) => claimField({ ...c, unitKey: c.unit.key })).filter((f) => !claims.has(f));
  for (const [field, at] of await pings.claimCoverage(fresh, now)) claims.set(field, at);
  return coverageBatches(crossings, claims, now).map((batch) => coverageDm(group, batch));
}

/**
 * Follow-ups of snoozed pings whose day is over: the unit still without new contact and no
 * "nothing to report" given since. One DM per snooze; its key holds the snooze's end, so a
 * snooze renewed later gets its own follow-up. Meant to run every few minutes to hourly.
 */
export async function planSnoozeFollowUps(
  deps: ContentDeps,
  group: Group,
  now: number,
): Promise<PlannedDm[]> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const snoozes = await pings.snoozes(now);
  if (!snoozes.some((s) => s.until <= now)) return [];
  const today = localDate(now, group.tz);
  const [summaries, answers] = await Promise.all([
    team.unitSummaries(group.id, today, today),
    pings.nothingAnswers([...new Set(snoozes.map((s) => s.period))]),
  ]);
  return dueFollowUps({ snoozes, summaries, answers, now }).map(({ snooze, unit }) => ({
    userId: snooze.userId,
    dedupeKey: `${group.teamId}:${group.id}:follow-up:${snooze.period}:${unit.key}:${snooze.userId}:${snooze.until}`,
    message: liaisonPingMessage({
      kind: 'follow_up',
      lang: group.lang,
      groupId: group.id,
      groupName: group.name,
      userId: snooze.userId,
      period: snooze.period,
      units: [pingUnit(unit, snooze.contact, today, group.tz)],
    }),
  }));
}
