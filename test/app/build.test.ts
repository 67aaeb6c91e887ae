import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntry } from '../../bench/rss-process';
import { type BuildResult, imageCommand, LOCAL_MODE_REFUSAL, stageImage } from '../../scripts/build';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { type OwnRedis, ownRedis } from '../support/redis-server';
import { postSigned, slashCommandBody } from '../support/signing';
import { allText } from '../support/slack-text';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const SIGNING_SECRET = 'build-test-signing-secret';

/**
 * The image's /app is staged from the same build (`npm run build` runs scripts/build.ts) with the
 * packages `npm ci --omit=dev` installs, and run with the Dockerfile's CMD. The production key
 * prefix `dd` is fixed, so the bot gets a redis-server of its own.
 */
describe('the production build', () => {
  let dir: string;
  let built: BuildResult;
  let redis: OwnRedis;
  const slack = new SlackStandIn();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dudao-image-'));
    [built, redis] = await Promise.all([stageImage(dir), ownRedis(), slack.start()]);
  });
  afterAll(async () => {
    await slack.stop();
    await redis?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds our code without the local workspace or the tests, and imports production packages only', () => {
    expect(built.inputs).toContain('src/main.ts');
    expect(built.inputs).toContain('jobs/digest.ts');
    expect(built.inputs).toContain('commands/index.ts');
    // Besides our code and the resync script, one generated module: the local mode that refuses.
    const ours = (i: string) => /^(src|commands|jobs)\//.test(i) && !i.startsWith('src/sandbox/');
    expect(built.inputs.filter((i) => !ours(i)).sort()).toEqual([
      'scripts/resync.ts',
      'without-local-mode:local-mode',
    ]);
    expect(built.inputs.filter((i) => /^src\/app\/(local-mode|demo)/.test(i))).toEqual([]);

    // The files themselves: every one under dist/, none with the workspace's code or a dev tool in it.
    expect(built.files).toContain(built.main);
    const js = built.files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(built.files.filter((file) => !file.startsWith(join(dir, 'dist')))).toEqual([]);
    expect(js).not.toContain('SlackStandIn');
    expect(js).not.toMatch(/\bfrom\s*["'](tsx|esbuild)\b|import\(["'](tsx|esbuild)\b/);
    expect(js).toContain(LOCAL_MODE_REFUSAL);

    // What the build imports is what `dependencies` lists: the image has nothing nobody runs.
    expect(built.packages).toContain('@slack/bolt');
    expect(built.packages.filter((p) => !(p in pkg.dependencies))).toEqual([]);
    expect(Object.keys(pkg.dependencies).filter((p) => !built.packages.includes(p))).toEqual([]);
    for (const dev of ['tsx', 'esbuild', 'vitest']) {
      expect(pkg.devDependencies).toHaveProperty(dev);
      expect(existsSync(join(dir, 'node_modules', dev))).toBe(false);
    }
  });

  it('runs with node and production packages only: /healthz, a command, SIGTERM, resync', async () => {
    const [node, ...args] = imageCommand();
    expect(node).toBe('node');
    const bot = startEntry(['--preserve-symlinks', ...args], dir, {
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN: 'xoxb-1-2-buildtest',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      REDIS_URL: redis.url,
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'info',
    });
    const admin = new Redis(redis.url);
    try {
      const { port, opsPort } = await bot.ready;
      for (const p of [port, opsPort]) {
        const health = await fetch(`http://127.0.0.1:${p}/healthz`);
        expect(health.status).toBe(200);
      }
      const command = (text: string) =>
        postSigned(
          `http://127.0.0.1:${port}/slack/events`,
          slashCommandBody({ team_id: slack.identity.teamId, text }),
          { secret: SIGNING_SECRET },
        );
      const help = await command('help');
      expect(help.status).toBe(200);
      expect(allText(help.json)).toContain('/dudao setup');
      const setup = await command('setup "Build Check"');
      expect(allText(setup.json)).toContain('Build Check');
      // Written under the production prefix, which no setting changes.
      expect((await admin.keys('dd:*')).length).toBeGreaterThan(0);

      const { code, output } = await bot.stop();
      expect(code).toBe(0);
      expect(output).toContain('shutting down');

      // `npm run resync` of the image: the group just set up gets its schedulers back.
      const resync = spawnSync(process.execPath, ['--preserve-symlinks', built.resync], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', REDIS_URL: redis.url },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(resync.stderr).toBe('');
      expect(resync.stdout).toBe('resync: 1 groups scheduled, 0 refused\n');
    } finally {
      bot.kill();
      admin.disconnect();
    }
  });

  it('asked for local mode, says in one line that it is not part of the build', () => {
    const run = spawnSync(process.execPath, ['--preserve-symlinks', built.main], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', REDIS_URL: redis.url },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`dudao: ${LOCAL_MODE_REFUSAL}`);
  });
});
