import type { Job } from 'bullmq';
import {
  planFindingReminders,
  reminderRunDate,
  remindersByPerson,
  remindersToSend,
  staleReminderClaims,
} from '../src/domain/finding-reminders';
import type { Group, IsoDate } from '../src/domain/types';
import { findingReminderMessage } from '../src/views/finding-reminder';
import type { ContentDeps, PlannedDm } from './content-types';
import { enqueueDms, type JobContext, loadGroup } from './context';
import type { FindingsJobData } from './queues';
import { scheduledAt } from './run-job';

/**
 * The day's due reminders of one group's findings as DMs, one per person: plans the reminders
 * from the active findings of the units still followed (never the history), claims each for the
 * first date it is planned on and keeps those claimed for `date`, so a reminder in its window for
 * three days goes out once and a retry of the run plans the same DMs under the same dedupe keys.
 */
async function planFindingReminderDms(
  deps: ContentDeps,
  group: Group,
  date: IsoDate,
  now: number,
): Promise<PlannedDm[]> {
  const team = deps.store.forTeam(group.teamId);
  const claims = team.findingReminders(group.id);
  const [units, members, claimed] = await Promise.all([
    team.listUnits(group.id),
    team.getMembers(group.id),
    claims.all(),
  ]);
  const findings = await team.activeFindings(
    group.id,
    units.map((u) => u.key),
  );
  const planned = planFindingReminders({ findings, members, date, now });
  await claims.drop(staleReminderClaims(claimed, planned, date));
  const fresh = planned.filter((r) => !claimed.has(r.id)).map((r) => r.id);
  for (const [id, on] of await claims.claim(fresh, date)) claimed.set(id, on);
  return remindersByPerson(remindersToSend(planned, claimed, date)).map(({ userId, reminders }) => ({
    userId,
    dedupeKey: `${group.teamId}:${group.id}:findings:${date}:${userId}`,
    message: findingReminderMessage({
      lang: group.lang,
      groupId: group.id,
      groupName: group.name,
      tz: group.tz,
      userId,
      date,
      reminders,
      units,
    }),
  }));
}

/**
 * The daily findings look of one group (09:00 in its zone): the due reminders of the day, through
 * the DM queue. A job of a scheduler whose zone is no longer the group's does nothing. The first
 * attempt writes the instant it plans for into the job, so that every retry plans the same day.
 */
export function findingRemindersHandler(ctx: JobContext) {
  return async (data: FindingsJobData, job: Job): Promise<string> => {
    const group = await loadGroup(ctx, data.teamId, data.groupId);
    if (!group) return 'no_group';
    if (group.tz !== data.tz) return 'schedule_changed';
    let startedAt = data.startedAt;
    if (startedAt === undefined) {
      startedAt = ctx.now();
      await job.updateData({ ...data, startedAt });
    }
    const date = reminderRunDate(scheduledAt(job), startedAt, group.tz);
    const dms = await planFindingReminderDms(ctx, group, date, startedAt);
    await enqueueDms(ctx, group, dms);
    return dms.length > 0 ? 'planned' : 'nothing';
  };
}
