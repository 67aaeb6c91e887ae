import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolationMissing, runIsolated } from './support/isolated';

/** Runs `npm start`'s entry point in an empty folder (no .env) with only the given variables. */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(`${tmpdir()}/dudao-start-`);
  const result = spawnSync(`${process.cwd()}/node_modules/.bin/tsx`, [`${process.cwd()}/src/main.ts`], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

/** A fresh folder and a namespace with nothing on 127.0.0.1; stops the bot once `until` is printed. */
async function startIsolated(path: string, until: RegExp | null) {
  const cwd = mkdtempSync(`${tmpdir()}/dudao-fresh-`);
  return { ...(await runIsolated(cwd, path, until)), cwd };
}

describe.skipIf(isolationMissing)(
  `a fresh machine${isolationMissing ? ` (skipped: ${isolationMissing})` : ''}`,
  () => {
    it('with no .env and no Redis but redis-server on PATH starts local mode, its data under ./.data', async () => {
      const run = await startIsolated('/usr/bin:/bin', /dudao local mode: http:\/\/localhost:3000/);
      expect(run.stdout).toContain('dudao local mode: http://localhost:3000');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(existsSync(join(run.cwd, '.data', 'appendonlydir'))).toBe(true);
    }, 60_000);

    it('with nothing at all says in one line how to get Redis', async () => {
      const empty = mkdtempSync(`${tmpdir()}/dudao-nopath-`);
      const run = await startIsolated(empty, null);
      expect(run.code).not.toBe(0);
      expect(run.stderr.split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('redis-server');
      expect(run.stderr).toContain('REDIS_URL');
    }, 60_000);
  },
);

describe('starting the bot', () => {
  it('on a port already taken says so in one line, naming PORT', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const { code, stderr } = start({
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        PORT: port,
      });
      expect(code).not.toBe(0);
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toContain(`127.0.0.1:${port} (already in use)`);
      expect(stderr).toContain('PORT');
    } finally {
      taken.close();
    }
  });

  it('in production without a Slack token stops in one line instead of starting the demo', () => {
    const { code, stderr } = start({ NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).toContain('manifest.yml');
  });

  it('with a bad value stops in one line naming the variable', () => {
    const { code, stderr } = start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secretsecret',
      PORT: 'eighty',
    });
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
    const tz = start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secretsecret',
      DEFAULT_TZ: 'Mars/Olympus',
    });
    expect(tz.stderr).toContain('DEFAULT_TZ');
    expect(tz.stderr.split('\n')).toHaveLength(1);
  });

  it('in HTTP mode without a signing secret names the missing variable', () => {
    const { code, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('SLACK_SIGNING_SECRET');
  });
});
