import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from '../domain/errors';

/** True when something accepts TCP connections on host:port within the timeout. */
export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * With no REDIS_URL and nothing on 127.0.0.1:6379, starts `redis-server` from PATH with its data
 * under ./.data (append-only file on, so acknowledged logs survive a restart). Resolves with a
 * stop function, or rejects with a one-line explanation of how to get Redis.
 */
export async function ensureLocalRedis(dataDir = '.data'): Promise<(() => void) | null> {
  if (await isListening('127.0.0.1', 6379)) return null;
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', '6379', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', () =>
      reject(
        new ConfigError(
          'Redis is not running on 127.0.0.1:6379 and redis-server is not installed: install it (apt install redis-server, brew install redis) or set REDIS_URL',
        ),
      ),
    );
  });
  for (let i = 0; i < 50; i++) {
    const up = await Promise.race([isListening('127.0.0.1', 6379), failed]);
    if (up) return () => child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new ConfigError('redis-server was started but did not answer on 127.0.0.1:6379 within 5 s');
}
