import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start`'s entry point on "a machine with nothing on 127.0.0.1": a network namespace of its
 * own (`unshare -n`, loopback up), so the Redis this machine runs on 6379 is out of its sight.
 */
const UNSHARE = '/usr/bin/unshare';
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'].find((p) => existsSync(p));

/** Why the entry point cannot be isolated here, or null. */
export const isolationMissing: string | null =
  !IP || !existsSync(UNSHARE) || spawnSync(UNSHARE, ['-n', 'true']).status !== 0
    ? 'needs unshare -n (root) and ip to hide the machine’s Redis'
    : null;

export interface IsolatedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the spawn until `until` was printed (or until it exited). */
  ms: number;
}

/**
 * Runs src/main.ts in `cwd` with only `path` on PATH; once its output matches `until` it is sent
 * SIGTERM (and must stop by itself). Killed after `opts.timeoutMs` (40 s) whatever happens; `opts.env` adds variables.
 */
export function runIsolated(
  cwd: string,
  path: string,
  until: RegExp | null,
  opts: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<IsolatedRun> {
  if (isolationMissing) throw new Error(isolationMissing);
  const cli = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
  const t0 = performance.now();
  const child = spawn(
    UNSHARE,
    [
      '-n',
      '/bin/sh',
      '-c',
      `${IP} link set lo up && exec "$0" "$@"`,
      process.execPath,
      cli,
      join(process.cwd(), 'src/main.ts'),
    ],
    { cwd, env: { PATH: path, HOME: cwd, ...opts.env } },
  );
  let stdout = '';
  let stderr = '';
  let ms: number | null = null;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (ms === null && until?.test(stdout)) {
      ms = performance.now() - t0;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 40_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim(), ms: ms ?? performance.now() - t0 });
    });
  });
}
