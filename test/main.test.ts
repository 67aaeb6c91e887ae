import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

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

describe('starting the bot', () => {
  it('without a Slack token says in one line how to create the app and what to set', () => {
    const { code, stderr } = start({});
    expect(code).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('manifest.yml');
    expect(stderr).toContain('SLACK_BOT_TOKEN');
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
