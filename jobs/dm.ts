import type { JobContext } from './context';
import { deliverOnce } from './deliver';
import { type DmJobData, teamOf } from './queues';

/** One planned DM, once per dedupe key. */
export function dmHandler(ctx: JobContext) {
  return async (data: DmJobData): Promise<string> =>
    deliverOnce(await ctx.slackFor(teamOf(data)), {
      record: ctx.store.forTeam(data.teamId).delivery({ kind: 'dm', dedupeKey: data.dedupeKey }),
      channel: data.userId,
      build: async () => data.message,
    });
}
