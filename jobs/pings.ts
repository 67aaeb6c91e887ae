import type { Group } from '../src/domain/types';
import { enqueueDms, type JobContext, loadGroup } from './context';
import { planCoveragePings, planSnoozeFollowUps } from './ping-content';
import type { PingsJobData } from './queues';

/**
 * The hourly look at one group, in its daytime: a DM to each liaison whose unit crossed the
 * coverage threshold (and to the leaders at twice the threshold), and the follow-ups of snoozes
 * that ran out. The planners keep each crossing and follow-up to one dedupe key. `ensureSchedules`
 * gives the group the schedulers added since it was set up (the daily findings look), so that none
 * waits for a command and nothing runs at boot.
 */
export function pingsHandler(ctx: JobContext, ensureSchedules?: (group: Group) => Promise<unknown>) {
  return async (data: PingsJobData): Promise<string> => {
    const group = await loadGroup(ctx, data.teamId, data.groupId);
    if (!group) return 'no_group';
    await ensureSchedules?.(group);
    const now = ctx.now();
    const [coverage, followUps] = await Promise.all([
      planCoveragePings(ctx, group, now),
      planSnoozeFollowUps(ctx, group, now),
    ]);
    await enqueueDms(ctx, group, [...coverage, ...followUps]);
    return coverage.length + followUps.length > 0 ? 'planned' : 'nothing';
  };
}
