import { pino } from 'pino';
import { createScheduling, DEFAULT_QUEUE_PREFIX, resyncAll } from '../jobs/index';
import { loadConfig, readEnv } from '../src/config';
import { ConfigError } from '../src/domain/errors';
import { RedisStore } from '../src/store';
import { connectRedis } from '../src/store/redis';

/**
 * `npm run resync`: re-creates every group's schedulers from the stored schedules, e.g. after
 * restoring Redis from a backup taken before the queues. Safe to run twice (upserts).
 */
async function main(): Promise<void> {
  const config = loadConfig(readEnv());
  const logger = pino({ level: config.LOG_LEVEL });
  const redis = connectRedis(config.redis);
  const store = new RedisStore({ redis, prefix: 'dd' });
  const scheduling = createScheduling({ connection: redis, prefix: DEFAULT_QUEUE_PREFIX, logger });
  try {
    const report = await resyncAll(store, scheduling, logger);
    process.stdout.write(`resync: ${report.synced} groups scheduled, ${report.refused.length} refused\n`);
    for (const r of report.refused) process.stdout.write(`  refused ${r.teamId}/${r.groupId}: ${r.code}\n`);
  } finally {
    await scheduling.close();
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `dudao resync: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
