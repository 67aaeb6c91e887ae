import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { SocketModeHub } from '../src/sandbox/socket-mode';
import { isolationMissing, runIsolated } from './support/isolated';
import { startCluster } from './support/redis-cluster';
import { ownRedis } from './support/redis-server';
import { postSigned, slashCommandBody } from './support/signing';

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

/**
 * The entry point running in an empty folder, its every output line kept, until it is stopped.
 * One process, as the Docker image runs it (`node --import tsx`), so that the guard's SIGKILL
 * leaves nothing behind.
 */
function running(env: Record<string, string>) {
  const cwd = mkdtempSync(`${tmpdir()}/dudao-run-`);
  const loader = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(process.cwd(), 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const take = (d: Buffer) => {
    output += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return {
    output: () => output,
    /** Resolves with the first match of `re` in the output so far or to come. */
    async waitFor(re: RegExp): Promise<RegExpExecArray> {
      for (;;) {
        const m = re.exec(output);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`exited before ${re}: ${output}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          child.once('exit', () => resolve());
        });
      }
    },
    /** SIGTERM, as an orchestrator stops it; resolves with its whole output once it has exited. */
    async stop(): Promise<string> {
      child.kill('SIGTERM');
      await exited;
      clearTimeout(guard);
      return output;
    },
  };
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

  it('on an OPS_PORT already taken says so in one line, naming OPS_PORT, in local mode and in HTTP mode', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const redis = {
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        PORT: '0',
        OPS_PORT: port,
      };
      for (const env of [
        redis,
        { ...redis, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret' },
      ]) {
        const { code, stderr } = start(env);
        expect(code).not.toBe(0);
        expect(stderr.split('\n')).toHaveLength(1);
        expect(stderr).toContain(`:${port} (already in use)`);
        expect(stderr).toContain('set OPS_PORT');
      }
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
  it('stops in one line when REDIS_CLUSTER_NODES names a plain server, or REDIS_URL a cluster node', async () => {
    const slack = {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secretsecret',
      PORT: '0',
      OPS_PORT: '0',
    };
    const plain = start({ ...slack, REDIS_CLUSTER_NODES: '127.0.0.1:6379' });
    expect(plain.code).not.toBe(0);
    expect(plain.stderr.split('\n')).toHaveLength(1);
    expect(plain.stderr).toContain(
      'REDIS_CLUSTER_NODES: 127.0.0.1:6379 is a Redis server without cluster support',
    );
    const cluster = await startCluster({ masters: 3 });
    try {
      const node = start({ ...slack, REDIS_URL: `redis://${cluster.nodes.split(',')[0]}` });
      expect(node.code).not.toBe(0);
      expect(node.stderr.split('\n')).toHaveLength(1);
      expect(node.stderr).toContain('REDIS_URL names a node of a Redis Cluster: set REDIS_CLUSTER_NODES');
    } finally {
      await cluster.stop();
    }
  });
});

describe('secrets', () => {
  const hex = () => randomBytes(12).toString('hex');
  const BOT_TOKEN = `xoxb-${hex()}`;
  const SIGNING_SECRET = hex();
  const APP_TOKEN = `xapp-${hex()}`;
  const ADMIN_PASSWORD = hex();
  const REDIS_PASSWORD = hex();
  const WRONG_REDIS_PASSWORD = hex();
  const ROTATED_REDIS_PASSWORD = hex();
  const SECRETS = {
    BOT_TOKEN,
    SIGNING_SECRET,
    APP_TOKEN,
    ADMIN_PASSWORD,
    REDIS_PASSWORD,
    WRONG_REDIS_PASSWORD,
  };

  /** Whichever of SECRETS `text` contains, by name. */
  const leaked = (text: string) =>
    Object.entries(SECRETS)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => name);

  it('never reach the output, from start-up to stop, at LOG_LEVEL=debug, whatever goes wrong', async () => {
    const redis = await ownRedis();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', REDIS_PASSWORD);
    admin.disconnect();
    const http = new SlackStandIn();
    await http.start();
    const hub = new SocketModeHub({ appId: 'A0DUDAO' });
    const socket = new SlackStandIn({
      appToken: APP_TOKEN,
      onListen: (server) => hub.attach(server),
      socketUrl: (origin) => hub.openUrl(origin),
    });
    await socket.start();
    const base = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      ADMIN_PASSWORD,
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'debug',
    };
    const redisUrl = (password: string) => `redis://default:${password}@127.0.0.1:${redis.port}`;
    const outputs: string[] = [];
    try {
      // A REDIS_URL that is not one: the line names the variable and shows the value masked.
      const bad = start({
        ...base,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        REDIS_URL: `redis:/default:${REDIS_PASSWORD}@db`,
      });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('REDIS_URL');
      expect(bad.stderr).toContain('(got "redis:/default:…@db")');
      outputs.push(bad.stdout, bad.stderr);

      const commands = async (port: string, secret: string) => {
        for (const text of ['help', 'setup "Secret Group"', 'log interview nowhere', 'status']) {
          const body = slashCommandBody({ team_id: http.identity.teamId, text });
          await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret });
        }
        // A forged one too, and dashboard logins, wrong and right.
        await postSigned(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ text: 'help' }), {
          secret: 'not the secret',
        });
      };
      const logins = async (opsPort: string) => {
        for (const password of ['wrong password', ADMIN_PASSWORD]) {
          const authorization = `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;
          // Bounded: with Redis refusing the bot, the dashboard waits for Redis.
          await fetch(`http://127.0.0.1:${opsPort}/admin/queues/api/queues`, {
            headers: { authorization },
            signal: AbortSignal.timeout(5_000),
          }).catch(() => null);
        }
      };
      // A wrong Redis password: start-up stops in one line naming REDIS_URL, the password masked.
      for (const role of ['web', 'all']) {
        const refused = start({
          ...base,
          ROLE: role,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: http.url,
          REDIS_URL: redisUrl(WRONG_REDIS_PASSWORD),
        });
        expect(refused.code).toBe(1);
        expect(refused.stderr.split('\n')).toEqual([
          'dudao: REDIS_URL: Redis refused its credentials (WRONGPASS): check the user name and password in it',
        ]);
        outputs.push(refused.stdout, refused.stderr);
      }
      const runs = [
        // HTTP mode with the right Redis password.
        (async () => {
          const bot = running({
            ...base,
            ROLE: 'all',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            SLACK_API_URL: http.url,
            REDIS_URL: redisUrl(REDIS_PASSWORD),
          });
          const [, port, opsPort] = await bot.waitFor(/"port":(\d+),"opsPort":(\d+)[^\n]*dudao is running/);
          await commands(port as string, SIGNING_SECRET);
          await logins(opsPort as string);
          return bot.stop();
        })(),
        // Socket Mode, which takes the app-level token.
        (async () => {
          const bot = running({
            ...base,
            SLACK_APP_TOKEN: APP_TOKEN,
            SLACK_API_URL: socket.url,
            REDIS_URL: redisUrl(REDIS_PASSWORD),
          });
          await bot.waitFor(/dudao is running/);
          await hub.waitForConnections(1, 20_000);
          for (const text of ['help', 'status']) {
            await hub.deliver(
              'slash_commands',
              Object.fromEntries(
                new URLSearchParams(slashCommandBody({ team_id: socket.identity.teamId, text })),
              ),
            );
          }
          return bot.stop();
        })(),
      ];
      outputs.push(...(await Promise.all(runs)));

      // Redis's password changed under a running bot: every reconnect is refused, and ioredis
      // keeps the AUTH arguments (the old password) in the errors the bot then logs.
      const rotated = running({
        ...base,
        ROLE: 'all',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: http.url,
        REDIS_URL: redisUrl(REDIS_PASSWORD),
      });
      await rotated.waitFor(/dudao is running/);
      const rotate = new Redis(redisUrl(REDIS_PASSWORD));
      await rotate.config('SET', 'requirepass', ROTATED_REDIS_PASSWORD);
      await rotate.client('KILL', 'TYPE', 'normal').catch(() => null);
      rotate.disconnect();
      await rotated.waitFor(/WRONGPASS/);
      outputs.push(await rotated.stop());
    } finally {
      await hub.close();
      await socket.stop();
      await http.stop();
      await redis.dispose();
    }
    const all = outputs.join('\n');
    // What was captured is the real thing: debug lines from start-up to shutdown, Redis refusing the wrong password.
    expect(all).toContain('"level":20');
    expect(all).toContain('dudao is running');
    expect(all).toContain('shutting down');
    expect(all).toMatch(/WRONGPASS|NOAUTH/);
    expect(leaked(all)).toEqual([]);
  }, 90_000);
});
