/**
 * dudao's entry point in a process of its own, as an orchestrator runs it: only the variables
 * given, its output kept, its start-up line read, SIGTERM to stop it. bench/rss.ts measures such
 * processes; test/app/build.test.ts runs the production build this way.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What the "dudao is running" line says (src/main.ts logs it as pino JSON on stdout). */
export interface Running {
  port: number;
  opsPort: number;
}

export interface EntryProcess {
  readonly pid: number;
  /** Resolves once the bot is running; rejects when it exits first. */
  readonly ready: Promise<Running>;
  output(): string;
  /** SIGTERM; resolves with the exit code and the whole output once it has exited. */
  stop(): Promise<{ code: number | null; output: string }>;
  /** SIGKILL, when it may still run (clean-up after a failure). */
  kill(): void;
}

function runningLine(output: string): Running | null {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{') || !line.includes('dudao is running')) continue;
    const parsed = JSON.parse(line) as { msg?: string; port?: number; opsPort?: number };
    if (parsed.msg === 'dudao is running')
      return { port: Number(parsed.port), opsPort: Number(parsed.opsPort) };
  }
  return null;
}

/** `node <args>` in `cwd` with PATH and `env` as its only variables. */
export function startEntry(args: string[], cwd: string, env: Record<string, string>): EntryProcess {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<Running>((resolve, reject) => {
    const take = (data: Buffer) => {
      output += data.toString();
      const running = runningLine(output);
      if (running) resolve(running);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    void exited.then((code) => reject(new Error(`exited (${code}) before it was running:\n${output}`)));
  });
  // A caller that never awaits `ready` (a failed start it did not wait for) must not crash the run.
  ready.catch(() => undefined);
  return {
    pid: child.pid ?? 0,
    ready,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return { code: await exited, output };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A process's resident memory from /proc/<pid>/status (Linux), in MB. */
export interface Rss {
  /** VmRSS: resident now. */
  rssMb: number;
  /** VmHWM: the most it has ever been. */
  peakMb: number;
  /** RssAnon: of the resident memory now, what the process allocated (heaps, stacks). */
  anonMb: number;
  /** RssFile: of the resident memory now, pages of mapped files (node, native add-ons). */
  fileMb: number;
}

export function rssOf(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM'), anonMb: mb('RssAnon'), fileMb: mb('RssFile') };
}
