import { unitNameMap } from '../src/domain/agenda';
import { addDays, weekEnd, weekStart } from '../src/domain/dates';
import { buildDigest } from '../src/domain/digest';
import type { Group, IsoDate } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { digestMessage } from '../src/views/digest';
import type { Message } from '../src/views/message';
import { MENTIONS, type People } from '../src/views/people';
import type { ContentDeps } from './content-types';

/** The group's Monday-to-Sunday week around `now`, in its time zone. */
export function weekOf(group: Group, now: number): { today: IsoDate; from: IsoDate; to: IsoDate } {
  const today = localDate(now, group.tz);
  return { today, from: weekStart(today), to: weekEnd(today) };
}

/**
 * The weekly digest of the group for the week containing `now` (group time zone). Reads the
 * units' summaries, the week's activities and the answers of the week's seven days. `people` says
 * how liaisons are written (jobs/people.ts).
 */
export async function buildDigestMessage(
  deps: ContentDeps,
  group: Group,
  now: number,
  people: People = MENTIONS,
): Promise<Message> {
  const team = deps.store.forTeam(group.teamId);
  const week = weekOf(group, now);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week.from, i));
  const [summaries, activities, findings, units, answers] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    team.activitiesBetween(group.id, week.from, week.to),
    team.listFindings(group.id, { status: 'all' }),
    team.listUnits(group.id, { includeArchived: true }),
    team.pings(group.id).nothingAnswers(days),
  ]);
  const model = buildDigest({
    summaries,
    activities,
    findings,
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
