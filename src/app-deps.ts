import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Metrics } from './metrics';
import type { Scheduling } from './scheduling';
import type { Store } from './store/types';

/** Everything a Slack listener or a job processor may use; built once in main.ts. */
export interface AppDeps {
  config: Config;
  store: Store;
  /** The connection the store uses; jobs open their own (BullMQ needs blocking connections). */
  redis: Redis;
  /** Key prefix of the data (`dd` in production, unique per test). */
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  scheduling: Scheduling;
  /** The clock; tests may pass a fixed one. */
  now: () => number;
}
