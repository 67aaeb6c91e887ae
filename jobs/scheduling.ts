import { randomUUID } from 'node:crypto';
import { type Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Scheduling } from '../src/app/deps';
import { isUserError, UserError } from '../src/domain/errors';
import { FINDING_REMINDER_TIME } from '../src/domain/finding-reminders';
import { checkSchedules, fireSpec, nextRun, type ScheduleKind } from '../src/domain/schedule';
import type { Group } from '../src/domain/types';
import { connectRedis, type RedisClient, type RedisTarget } from '../src/store/redis';
import { addDms } from './context';
import { bullmqNextFire } from './cron';
import {
  checkQueuePrefix,
  JOB_OPTIONS,
  QUEUE_NAMES,
  type QueueName,
  SCHEDULED_KINDS,
  schedulerId,
  teamOf,
} from './queues';

/** The BullMQ side of Scheduling, plus the queues for the dashboard. */
export interface QueueScheduling extends Scheduling {
  readonly queuePrefix: string;
  readonly queues: Queue[];
  queue(name: QueueName): Queue;
}

export interface SchedulingOptions {
  /** A client to share (not closed by `close()`), or where Redis is, for a connection of its own. */
  connection: RedisClient | RedisTarget;
  /** BullMQ prefix; a Redis Cluster hash tag such as `{dudao}`. */
  prefix: string;
  logger: Logger;
  /** The clock, for the daylight-saving check of a schedule. */
  now?: () => number;
}

/**
 * `/dudao digest now` and `remind now` post at most once per group and kind in this window, so that
 * nobody can repost to the channel every few seconds; a request whose job failed (Slack refused the
 * post for good, or every attempt was spent) does not hold the window, so it can be asked for again.
 */
const NOW_WINDOW_MS = 10 * 60_000;
/** Rounds of "the previous one failed, free its window, add again" before a concurrent request wins. */
const NOW_ATTEMPTS = 3;

/**
 * The hourly coverage and snooze look runs in the group's daytime (08:00–20:59 local), at a
 * minute spread by group so that groups do not all run at once.
 */
function pingsPattern(groupId: string): string {
  let h = 0;
  for (const ch of groupId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${h % 60} 8-20 * * *`;
}

/** The daily look at a group's findings: FINDING_REMINDER_TIME every day, in the group's zone. */
export const FINDINGS_PATTERN = (() => {
  const [hour, minute] = FINDING_REMINDER_TIME.split(':').map(Number);
  return `${minute} ${hour} * * *`;
})();

/**
 * Upserts the group's findings look (`findings-<team>-<group>`) when it has none, or has it in
 * another zone or for another Enterprise Grid org (the workspace joined one); true when it did.
 * `syncGroup` and the hourly pings job call this, so that groups set up before the look existed
 * get it without anything running at boot. A group that has it is left alone: an upsert replaces
 * the pending job, and one overdue after downtime would be lost.
 */
export async function ensureFindingsScheduler(queue: Queue, group: Group): Promise<boolean> {
  const id = schedulerId('findings', group.teamId, group.id);
  const current = await queue.getJobScheduler(id);
  const data = { ...teamOf(group), groupId: group.id, tz: group.tz };
  const same =
    current?.tz === group.tz &&
    current.pattern === FINDINGS_PATTERN &&
    current.template?.data?.enterpriseId === data.enterpriseId;
  if (same) return false;
  await queue.upsertJobScheduler(
    id,
    { pattern: FINDINGS_PATTERN, tz: group.tz },
    { name: 'findings', data, opts: JOB_OPTIONS },
  );
  return true;
}

/**
 * Removes every scheduler of `groups` (reminder, digest, pings, findings) with its pending job: their
 * workspace's token is dead or the app was uninstalled. BullMQ's removeJobScheduler drops the
 * scheduler's next job only while it is delayed; one already due and waiting for a worker is removed
 * here as well, and one a worker has taken does nothing once it sees its scheduler gone
 * (`stillScheduled`, jobs/run-job.ts). The groups' data stays.
 */
export async function removeGroupSchedulers(
  queueOf: (name: QueueName) => Queue,
  groups: readonly Group[],
): Promise<void> {
  for (const group of groups) {
    await Promise.all(
      SCHEDULED_KINDS.map(async (kind) => {
        const queue = queueOf(kind);
        const id = schedulerId(kind, group.teamId, group.id);
        const current = await queue.getJobScheduler(id);
        await queue.removeJobScheduler(id);
        // BullMQ refuses to remove the current job of a scheduler: one upserted again meanwhile keeps it.
        if (current?.next) await queue.remove(`repeat:${id}:${current.next}`).catch(() => 0);
      }),
    );
  }
}

/**
 * Scheduling over BullMQ job schedulers: one per group and kind (`reminder-T…-C…`,
 * `digest-T…-C…`, `pings-T…-C…`, `findings-T…-C…`), upserted when a command changes a
 * schedule (the findings look only when missing or out of date). An upsert with
 * the same id replaces the scheduler and its pending job, so running a command twice never
 * doubles a schedule; nothing is upserted at boot.
 */
export function createScheduling(opts: SchedulingOptions): QueueScheduling {
  const prefix = checkQueuePrefix(opts.prefix);
  const target = 'clusterNodes' in opts.connection ? opts.connection : null;
  const shared = target === null;
  const connection = target ? connectRedis(target) : (opts.connection as RedisClient);
  const clock = opts.now ?? Date.now;
  const queues = new Map(
    QUEUE_NAMES.map((name) => [
      name,
      new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS }),
    ]),
  );
  for (const [name, q] of queues)
    q.on('error', (err) => opts.logger.error({ err, queue: name }, 'queue error'));
  const queue = (name: QueueName): Queue => queues.get(name) as Queue;

  async function syncKind(group: Group, kind: ScheduleKind): Promise<void> {
    const id = schedulerId(kind, group.teamId, group.id);
    const spec = fireSpec(group, kind);
    if (!spec) {
      await queue(kind).removeJobScheduler(id);
      return;
    }
    await queue(kind).upsertJobScheduler(
      id,
      { pattern: spec.pattern, tz: spec.tz },
      {
        name: kind,
        data: {
          trigger: 'schedule',
          ...teamOf(group),
          groupId: group.id,
          pattern: spec.pattern,
          tz: spec.tz,
        },
        opts: JOB_OPTIONS,
      },
    );
  }

  /**
   * Adds the "now" job unless one of the group's was added within NOW_WINDOW_MS and has not failed
   * (then UserError `too_soon`). BullMQ's deduplication keeps the window atomically: an add within
   * it answers the job that holds it instead of adding one, which is how a refusal is told apart
   * (the job id asked for is not the one answered).
   */
  async function enqueueNow(kind: 'digest' | 'reminder', group: Group, requestedBy: string): Promise<void> {
    const window = `now-${schedulerId(kind, group.teamId, group.id)}`;
    const data = {
      trigger: 'now',
      ...teamOf(group),
      groupId: group.id,
      requestedBy,
      requestedAt: clock(),
    };
    let holder: Job | undefined;
    for (let attempt = 0; attempt < NOW_ATTEMPTS; attempt++) {
      const jobId = `${window}-${randomUUID()}`;
      const added = await queue(kind).add(kind, data, {
        jobId,
        deduplication: { id: window, ttl: NOW_WINDOW_MS },
      });
      if (added.id === jobId) return;
      holder = added.id ? await queue(kind).getJob(added.id) : undefined;
      if (!holder || (await holder.getState()) !== 'failed') break;
      // Frees the window only while the failed job still holds it: of concurrent requests, one adds.
      await holder.removeDeduplicationKey();
    }
    const left = holder ? holder.timestamp + NOW_WINDOW_MS - clock() : NOW_WINDOW_MS;
    const minutes = Math.min(NOW_WINDOW_MS, Math.max(60_000, left)) / 60_000;
    throw new UserError('too_soon', {
      what: kind === 'digest' ? 'digest' : 'remind',
      minutes: Math.ceil(minutes),
    });
  }

  /** The group's hourly look and daily findings look, which need no meeting or digest time. */
  async function syncDaily(group: Group): Promise<void> {
    await queue('pings').upsertJobScheduler(
      schedulerId('pings', group.teamId, group.id),
      { pattern: pingsPattern(group.id), tz: group.tz },
      { name: 'pings', data: { ...teamOf(group), groupId: group.id }, opts: JOB_OPTIONS },
    );
    await ensureFindingsScheduler(queue('findings'), group);
  }

  async function syncGroup(group: Group): Promise<void> {
    // Refuses (UserError) before touching any scheduler, so a bad schedule changes nothing.
    checkSchedules(group, clock(), bullmqNextFire);
    await syncKind(group, 'reminder');
    await syncKind(group, 'digest');
    await syncDaily(group);
  }

  return {
    queuePrefix: prefix,
    queues: [...queues.values()],
    queue,
    syncGroup,
    pauseGroups: (groups) => removeGroupSchedulers(queue, groups),
    /**
     * A group whose meeting or digest time is now refused (new daylight-saving rules since it was
     * set) gets its hourly and findings looks back, not the refused schedule: logged, not fatal,
     * and `/dudao meeting` or `digest` says why when it is set again.
     */
    async resumeGroups(groups) {
      for (const group of groups) {
        try {
          await syncGroup(group);
        } catch (err) {
          if (!isUserError(err)) throw err;
          opts.logger.warn(
            { team: group.teamId, group: group.id, code: err.code },
            'a schedule is refused on resume; the group gets its other schedulers',
          );
          await syncDaily(group);
        }
      }
    },
    digestNow: (group, by) => enqueueNow('digest', group, by),
    remindNow: (group, by) => enqueueNow('reminder', group, by),
    sendDms: (group, dms) => addDms(queue('dm'), group, dms),
    checkSchedules: (group, now) => checkSchedules(group, now, bullmqNextFire),
    nextRun: (group, kind, now) => nextRun(group, kind, now, bullmqNextFire),
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      if (!shared) await connection.quit().catch(() => connection.disconnect());
    },
  };
}
