import { pino } from 'pino';
import { ensureLocalRedis } from './app/local-redis';
import { startApp } from './app/start';
import { loadConfig, readEnv } from './config';
import { ConfigError } from './domain/errors';

/** One line, no stack: what a person starting the bot needs to read. */
function stop(line: string, code = 1): never {
  process.stderr.write(`dudao: ${line}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(readEnv());
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }
  if (!config.SLACK_BOT_TOKEN) {
    stop(
      'no SLACK_BOT_TOKEN: create the Slack app from manifest.yml (api.slack.com/apps → Create New App → From a manifest), install it, then set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) in .env or the environment; see README.md',
    );
  }
  const logger = pino({ level: config.LOG_LEVEL });
  let stopRedis: (() => void) | null = null;
  if (config.redisUrlDefaulted) {
    try {
      stopRedis = await ensureLocalRedis();
      if (stopRedis) logger.info('started a local redis-server with its data in ./.data');
    } catch (err) {
      stop((err as Error).message);
    }
  }
  const app = await startApp({ config, logger });
  logger.info(
    { port: app.port, role: config.ROLE, socketMode: Boolean(config.SLACK_APP_TOKEN) },
    'dudao is running',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    await app.stop();
    stopRedis?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  stop(err instanceof Error ? err.message : String(err));
});
