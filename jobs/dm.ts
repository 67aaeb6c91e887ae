import { DmPaced } from '../src/domain/errors';
import { checkPace, type Pace } from '../src/store/dm-pace';
import type { JobContext } from './context';
import { deliverOnce } from './deliver';
import { type DmJobData, teamOf } from './queues';

/**
 * One planned DM, once per dedupe key, at its workspace's pace: the team's slot is taken before
 * anything else, and a DM with no room yet goes back to the delayed set for the wait it was told
 * (`DmPaced`, no attempt spent), so one workspace's burst holds up no other's.
 */
export function dmHandler(ctx: JobContext, pace: Pace) {
  checkPace(pace);
  return async (data: DmJobData): Promise<string> => {
    const team = ctx.store.forTeam(data.teamId);
    const slot = await team.dmPace().take(data.dedupeKey, pace);
    if (slot.state === 'wait') throw new DmPaced(slot.waitMs);
    return deliverOnce(await ctx.slackFor(teamOf(data)), {
      record: team.delivery({ kind: 'dm', dedupeKey: data.dedupeKey }),
      channel: data.userId,
      build: async () => data.message,
    });
  };
}
