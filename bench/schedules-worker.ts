/**
 * One worker process of bench/schedules.ts: the production workers (jobs/workers.ts) against the
 * bench's redis-server and the Slack stand-in, as `ROLE=worker` runs them. Answers `{type:'usage'}`
 * with its CPU time and peak RSS over IPC, and `{type:'stop'}` by closing and exiting.
 */
import { pino } from 'pino';
import { startWorkers, type WorkerTuning } from '../jobs/workers';
import { createMetrics } from '../src/app/metrics';
import { singleToken } from '../src/slack/tokens';
import { createRedis, RedisStore } from '../src/store';
import { requiredEnv } from './fixtures';

const url = requiredEnv('BENCH_REDIS_URL');
/** BENCH_SCHEDULE_AUTOPIPELINE=1: the store's commands of one tick go out in one write (ioredis). */
const autoPipelining = process.env.BENCH_SCHEDULE_AUTOPIPELINE === '1';
const store = new RedisStore({
  redis: createRedis(url, { enableAutoPipelining: autoPipelining }),
  prefix: requiredEnv('BENCH_PREFIX'),
});
const workers = await startWorkers(
  {
    store,
    connection: { url, clusterNodes: null },
    logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
    metrics: createMetrics({ defaults: false }),
    now: Date.now,
    slack: { tokens: singleToken('xoxb-bench'), apiUrl: requiredEnv('BENCH_SLACK_API_URL') },
    queuePrefix: requiredEnv('BENCH_QUEUE_PREFIX'),
  },
  JSON.parse(process.env.BENCH_TUNING ?? '{}') as Partial<WorkerTuning>,
);

process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'usage') {
    const cpu = process.cpuUsage();
    // ru_maxrss is in kilobytes on Linux.
    process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024 });
  } else if (msg.type === 'stop') {
    await workers.close();
    await store.close();
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
