import { unitNameMap } from '../src/domain/agenda';
import { addDays, weekEnd, weekStart } from '../src/domain/dates';
import { buildDigest, trendStart } from '../src/domain/digest';
import type { Group, IsoDate, Unit } from '../src/domain/types';
import { instantOf, localDate } from '../src/domain/zoned-time';
import { digestMessage } from '../src/views/digest';
import type { Message } from '../src/views/message';
import { MENTIONS, type People } from '../src/views/people';
import type { ContentDeps } from './content-types';

/**
 * Closed findings the digest reads at most: the 12 weeks' closings, newest first. A group closing
 * more than 60 a day for 12 weeks has its trend counted over the latest ones, and the digest says so.
 */
export const DIGEST_CLOSED_LIMIT = 5000;

/** The group's Monday-to-Sunday week around `now`, in its time zone. */
export function weekOf(group: Group, now: number): { today: IsoDate; from: IsoDate; to: IsoDate } {
  const today = localDate(now, group.tz);
  return { today, from: weekStart(today), to: weekEnd(today) };
}

/**
 * The units whose active findings the agenda and the digest list: those the group still follows.
 * An archived unit's findings can no longer be moved, so they would only stand in every list.
 */
export function followedUnitKeys(units: Unit[]): string[] {
  return units.filter((u) => !u.archived).map((u) => u.key);
}

/**
 * The weekly digest of the group for the week containing `now` (group time zone). Reads the
 * units' summaries, the week's activities, the active findings of the units followed and those
 * closed in the 12 weeks ending with this one (a finding opened in those weeks is one or the
 * other), and the answers of the week's seven days. `people` says how liaisons are written
 * (jobs/people.ts); `closedLimit` bounds the closings read.
 */
export async function buildDigestMessage(
  deps: ContentDeps,
  group: Group,
  now: number,
  people: People = MENTIONS,
  closedLimit = DIGEST_CLOSED_LIMIT,
): Promise<Message> {
  const team = deps.store.forTeam(group.teamId);
  const week = weekOf(group, now);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week.from, i));
  const since = instantOf(trendStart(week.from), '00:00', group.tz);
  const units = await team.listUnits(group.id, { includeArchived: true });
  const [summaries, activities, active, closed, answers] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    team.activitiesBetween(group.id, week.from, week.to),
    team.activeFindings(group.id, followedUnitKeys(units)),
    // One more than is used: when it comes, there were more closings than the bound.
    team.closedFindings(group.id, { since, limit: closedLimit + 1 }),
    team.pings(group.id).nothingAnswers(days),
  ]);
  const model = buildDigest({
    summaries,
    activities,
    findings: [...active, ...closed.findings.slice(0, closedLimit)],
    ...(closed.findings.length > closedLimit ? { closedCappedAt: closedLimit } : {}),
    answers,
    unitNames: unitNameMap(units),
    weekStart: week.from,
    weekEnd: week.to,
    today: week.today,
    tz: group.tz,
    coverageDays: group.coverageDays,
  });
  return digestMessage(model, { groupName: group.name, lang: group.lang, tz: group.tz, people });
}
