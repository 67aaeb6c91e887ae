import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { type Logger, pino } from 'pino';
import { registerListeners } from '../../commands';
import { adminRoutes, createScheduling, DEFAULT_QUEUE_PREFIX, startWorkers } from '../../jobs/index';
import type { Config } from '../config';
import { ConfigError } from '../domain/errors';
import { boltLogger } from '../slack/logger';
import { createRedis, RedisStore } from '../store';
import type { Store } from '../store/types';
import type { AppDeps } from './deps';
import { createMetrics } from './metrics';
import { operatorRoutes, serveRoute } from './routes';

export interface StartOptions {
  config: Config;
  /** Data key prefix; `dd` in production. */
  prefix?: string;
  /** BullMQ prefix; must be a hash tag so a queue's keys share a Redis Cluster slot. */
  queuePrefix?: string;
  logger?: Logger;
  now?: () => number;
  /**
   * False when another server answers on PORT (local mode's workspace serves the page there):
   * the operator routes are then returned in `routes` for it to serve, and no HTTP server is started.
   */
  listen?: boolean;
}

export interface RunningApp {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  url: string;
  store: Store;
  deps: AppDeps;
  /** /healthz, /metrics and the dashboard, for a caller that serves them itself (`listen: false`). */
  routes: CustomRoute[];
  stop(): Promise<void>;
}

/**
 * Web API client settings for handlers: a 429 is reported at once instead of being retried
 * for up to 30 minutes (the client's default), since a user is waiting.
 */
function interactiveClientOptions(config: Config, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
  };
}

/** Builds everything from the config and starts the roles it asks for. */
export async function startApp(opts: StartOptions): Promise<RunningApp> {
  const { config } = opts;
  const logger = opts.logger ?? pino({ level: config.LOG_LEVEL });
  const redis = createRedis(config.redisUrl);
  // Without a listener ioredis prints every failed reconnect; /healthz already reports the outage.
  redis.on('error', (err: Error) => logger.debug({ err: err.message }, 'redis connection error'));
  const prefix = opts.prefix ?? 'dd';
  const store = new RedisStore({
    redis,
    prefix,
    onCorrupt: (key, field) => logger.warn({ key, field }, 'skipped an unreadable record'),
  });
  const metrics = createMetrics();
  const queuePrefix = opts.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const scheduling = createScheduling({ connection: redis.options, prefix: queuePrefix, logger });
  const deps: AppDeps = {
    config,
    store,
    logger,
    metrics,
    scheduling,
    now: opts.now ?? Date.now,
  };
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new ConfigError('SLACK_BOT_TOKEN is required to connect to Slack');

  const routes: CustomRoute[] = [...operatorRoutes(store, metrics)];
  if (config.ADMIN_PASSWORD)
    routes.push(...adminRoutes({ queues: scheduling.queues, password: config.ADMIN_PASSWORD }));

  const closers: Array<() => Promise<unknown>> = [];
  let server: Server | null = null;
  const listen = opts.listen ?? true;
  if (config.ROLE === 'web' || config.ROLE === 'all') {
    const app = new App({
      token,
      ...(config.SLACK_APP_TOKEN
        ? { appToken: config.SLACK_APP_TOKEN, socketMode: true, installerOptions: { port: config.PORT } }
        : { signingSecret: config.SLACK_SIGNING_SECRET ?? '' }),
      customRoutes: listen ? routes : [],
      logger: boltLogger(logger),
      clientOptions: interactiveClientOptions(config, logger),
      // The conversation store would add a lookup to every request for a feature we do not use.
      convoStore: false,
    });
    registerListeners(app, deps);
    app.error(async (err) => {
      logger.error({ err }, 'unhandled error in a Slack listener');
    });
    const started = config.SLACK_APP_TOKEN
      ? await app.start()
      : await app.start(config.HOST ? { port: config.PORT, host: config.HOST } : config.PORT);
    server = config.SLACK_APP_TOKEN ? null : (started as Server);
    closers.push(() => app.stop());
  } else if (listen) {
    server = await listenOperatorOnly(routes, config.PORT, config.HOST);
    closers.push(() => new Promise((resolve) => server?.close(resolve)));
  }

  if (config.ROLE === 'worker' || config.ROLE === 'all') {
    const workers = await startWorkers({
      store,
      connection: redis.options,
      logger,
      metrics,
      now: deps.now,
      slack: { token, apiUrl: config.SLACK_API_URL },
      queuePrefix,
    });
    closers.unshift(() => workers.close());
  }
  closers.push(() => scheduling.close());
  closers.push(() => redis.quit());

  const port = server ? (server.address() as AddressInfo).port : config.PORT;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    store,
    deps,
    routes,
    stop: async () => {
      for (const close of closers) {
        await close().catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
      }
    },
  };
}

/** A worker-only process still answers /healthz, /metrics and the dashboard. */
function listenOperatorOnly(routes: CustomRoute[], port: number, host?: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (!serveRoute(routes, req, res)) res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
