/**
 * Scheduling many groups: GROUPS (10,000) groups of UNITS units with ACTS activities each this week.
 * 1. Upsert: every group's schedulers set through the product's Scheduling (`syncGroup`, one group
 *    after the other as `npm run resync` does), against two baselines measured in the same run on
 *    the same Redis: BullMQ's bare `upsertJobScheduler` of one scheduler per group (what any weekly
 *    job per group costs at least), and a plain SET per group (one round trip).
 * 2. Memory: Redis's `used_memory` before and after, and MEMORY USAGE summed over the queue keys.
 * 3. Fire accuracy: every digest moved to one minute, WORKERS (2) worker processes (jobs/workers.ts,
 *    bench/schedules-worker.ts) posting to the Slack stand-in: how late each digest starts (its job's
 *    processedOn after the minute) and finishes. Goal: every one started within 60 s of its minute.
 * A redis-server of its own, on a free port, removed at the end. Markdown on stdout, progress on
 * stderr. BENCH_SCHEDULE_GROUPS, _UNITS, _ACTS, _WORKERS, _CONCURRENCY (digests at once per process)
 * try other sizes, BENCH_SCHEDULE_AUTOPIPELINE=1 the store's client with ioredis's auto-pipelining in
 * the workers; BENCH_PROFILE_DIR=<dir> writes the workers' CPU profiles there.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { type Job, Queue } from 'bullmq';
import { pino } from 'pino';
import { JOB_OPTIONS } from '../jobs/queues';
import { createScheduling } from '../jobs/scheduling';
import { DEFAULT_TUNING } from '../jobs/workers';
import type { Group, Weekday, WeeklySchedule } from '../src/domain/types';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createRedis, RedisStore } from '../src/store';
import { ownRedis } from '../test/support/redis-server';
import { ask, groupId, log, redisCpuMs, seed, sleep, TEAM } from './jobs-seed';
import { type Spread, spread } from './schedules-stats';

const num = (name: string, dflt: number) => Number(process.env[`BENCH_SCHEDULE_${name}`] ?? dflt);
const GROUPS = num('GROUPS', 10_000);
const UNITS = num('UNITS', 10);
const ACTS = num('ACTS', 10);
const WORKERS = num('WORKERS', 2);
const CONCURRENCY = num('CONCURRENCY', DEFAULT_TUNING.concurrency.digest);
const GOAL_S = 60;
/** Groups whose digests are moved to the fire minute at once, as many leaders' commands would. */
const MOVE_IN_FLIGHT = 16;
/**
 * The charts are held back an hour: they follow their digests a minute later on a queue of their
 * own (bench/digest-chart.ts measures them), and this measures when the digests start.
 */
const TUNING = JSON.stringify({
  chartDelayMs: 3_600_000,
  concurrency: { ...DEFAULT_TUNING.concurrency, digest: CONCURRENCY },
});
const PREFIX = 'bench-schedules';
const QUEUE_PREFIX = `{${PREFIX}}`;
const ACTOR = { userId: 'U0BENCH', now: Date.now() };

const server = await ownRedis();
const redis = createRedis(server.url);
const store = new RedisStore({ redis, prefix: PREFIX });
const slack = new SlackStandIn();
const scheduling = createScheduling({
  connection: redis,
  prefix: QUEUE_PREFIX,
  logger: pino({ level: 'silent' }),
});
const children: ChildProcess[] = [];

function startWorker(): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE_DIR;
  const child = fork(new URL('./schedules-worker.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    env: {
      ...process.env,
      BENCH_REDIS_URL: server.url,
      BENCH_PREFIX: PREFIX,
      BENCH_QUEUE_PREFIX: QUEUE_PREFIX,
      BENCH_SLACK_API_URL: slack.url,
      BENCH_TUNING: TUNING,
    },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

async function usedMemory(): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

/** Calls per Redis command so far (INFO commandstats); EVALSHA's are the Lua scripts. */
async function commandCalls(): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  return new Map(
    [...info.matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );
}

/** Redis commands per `per` since `before`, most called first, as `evalsha 5.0, hget 3.0, …`. */
async function callsSince(
  before: Map<string, number>,
  per: number,
): Promise<{ total: number; text: string }> {
  const now = await commandCalls();
  const delta = [...now].map(([cmd, n]) => [cmd, (n - (before.get(cmd) ?? 0)) / per] as const);
  const used = delta.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return {
    total: used.reduce((a, [, n]) => a + n, 0),
    text: used
      .slice(0, 8)
      .map(([cmd, n]) => `${cmd} ${n.toFixed(1)}`)
      .join(', '),
  };
}

/** The keys under `pattern` and the bytes MEMORY USAGE gives for them all. */
async function keyMemory(pattern: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    const sizes = await Promise.all(batch.map((k) => redis.memory('USAGE', k)));
    keys += batch.length;
    bytes += sizes.reduce<number>((a, b) => a + Number(b ?? 0), 0);
  } while (cursor !== '0');
  return { keys, bytes };
}

/** The weekly time, in UTC, of an instant on a whole minute. */
function weeklyAt(at: number): WeeklySchedule {
  const d = new Date(at);
  return { weekday: (((d.getUTCDay() + 6) % 7) + 1) as Weekday, time: d.toISOString().slice(11, 16) };
}

async function timed(what: string, run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  log(`  ${what}: ${(ms / 1000).toFixed(1)} s, ${(ms / GROUPS).toFixed(2)} ms a group`);
  return ms;
}

/** Phases 1 and 2: the baselines, then the product's schedulers of every group, with their memory. */
async function upserts() {
  // A schedule three days ahead, which cannot fire during the run.
  const far = weeklyAt(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 86_400_000);
  const pattern = `${Number(far.time.slice(3))} ${Number(far.time.slice(0, 2))} * * ${far.weekday % 7}`;
  const setMs = await timed('SET per group', async () => {
    for (let g = 0; g < GROUPS; g++)
      await redis.set(`${PREFIX}:baseline:${groupId(g)}`, JSON.stringify({ pattern, tz: 'UTC' }));
  });
  await redis.unlink(...Array.from({ length: GROUPS }, (_, g) => `${PREFIX}:baseline:${groupId(g)}`));
  const bare = new Queue('baseline', { connection: redis, prefix: QUEUE_PREFIX });
  const bareBefore = await usedMemory();
  const bareCalls0 = await commandCalls();
  const bareMs = await timed('bare upsertJobScheduler per group', async () => {
    for (let g = 0; g < GROUPS; g++) {
      const data = { trigger: 'schedule', teamId: TEAM, groupId: groupId(g), pattern, tz: 'UTC' };
      await bare.upsertJobScheduler(
        `digest-${TEAM}-${groupId(g)}`,
        { pattern, tz: 'UTC' },
        { name: 'digest', data, opts: JOB_OPTIONS },
      );
    }
  });
  const bareBytes = (await usedMemory()) - bareBefore;
  const bareCalls = await callsSince(bareCalls0, GROUPS);
  await bare.obliterate({ force: true });
  await bare.close();

  const team = store.forTeam(TEAM);
  const groups: Group[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = await team.updateGroup(groupId(g), { digest: far }, ACTOR);
    if (group) groups.push(group);
  }
  const before = await usedMemory();
  const calls0 = await commandCalls();
  const syncMs = await timed('Scheduling.syncGroup per group', async () => {
    for (const group of groups) await scheduling.syncGroup(group);
  });
  const bytes = (await usedMemory()) - before;
  const syncCalls = await callsSince(calls0, GROUPS);
  const keys = await keyMemory(`${QUEUE_PREFIX}:*`);
  return { setMs, bareMs, bareBytes, bareCalls, syncMs, bytes, keys, syncCalls };
}

/** Every digest moved to one minute far enough ahead; resolves with that minute. */
async function moveDigests(leadMs: number): Promise<number> {
  const fireAt = Math.ceil((Date.now() + leadMs + 20_000) / 60_000) * 60_000;
  const team = store.forTeam(TEAM);
  let next = 0;
  const one = async () => {
    for (let g = next++; g < GROUPS; g = next++) {
      const group = await team.updateGroup(groupId(g), { digest: weeklyAt(fireAt) }, ACTOR);
      if (group) await scheduling.syncGroup(group);
    }
  };
  await Promise.all(Array.from({ length: MOVE_IN_FLIGHT }, one));
  if (Date.now() > fireAt - 2_000) throw new Error('the digests were not all moved before their minute');
  return fireAt;
}

/** Waits for every digest's post; a minute without a new one stops the run, with why a job last failed. */
async function untilPosted(posted: () => number, delayed: () => Promise<Job[]>): Promise<void> {
  let last = 0;
  let since = Date.now();
  while (posted() < GROUPS) {
    await sleep(200);
    if (posted() > last) [last, since] = [posted(), Date.now()];
    if (Date.now() - since < 60_000) continue;
    const [job] = await delayed();
    throw new Error(
      `${last} of ${GROUPS} digests posted, none for 60 s; ${job?.failedReason ?? 'no failed job'}`,
    );
  }
}

async function usage(ws: ChildProcess[]) {
  const all = await Promise.all(ws.map((w) => ask(w, 'usage')));
  return {
    cpuMs: all.reduce((a, u) => a + (u.cpuMs ?? 0), 0),
    peakMb: Math.max(...all.map((u) => u.peakMb ?? 0)),
  };
}

/** Phase 3: the digests of one minute, with WORKERS worker processes. */
async function fire(leadMs: number) {
  const ws = await Promise.all(Array.from({ length: WORKERS }, startWorker));
  const fireAt = await moveDigests(leadMs);
  log(`  ${GROUPS} digests due at ${new Date(fireAt).toISOString()}, ${WORKERS} worker processes`);
  await sleep(fireAt - Date.now() - 1_000);
  const cpu0 = { workers: (await usage(ws)).cpuMs, self: process.cpuUsage(), redis: await redisCpuMs(redis) };
  const calls0 = await commandCalls();
  const channels = new Set(Array.from({ length: GROUPS }, (_, g) => groupId(g)));
  const posted = () =>
    slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.status === 200 && channels.has(String(c.body.channel)),
    ).length;
  await untilPosted(posted, () => scheduling.queue('digest').getDelayed(0, 0));
  // A job completes just after its post is answered (the delivery record is written in between).
  for (let i = 0; i < 100 && (await scheduling.queue('digest').getCompletedCount()) < GROUPS; i++)
    await sleep(100);
  const calls = await callsSince(calls0, GROUPS);
  const self = process.cpuUsage(cpu0.self);
  const used = await usage(ws);
  const cpu = {
    workers: used.cpuMs - cpu0.workers,
    standIn: (self.user + self.system) / 1000,
    redis: (await redisCpuMs(redis)) - cpu0.redis,
  };
  const jobs = (await scheduling.queue('digest').getJobs(['completed'], 0, -1)).filter((j) =>
    j.id?.endsWith(`:${fireAt}`),
  );
  const failed = await scheduling.queue('digest').getFailedCount();
  await Promise.all(ws.map(stopWorker));
  const s = (ms: number) => ms / 1000;
  return {
    fireAt,
    completed: jobs.length,
    failed,
    start: spread(jobs.map((j) => s((j.processedOn ?? Number.NaN) - fireAt))),
    finish: spread(jobs.map((j) => s((j.finishedOn ?? Number.NaN) - fireAt))),
    duration: spread(jobs.map((j) => s((j.finishedOn ?? Number.NaN) - (j.processedOn ?? Number.NaN)))),
    cpu,
    calls,
    peakMb: used.peakMb,
  };
}

const sec = (x: number) => `${x.toFixed(1)} s`;
const spreadText = (sp: Spread) =>
  `first ${sec(sp.min)}, p50 ${sec(sp.p50)}, p99 ${sec(sp.p99)}, max ${sec(sp.max)}`;

async function main(): Promise<void> {
  await slack.start();
  const t0 = performance.now();
  const seeded = await seed(store, GROUPS, UNITS, ACTS, Date.now());
  log(
    `seeded ${GROUPS} groups, ${seeded.toLocaleString('en-US')} activities in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const dataBytes = await usedMemory();
  log('upserts:');
  const u = await upserts();
  log('fire:');
  const f = await fire(u.syncMs);
  const perGroup = (ms: number) => `${(ms / GROUPS).toFixed(2)} ms`;
  const kb = (bytes: number) => `${(bytes / GROUPS / 1024).toFixed(1)} KB`;
  const pass = f.completed === GROUPS && f.start.max <= GOAL_S;
  const fireSeconds = f.finish.max;
  const cores = (ms: number) => (ms / 1000 / fireSeconds).toFixed(2);
  console.log(`Data: ${GROUPS.toLocaleString('en-US')} groups × ${UNITS} units × ${ACTS} activities this week (${seeded.toLocaleString('en-US')}; Redis used_memory ${(dataBytes / 1048576).toFixed(0)} MB with them), one team, UTC; ${WORKERS} worker processes, ${CONCURRENCY} digests at a time each.

| measure | result |
|---|---|
| SET per group (one round trip; baseline) | ${sec(u.setMs / 1000)}, ${perGroup(u.setMs)} a group |
| bare \`upsertJobScheduler\`, one per group (baseline) | ${sec(u.bareMs / 1000)}, ${perGroup(u.bareMs)} a group; ${kb(u.bareBytes)} a group |
| **\`Scheduling.syncGroup\`** (digest, pings, findings; reminder off) | **${sec(u.syncMs / 1000)}, ${perGroup(u.syncMs)} a group: ${(u.syncMs / u.bareMs).toFixed(2)}× the bare upsert, ${(u.syncMs / u.setMs).toFixed(1)}× the SET** |
| Redis commands a group: bare upsert / syncGroup | ${u.bareCalls.total.toFixed(1)} (${u.bareCalls.text}) / ${u.syncCalls.total.toFixed(1)} (${u.syncCalls.text}) |
| Redis memory of the schedulers (used_memory delta) | ${(u.bytes / 1048576).toFixed(1)} MB, **${kb(u.bytes)} a group** |
| queue keys (MEMORY USAGE summed) | ${u.keys.keys.toLocaleString('en-US')} keys (${(u.keys.keys / GROUPS).toFixed(1)} a group), ${(u.keys.bytes / 1048576).toFixed(1)} MB |
| digests of one minute: completed / failed | ${f.completed} / ${f.failed} |
| start after their minute (processedOn) | ${spreadText(f.start)} |
| finish after their minute (finishedOn) | ${spreadText(f.finish)}: ${(GROUPS / fireSeconds).toFixed(0)} digests/s |
| one digest's job (finishedOn − processedOn) | ${spreadText(f.duration).replace('first', 'min')} |
| CPU during the fire (cores busy, over ${sec(fireSeconds)}) | workers ${cores(f.cpu.workers)}, stand-in ${cores(f.cpu.standIn)}, Redis ${cores(f.cpu.redis)} |
| CPU a digest | workers ${(f.cpu.workers / GROUPS).toFixed(1)} ms, stand-in ${(f.cpu.standIn / GROUPS).toFixed(1)} ms, Redis ${(f.cpu.redis / GROUPS).toFixed(1)} ms |
| Redis commands a digest (all queues, polling included) | ${f.calls.total.toFixed(1)} (${f.calls.text}) |
| worker peak RSS | ${f.peakMb.toFixed(0)} MB |

Goal: every digest started within ${GOAL_S} s of its minute: latest ${sec(f.start.max)}, ${pass ? 'pass' : '**FAIL**'}.`);
  if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
}

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await scheduling.close();
    await slack.stop();
    await store.close();
    await server.dispose();
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanUp);
