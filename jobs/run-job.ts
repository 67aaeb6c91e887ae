import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Metrics } from '../src/app/metrics';
import { RateLimited, RetryLater, SlackRefused } from '../src/domain/errors';

/** A job's handler: its checked data in, a short outcome out (`sent`, `already_sent`, `too_late`…). */
export type Handler<T> = (data: T, job: Job) => Promise<string>;

export interface RunContext {
  logger: Logger;
  metrics: Metrics;
}

/** Up to this much is added to a Retry-After, so that jobs delayed together do not all return in the same instant. */
const RETRY_JITTER = 0.1;

/**
 * Wraps a handler as a BullMQ processor: checks `job.data` with zod, counts the outcome, and maps
 * errors. A 429 or a delivery held by another worker moves just this job to the delayed set for
 * that long (`moveToDelayed` + `DelayedError`: no attempt is spent, the queue keeps running). A
 * permanent Slack refusal fails the job without retries. Anything else is a failed attempt that
 * BullMQ retries with backoff.
 */
export function processor<S extends z.ZodType>(
  kind: string,
  schema: S,
  handle: Handler<z.infer<S>>,
  ctx: RunContext,
): (job: Job, token?: string) => Promise<string> {
  const count = (outcome: string) => ctx.metrics.jobs.inc({ kind, outcome });
  return async (job, token) => {
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      count('invalid');
      ctx.logger.error({ kind, jobId: job.id, issues: parsed.error.issues }, 'job data is invalid; dropped');
      throw new UnrecoverableError(`invalid job data: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
    try {
      const outcome = await handle(parsed.data, job);
      count(outcome);
      return outcome;
    } catch (err) {
      if (err instanceof RetryLater) {
        count(err instanceof RateLimited ? 'rate_limited' : 'busy');
        const wait = err.retryAfterMs * (1 + Math.random() * RETRY_JITTER);
        await job.moveToDelayed(Date.now() + Math.ceil(wait), token);
        throw new DelayedError();
      }
      if (err instanceof SlackRefused) {
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
