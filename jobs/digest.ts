import type { Job } from 'bullmq';
import { fireSpec, occurrenceOf } from '../src/domain/schedule';
import type { Group } from '../src/domain/types';
import { buildDigestMessage } from './content';
import { type JobContext, loadGroup } from './context';
import { deliverOnce } from './deliver';
import { peopleOf } from './people';
import { type GroupJobData, teamOf } from './queues';
import { scheduledAt } from './run-job';
import { threadPlan } from './thread';

/** Hands a delivered digest's chart to the chart queue (jobs/workers.ts), or nothing (the benchmark's baseline). */
export type ChartFollowUp = ((group: Group, occurrence: string, now: number) => Promise<void>) | null;

/**
 * The weekly digest, to the group channel, once per ISO week of its scheduled time (or once per
 * `/dudao digest now`). A late digest is still worth reading, so downtime only delays it. In
 * thread mode it replies to the week's first post (or is it); `mention=off` names liaisons. Once it
 * is out, its coverage chart is queued (`chart`): drawn and posted in its thread by a job of its
 * own (jobs/digest-chart.ts), so that drawing charts never slows the digests down. A job run again
 * after its digest went out queues the chart again; the chart's job id and record keep it to one.
 */
export function digestHandler(ctx: JobContext, chart: ChartFollowUp) {
  return async (data: GroupJobData, job: Job): Promise<string> => {
    const group = await loadGroup(ctx, data.teamId, data.groupId);
    if (!group) return 'no_group';
    let occurrence: string;
    if (data.trigger === 'schedule') {
      const spec = fireSpec(group, 'digest');
      // A job left by a schedule since changed or turned off (the upsert normally replaces it).
      if (!spec || spec.pattern !== data.pattern || spec.tz !== data.tz) return 'schedule_changed';
      occurrence = occurrenceOf(group, 'digest', scheduledAt(job));
    } else {
      occurrence = `now-${data.requestedAt}`;
    }
    const now = ctx.now();
    const slack = await ctx.slackFor(teamOf(group));
    const people = await peopleOf(ctx, slack, group);
    const outcome = await deliverOnce(slack, {
      record: ctx.store.forTeam(group.teamId).delivery({ kind: 'digest', groupId: group.id, occurrence }),
      channel: group.id,
      thread: threadPlan(ctx.store, group, now),
      build: () => buildDigestMessage(ctx, group, now, people),
    });
    if (chart && (outcome === 'sent' || outcome === 'found' || outcome === 'already_sent')) {
      await chart(group, occurrence, now);
    }
    return outcome;
  };
}
