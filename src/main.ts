import { pino } from 'pino';
import { startLocalMode } from './app/local-mode';
import { ensureLocalRedis } from './app/local-redis';
import { startApp } from './app/start';
import { loadConfig, readEnv } from './config';
import { ConfigError } from './domain/errors';

/** One line, no stack: what a person starting the bot needs to read. */
function stop(line: string, code = 1): never {
  process.stderr.write(`dudao: ${line}\n`);
  process.exit(code);
}

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
  const local = !config.SLACK_BOT_TOKEN;
  // A deployment (the Docker image sets NODE_ENV=production) that lost its token must not quietly
  // become a demo on 127.0.0.1 inside a container: it stops and says what is missing.
  if (local && env.NODE_ENV === 'production') {
    stop(
      'no SLACK_BOT_TOKEN: create the Slack app from manifest.yml (api.slack.com/apps → Create New App → From a manifest), install it, then set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode); local mode (the demo) runs only outside production, see README.md',
    );
  }
  // Local mode talks to a person at a terminal: warnings and errors only, unless asked for more.
  const logger = pino({ level: local && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL });
  let stopRedis: (() => void) | null = null;
  if (config.redisUrlDefaulted) {
    try {
      stopRedis = await ensureLocalRedis();
      if (stopRedis) logger.info('started a local redis-server with its data in ./.data');
    } catch (err) {
      stop((err as Error).message);
    }
  }
  let app: { stop(): Promise<void> };
  if (local) {
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
      { port: running.port, role: config.ROLE, socketMode: Boolean(config.SLACK_APP_TOKEN) },
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
    stop(
      `cannot listen on ${address ?? 'the address'}:${port ?? '?'} (${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}): stop what holds it, or set PORT (and HOST) to another one`,
    );
  }
  stop(err instanceof Error ? err.message : String(err));
});
