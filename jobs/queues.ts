import { createHash } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import type { DefaultJobOptions } from 'bullmq';
import { z } from 'zod';
import { ConfigError, InvalidIdError } from '../src/domain/errors';
import { isSlackId, slackIdSchema } from '../src/domain/ids';
import type { TeamRef } from '../src/slack/tokens';

/**
 * Queue names, ids and job data: what producers (Slack handlers, the reminder) and workers must
 * agree on. Job data is checked with zod where a worker takes it, since Redis may hold jobs
 * written by an older release.
 */

/**
 * One queue per kind of work; `dm` carries the rate-limited fan-out of direct messages, `findings`
 * the daily due reminders of findings, `charts` the digest's chart, drawn and uploaded after the
 * digest is out so that digests go out at their own pace, `tokens` the periodic refresh of the
 * workspaces' rotating tokens (OAuth installs only).
 */
export const QUEUE_NAMES = ['digest', 'reminder', 'pings', 'findings', 'charts', 'dm', 'tokens'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The default queue prefix: a hash tag, so each queue's keys share one Redis Cluster slot. */
export const DEFAULT_QUEUE_PREFIX = '{dudao}';

const HASH_TAGGED = /^[^{}:]*\{[^{}:]+\}[^{}:]*$/;

/** Returns `prefix` when it holds one Redis Cluster hash tag (`{dudao}`), throws ConfigError otherwise. */
export function checkQueuePrefix(prefix: string): string {
  if (!HASH_TAGGED.test(prefix)) {
    throw new ConfigError(
      `queue prefix ${JSON.stringify(prefix)} must be a Redis Cluster hash tag such as {dudao}`,
    );
  }
  return prefix;
}

/** The kinds of work each group has a scheduler of (a queue each). */
export const SCHEDULED_KINDS = ['reminder', 'digest', 'pings', 'findings'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/**
 * The id of a group's scheduler of `kind`, e.g. `reminder-T123-C456`. BullMQ names a scheduler's
 * jobs `repeat:<id>:<millis>` and refuses job ids with other than two `:`, so the id has none.
 */
export function schedulerId(kind: ScheduledKind, teamId: string, groupId: string): string {
  if (!isSlackId(teamId)) throw new InvalidIdError('team', teamId);
  if (!isSlackId(groupId)) throw new InvalidIdError('group', groupId);
  return `${kind}-${teamId}-${groupId}`;
}

/** The job id of a planned DM: one job per dedupe key while the job is kept (the delivery record does the rest). */
export function dmJobId(dedupeKey: string): string {
  return `dm-${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}`;
}

/**
 * Every job names its workspace, never its token: the worker asks for the team's token per job
 * (src/slack/tokens.ts). `enterpriseId` is the Enterprise Grid org of the group's workspace, by which
 * an org-wide install is found; optional, so that jobs written before it still parse.
 */
const team = { teamId: slackIdSchema, enterpriseId: slackIdSchema.optional() };

/** The workspace of a job's data, as the token source takes it. */
export function teamOf(data: { teamId: string; enterpriseId?: string | undefined }): TeamRef {
  return data.enterpriseId
    ? { teamId: data.teamId, enterpriseId: data.enterpriseId }
    : { teamId: data.teamId };
}

/** A reminder or digest fired by the group's scheduler; `pattern` and `tz` tell a stale scheduler from the current one. */
const scheduledData = z.object({
  trigger: z.literal('schedule'),
  ...team,
  groupId: slackIdSchema,
  pattern: z.string(),
  tz: z.string(),
});

/** A reminder or digest asked for with `/dudao … now`. */
const manualData = z.object({
  trigger: z.literal('now'),
  ...team,
  groupId: slackIdSchema,
  requestedBy: z.string(),
  requestedAt: z.number().int(),
});

export const groupJobData = z.discriminatedUnion('trigger', [scheduledData, manualData]);
export type GroupJobData = z.infer<typeof groupJobData>;

/** The hourly look for coverage crossings and finished snoozes of one group. */
export const pingsJobData = z.object({ ...team, groupId: slackIdSchema });
export type PingsJobData = z.infer<typeof pingsJobData>;

/**
 * The daily look at one group's findings due soon, due today, overdue or waiting for verification.
 * `tz` tells a stale scheduler from the current one; `startedAt` is written in by the first attempt
 * (the instant it plans for), so that every retry plans the same day.
 */
export const findingsJobData = z.object({
  ...team,
  groupId: slackIdSchema,
  tz: z.string(),
  startedAt: z.number().int().optional(),
});
export type FindingsJobData = z.infer<typeof findingsJobData>;

/**
 * The coverage chart of one delivered digest (`occurrence` as the digest's record names it), drawn
 * for the week of `now`, the instant the digest was built for.
 */
export const chartJobData = z.object({
  ...team,
  groupId: slackIdSchema,
  occurrence: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  now: z.number().int(),
});
export type ChartJobData = z.infer<typeof chartJobData>;

/** One chart job per digest occurrence while the job is kept (its delivery record does the rest). */
export function chartJobId(teamId: string, groupId: string, occurrence: string): string {
  return `chart-${createHash('sha256').update(`${teamId}:${groupId}:${occurrence}`).digest('hex').slice(0, 32)}`;
}

const block = z.custom<KnownBlock>((v) => typeof v === 'object' && v !== null && 'type' in v, 'not a block');

/** One direct message, already rendered when it was planned. */
export const dmJobData = z.object({
  ...team,
  groupId: slackIdSchema,
  userId: slackIdSchema,
  dedupeKey: z.string().min(1).max(512),
  message: z.object({ text: z.string(), blocks: z.array(block) }),
});
export type DmJobData = z.infer<typeof dmJobData>;

/** The periodic refresh of rotating tokens (jobs/refresh-tokens.ts): of every workspace, so no team. */
export const refreshJobData = z.object({});

/** The backoff type workers resolve with their own timing (see `backoffStrategy` in jobs/workers.ts). */
export const BACKOFF_TYPE = 'slack';

/**
 * How many finished jobs each queue keeps for the dashboard, and for how long (seconds). Failed
 * ones stay longer, to be looked into, but are capped by count too: a Slack outage that fails
 * every DM of a large fan-out must not fill Redis with failed jobs for a month.
 */
const KEPT_JOBS = {
  completed: { age: 7 * 24 * 3600, count: 10_000 },
  failed: { age: 30 * 24 * 3600, count: 5_000 },
} as const;

/**
 * Options of every job. Failed attempts (5xx, network) back off exponentially (1 s, 2 s, 4 s… up to 5
 * minutes), about half an hour in all; a 429 does not count as an attempt. Finished jobs are kept
 * as KEPT_JOBS says.
 */
export const JOB_OPTIONS: DefaultJobOptions = {
  attempts: 15,
  backoff: { type: BACKOFF_TYPE },
  removeOnComplete: { ...KEPT_JOBS.completed },
  removeOnFail: { ...KEPT_JOBS.failed },
};
