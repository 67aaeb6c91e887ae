/** Seeding and process helpers of bench/jobs.ts. */
import { type ChildProcess, fork } from 'node:child_process';
import type { Redis } from 'ioredis';
import { addDays, weekStart } from '../src/domain/dates';
import { localDate } from '../src/domain/zoned-time';
import type { RedisStore } from '../src/store/redis-store';
import type { NewActivity } from '../src/store/types';
import { benchGroup } from './fixtures';

export const TEAM = 'T0BENCHJOBS';
/** In-flight store writes while seeding; ioredis pipelines them on its one connection. */
const SEED_CONCURRENCY = 256;

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const groupId = (g: number) => `C0BJ${String(g).padStart(5, '0')}`;

/** `groups` groups of `units` units, each unit with `acts` activities dated this week (UTC). */
export async function seed(store: RedisStore, groups: number, units: number, acts: number, now: number) {
  const team = store.forTeam(TEAM);
  const today = localDate(now, 'UTC');
  const monday = weekStart(today);
  const days = Math.round((Date.parse(today) - Date.parse(monday)) / 86_400_000) + 1;
  const actor = { userId: 'U0BENCH', now };
  for (let g = 0; g < groups; g++) {
    const group = benchGroup({
      id: groupId(g),
      teamId: TEAM,
      name: `Group ${g}`,
      lang: g % 2 ? 'zh' : 'en',
      createdAt: now - 30 * 86_400_000,
    });
    await team.createGroup(group, actor);
    await Promise.all(
      Array.from({ length: units }, (_, u) =>
        team.addUnit(
          group.id,
          {
            key: `u${u}`,
            name: `Unit ${g}-${u}`,
            kind: 'ministry',
            liaisons: [`U0L${u}`],
            archived: false,
            createdAt: group.createdAt,
          },
          actor,
        ),
      ),
    );
  }
  const total = groups * units * acts;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const a: NewActivity = {
        unitKey: `u${Math.floor(i / acts) % units}`,
        type: 'interview',
        date: addDays(monday, i % days),
        count: 1,
        notes: `seeded ${i}`,
        userId: 'U0BENCH',
        createdAt: now,
      };
      await team.addActivity(groupId(Math.floor(i / (units * acts))), a, actor);
      if (i % 200_000 === 0 && i > 0) log(`  seeded ${i.toLocaleString('en-US')} activities`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return total;
}

/** Starts bench/jobs-worker.ts; resolves once its workers listen. */
export function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE_DIR;
  const child = fork(new URL('./jobs-worker.ts', import.meta.url).pathname, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

/** Asks a worker for `{type}`; it answers with numbers (`peakMb`, `cpuMs`). */
export function ask(child: ChildProcess, type: string): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.send({ type });
  });
}

export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (get('used_cpu_user') + get('used_cpu_sys')) * 1000;
}

export async function deleteMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
}
