/**
 * The server under test for bench/home.ts, in a process of its own so that it does not share an
 * event loop with the load generator and the Slack stand-in: dudao with HOME_GROUPS groups of
 * HOME_UNITS units each, BENCH_USER a liaison of every unit. Not meant to be run alone.
 */
import { startApp } from '../src/app/start';
import { loadConfig } from '../src/config';
import { GROUP_OPTION_DEFAULTS, type Group } from '../src/domain/types';
import type { TeamStore } from '../src/store/types';
import { deleteKeys } from '../test/support/harness';
import {
  BENCH_COMMANDS_PER_MINUTE,
  BENCH_TEAM,
  BENCH_USER,
  HOME_ACTIVITIES_PER_UNIT,
  HOME_FINDINGS,
  HOME_GROUPS,
  HOME_UNITS,
  type HomeTargetReady,
  homeChannel,
  requiredEnv,
} from './fixtures';

const env = requiredEnv;

const DAY_MS = 86_400_000;

function group(id: string, i: number, now: number): Group {
  return {
    id,
    teamId: BENCH_TEAM,
    name: `Home bench group ${i}`,
    tz: 'Asia/Shanghai',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: { weekday: 1, time: '10:00', remindMinutes: 60, skips: [] },
    digest: null,
    createdBy: BENCH_USER,
    createdAt: now,
  };
}

/** One group: its units (BENCH_USER liaison of each), a few activities a unit, some findings. */
async function seedGroup(team: TeamStore, i: number, now: number): Promise<number> {
  const id = homeChannel(i);
  const actor = { userId: BENCH_USER, now };
  await team.createGroup(group(id, i, now), actor);
  const writes: Promise<unknown>[] = [];
  for (let u = 0; u < HOME_UNITS; u++) {
    const unit = { key: `u${u}`, name: `Unit ${i}-${u}`, kind: 'province', archived: false, createdAt: now };
    writes.push(team.addUnit(id, { ...unit, liaisons: [BENCH_USER] }, actor));
  }
  await Promise.all(writes);
  let added = 0;
  const logs: Promise<unknown>[] = [];
  for (let u = 0; u < HOME_UNITS; u++) {
    for (let k = 0; k < HOME_ACTIVITIES_PER_UNIT; k++) {
      // Spread over three weeks, so that some units are past the threshold, some near, some fine.
      const date = new Date(now - ((u * 7 + k * 5) % 21) * DAY_MS).toISOString().slice(0, 10);
      const activity = {
        unitKey: `u${u}`,
        type: 'interview' as const,
        date,
        count: 1,
        notes: `seeded ${u}.${k}`,
        userId: BENCH_USER,
        createdAt: now,
      };
      logs.push(team.addActivity(id, activity, actor).then(() => added++));
    }
  }
  for (let f = 0; f < HOME_FINDINGS; f++) {
    const finding = {
      unitKey: `u${f}`,
      text: `finding ${f}`,
      due: null,
      createdBy: BENCH_USER,
      createdAt: now,
      owner: BENCH_USER,
      severity: 'medium' as const,
    };
    logs.push(team.addFinding(id, finding, actor));
  }
  await Promise.all(logs);
  return added;
}

async function main(): Promise<void> {
  const prefix = env('BENCH_PREFIX');
  const queuePrefix = `{${prefix}}`;
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: env('BENCH_SECRET'),
    SLACK_API_URL: env('BENCH_SLACK_API_URL'),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
    ROLE: 'web',
    COMMANDS_PER_MINUTE: BENCH_COMMANDS_PER_MINUTE,
  });
  const app = await startApp({ config, prefix, queuePrefix });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop().catch(() => {});
    await deleteKeys([`${prefix}:*`, `${queuePrefix}:*`]);
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());

  const t0 = performance.now();
  const team = app.store.forTeam(BENCH_TEAM);
  const now = Date.now();
  const seeded = await Promise.all(Array.from({ length: HOME_GROUPS }, (_, i) => seedGroup(team, i, now)));
  const ready: HomeTargetReady = {
    type: 'ready',
    appPort: app.port,
    activities: seeded.reduce((a, b) => a + b, 0),
    seconds: (performance.now() - t0) / 1000,
  };
  process.send?.(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
