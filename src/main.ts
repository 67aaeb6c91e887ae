import { isListenError } from './app/http-server';
import { ensureLocalRedis } from './app/local-redis';
import { createLogger, maskUrlCredentials, redactor, secretsOf } from './app/redact';
import { startApp } from './app/start';
import { connectsToSlack, loadConfig, readEnv } from './config';
import { ConfigError } from './domain/errors';
import { checkRedisCredentials } from './store';

/** Masks secrets in what reaches the terminal: URL credentials always, the settings' once read. */
let redact: (text: string) => string = maskUrlCredentials;

/** One line, no stack: what a person starting the bot needs to read. */
function stop(line: string, code = 1): never {
  process.stderr.write(`dudao: ${redact(line)}\n`);
  process.exit(code);
}

/** Set once the logger exists: a fatal error is logged in full (masked) before the one line. */
let logFatal: ((err: unknown) => void) | null = null;

/**
 * What escapes every handler (a library's 'error' event with no listener, a rejection nobody
 * awaits) stops the bot as Node would, but masked and in one line: Node's own report prints every
 * property of the error, and ioredis keeps the AUTH arguments, the password, in `command`.
 */
function crash(err: unknown): never {
  logFatal?.(err);
  stop(`stopped on an unexpected error: ${err instanceof Error ? err.message : String(err)}`);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  const env = readEnv();
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }
  const secrets = secretsOf(config);
  redact = redactor(secrets);
  const local = !connectsToSlack(config);
  // A deployment (the Docker image sets NODE_ENV=production) that lost its token must not quietly
  // become a demo on 127.0.0.1 inside a container: it stops and says what is missing.
  if (local && env.NODE_ENV === 'production') {
    stop(
      'no Slack settings: create the Slack app from manifest.yml (api.slack.com/apps → Create New App → From a manifest), install it, then set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install it in many workspaces; local mode (the demo) runs only outside production, see README.md',
    );
  }
  // Local mode talks to a person at a terminal: warnings and errors only, unless asked for more.
  const logger = createLogger(local && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL, secrets);
  logFatal = (err) => logger.fatal({ err }, 'unexpected error');
  let stopRedis: (() => void) | null = null;
  if (config.redisUrlDefaulted) {
    try {
      stopRedis = await ensureLocalRedis();
      if (stopRedis) logger.info('started a local redis-server with its data in ./.data');
    } catch (err) {
      stop((err as Error).message);
    }
  }
  try {
    await checkRedisCredentials(config.redis);
  } catch (err) {
    stopRedis?.();
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }
  let app: { stop(): Promise<void> };
  if (local) {
    // Loaded only here: the production build (scripts/build.ts) leaves local mode and the sandbox out.
    const { startLocalMode } = await import('./app/local-mode');
    const started = await startLocalMode({ config, logger }).catch((err: unknown) => {
      stopRedis?.();
      throw err;
    });
    app = started;
    process.stdout.write(`dudao local mode: ${started.url}\n`);
    const host = config.HOST ?? '127.0.0.1';
    if (!isLoopback(host)) {
      process.stdout.write(
        `dudao: local mode is listening on ${host} (HOST): anyone who can reach this address can act as any demo user\n`,
      );
    }
  } else {
    const running = await startApp({ config, logger }).catch((err: unknown) => {
      stopRedis?.();
      throw err;
    });
    app = running;
    logger.info(
      {
        port: running.port,
        opsPort: running.opsPort,
        role: config.ROLE,
        socketMode: Boolean(config.SLACK_APP_TOKEN),
        workspaces: config.oauth ? 'many (OAuth)' : 'one (SLACK_BOT_TOKEN)',
      },
      'dudao is running',
    );
  }

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
  const code = (err as { code?: unknown }).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const { address, port } = err as { address?: string; port?: number };
    const where = address?.includes(':') ? `[${address}]` : (address ?? 'the address');
    // Local mode's workspace listens on PORT by itself; every other server says which setting it is.
    const setting = isListenError(err) ? err.setting : 'PORT';
    const change =
      setting === 'OPS_PORT'
        ? 'set OPS_PORT to another one (0 picks a free one)'
        : 'set PORT (and HOST) to another one';
    stop(
      `cannot listen on ${where}:${port ?? '?'} (${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}): stop what holds it, or ${change}`,
    );
  }
  stop(err instanceof Error ? err.message : String(err));
});
