/**
 * `npm run soak`: SOAK_MINUTES (30) at SOAK_RATE (50) signed slash commands a second across
 * SOAK_GROUPS (1,000) groups whose digests and meeting reminders fire during the run, a share of
 * them every minute. dudao runs as a deployment does: a web process (ROLE=web) and a worker process
 * (ROLE=worker), each its real entry point as the image runs it (SOAK_ENTRY=tsx: the sources, as
 * `npm start`), against a redis-server of the soak's own (the production prefixes are fixed) and
 * the Slack stand-in. Each minute: RSS, V8 heap, event-loop lag and active handles of each process
 * (its own /metrics on OPS_PORT), the commands' p50/p99 and failures, and the scheduled posts
 * delivered against those due. Then the verdict: every series' last third against its first third,
 * after a warm-up minute, within 10 %. The table is printed on stdout as the minutes pass;
 * SOAK_JSON=<file> keeps the samples. Exits 1 when a series is not flat or a command failed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { notOkCommands } from '../bench/report';
import { type EntryProcess, rssOf, startEntry } from '../bench/rss-process';
import { createScheduling, DEFAULT_QUEUE_PREFIX } from '../jobs/index';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createRedis, RedisStore } from '../src/store';
import { ownRedis } from '../test/support/redis-server';
import { imageCommand, stageImage } from './build';
import { CommandLoad } from './soak-load';
import { type MinuteSample, type ProcessSample, TABLE_HEADER, tableRow, verdict } from './soak-report';
import { groupIndex, type SoakFires, scheduleGroups, seedGroups } from './soak-seed';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const MINUTES = num('SOAK_MINUTES', 30);
const RATE = num('SOAK_RATE', 50);
const GROUPS = num('SOAK_GROUPS', 1_000);
const WARMUP_MINUTES = 1;
const ENTRY = process.env.SOAK_ENTRY === 'tsx' ? 'tsx' : 'image';
const ROOT = join(import.meta.dirname, '..');
const SECRET = randomBytes(16).toString('hex');
/** Time to upsert the schedulers of one group, with room to spare, before the first fire. */
const SYNC_MS_PER_GROUP = 25;

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

const redisServer = await ownRedis();
const redis = createRedis(redisServer.url);
const store = new RedisStore({ redis, prefix: 'dd' });
const slack = new SlackStandIn();
const stage = mkdtempSync(join(tmpdir(), 'dudao-soak-'));
const running: EntryProcess[] = [];

function startRole(role: 'web' | 'worker'): EntryProcess {
  const args =
    ENTRY === 'tsx'
      ? ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')]
      : ['--preserve-symlinks', ...imageCommand().slice(1)];
  const entry = startEntry(args, stage, {
    NODE_ENV: 'production',
    ROLE: role,
    SLACK_BOT_TOKEN: 'xoxb-soak',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    REDIS_URL: redisServer.url,
    PORT: '0',
    OPS_PORT: '0',
    // The start-up line that gives the ports is logged at info.
    LOG_LEVEL: 'info',
  });
  running.push(entry);
  return entry;
}

/** A process's figures now; reading /metrics also resets its event-loop lag histogram. */
async function sampleOf(pid: number, opsPort: number): Promise<{ sample: ProcessSample; text: string }> {
  const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  const metric = (name: string) => Number(new RegExp(`^dudao_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const rss = rssOf(pid);
  const sample = {
    rssMb: rss.rssMb,
    rssAnonMb: rss.anonMb,
    heapTotalMb: metric('nodejs_heap_size_total_bytes') / 1048576,
    externalMb: metric('nodejs_external_memory_bytes') / 1048576,
    heapUsedMb: metric('nodejs_heap_size_used_bytes') / 1048576,
    lagP99Ms: metric('nodejs_eventloop_lag_p99_seconds') * 1000,
    lagMaxMs: metric('nodejs_eventloop_lag_max_seconds') * 1000,
    handles: metric('nodejs_active_handles_total'),
  };
  return { sample, text };
}

/** What the stand-in received since the last call: scheduled posts (with their lateness), DMs, charts. */
function slackSince(fires: SoakFires, postsOf: number[]) {
  let posts = 0;
  let dms = 0;
  let charts = 0;
  let lateMaxS = 0;
  for (const c of slack.calls.splice(0)) {
    const ok = c.status === 200 && (c.response as { ok?: boolean } | null)?.ok === true;
    if (!ok) continue;
    if (c.method === 'files.completeUploadExternal') charts++;
    if (c.method !== 'chat.postMessage') continue;
    const g = groupIndex(String(c.body.channel));
    if (g < 0) {
      dms++;
      continue;
    }
    posts++;
    postsOf[g] = (postsOf[g] ?? 0) + 1;
    const fired = [fires.digest[g] ?? 0, fires.reminder[g] ?? 0].filter((f) => f <= c.at);
    if (fired.length > 0) lateMaxS = Math.max(lateMaxS, (c.at - Math.max(...fired)) / 1000);
  }
  return { posts, dms, charts, lateMaxS };
}

/** Warnings and errors the processes logged (pino level ≥ 40), by message, most frequent first. */
function problems(entry: EntryProcess): Array<[string, number]> {
  const byMessage = new Map<string, number>();
  for (const line of entry.output().split('\n')) {
    if (!/^\{.*"level":(4|5|6)\d/.test(line)) continue;
    const { msg, err } = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    const key = `${msg ?? ''}${err?.message ? ` (${err.message})` : ''}`;
    byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
  }
  return [...byMessage].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  await slack.start();
  if (ENTRY === 'image') log(`built ${(await stageImage(stage)).main}`);
  const t = performance.now();
  await seedGroups(store, GROUPS, Date.now());
  log(`seeded ${GROUPS} groups in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const web = startRole('web');
  const worker = startRole('worker');
  const [webPorts, workerPorts] = await Promise.all([web.ready, worker.ready]);

  const t0 = Math.ceil((Date.now() + 30_000 + GROUPS * SYNC_MS_PER_GROUP) / 60_000) * 60_000;
  const scheduling = createScheduling({
    connection: redis,
    prefix: DEFAULT_QUEUE_PREFIX,
    logger: pino({ level: 'silent' }),
  });
  const fires = await scheduleGroups(store, scheduling, GROUPS, MINUTES, t0).finally(() =>
    scheduling.close(),
  );
  if (Date.now() > t0 - 1_000) throw new Error('the schedules were not all set before the first fire');
  log(`schedules set; the soak starts at ${new Date(t0).toISOString()}, ${MINUTES} min, ${RATE} commands/s`);

  const load = new CommandLoad({
    url: `http://127.0.0.1:${webPorts.port}/slack/events`,
    secret: SECRET,
    responseUrl: () => slack.responseUrl(),
    rate: RATE,
    groups: GROUPS,
  });
  const postsOf: number[] = [];
  await sleep(t0 - Date.now());
  // The lag histograms and the counters start from here.
  let notOk = notOkCommands((await sampleOf(web.pid, webPorts.opsPort)).text);
  await sampleOf(worker.pid, workerPorts.opsPort);
  slack.calls.length = 0;
  load.start();
  const samples: MinuteSample[] = [];
  console.log(TABLE_HEADER);
  for (let minute = 1; minute <= MINUTES; minute++) {
    const end = t0 + minute * 60_000;
    await sleep(end - Date.now());
    const stats = load.take();
    const w = await sampleOf(web.pid, webPorts.opsPort);
    const k = await sampleOf(worker.pid, workerPorts.opsPort);
    const refusedNow = notOkCommands(w.text);
    const due = [...fires.digest, ...fires.reminder].filter((f) => f >= end - 60_000 && f < end).length;
    const sample: MinuteSample = {
      minute,
      load: stats,
      refused: refusedNow - notOk,
      web: w.sample,
      worker: k.sample,
      due,
      ...slackSince(fires, postsOf),
    };
    notOk = refusedNow;
    samples.push(sample);
    console.log(tableRow(sample));
  }
  await load.stop();

  const result = verdict(samples, WARMUP_MINUTES);
  const expected = GROUPS * 2;
  const delivered = postsOf.reduce((a, b) => a + (b ?? 0), 0);
  const twice = postsOf.filter((n) => n > 2).length;
  console.log(`\n${result.markdown}`);
  console.log(
    `Scheduled posts (digests and reminders): ${delivered} of ${expected} delivered; ${twice} groups got more than two.`,
  );
  for (const [name, entry] of [
    ['web', web],
    ['worker', worker],
  ] as const) {
    const found = problems(entry);
    const total = found.reduce((n, [, count]) => n + count, 0);
    console.log(`${name} process: ${total} warnings or errors logged`);
    for (const [what, count] of found.slice(0, 5)) console.log(`  ${count} × ${what.slice(0, 200)}`);
  }
  if (process.env.SOAK_JSON)
    writeFileSync(process.env.SOAK_JSON, JSON.stringify({ MINUTES, RATE, GROUPS, ENTRY, samples }));
  const reasons = new Map<string, number>();
  for (const s of samples)
    for (const [why, n] of Object.entries(s.load.failures)) reasons.set(why, (reasons.get(why) ?? 0) + n);
  if (reasons.size > 0)
    console.log(`Failed commands: ${[...reasons].map(([why, n]) => `${n} × ${why}`).join(', ')}.`);
  const failed = samples.some((s) => s.load.failed > 0);
  if (!result.flat || failed || delivered < expected) process.exitCode = 1;
}

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    const stopped = await Promise.all(running.map((p) => p.stop()));
    stopped.forEach((s, i) => {
      if (s.code !== 0) log(`process ${i} stopped with ${s.code}`);
    });
    await slack.stop();
    await store.close();
    await redisServer.dispose();
    rmSync(stage, { recursive: true, force: true });
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
