import { isoWeekday } from '../src/domain/dates';
import { UserError } from '../src/domain/errors';
import type { Group, IsoDate } from '../src/domain/types';
import { formatLocalDateTime, localDate } from '../src/domain/zoned-time';
import { confirmMessage } from '../src/views/confirm';
import { type GroupContext, type GroupHandler, reply } from './context';

const DEFAULT_REMIND_MINUTES = 60;

/** Next reminder as local text, for the confirmation. */
export function nextRunText(ctx: GroupContext, group: Group, kind: 'reminder' | 'digest'): string | null {
  const next = ctx.deps.scheduling.nextRun(group, kind, ctx.now);
  return next === null ? null : formatLocalDateTime(next, group.tz, ctx.lang);
}

/** `/dudao meeting <weekday> <HH:mm> [remind=<minutes>]`: the weekly meeting and its reminder. */
export const meetingSet: GroupHandler<'meeting_set'> = async (command, ctx) => {
  const previous = ctx.group.meeting;
  const meeting = {
    weekday: command.weekday,
    time: command.time,
    remindMinutes: command.remindMinutes ?? previous?.remindMinutes ?? DEFAULT_REMIND_MINUTES,
    // Skips for dates still ahead stay; those past are history.
    skips: (previous?.skips ?? []).filter((d) => d >= ctx.today),
  };
  // Refused before anything is saved, so a schedule the scheduler cannot keep is never stored.
  ctx.deps.scheduling.checkSchedules({ ...ctx.group, meeting }, ctx.now);
  const group = await ctx.team.updateGroup(ctx.group.id, { meeting }, { userId: ctx.userId, now: ctx.now });
  if (!group) throw new UserError('no_group');
  await ctx.deps.scheduling.syncGroup(group);
  ctx.deps.home.changed(ctx.teamId, group.id);
  return reply(
    confirmMessage(ctx.lang, {
      kind: 'meeting_set',
      meeting,
      tz: group.tz,
      nextReminder: nextRunText(ctx, group, 'reminder'),
    }),
  );
};

/** `/dudao meeting off`. */
export const meetingOff: GroupHandler<'meeting_off'> = async (_command, ctx) => {
  const group = await ctx.team.updateGroup(
    ctx.group.id,
    { meeting: null },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!group) throw new UserError('no_group');
  await ctx.deps.scheduling.syncGroup(group);
  ctx.deps.home.changed(ctx.teamId, group.id);
  return reply(confirmMessage(ctx.lang, { kind: 'meeting_off' }));
};

/** The date of the next meeting on or after `today` (local). */
function nextMeetingDate(ctx: GroupContext): IsoDate | null {
  const meeting = ctx.group.meeting;
  if (!meeting) return null;
  const next = ctx.deps.scheduling.nextRun(ctx.group, 'reminder', ctx.now);
  if (next === null) return null;
  return localDate(next + meeting.remindMinutes * 60_000, ctx.group.tz);
}

/** `/dudao meeting skip [YYYY-MM-DD]`: no reminder (and no pings) for that one meeting. */
export const meetingSkip: GroupHandler<'meeting_skip'> = async (command, ctx) => {
  const meeting = ctx.group.meeting;
  if (!meeting) throw new UserError('no_meeting');
  const date = command.date ?? nextMeetingDate(ctx);
  if (!date || date < ctx.today || isoWeekday(date) !== meeting.weekday) {
    throw new UserError('bad_date', { value: command.date ?? '' });
  }
  const skips = [...new Set([...meeting.skips.filter((d) => d >= ctx.today), date])].sort();
  const group = await ctx.team.updateGroup(
    ctx.group.id,
    { meeting: { ...meeting, skips } },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!group) throw new UserError('no_group');
  ctx.deps.home.changed(ctx.teamId, group.id);
  return reply(confirmMessage(ctx.lang, { kind: 'meeting_skipped', date }));
};
