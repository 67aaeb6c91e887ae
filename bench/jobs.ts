/**
 * Scheduled work under load; prints a markdown table.
 * 1. Digests: GROUPS groups × UNITS units × ACTS activities a week each; every group's digest
 *    scheduler set to the same minute, posted to a stand-in with no rate limit. Digests per
 *    second from the fire time to the last post, and the worker process's peak RSS.
 * 2. DMs: DMS liaison DMs under 30 % 429 (Retry-After 1 s) and 10 % 500: all delivered exactly
 *    once? Total time against the floor the Retry-After answers impose (the longest chain of
 *    429s any one message met).
 * Run: `npx tsx bench/jobs.ts` (needs Redis on REDIS_URL or 127.0.0.1:6379). Sizes can be
 * lowered with BENCH_GROUPS, BENCH_UNITS, BENCH_ACTS, BENCH_DMS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createScheduling } from '../jobs/scheduling';
import { addDays, todayIn, weekStart } from '../src/domain/dates';
import type { Group, WeeklySchedule } from '../src/domain/types';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createRedis } from '../src/store/redis';
import { RedisStore } from '../src/store/redis-store';
import type { NewActivity } from '../src/store/types';
import { SlackFront } from '../test/jobs/support/slack-front';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const GROUPS = num('BENCH_GROUPS', 1_000);
const UNITS = num('BENCH_UNITS', 50);
const ACTS = num('BENCH_ACTS', 20);
const DMS = num('BENCH_DMS', 5_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEAM = 'T0BENCHJOBS';
const SEED_CONCURRENCY = 256;
/** Production defaults except the DM pace, which here must not hide the Retry-After floor. */
const DM_TUNING = {
  concurrency: { digest: 8, reminder: 8, pings: 4, dm: 64 },
  dmRate: { max: 2_000, duration: 1_000 },
};

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const groupId = (g: number) => `C0BJ${String(g).padStart(5, '0')}`;

async function seed(store: RedisStore, now: number): Promise<number> {
  const team = store.forTeam(TEAM);
  const today = todayIn('UTC', now);
  const monday = weekStart(today);
  const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(monday)) / 86_400_000) + 1);
  const actor = { userId: 'U0BENCH', now };
  let next = 0;
  const total = GROUPS * UNITS * ACTS;
  for (let g = 0; g < GROUPS; g++) {
    const group: Group = {
      id: groupId(g),
      teamId: TEAM,
      name: `Group ${g}`,
      tz: 'UTC',
      lang: g % 2 ? 'zh' : 'en',
      coverageDays: 7,
      meeting: null,
      digest: null,
      createdBy: 'U0BENCH',
      createdAt: now - 30 * 86_400_000,
    };
    await team.createGroup(group, actor);
    await Promise.all(
      Array.from({ length: UNITS }, (_, u) =>
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
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const g = Math.floor(i / (UNITS * ACTS));
      const u = Math.floor(i / ACTS) % UNITS;
      const date = addDays(monday, i % days);
      const a: NewActivity = {
        unitKey: `u${u}`,
        type: 'interview',
        date,
        count: 1,
        notes: `seeded ${i}`,
        userId: 'U0BENCH',
        createdAt: now,
      };
      await team.addActivity(groupId(g), a, actor);
      if (i % 100_000 === 0 && i > 0) log(`  seeded ${i.toLocaleString('en-US')} activities`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return total;
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(new URL('./jobs-worker.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function ask(child: ChildProcess, type: string): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.send({ type });
  });
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function deleteMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const prefix = `bench-jobs-${process.pid}`;
  const queuePrefix = `{${prefix}}`;
  const redis = createRedis(REDIS_URL);
  const store = new RedisStore({ redis, prefix });
  const slack = new SlackStandIn();
  await slack.start();
  const front = new SlackFront(slack);
  await front.start();
  const scheduling = createScheduling({
    connection: redis.options,
    prefix: queuePrefix,
    logger: pino({ level: 'silent' }),
  });
  let worker: ChildProcess | null = null;
  try {
    const t0 = performance.now();
    const seeded = await seed(store, Date.now());
    const seedSeconds = (performance.now() - t0) / 1000;
    log(
      `seeded ${GROUPS} groups, ${seeded.toLocaleString('en-US')} activities in ${seedSeconds.toFixed(0)} s`,
    );
    worker = await startWorker({
      BENCH_REDIS_URL: REDIS_URL,
      BENCH_PREFIX: prefix,
      BENCH_QUEUE_PREFIX: queuePrefix,
      BENCH_SLACK_API_URL: front.url,
      BENCH_TUNING: JSON.stringify(DM_TUNING),
    });

    // 1. Every digest scheduler set to the same minute, at least 15 s away.
    const fireAt = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
    const at = new Date(fireAt);
    const digest: WeeklySchedule = {
      weekday: (((at.getUTCDay() + 6) % 7) + 1) as WeeklySchedule['weekday'],
      time: at.toISOString().slice(11, 16),
    };
    const team = store.forTeam(TEAM);
    for (let g = 0; g < GROUPS; g++) {
      const group = await team.updateGroup(groupId(g), { digest }, { userId: 'U0BENCH', now: Date.now() });
      if (group) await scheduling.syncGroup(group);
    }
    log(`digests scheduled for ${at.toISOString()}`);
    await until(() => slack.delivered('chat.postMessage').length >= GROUPS, 600_000, 'every digest');
    const posts = slack.delivered('chat.postMessage');
    const lastAt = Math.max(...posts.map((c) => c.at));
    const digestSeconds = (lastAt - fireAt) / 1000;
    const digestRss = (await ask(worker, 'rss')).peakMb ?? 0;
    const blocks =
      posts.reduce((n, c) => n + (Array.isArray(c.body.blocks) ? c.body.blocks.length : 0), 0) / posts.length;

    // 2. DMs under the fault mix.
    slack.reset();
    slack.setFaults({ rateLimitedRatio: 0.3, retryAfterSeconds: 1, serverErrorRatio: 0.1, seed: 42 });
    const message = { text: 'You have units with no activity since the last meeting.', blocks: [] };
    const jobs = Array.from({ length: DMS }, (_, i) => ({
      name: 'dm',
      data: {
        teamId: TEAM,
        groupId: groupId(i % GROUPS),
        userId: `U0L${i}`,
        dedupeKey: `bench:${i}`,
        message,
      },
      opts: { jobId: `dm-bench-${i}` },
    }));
    const started = Date.now();
    for (let i = 0; i < jobs.length; i += 500) await scheduling.queue('dm').addBulk(jobs.slice(i, i + 500));
    await until(() => front.deliveriesByMarker().size >= DMS, 600_000, 'every DM');
    const dmSeconds = (Math.max(...slack.delivered('chat.postMessage').map((c) => c.at)) - started) / 1000;
    await sleep(2_000); // anything still in flight would show up as a duplicate
    const byMarker = front.deliveriesByMarker();
    const duplicates = [...byMarker.values()].filter((calls) => calls.length > 1).length;
    const chains = new Map<string, number>();
    for (const call of slack.calls) {
      if (call.status !== 429 || call.method !== 'chat.postMessage') continue;
      const id = String(call.body.channel);
      chains.set(id, (chains.get(id) ?? 0) + 1);
    }
    const floor = Math.max(0, ...chains.values());
    const count = (status: number) => slack.calls.filter((c) => c.status === status).length;
    const failed = await scheduling.queue('dm').getFailedCount();
    const dmRss = (await ask(worker, 'rss')).peakMb ?? 0;

    const goal = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
    const rate = GROUPS / digestSeconds;
    console.log(`| measure | value | goal |
|---|---|---|
| digests (${GROUPS} groups × ${UNITS} units × ${ACTS} activities/week, ${blocks.toFixed(0)} blocks avg) | ${GROUPS} in ${digestSeconds.toFixed(2)} s = **${rate.toFixed(0)} digests/s** | ≥ 200/s: ${goal(rate >= 200)} |
| worker peak RSS after the digests | ${digestRss.toFixed(0)} MB | < 250 MB: ${goal(digestRss < 250)} |
| DMs (${DMS}, 30 % 429 Retry-After 1 s, 10 % 500) delivered | ${byMarker.size} of ${DMS}, ${duplicates} twice, ${failed} failed | all, once: ${goal(byMarker.size === DMS && duplicates === 0 && failed === 0)} |
| DM time vs the Retry-After floor | ${dmSeconds.toFixed(1)} s vs ${floor} s (the longest run of 429s one DM met) | |
| Slack calls during the DMs | ${slack.calls.length} (${count(429)} × 429, ${count(500)} × 500) | |
| worker peak RSS after the DMs | ${dmRss.toFixed(0)} MB | < 250 MB: ${goal(dmRss < 250)} |
| seeding | ${seeded.toLocaleString('en-US')} activities in ${seedSeconds.toFixed(0)} s | |`);
  } finally {
    if (worker) await ask(worker, 'stop').catch(() => undefined);
    await scheduling.close();
    await front.stop();
    await slack.stop();
    await deleteMatching(redis, `${prefix}:*`);
    await deleteMatching(redis, `${queuePrefix}:*`);
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
