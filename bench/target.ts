/**
 * The servers under load, in a process of their own so that they do not share an event loop
 * (or a core) with the load generator: a bare Bolt app as the baseline, and dudao with two
 * seeded groups. Started by bench/run.ts over an IPC channel; not meant to be run alone.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { startApp } from '../src/app/start';
import { loadConfig } from '../src/config';
import type { NewActivity, TeamStore } from '../src/store/types';
import { deleteKeys } from '../test/support/harness';
import {
  addBenchUnits,
  BENCH_COMMANDS_PER_MINUTE,
  BENCH_TEAM,
  BENCH_USER,
  BIG_ACTIVITIES,
  BIG_CHANNEL,
  benchGroup,
  requiredEnv,
  SMALL_ACTIVITIES,
  SMALL_CHANNEL,
  type TargetCpu,
  type TargetReady,
  UNITS,
} from './fixtures';

const env = requiredEnv;

/** In-flight store writes while seeding; ioredis pipelines them on its one connection. */
const SEED_CONCURRENCY = 256;
const DAY_MS = 86_400_000;

async function startBaseline(
  secret: string,
  apiUrl: string,
): Promise<{ port: number; stop: () => Promise<void> }> {
  // Bolt as it comes: HTTPReceiver, token verified once with auth.test, default stores.
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: secret,
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/dudao', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'ok' });
  });
  const server = (await app.start(0)) as Server;
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) };
}

/** A group of {@link UNITS} units and `activities` activities spread over the last two years. */
async function seedGroup(team: TeamStore, channel: string, activities: number, now: number): Promise<number> {
  const actor = { userId: BENCH_USER, now };
  await team.createGroup(
    benchGroup({ id: channel, teamId: BENCH_TEAM, name: `Bench ${channel}`, createdAt: now }),
    actor,
  );
  await addBenchUnits(team, channel, actor);
  let next = 0;
  let added = 0;
  const worker = async () => {
    for (let i = next++; i < activities; i = next++) {
      const day = new Date(now - (i % 730) * DAY_MS).toISOString().slice(0, 10);
      const a: NewActivity = {
        unitKey: `u${i % UNITS}`,
        type: 'interview',
        date: day,
        count: 1,
        notes: `seeded ${i}`,
        userId: BENCH_USER,
        createdAt: Date.parse(`${day}T12:00:00Z`),
      };
      await team.addActivity(channel, a, { userId: BENCH_USER, now: a.createdAt });
      added++;
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return added;
}

async function main(): Promise<void> {
  const secret = env('BENCH_SECRET');
  const apiUrl = env('BENCH_SLACK_API_URL');
  const prefix = env('BENCH_PREFIX');
  const queuePrefix = `{${prefix}}`;
  const baseline = await startBaseline(secret, apiUrl);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: apiUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
    ROLE: process.env.BENCH_ROLE ?? 'all',
    COMMANDS_PER_MINUTE: BENCH_COMMANDS_PER_MINUTE,
  });
  const app = await startApp({ config, prefix, queuePrefix });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([app.stop(), baseline.stop()]);
    await deleteKeys([`${prefix}:*`, `${queuePrefix}:*`]);
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      const answer: TargetCpu = { type: 'cpu', micros: user + system };
      process.send?.(answer);
    }
  });
  // The parent went away (killed or crashed): still leave no keys behind.
  process.on('disconnect', () => void stop());

  const t0 = performance.now();
  const team = app.store.forTeam(BENCH_TEAM);
  const now = Date.now();
  const [big, small] = await Promise.all([
    seedGroup(team, BIG_CHANNEL, Number(process.env.BENCH_ACTIVITIES ?? BIG_ACTIVITIES), now),
    seedGroup(team, SMALL_CHANNEL, SMALL_ACTIVITIES, now),
  ]);
  const ready: TargetReady = {
    type: 'ready',
    baselinePort: baseline.port,
    appPort: app.port,
    opsPort: app.opsPort,
    seeded: { big, small, seconds: (performance.now() - t0) / 1000 },
  };
  process.send?.(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
