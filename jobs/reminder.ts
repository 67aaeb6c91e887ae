import type { Job } from 'bullmq';
import { fireSpec, occurrenceOf } from '../src/domain/schedule';
import { instantOf } from '../src/domain/zoned-time';
import { enqueueDms, type JobContext, loadGroup } from './context';
import { deliverOnce } from './deliver';
import { peopleOf } from './people';
import { type GroupJobData, teamOf } from './queues';
import { buildReminderMessage, planLiaisonPings, type ReminderTrigger } from './reminder-content';
import { scheduledAt } from './run-job';
import { threadPlan } from './thread';

/**
 * The meeting reminder with its agenda, to the group channel, once per meeting date (or once per
 * `/dudao remind now`, which needs no meeting: then the agenda is the week so far), then the
 * liaison pings. A reminder whose meeting has begun is dropped: after downtime it would only be
 * noise. Skipped meetings get nothing.
 */
export function reminderHandler(ctx: JobContext) {
  return async (data: GroupJobData, job: Job): Promise<string> => {
    const group = await loadGroup(ctx, data.teamId, data.groupId);
    if (!group) return 'no_group';
    const now = ctx.now();
    let occurrence: string;
    let trigger: ReminderTrigger;
    if (data.trigger === 'schedule') {
      const spec = fireSpec(group, 'reminder');
      if (!spec || !group.meeting || spec.pattern !== data.pattern || spec.tz !== data.tz)
        return 'schedule_changed';
      occurrence = occurrenceOf(group, 'reminder', scheduledAt(job));
      if (group.meeting.skips.includes(occurrence)) return 'skipped';
      if (now >= instantOf(occurrence, group.meeting.time, group.tz)) return 'too_late';
      trigger = { kind: 'schedule' };
    } else {
      occurrence = `now-${data.requestedAt}`;
      trigger = { kind: 'now', occurrence };
    }
    const slack = await ctx.slackFor(teamOf(group));
    const people = await peopleOf(ctx, slack, group);
    const outcome = await deliverOnce(slack, {
      record: ctx.store.forTeam(group.teamId).delivery({ kind: 'reminder', groupId: group.id, occurrence }),
      channel: group.id,
      thread: threadPlan(ctx.store, group, now),
      build: () => buildReminderMessage(ctx, group, now, trigger, people),
    });
    if (outcome === 'nothing' || outcome === 'failed') return outcome;
    // Planned again on a retry too: the DM job ids and delivery records keep each DM to one.
    await enqueueDms(ctx, group, await planLiaisonPings(ctx, group, now, trigger));
    return outcome;
  };
}
