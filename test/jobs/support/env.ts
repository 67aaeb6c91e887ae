import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { type QueueScheduling, type RunningWorkers, startWorkers, type WorkerTuning } from '../../../jobs';
import { createScheduling } from '../../../jobs/scheduling';
import { createMetrics, type Metrics } from '../../../src/app/metrics';
import { GROUP_OPTION_DEFAULTS, type Group, type Unit } from '../../../src/domain/types';
import { SlackStandIn } from '../../../src/sandbox/slack-stand-in';
import { createJobClient } from '../../../src/slack/sender';
import { singleToken, type TokenSource } from '../../../src/slack/tokens';
import type { RedisClient } from '../../../src/store/redis';
import { RedisStore } from '../../../src/store/redis-store';
import { deleteKeys, REDIS_TARGET, testRedis } from '../../support/redis';
import { SlackFront } from './slack-front';

export { REDIS_URL } from '../../support/redis';
export const TEAM = 'T1';

/** Short leases, locks and backoffs, so that recovery paths run in seconds; no DM pacing. */
export const FAST: Partial<WorkerTuning> = {
  leaseMs: 3_000,
  sendTimeoutMs: 1_500,
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  backoff: { baseMs: 50, maxMs: 400 },
  dmRate: { max: 1_000, duration: 1_000 },
  closeTimeoutMs: 8_000,
  chartDelayMs: 0,
};

export interface JobsEnv {
  prefix: string;
  queuePrefix: string;
  redis: RedisClient;
  store: RedisStore;
  metrics: Metrics;
  slack: SlackStandIn;
  front: SlackFront;
  client: WebClient;
  scheduling: QueueScheduling;
  /** Workers on this env's queues; every team's token is `xoxb-test` unless `tokens` says otherwise. */
  startWorkers(
    tuning?: Partial<WorkerTuning>,
    now?: () => number,
    tokens?: TokenSource,
  ): Promise<RunningWorkers>;
  /** Stops everything started here and deletes the data and queue keys (SCAN + UNLINK). */
  cleanup(): Promise<void>;
}

/** A store under a fresh prefix, queues under `{prefix}`, the stand-in behind a SlackFront. */
export async function openJobsEnv(): Promise<JobsEnv> {
  const prefix = `t-${process.pid}-${randomBytes(4).toString('hex')}`;
  const queuePrefix = `{${prefix}}`;
  const redis = testRedis();
  const store = new RedisStore({ redis, prefix });
  const slack = new SlackStandIn();
  await slack.start();
  const front = new SlackFront(slack);
  await front.start();
  const client = createJobClient({ token: 'xoxb-test', slackApiUrl: front.url });
  const logger = pino({ level: 'silent' });
  const metrics = createMetrics({ defaults: false });
  const scheduling = createScheduling({ connection: redis, prefix: queuePrefix, logger });
  const running: RunningWorkers[] = [];
  return {
    prefix,
    queuePrefix,
    redis,
    store,
    metrics,
    slack,
    front,
    client,
    scheduling,
    async startWorkers(tuning = FAST, now = Date.now, tokens = singleToken('xoxb-test')) {
      const w = await startWorkers(
        {
          store,
          connection: REDIS_TARGET,
          logger,
          metrics,
          now,
          slack: { tokens, apiUrl: front.url },
          queuePrefix,
        },
        { ...FAST, ...tuning },
      );
      running.push(w);
      return w;
    },
    async cleanup() {
      for (const w of running) await w.close();
      await scheduling.close();
      await front.stop();
      await slack.stop();
      await deleteKeys([`${prefix}:*`, `${queuePrefix}:*`], redis);
      await store.close();
    },
  };
}

export function makeGroup(overrides: Partial<Group> = {}): Group {
  return {
    id: 'C0GROUP',
    teamId: TEAM,
    name: 'Guidance group',
    tz: 'Asia/Shanghai',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: 'U0LEAD',
    createdAt: Date.UTC(2025, 0, 1),
    ...overrides,
  };
}

export function makeUnit(key: string, liaisons: string[], createdAt = Date.UTC(2025, 0, 1)): Unit {
  return { key, name: `Unit ${key}`, kind: 'ministry', liaisons, archived: false, createdAt };
}

/** Creates the group (its creator leads it) and its units. */
export async function seedGroup(env: JobsEnv, group: Group, units: Unit[] = []): Promise<Group> {
  const team = env.store.forTeam(group.teamId);
  const actor = { userId: group.createdBy, now: group.createdAt };
  await team.createGroup(group, actor);
  for (const unit of units) await team.addUnit(group.id, unit, actor);
  return group;
}

/** Resolves when `check` holds, polling; rejects after `ms` with `what`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
