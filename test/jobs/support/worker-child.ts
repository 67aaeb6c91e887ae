/**
 * A worker in its own process, for the test that kills one with SIGKILL mid-send. Configured by
 * environment: REDIS_URL (and REDIS_CLUSTER_NODES on a cluster), DATA_PREFIX, QUEUE_PREFIX, SLACK_API_URL. Prints `ready` once its
 * workers listen.
 */
import { pino } from 'pino';
import { startWorkers } from '../../../jobs';
import { createMetrics } from '../../../src/app/metrics';
import { singleToken } from '../../../src/slack/tokens';
import { RedisStore } from '../../../src/store/redis-store';
import { REDIS_TARGET, testRedis } from '../../support/redis';
import { FAST } from './env';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const redis = testRedis();
const prefix = env('DATA_PREFIX');
const store = new RedisStore({ redis, prefix });
await startWorkers(
  {
    store,
    connection: REDIS_TARGET,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics({ defaults: false }),
    now: Date.now,
    slack: { tokens: singleToken('xoxb-test'), apiUrl: env('SLACK_API_URL') },
    queuePrefix: env('QUEUE_PREFIX'),
  },
  { ...FAST, concurrency: { digest: 2, reminder: 2, pings: 1, findings: 1, charts: 1, dm: 3, tokens: 1 } },
);
process.stdout.write('ready\n');
