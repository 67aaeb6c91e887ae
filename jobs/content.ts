import { buildAgenda, previousMeetingDate, unitNameMap, upcomingMeetingDate } from '../src/domain/agenda';
import { addDays, weekEnd, weekStart } from '../src/domain/dates';
import { buildDigest } from '../src/domain/digest';
import { liaisonsToPing } from '../src/domain/pings';
import type { Group, IsoDate } from '../src/domain/types';
import { localClock, localDate } from '../src/domain/zoned-time';
import type { GroupPings } from '../src/store/pings';
import { digestMessage } from '../src/views/digest';
import { liaisonPingMessage } from '../src/views/liaison-ping';
import type { Message } from '../src/views/message';
import { meetingWhen, reminderMessage } from '../src/views/reminder';
import type { ContentDeps, PlannedDm } from './content-types';
import { pingUnit } from './ping-content';

/** The group's Monday-to-Sunday week around `now`, in its time zone. */
function weekOf(group: Group, now: number): { today: IsoDate; from: IsoDate; to: IsoDate } {
  const today = localDate(now, group.tz);
  return { today, from: weekStart(today), to: weekEnd(today) };
}

/**
 * The weekly digest of the group for the week containing `now` (group time zone). Reads the
 * units' summaries, the week's activities and the answers of the week's seven days.
 */
export async function buildDigestMessage(deps: ContentDeps, group: Group, now: number): Promise<Message> {
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
  return digestMessage(model, { groupName: group.name, lang: group.lang, tz: group.tz });
}

/** The meeting a reminder at `now` is for, and since when the log counts; null when there is none. */
interface MeetingPeriod {
  today: IsoDate;
  meetingDate: IsoDate;
  time: string;
  since: IsoDate;
}

async function meetingPeriod(pings: GroupPings, group: Group, now: number): Promise<MeetingPeriod | null> {
  const meeting = group.meeting;
  if (!meeting) return null;
  const today = localDate(now, group.tz);
  const meetingDate = upcomingMeetingDate(meeting, today, localClock(now, group.tz));
  if (meeting.skips.includes(meetingDate)) return null;
  const previous = previousMeetingDate(meetingDate, await pings.meetingBefore(meetingDate), meeting.skips);
  // A meeting recorded before a schedule change may lie after today; a period never starts in the future.
  const since = previous.localeCompare(today) < 0 ? previous : today;
  return { today, meetingDate, time: meeting.time, since };
}

/**
 * The meeting reminder with its agenda: activities since the last meeting per unit, units with
 * no contact, open and overdue findings. Null when the group has no meeting or the meeting the
 * reminder would announce is skipped. Remembers the meeting's date, which opens the next period.
 */
export async function buildReminderMessage(
  deps: ContentDeps,
  group: Group,
  now: number,
): Promise<Message | null> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const period = await meetingPeriod(pings, group, now);
  if (!period) return null;
  const week = weekOf(group, now);
  const [summaries, activities, findings, units] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    team.activitiesBetween(group.id, period.since, period.today),
    team.listFindings(group.id, { status: 'open' }),
    team.listUnits(group.id, { includeArchived: true }),
    pings.recordMeeting(period.meetingDate),
  ]);
  const model = buildAgenda({
    summaries,
    activities,
    findings,
    unitNames: unitNameMap(units),
    meetingDate: period.meetingDate,
    since: period.since,
    today: period.today,
    coverageDays: group.coverageDays,
  });
  return reminderMessage(model, { groupName: group.name, lang: group.lang, meetingTime: period.time });
}

/**
 * The DMs that go with the reminder: one per liaison whose units had no activity since the last
 * meeting, leaving out units the liaison snoozed or answered "nothing to report" for. The
 * period is the meeting's date, so one liaison gets one DM per meeting.
 */
export async function planLiaisonPings(deps: ContentDeps, group: Group, now: number): Promise<PlannedDm[]> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const period = await meetingPeriod(pings, group, now);
  if (!period) return [];
  const week = weekOf(group, now);
  const [summaries, activities, snoozes, answers] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    team.activitiesBetween(group.id, period.since, period.today),
    pings.snoozes(now),
    pings.nothingAnswers([period.meetingDate]),
  ]);
  const byKey = new Map(summaries.map((s) => [s.unit.key, s]));
  const targets = liaisonsToPing({
    units: summaries.map((s) => s.unit),
    activeUnitKeys: new Set(activities.map((a) => a.unitKey)),
    period: period.meetingDate,
    now,
    snoozes,
    answers,
  });
  const when = meetingWhen(period.meetingDate, period.time, group.lang);
  return targets.map(({ userId, units }) => ({
    userId,
    dedupeKey: `${group.teamId}:${group.id}:liaison:${period.meetingDate}:${userId}`,
    message: liaisonPingMessage({
      kind: 'reminder',
      lang: group.lang,
      groupId: group.id,
      groupName: group.name,
      userId,
      period: period.meetingDate,
      units: units.map((u) => pingUnit(u, byKey.get(u.key)?.lastContact ?? null, period.today, group.tz)),
      meetingWhen: when,
      since: period.since,
    }),
  }));
}
