import { buildAgenda, previousMeetingDate, unitNameMap, upcomingMeetingDate } from '../src/domain/agenda';
import { weekStart } from '../src/domain/dates';
import { contactedWithin, liaisonsToPing } from '../src/domain/pings';
import type { Group, IsoDate } from '../src/domain/types';
import { localClock, localDate } from '../src/domain/zoned-time';
import type { GroupPings } from '../src/store/pings';
import { liaisonPingMessage } from '../src/views/liaison-ping';
import type { Message } from '../src/views/message';
import { MENTIONS, type People } from '../src/views/people';
import { meetingWhen, reminderMessage } from '../src/views/reminder';
import { followedUnitKeys, weekOf } from './content';
import type { ContentDeps, PlannedDm } from './content-types';
import { pingUnit } from './ping-content';

/** A scheduled reminder, or a `/dudao remind now` (its occurrence `now-<ms>`), which needs no meeting. */
export type ReminderTrigger = { kind: 'schedule' } | { kind: 'now'; occurrence: string };

/**
 * What a reminder at `now` covers: the meeting it announces, since the last one; or, for a
 * reminder asked for now with no meeting to announce (none set, or this one skipped), the week
 * so far, Monday to today.
 */
type ReminderPeriod =
  | { kind: 'meeting'; today: IsoDate; since: IsoDate; meetingDate: IsoDate; time: string }
  | { kind: 'week'; today: IsoDate; since: IsoDate; occurrence: string };

async function meetingPeriod(pings: GroupPings, group: Group, now: number): Promise<ReminderPeriod | null> {
  const meeting = group.meeting;
  if (!meeting) return null;
  const today = localDate(now, group.tz);
  const meetingDate = upcomingMeetingDate(meeting, today, localClock(now, group.tz));
  if (meeting.skips.includes(meetingDate)) return null;
  const previous = previousMeetingDate(meetingDate, await pings.meetingBefore(meetingDate), meeting.skips);
  // A meeting recorded before a schedule change may lie after today; a period never starts in the future.
  const since = previous.localeCompare(today) < 0 ? previous : today;
  return { kind: 'meeting', today, meetingDate, time: meeting.time, since };
}

async function reminderPeriod(
  pings: GroupPings,
  group: Group,
  now: number,
  trigger: ReminderTrigger,
): Promise<ReminderPeriod | null> {
  const meeting = await meetingPeriod(pings, group, now);
  if (meeting || trigger.kind === 'schedule') return meeting;
  const today = localDate(now, group.tz);
  return { kind: 'week', today, since: weekStart(today), occurrence: trigger.occurrence };
}

/**
 * The meeting reminder with its agenda: activities since the last meeting per unit (this week's,
 * without a meeting), units with no contact, the active findings of the units followed, per unit
 * with the overdue ones and those waiting for verification first. Null when the reminder is
 * scheduled and its meeting is gone or skipped. Remembers the meeting's date, which opens the
 * next period; the week so far opens none.
 */
export async function buildReminderMessage(
  deps: ContentDeps,
  group: Group,
  now: number,
  trigger: ReminderTrigger,
  people: People = MENTIONS,
): Promise<Message | null> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const period = await reminderPeriod(pings, group, now, trigger);
  if (!period) return null;
  const week = weekOf(group, now);
  const meetingDate = period.kind === 'meeting' ? period.meetingDate : null;
  const units = await team.listUnits(group.id, { includeArchived: true });
  const [summaries, activities, findings] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    team.activitiesBetween(group.id, period.since, period.today),
    team.activeFindings(group.id, followedUnitKeys(units)),
    meetingDate ? pings.recordMeeting(meetingDate) : null,
  ]);
  const model = buildAgenda({
    summaries,
    activities,
    findings,
    unitNames: unitNameMap(units),
    meetingDate,
    since: period.since,
    today: period.today,
    coverageDays: group.coverageDays,
  });
  return reminderMessage(model, {
    groupName: group.name,
    lang: group.lang,
    meetingTime: period.kind === 'meeting' ? period.time : null,
    people,
  });
}

/**
 * The DMs that go with the reminder: one per liaison whose units had no activity since the last
 * meeting (without a meeting: no contact within the coverage threshold), leaving out units the
 * liaison snoozed or answered "nothing to report" for. With a meeting the period is its date, so
 * one liaison gets one DM per meeting; without, one per `/dudao remind now`.
 */
export async function planLiaisonPings(
  deps: ContentDeps,
  group: Group,
  now: number,
  trigger: ReminderTrigger,
): Promise<PlannedDm[]> {
  const team = deps.store.forTeam(group.teamId);
  const pings = team.pings(group.id);
  const period = await reminderPeriod(pings, group, now, trigger);
  if (!period) return [];
  const week = weekOf(group, now);
  // Answers are recorded for a period: the meeting's date, or today for the week so far.
  const answerPeriod = period.kind === 'meeting' ? period.meetingDate : period.today;
  const [summaries, activities, snoozes, answers] = await Promise.all([
    team.unitSummaries(group.id, week.from, week.to),
    period.kind === 'meeting' ? team.activitiesBetween(group.id, period.since, period.today) : [],
    pings.snoozes(now),
    pings.nothingAnswers([answerPeriod]),
  ]);
  const byKey = new Map(summaries.map((s) => [s.unit.key, s]));
  const targets = liaisonsToPing({
    units: summaries.map((s) => s.unit),
    activeUnitKeys:
      period.kind === 'meeting'
        ? new Set(activities.map((a) => a.unitKey))
        : contactedWithin(summaries, period.today, group.tz, group.coverageDays),
    period: answerPeriod,
    now,
    snoozes,
    answers,
  });
  const key = period.kind === 'meeting' ? period.meetingDate : period.occurrence;
  const when = period.kind === 'meeting' ? meetingWhen(period.meetingDate, period.time, group.lang) : '';
  return targets.map(({ userId, units }) => ({
    userId,
    dedupeKey: `${group.teamId}:${group.id}:liaison:${key}:${userId}`,
    message: liaisonPingMessage({
      // Without a meeting, the DM says what the threshold says: no contact for so many days.
      ...(period.kind === 'meeting'
        ? { kind: 'reminder', meetingWhen: when, since: period.since }
        : { kind: 'coverage', days: group.coverageDays }),
      lang: group.lang,
      groupId: group.id,
      groupName: group.name,
      userId,
      period: answerPeriod,
      units: units.map((u) => pingUnit(u, byKey.get(u.key)?.lastContact ?? null, period.today, group.tz)),
    }),
  }));
}
