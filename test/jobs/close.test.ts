import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startWorkers } from '../../jobs';
import { dmJobId } from '../../jobs/queues';
import { createMetrics } from '../../src/app/metrics';
import { singleToken } from '../../src/slack/tokens';
import { createRedis } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import { ownRedis } from '../support/redis-server';
import { eventually, FAST, type JobsEnv, openJobsEnv, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(async () => {
  env.front.hold = () => 0;
  await env.cleanup();
});

const dm = (n: number) => ({
  teamId: TEAM,
  groupId: 'C0GROUP',
  userId: `U0CLOSE${n}`,
  dedupeKey: `close-test:${n}`,
  message: { text: `dm ${n}`, blocks: [] },
});

it('lets a job that is running when the workers close finish, and records it sent', async () => {
  const workers = await env.startWorkers();
  // Slack takes the message and answers only after 0.8 s: the job is running when close is asked.
  env.front.hold = (method) => (method === 'chat.postMessage' ? 800 : 0);
  await env.scheduling.queue('dm').add('dm', dm(1), { jobId: dmJobId('close-test:1') });
  await eventually(() => env.slack.delivered('chat.postMessage').length === 1, 5_000, 'Slack has the DM');
  await workers.close();
  const record = await env.store.forTeam(TEAM).delivery({ kind: 'dm', dedupeKey: 'close-test:1' }).read();
  expect(record?.state).toBe('sent');
  const job = await env.scheduling.queue('dm').getJob(dmJobId('close-test:1'));
  expect(await job?.getState()).toBe('completed');
});

it('closes soon after Redis came back, without waiting out the close timeout', async () => {
  const own = await ownRedis();
  const redis = createRedis(own.url);
  const store = new RedisStore({ redis, prefix: env.prefix });
  try {
    const workers = await startWorkers(
      {
        store,
        connection: { url: own.url, clusterNodes: null },
        logger: pino({ level: 'silent' }),
        metrics: createMetrics({ defaults: false }),
        now: Date.now,
        slack: { tokens: singleToken('xoxb-test'), apiUrl: env.front.url },
        queuePrefix: env.queuePrefix,
      },
      // A timeout far beyond the test's: only the idle path can end close() in time.
      { ...FAST, closeTimeoutMs: 120_000 },
    );
    await own.kill();
    await new Promise((r) => setTimeout(r, 500));
    await own.restart();
    await workers.close();
  } finally {
    await store.close();
    await own.dispose();
  }
}, 15_000);
