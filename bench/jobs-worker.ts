/**
 * The workers under load, in a process of their own so that their peak RSS is theirs alone and
 * they do not share an event loop with the stand-in or the seeding. Started by bench/jobs.ts over
 * an IPC channel; answers `{type:'rss'}` with its peak resident set size.
 */
import { pino } from 'pino';
import { startWorkers, type WorkerTuning } from '../jobs/workers';
import { createMetrics } from '../src/app/metrics';
import { singleToken } from '../src/slack/tokens';
import { createRedis } from '../src/store/redis';
import { RedisStore } from '../src/store/redis-store';
import { requiredEnv } from './fixtures';

const env = requiredEnv;

const redis = createRedis(env('BENCH_REDIS_URL'));
const prefix = env('BENCH_PREFIX');
const store = new RedisStore({ redis, prefix });
const tuning = JSON.parse(process.env.BENCH_TUNING ?? '{}') as Partial<WorkerTuning>;
const workers = await startWorkers(
  {
    store,
    connection: { url: env('BENCH_REDIS_URL'), clusterNodes: null },
    logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
    metrics: createMetrics({ defaults: false }),
    now: Date.now,
    slack: { tokens: singleToken('xoxb-bench'), apiUrl: env('BENCH_SLACK_API_URL') },
    queuePrefix: env('BENCH_QUEUE_PREFIX'),
  },
  tuning,
);

process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'rss') {
    // ru_maxrss is in kilobytes on Linux.
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send?.({
      type: 'rss',
      peakMb: process.resourceUsage().maxRSS / 1024,
      cpuMs: (cpu.user + cpu.system) / 1000,
      heapMb: mem.heapTotal / 1048576,
      externalMb: mem.external / 1048576,
    });
  } else if (msg.type === 'stop') {
    await workers.close();
    await store.close();
    process.send?.({ type: 'stopped' });
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
