import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Metrics } from '../src/app/metrics';
import { DmPaced, NotInstalled, RateLimited, RetryLater, SlackRefused } from '../src/domain/errors';
import { isDeadToken, isExpiredToken } from '../src/slack/clients';
import type { TeamRef, TokenSource } from '../src/slack/tokens';

/** A job's handler: its checked data in, a short outcome out (`sent`, `already_sent`, `too_late`…). */
export type Handler<T> = (data: T, job: Job) => Promise<string>;

export interface RunContext {
  logger: Logger;
  metrics: Metrics;
  /** Told of a token Slack calls dead (`tokenRefused`); its mode says whether a workspace can be stopped. */
  tokens?: Pick<TokenSource, 'mode' | 'tokenRefused'>;
  /** Removes the schedulers of every group of the team: its token is dead (jobs/scheduling.ts). */
  pauseTeam?: (teamId: string) => Promise<void>;
  /**
   * False when the scheduler that made a scheduled job is gone (its team was paused): such a job,
   * already waiting when its scheduler went, does nothing.
   */
  stillScheduled?: (job: Job) => Promise<boolean>;
}

/** Up to this much is added to a Retry-After, so that jobs delayed together do not all return in the same instant. */
const RETRY_JITTER = 0.1;

/** The workspace a job's data names (every job but the token refresh names one). */
function teamOfData(data: unknown): TeamRef | null {
  if (typeof data !== 'object' || data === null) return null;
  const { teamId, enterpriseId } = data as { teamId?: unknown; enterpriseId?: unknown };
  if (typeof teamId !== 'string') return null;
  return typeof enterpriseId === 'string' ? { teamId, enterpriseId } : { teamId };
}

/**
 * Wraps a handler as a BullMQ processor: checks `job.data` with zod, counts the outcome, and maps
 * errors. A 429 or a delivery held by another worker moves just this job to the delayed set for
 * that long (`moveToDelayed` + `DelayedError`: no attempt is spent, the queue keeps running). A
 * permanent Slack refusal fails the job without retries. A workspace with no installation fails
 * its job without retries (`not_installed`); a token Slack calls dead (revoked, uninstalled) is
 * reported to the token source and, when that marks the installation inactive now (OAuth), every
 * scheduler of the team is removed (`token_refused`): no retries, and nothing more of that team's
 * is tried until it installs again. An expired token is a failed attempt: the retry gets the
 * refreshed one. Anything else is a failed attempt that BullMQ retries with backoff.
 */
export function processor<S extends z.ZodType>(
  kind: string,
  schema: S,
  handle: Handler<z.infer<S>>,
  ctx: RunContext,
): (job: Job, token?: string) => Promise<string> {
  const count = (outcome: string) => ctx.metrics.jobs.inc({ kind, outcome });
  /**
   * A dead token of `ref`: the token source marks its installation inactive; the one call that did
   * so now pauses the team. True when the team's work stops (OAuth), false with a single token,
   * whose refusal is then handled like any other.
   */
  const stopTeam = async (job: Job, ref: TeamRef, error: string): Promise<boolean> => {
    if (!ctx.tokens) return false;
    const marked = await ctx.tokens.tokenRefused(ref, error);
    let paused = false;
    if (marked && ctx.pauseTeam) {
      // Not retried: the installation is inactive now, so its schedulers' jobs fail as not installed.
      paused = await ctx.pauseTeam(ref.teamId).then(
        () => true,
        (err: unknown) => {
          ctx.logger.error({ kind, team: ref.teamId, err }, "could not pause the team's schedules");
          return false;
        },
      );
    }
    if (ctx.tokens.mode !== 'oauth') return false;
    ctx.logger.warn(
      { kind, jobId: job.id, team: ref.teamId, enterprise: ref.enterpriseId, error, paused },
      "Slack refused the workspace's token; its work stops until it installs the app again",
    );
    return true;
  };
  return async (job, token) => {
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      count('invalid');
      ctx.logger.error({ kind, jobId: job.id, issues: parsed.error.issues }, 'job data is invalid; dropped');
      throw new UnrecoverableError(`invalid job data: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
    if (job.repeatJobKey && ctx.stillScheduled && !(await ctx.stillScheduled(job))) {
      count('unscheduled');
      return 'unscheduled';
    }
    const ref = teamOfData(parsed.data);
    try {
      const outcome = await handle(parsed.data, job);
      count(outcome);
      return outcome;
    } catch (err) {
      if (err instanceof RetryLater) {
        count(err instanceof RateLimited ? 'rate_limited' : err instanceof DmPaced ? 'paced' : 'busy');
        const wait = err.retryAfterMs * (1 + Math.random() * RETRY_JITTER);
        await job.moveToDelayed(Date.now() + Math.ceil(wait), token);
        throw new DelayedError();
      }
      if (err instanceof NotInstalled) {
        count('not_installed');
        ctx.logger.warn(
          { kind, jobId: job.id, team: ref?.teamId, enterprise: ref?.enterpriseId },
          'the workspace has no active installation; the job is dropped',
        );
        throw new UnrecoverableError(err.message);
      }
      if (ref && isDeadToken(err) && (await stopTeam(job, ref, err.error))) {
        count('token_refused');
        throw new UnrecoverableError(err.message);
      }
      if (err instanceof SlackRefused && !isExpiredToken(err)) {
        count('refused');
        ctx.logger.warn({ kind, jobId: job.id, error: err.error }, 'Slack refused the message; not retrying');
        throw new UnrecoverableError(err.message);
      }
      count('retry');
      ctx.logger.warn({ kind, jobId: job.id, attempt: job.attemptsMade + 1, err }, 'job failed; will retry');
      throw err;
    }
  };
}

/**
 * When a scheduler meant the job to run: BullMQ records it as `prevMillis` and in the job id
 * `repeat:<scheduler>:<millis>`; a late run (downtime, retries) still belongs to that fire.
 */
export function scheduledAt(job: Job): number {
  if (typeof job.opts.prevMillis === 'number') return job.opts.prevMillis;
  const millis = Number(job.id?.split(':')[2]);
  return Number.isFinite(millis) && millis > 0 ? millis : job.timestamp + (job.opts.delay ?? 0);
}
