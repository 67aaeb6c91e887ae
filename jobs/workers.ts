import { type Job, Queue, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Metrics } from '../src/app/metrics';
import type { TokenSource } from '../src/slack/tokens';
import { connectRedis, type RedisTarget } from '../src/store/redis';
import type { Store } from '../src/store/types';
import type { JobContext } from './context';
import { rememberedRepeatStrategy } from './cron';
import { digestHandler } from './digest';
import { chartHandler, queueChart } from './digest-chart';
import { dmHandler } from './dm';
import { findingRemindersHandler } from './finding-reminders';
import { pingsHandler } from './pings';
import {
  BACKOFF_TYPE,
  chartJobData,
  checkQueuePrefix,
  DEFAULT_QUEUE_PREFIX,
  dmJobData,
  findingsJobData,
  groupJobData,
  JOB_OPTIONS,
  pingsJobData,
  QUEUE_NAMES,
  type QueueName,
  refreshJobData,
} from './queues';
import { refreshTokensHandler, syncTokenRefresh } from './refresh-tokens';
import { reminderHandler } from './reminder';
import { processor, type RunContext } from './run-job';
import { ensureFindingsScheduler, removeGroupSchedulers } from './scheduling';
import { teamSlack } from './team-slack';

/** What the workers need of the app. */
export interface WorkerDeps {
  store: Store;
  /** Where Redis (a server or a cluster) is: the workers open connections of their own to it. */
  connection: RedisTarget;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  /**
   * Each job asks `tokens` for its own workspace's bot token (by the team and enterprise ids in its
   * data) and gets a Web API client for it that never retries or sleeps (src/slack/sender.ts). With
   * OAuth the workers also keep the periodic refresh of rotating tokens (jobs/refresh-tokens.ts).
   */
  slack: { tokens: TokenSource; apiUrl: string };
  /** The BullMQ prefix (a hash tag); `{dudao}` when not given. */
  queuePrefix?: string;
}

export interface WorkerTuning {
  concurrency: Record<QueueName, number>;
  /**
   * The DM pace of each workspace (team id), over all workers: at most `max` DMs in any `duration`
   * ms (src/store/dm-pace.ts). Slack allows chat.postMessage about one message a second per channel
   * and, per workspace, "several hundred messages per minute"; 5 a second is 300 a minute, the low
   * end of that, and leaves the workspace's channel posts (digests, reminders) their share.
   */
  dmRate: { max: number; duration: number };
  /** A delivery claim's lease; must outlast `sendTimeoutMs` by a margin. */
  leaseMs: number;
  sendTimeoutMs: number;
  /** BullMQ's job lock; a killed worker's job is taken up again within about lock + stalled interval. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Exponential backoff of failed attempts (5xx, network), with ±20 % jitter. */
  backoff: { baseMs: number; maxMs: number };
  /** How long `close()` waits for running jobs before leaving them to stalled-job recovery. */
  closeTimeoutMs: number;
  /**
   * How long after its digest a chart is drawn: digests due together (a burst at the same minute)
   * all go out first, before charts take the CPU, and each chart follows in its thread.
   */
  chartDelayMs: number;
}

export const DEFAULT_TUNING: WorkerTuning = {
  concurrency: { digest: 8, reminder: 8, pings: 4, findings: 4, charts: 2, dm: 16, tokens: 1 },
  dmRate: { max: 5, duration: 1_000 },
  leaseMs: 60_000,
  sendTimeoutMs: 10_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  backoff: { baseMs: 1_000, maxMs: 5 * 60_000 },
  closeTimeoutMs: 25_000,
  chartDelayMs: 60_000,
};

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, lets running ones finish (or leaves them to recovery after the timeout), closes connections. */
  close(): Promise<void>;
}

/** The delay before retry `attemptsMade` (1-based): base·2^(n−1), capped, ±20 %. */
function backoffDelay(attemptsMade: number, backoff: WorkerTuning['backoff']): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

/**
 * BullMQ blocks on its connection longer than a command timeout allows, and must never give up a
 * command. A blocking read is bounded on the client too (its own timeout plus a grace, or
 * `blockingTimeout` while it waits to be sent): without that, a read queued for a node that died (a
 * cluster master failing over) waits forever, and the worker takes no job again.
 */
const WORKER_CONNECTION: RedisOptions = {
  maxRetriesPerRequest: null,
  enableOfflineQueue: true,
  commandTimeout: undefined,
  blockingTimeout: 10_000,
};

/** How long `close()` waits, with no job running, for BullMQ to close its connections by itself. */
const IDLE_CLOSE_MS = 1_000;

function queuePrefixOf(deps: WorkerDeps): string {
  return checkQueuePrefix(deps.queuePrefix ?? DEFAULT_QUEUE_PREFIX);
}

/** Starts one worker per queue (digest, reminder, pings, findings, charts, dm, tokens). */
export async function startWorkers(
  deps: WorkerDeps,
  tuning: Partial<WorkerTuning> = {},
): Promise<RunningWorkers> {
  const t: WorkerTuning = { ...DEFAULT_TUNING, ...tuning };
  const prefix = queuePrefixOf(deps);
  const logger = deps.logger.child({ component: 'jobs' });
  const { tokens } = deps.slack;
  // What the jobs add and look up (DMs, charts, schedulers) and the workers' own commands, over one
  // client of their own; each worker duplicates it for the connection it blocks on.
  const connection = connectRedis(deps.connection, WORKER_CONNECTION);
  const queues = new Map(
    QUEUE_NAMES.map((name) => [
      name,
      new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS }),
    ]),
  );
  for (const [name, q] of queues) q.on('error', (err) => logger.error({ err, queue: name }, 'queue error'));
  const queueOf = (name: QueueName): Queue => queues.get(name) as Queue;
  const ctx: JobContext = {
    store: deps.store,
    slackFor: teamSlack({
      tokens,
      apiUrl: deps.slack.apiUrl,
      timeoutMs: t.sendTimeoutMs,
      leaseMs: t.leaseMs,
      logger,
    }),
    dmQueue: queueOf('dm'),
    logger,
    now: deps.now,
  };
  const run: RunContext = {
    logger,
    metrics: deps.metrics,
    tokens,
    pauseTeam: async (teamId) =>
      removeGroupSchedulers(queueOf, await deps.store.forTeam(teamId).listGroups()),
    stillScheduled: async (job: Job) =>
      Boolean(await queueOf(job.queueName as QueueName).getJobScheduler(job.repeatJobKey ?? '')),
  };
  const repeatStrategy = rememberedRepeatStrategy();
  const processors: Record<QueueName, (job: Job, token?: string) => Promise<string>> = {
    digest: processor(
      'digest',
      groupJobData,
      digestHandler(ctx, queueChart(queueOf('charts'), t.chartDelayMs)),
      run,
    ),
    reminder: processor('reminder', groupJobData, reminderHandler(ctx), run),
    pings: processor(
      'pings',
      pingsJobData,
      // The hourly pings job gives a group set up before the findings look existed its scheduler.
      pingsHandler(ctx, (group) => ensureFindingsScheduler(queueOf('findings'), group)),
      run,
    ),
    findings: processor('findings', findingsJobData, findingRemindersHandler(ctx), run),
    charts: processor('charts', chartJobData, chartHandler(ctx), run),
    dm: processor('dm', dmJobData, dmHandler(ctx, t.dmRate), run),
    tokens: processor('tokens', refreshJobData, refreshTokensHandler(tokens, logger), run),
  };
  const inFlight = { count: 0 };
  const counted =
    (run: (job: Job, token?: string) => Promise<string>) =>
    async (job: Job, token?: string): Promise<string> => {
      inFlight.count++;
      try {
        return await run(job, token);
      } finally {
        inFlight.count--;
      }
    };
  const workers = (Object.keys(processors) as QueueName[]).map((name) => {
    const worker = new Worker(name, counted(processors[name]), {
      connection,
      prefix,
      concurrency: t.concurrency[name],
      lockDuration: t.lockDurationMs,
      stalledInterval: t.stalledIntervalMs,
      // Running a job again is safe (the delivery ledger), so a few stalls are tolerated.
      maxStalledCount: 3,
      // No BullMQ limiter on the DM queue: it counts every job it lets through, paced ones too, for
      // all workspaces together. Each DM takes its own workspace's slot instead (jobs/dm.ts).
      settings: {
        repeatStrategy,
        backoffStrategy: (attemptsMade, type) =>
          type === BACKOFF_TYPE ? backoffDelay(attemptsMade, t.backoff) : 0,
      },
    });
    worker.on('error', (err) => logger.error({ err, queue: name }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        logger.error({ queue: name, jobId: job.id, err }, 'job failed for good');
      }
    });
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await syncTokenRefresh(queueOf('tokens'), tokens.mode);
  logger.info({ prefix, queues: Object.keys(processors) }, 'workers started');

  return {
    workers,
    async close() {
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), t.closeTimeoutMs);
      });
      // With no job of ours running there is nothing to wait for but BullMQ's blocking reads, whose
      // close can wait out the whole timeout after an outage (the connection still reconnecting):
      // once idle for IDLE_CLOSE_MS, the connections are dropped instead. A job BullMQ had fetched
      // but not yet handed to us is left to stalled-job recovery, as at the timeout.
      const idle = new Promise<'idle'>((resolve) => {
        let idleSince = inFlight.count === 0 ? Date.now() : 0;
        poll = setInterval(() => {
          if (inFlight.count > 0) idleSince = 0;
          else if (idleSince === 0) idleSince = Date.now();
          else if (Date.now() - idleSince >= IDLE_CLOSE_MS) resolve('idle');
        }, 100);
      });
      const finished = Promise.all(workers.map((w) => w.close())).then(() => false);
      const cut = await Promise.race([finished, timedOut, idle]);
      clearTimeout(timer);
      clearInterval(poll);
      if (cut === true) {
        logger.warn('jobs still running at shutdown; another worker takes them up once their lock ends');
      }
      if (cut !== false) await Promise.all(workers.map((w) => w.disconnect()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
