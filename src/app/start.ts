import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { registerListeners } from '../../commands';
import { createHomeRefresh } from '../../commands/home-refresh';
import { resumeInstallation } from '../../commands/installs';
import { createScheduling, DEFAULT_QUEUE_PREFIX, startWorkers } from '../../jobs/index';
import type { Config } from '../config';
import { ConfigError, NotInstalled } from '../domain/errors';
import { OAuthTokens } from '../slack/installations';
import { boltLogger } from '../slack/logger';
import { singleToken, type TokenSource } from '../slack/tokens';
import { RedisStore } from '../store';
import { connectRedis } from '../store/redis';
import type { Store } from '../store/types';
import type { AppDeps } from './deps';
import { BODY_LIMIT_BYTES } from './http-limits';
import { LoginThrottle } from './http-login-throttle';
import { closeServer, listenHttp } from './http-server';
import { isSlackEvents, slackEventsListener } from './http-slack-events';
import { createMetrics } from './metrics';
import { createLogger, maskUrlCredentials, secretsOf } from './redact';
import { healthRoute, metricsRoute, routesListener } from './routes';

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
   * the routes of PORT are then returned in `routes` for it to serve, and no server listens on PORT.
   */
  listen?: boolean;
  /** Address of the OPS_PORT server; default HOST. Local mode keeps it on 127.0.0.1. */
  opsHost?: string;
}

export interface RunningApp {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  url: string;
  /** The port of /metrics, /healthz and the dashboard actually bound (OPS_PORT=0 picks one). */
  opsPort: number;
  opsUrl: string;
  store: Store;
  deps: AppDeps;
  /** What PORT serves besides /slack/events (/healthz), for a caller that serves PORT itself (`listen: false`). */
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
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL, secretsOf(config));
  const redis = connectRedis(config.redis);
  // Without a listener ioredis prints every failed reconnect; /healthz already reports the outage.
  redis.on('error', (err: Error) =>
    logger.debug({ err: maskUrlCredentials(err.message) }, 'redis connection error'),
  );
  const prefix = opts.prefix ?? 'dd';
  const store = new RedisStore({
    redis,
    prefix,
    onCorrupt: (key, field) => logger.warn({ key, field }, 'skipped an unreadable record'),
  });
  const metrics = createMetrics();
  const queuePrefix = opts.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const scheduling = createScheduling({ connection: redis, prefix: queuePrefix, logger });
  const deps: AppDeps = {
    config,
    store,
    logger,
    metrics,
    scheduling,
    // Publishes read `deps` when they run, by which time it is built.
    home: createHomeRefresh({
      deps: () => deps,
      // Read when a publish runs, by which time `tokens` (below) is built.
      tokens: () => tokens,
      makeClient: (botToken) => new WebClient(botToken, interactiveClientOptions(config, logger)),
    }),
    now: opts.now ?? Date.now,
  };
  const token = config.SLACK_BOT_TOKEN;
  if (!token && !config.oauth) {
    throw new ConfigError('SLACK_BOT_TOKEN (or the OAuth settings) is required to connect to Slack');
  }
  // Tokens expire at Slack by the real clock, whatever clock the handlers are given.
  const oauthTokens = config.oauth
    ? new OAuthTokens({
        records: store.installations(),
        oauth: config.oauth,
        apiUrl: config.SLACK_API_URL,
        logger,
      })
    : null;
  const tokens: TokenSource = oauthTokens ?? singleToken(token ?? '');

  // PORT faces Slack (and whoever else reaches it): /slack/events and /healthz, nothing else.
  const portRoutes: CustomRoute[] = [healthRoute(store)];
  const opsRoutes: CustomRoute[] = [...portRoutes, metricsRoute(metrics)];
  // "Add to Slack" faces people's browsers, on the port that faces Slack, where requests are handled.
  if (config.oauth && config.ROLE !== 'worker') {
    // Loaded only where it is served: @slack/oauth's installer is some 10 MB a worker does without.
    const { installRoutes } = await import('./install-routes');
    portRoutes.push(
      ...installRoutes({
        oauth: config.oauth,
        records: store.installations(),
        apiUrl: config.SLACK_API_URL,
        defaultLang: config.DEFAULT_LANG,
        logger,
        onInstalled: async (id) => {
          await resumeInstallation(deps, id);
        },
      }),
    );
  }
  if (config.ADMIN_PASSWORD) {
    // Loaded only when turned on: the dashboard's packages are some 10 MB of memory.
    const { adminRoutes } = await import('../../jobs/admin');
    const throttle = new LoginThrottle();
    opsRoutes.push(...adminRoutes({ queues: scheduling.queues, password: config.ADMIN_PASSWORD, throttle }));
  }

  // Closed in the reverse order of opening: workers first, Redis last.
  const opened: Array<() => Promise<unknown>> = [
    () => redis.quit(),
    () => scheduling.close(),
    () => deps.home.close(),
  ];
  const stop = async () => {
    for (const close of opened.splice(0).reverse()) {
      await close().catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
    }
  };
  try {
    const ops = await listenHttp({
      port: config.OPS_PORT,
      host: opts.opsHost ?? config.HOST,
      setting: 'OPS_PORT',
      listener: routesListener(opsRoutes),
    });
    opened.push(() => closeServer(ops));

    let slackEvents: RequestListener | null = null;
    if (config.ROLE === 'web' || config.ROLE === 'all') {
      // Loaded here only: a worker process never needs Bolt (some 15 MB of RSS, docs/performance.md).
      const { App, HTTPReceiver } = await import('@slack/bolt');
      // HTTP mode: our server reads the request within the limits and hands it to Bolt's receiver.
      const receiver = config.SLACK_APP_TOKEN
        ? null
        : new HTTPReceiver({
            signingSecret: config.SLACK_SIGNING_SECRET ?? '',
            logger: boltLogger(logger),
            bodyLimit: BODY_LIMIT_BYTES,
          });
      const app = new App({
        ...(oauthTokens ? { authorize: oauthTokens.authorize() } : { token }),
        ...(receiver ? { receiver } : { appToken: config.SLACK_APP_TOKEN, socketMode: true }),
        logger: boltLogger(logger),
        clientOptions: interactiveClientOptions(config, logger),
        // The conversation store would add a lookup to every request for a feature we do not use.
        convoStore: false,
      });
      registerListeners(app, deps);
      app.error(async (err) => {
        // A request from a workspace without an active installation (uninstalled meanwhile): nothing to do.
        if ((err as { original?: unknown }).original instanceof NotInstalled) {
          logger.info({ err: err.message }, 'a request from a workspace where the app is not installed');
          return;
        }
        logger.error({ err }, 'unhandled error in a Slack listener');
      });
      if (receiver) slackEvents = slackEventsListener(receiver);
      else {
        await app.start();
        opened.push(() => app.stop());
      }
    }

    let server: Server | null = null;
    if (opts.listen ?? true) {
      const events = slackEvents;
      const others = routesListener(portRoutes);
      const started = await listenHttp({
        port: config.PORT,
        host: config.HOST,
        setting: 'PORT',
        listener: (req, res) => (events && isSlackEvents(req) ? events(req, res) : others(req, res)),
      });
      server = started;
      opened.push(() => closeServer(started));
    }

    if (config.ROLE === 'worker' || config.ROLE === 'all') {
      const workers = await startWorkers({
        store,
        connection: config.redis,
        logger,
        metrics,
        now: deps.now,
        slack: { tokens, apiUrl: config.SLACK_API_URL },
        queuePrefix,
      });
      opened.push(() => workers.close());
    }

    const port = server ? (server.address() as AddressInfo).port : config.PORT;
    const opsPort = (ops.address() as AddressInfo).port;
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      opsPort,
      opsUrl: `http://127.0.0.1:${opsPort}`,
      store,
      deps,
      routes: portRoutes,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
