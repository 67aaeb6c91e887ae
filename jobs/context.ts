import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Group } from '../src/domain/types';
import type { TeamRef } from '../src/slack/tokens';
import type { Store } from '../src/store/types';
import type { PlannedDm } from './content-types';
import type { DeliveryContext } from './deliver';
import { dmJobId, teamOf } from './queues';

/** What the processors share; built once by `startWorkers`. */
export interface JobContext {
  store: Store;
  /**
   * The Slack side of a delivery for `ref`'s workspace: a client with that workspace's bot token,
   * asked of the token source for each job (jobs/team-slack.ts). Throws NotInstalled when the
   * workspace has no active installation.
   */
  slackFor(ref: TeamRef): Promise<DeliveryContext>;
  /** Where the reminder and the hourly pings put their DMs. */
  dmQueue: Queue;
  logger: Logger;
  now: () => number;
}

/** The group of a job, or null when it was deleted since (the job then has nothing to do). */
export function loadGroup(ctx: JobContext, teamId: string, groupId: string): Promise<Group | null> {
  return ctx.store.forTeam(teamId).getGroup(groupId);
}

/**
 * Queues planned DMs on the rate-limited DM queue. The job id comes from the dedupe key, so
 * planning the same DMs again (a retried reminder) adds nothing while the first job is kept.
 */
export function enqueueDms(ctx: JobContext, group: Group, dms: readonly PlannedDm[]): Promise<void> {
  return addDms(ctx.dmQueue, group, dms);
}

/** Adds one DM job per planned DM to `queue`, its job id from the dedupe key (the workers' and the web role's way). */
export async function addDms(queue: Queue, group: Group, dms: readonly PlannedDm[]): Promise<void> {
  if (dms.length === 0) return;
  await queue.addBulk(
    dms.map((dm) => ({
      name: 'dm',
      data: {
        ...teamOf(group),
        groupId: group.id,
        userId: dm.userId,
        dedupeKey: dm.dedupeKey,
        message: dm.message,
      },
      opts: { jobId: dmJobId(dm.dedupeKey) },
    })),
  );
}
