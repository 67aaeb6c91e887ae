import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `check` holds, polling every 50 ms; rejects after `ms` naming `what`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The run's own redis-server: append-only file on with `appendfsync always`, so that a write is on
 * disk before Redis answers it and a SIGKILL loses nothing that was acknowledged (with the default
 * `everysec`, up to a second of acknowledged writes may be lost to a crash).
 */
export interface ChaosRedis {
  url: string;
  /** SIGKILL, as a crash: nothing is flushed beyond what `appendfsync always` already wrote. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; resolves once it answers PING (the AOF loaded). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

async function answersPing(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export async function startChaosRedis(dir: string): Promise<ChaosRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', 'always');
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await eventually(() => answersPing(url), 10_000, 'redis-server to answer');
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await start();
  return { url, kill, restart: start, dispose: kill };
}

/** A folder for the run's Redis data and the processes' logs, removed by `dispose`. */
export function runDir(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'dudao-chaos-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** One dudao process (test/chaos/support/app-child.ts). */
export interface AppProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** Moves the process's clock to real time + `offsetMs`; resolves once it is in force. */
  setClock(offsetMs: number): Promise<void>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** The last lines of its log (pino JSON and stderr). */
  tail(lines?: number): string;
  /** Its warnings and errors (pino level 40 and up), counted by message. */
  warnings(): Map<string, number>;
}

/** The settings no child may inherit from the environment the tests run in. */
const OWN_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_API_URL',
  'REDIS_URL',
  'REDIS_CLUSTER_NODES',
  'PORT',
  'HOST',
  'OPS_PORT',
  'ROLE',
  'LOG_LEVEL',
  'ADMIN_PASSWORD',
  'COMMANDS_PER_MINUTE',
  'DEFAULT_TZ',
  'DEFAULT_LANG',
];

/** Starts app-child.ts with `env`; resolves once it prints `ready`. Its output goes to `<dir>/<name>.log`. */
export async function startAppProcess(
  name: string,
  dir: string,
  env: Record<string, string>,
): Promise<AppProcess> {
  const inherited = { ...process.env };
  for (const key of OWN_SETTINGS) delete inherited[key];
  const logPath = join(dir, `${name}.log`);
  const log: WriteStream = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/chaos/support/app-child.ts'], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stderr?.pipe(log, { end: false });
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      log.write(d);
      buffered += d.toString();
      const line = /^ready (\{.*\})$/m.exec(buffered);
      if (line?.[1]) resolve((JSON.parse(line[1]) as { port: number }).port);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited (${code ?? signal}) before ready`)),
    );
  });
  child.once('exit', () => log.end());
  return {
    name,
    port,
    child,
    setClock: (offsetMs) =>
      new Promise<void>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if ((m as { clock?: unknown } | null)?.clock !== offsetMs) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
        child.send({ offsetMs }, (err) => err && reject(err));
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    tail: (lines = 20) => readLog(logPath).trimEnd().split('\n').slice(-lines).join('\n'),
    warnings: () => {
      const out = new Map<string, number>();
      for (const line of readLog(logPath).split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) out.set(entry.msg ?? '?', (out.get(entry.msg ?? '?') ?? 0) + 1);
      }
      return out;
    },
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
