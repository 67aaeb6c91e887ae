/**
 * Memory of the processes a deployment runs, the production build against tsx, in one run: a web
 * process (ROLE=web) idle and under signed slash commands, and a worker process (ROLE=worker) idle
 * and under the 1,000-group digest load of bench/jobs.ts. Each is dudao's real entry point, started
 * as `node --import tsx src/main.ts` (what the image ran before), as `node dist/main.js` (the build,
 * staged as the image's /app by scripts/build.ts: production packages only), the same with
 * `--enable-source-maps`, and with the Dockerfile's CMD. Prints a Markdown table on stdout, with
 * the ratios against tsx measured in the same run; progress on stderr.
 *
 * Run: `npx tsx bench/rss.ts` (redis-server on PATH: the production key prefix `dd` is fixed, so
 * the bench seeds and runs against a redis-server of its own). Smaller runs: BENCH_GROUPS,
 * BENCH_UNITS, BENCH_ACTS (as bench/jobs.ts), BENCH_COMMANDS (web load, default 4,000);
 * BENCH_RSS_ROLES=worker measures one role; BENCH_RSS_FLAGS='--a;--b --c' adds a column per set of
 * Node flags tried on the build; BENCH_RSS_CHARTS=1 has the worker's load end when the digests'
 * charts are posted too (a minute after their digests, as in production).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createScheduling, DEFAULT_QUEUE_PREFIX } from '../jobs/index';
import { imageCommand, stageImage } from '../scripts/build';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createRedis, RedisStore } from '../src/store';
import { ownRedis } from '../test/support/redis-server';
import { postSigned, slashCommandBody } from '../test/support/signing';
import { BENCH_COMMANDS_PER_MINUTE } from './fixtures';
import { deleteMatching, groupId, log, seed, sleep, TEAM, until } from './jobs-seed';
import { type EntryProcess, type Rss, rssOf, startEntry } from './rss-process';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const GROUPS = num('BENCH_GROUPS', 1_000);
const UNITS = num('BENCH_UNITS', 50);
const ACTS = num('BENCH_ACTS', 20);
const COMMANDS = num('BENCH_COMMANDS', 4_000);
/** Commands in flight at once, as bench/run.ts's 20 connections. */
const CONCURRENCY = 20;
/** How long a process is left alone after start-up before its idle RSS is read. */
const SETTLE_MS = 5_000;
/** The production prefix (src/app/start.ts), which no setting changes. */
const PREFIX = 'dd';
const SECRET = 'bench-rss-signing-secret';
const USER = 'U0BENCH';
const GOAL_MB = 150;
/** bench/jobs.ts's one worker posts 1,000 digests in 5–15 s; far longer means it is stuck. */
const DIGESTS_WITHIN_MS = num('BENCH_DIGESTS_WITHIN_MS', 300_000);
/** BENCH_RSS_CHARTS=1: the worker's load lasts until every digest's chart is posted too. */
const CHARTS = process.env.BENCH_RSS_CHARTS === '1';
/** The charts start a minute after their digests and take 30–40 s for 1,000 (docs/digest-chart.md). */
const CHARTS_WITHIN_MS = 600_000;

const ROOT = join(import.meta.dirname, '..');
const stage = mkdtempSync(join(tmpdir(), 'dudao-rss-'));
const compiled = join(stage, 'dist/main.js');
interface Variant {
  label: string;
  args: string[];
  env?: Record<string, string>;
}
/**
 * Extra settings to try on the build, one set per column: `BENCH_RSS_FLAGS='--a;--b NAME=value'`
 * (`NAME=value`: an environment variable of the process).
 */
const TRIED = (process.env.BENCH_RSS_FLAGS ?? '')
  .split(';')
  .map((set) => set.trim().split(/\s+/).filter(Boolean))
  .filter((set) => set.length > 0);
const isEnv = (word: string) => /^[A-Z_][A-Z0-9_]*=/.test(word);
const VARIANTS: Variant[] = [
  { label: 'tsx', args: ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')] },
  { label: 'compiled', args: ['--preserve-symlinks', compiled] },
  { label: 'compiled, source maps', args: ['--preserve-symlinks', '--enable-source-maps', compiled] },
  // Run in the staged /app, as the container runs it.
  { label: 'the image (its CMD)', args: ['--preserve-symlinks', ...imageCommand().slice(1)] },
  ...TRIED.map((set) => ({
    label: `compiled, \`${set.join(' ')}\``,
    args: [...set.filter((w) => !isEnv(w)), '--preserve-symlinks', compiled],
    env: Object.fromEntries(
      set.filter(isEnv).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
    ),
  })),
];
/** The Dockerfile's CMD. */
const IMAGE = VARIANTS[3] as Variant;
const ROLES = (process.env.BENCH_RSS_ROLES ?? 'worker,web').split(',') as Array<'web' | 'worker'>;

/** What the process's own /metrics says of its memory, in MB (prom-client's default metrics). */
interface Heap {
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

interface Sample {
  /** Left alone SETTLE_MS after start-up. */
  idle: Rss;
  /** Right after the load; its `peakMb` is the most the process ever held. */
  loaded: Rss;
  heap: Heap;
  /** How long the load took to be answered (every command, every digest posted). */
  seconds: number;
}

async function heapOf(opsPort: number): Promise<Heap> {
  const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  const mb = (name: string) =>
    Number(new RegExp(`^dudao_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / 1048576;
  return {
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

const redisServer = await ownRedis();
const redis = createRedis(redisServer.url);
const store = new RedisStore({ redis, prefix: PREFIX });
const slack = new SlackStandIn();
/** The process being measured, killed if the bench itself is stopped. */
let running: EntryProcess | null = null;

function start(variant: Variant, role: 'web' | 'worker'): EntryProcess {
  return startEntry([...variant.args], stage, {
    ...variant.env,
    NODE_ENV: 'production',
    ROLE: role,
    SLACK_BOT_TOKEN: 'xoxb-bench-rss',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    REDIS_URL: redisServer.url,
    PORT: '0',
    OPS_PORT: '0',
    // The start-up line that gives the ports is logged at info.
    LOG_LEVEL: 'info',
    COMMANDS_PER_MINUTE: BENCH_COMMANDS_PER_MINUTE,
  });
}

/** Signed `/dudao status` and `/dudao log …` in turn, CONCURRENCY at a time, in the first group. */
async function commandLoad(port: number): Promise<void> {
  let next = 0;
  let failed = 0;
  const one = async () => {
    for (let i = next++; i < COMMANDS; i = next++) {
      const text = i % 2 ? 'status' : `log interview u${i % UNITS} n=1 rss ${i}`;
      const body = slashCommandBody({
        team_id: TEAM,
        channel_id: groupId(0),
        user_id: USER,
        text,
        response_url: slack.responseUrl('rss'),
      });
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET });
      if (res.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, one));
  if (failed > 0) throw new Error(`${failed} of ${COMMANDS} commands were not answered 200`);
}

/** Every group's `/dudao digest now`, as the digest schedulers would fire them at one minute. */
async function digestLoad(): Promise<void> {
  const scheduling = createScheduling({
    connection: redis,
    prefix: DEFAULT_QUEUE_PREFIX,
    logger: pino({ level: 'silent' }),
  });
  try {
    const team = store.forTeam(TEAM);
    for (let g = 0; g < GROUPS; g++) {
      const group = await team.getGroup(groupId(g));
      if (group) await scheduling.digestNow(group, USER);
    }
    await until(
      () => slack.delivered('chat.postMessage').length >= GROUPS,
      DIGESTS_WITHIN_MS,
      'every digest',
    );
    // Each chart follows its digest a minute later (jobs/workers.ts), posted in its thread.
    if (CHARTS) {
      await until(
        () => slack.delivered('files.completeUploadExternal').length >= GROUPS,
        CHARTS_WITHIN_MS,
        'every chart',
      );
    }
  } finally {
    await scheduling.close();
  }
}

async function measure(variant: Variant, role: 'web' | 'worker'): Promise<Sample> {
  slack.reset();
  const bot = start(variant, role);
  running = bot;
  try {
    const { port, opsPort } = await bot.ready;
    await sleep(SETTLE_MS);
    const idle = rssOf(bot.pid);
    const t0 = performance.now();
    await (role === 'web' ? commandLoad(port) : digestLoad()).catch((err: Error) => {
      throw new Error(`${role}, ${variant.label}: ${err.message}; its output:\n${bot.output()}`);
    });
    const seconds = (performance.now() - t0) / 1000;
    const loaded = rssOf(bot.pid);
    const heap = await heapOf(opsPort);
    const stopped = await bot.stop();
    if (stopped.code !== 0) throw new Error(`${variant.label} ${role} stopped with ${stopped.code}`);
    log(
      `  ${role}, ${variant.label}: idle ${idle.rssMb.toFixed(0)} MB, peak ${loaded.peakMb.toFixed(0)} MB, load ${seconds.toFixed(1)} s`,
    );
    return { idle, loaded, heap, seconds };
  } finally {
    bot.kill();
    // The digests' "now" windows and the charts they queued (a minute later) go with the queues.
    await deleteMatching(redis, `${DEFAULT_QUEUE_PREFIX}:*`);
  }
}

const f = (mb: number) => mb.toFixed(0);
const LOADS = {
  web: { what: `${COMMANDS.toLocaleString('en-US')} commands`, count: COMMANDS, unit: 'commands/s' },
  worker: {
    what: `${GROUPS.toLocaleString('en-US')} digests${CHARTS ? ' and their charts' : ''}`,
    count: GROUPS,
    unit: CHARTS ? 'digests with their charts/s' : 'digests/s',
  },
} as const;

function table(results: Map<string, Sample>): string {
  const at = (role: string, v: Variant) => results.get(`${role}:${v.label}`) as Sample;
  const tsx = VARIANTS[0] as Variant;
  const ratio = (value: number, base: number, v: Variant) =>
    v === tsx ? f(value) : `${f(value)} (${(value / base).toFixed(2)}×)`;
  const row = (role: string, label: string, cell: (s: Sample, v: Variant, base: Sample) => string) =>
    `| ${role}, ${label} | ${VARIANTS.map((v) => cell(at(role, v), v, at(role, tsx))).join(' | ')} |`;
  const rows: string[] = [
    `| MB | ${VARIANTS.map((v) => v.label).join(' | ')} |`,
    `|---|${VARIANTS.map(() => '---:').join('|')}|`,
  ];
  for (const role of ROLES) {
    const load = LOADS[role];
    const rate = (s: Sample) => load.count / s.seconds;
    rows.push(
      row(role, 'idle: RSS', (s, v, b) => ratio(s.idle.rssMb, b.idle.rssMb, v)),
      row(role, 'idle: anonymous / file-backed', (s) => `${f(s.idle.anonMb)} / ${f(s.idle.fileMb)}`),
      row(
        role,
        `**${load.what}: peak RSS**`,
        (s, v, b) => `**${ratio(s.loaded.peakMb, b.loaded.peakMb, v)}**`,
      ),
      row(
        role,
        'after the load: RSS (anonymous / file-backed)',
        (s) => `${f(s.loaded.rssMb)} (${f(s.loaded.anonMb)} / ${f(s.loaded.fileMb)})`,
      ),
      row(
        role,
        'after the load: V8 heap used / total; external',
        (s) => `${f(s.heap.heapUsedMb)} / ${f(s.heap.heapTotalMb)}; ${f(s.heap.externalMb)}`,
      ),
      row(role, `${load.unit} (not a goal here)`, (s, v, b) => ratio(rate(s), rate(b), v)),
    );
  }
  if (ROLES.includes('worker') && !CHARTS) {
    const image = at('worker', IMAGE).loaded.peakMb;
    rows.push(
      '',
      `Goal: a worker as the image runs it, under the digest load, below ${GOAL_MB} MB: ${f(image)} MB, ${image < GOAL_MB ? 'pass' : '**FAIL**'}.`,
    );
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  await slack.start();
  const built = await stageImage(stage);
  log(`built ${built.main}`);
  const t0 = performance.now();
  const seeded = await seed(store, GROUPS, UNITS, ACTS, Date.now());
  log(
    `seeded ${GROUPS} groups, ${seeded.toLocaleString('en-US')} activities in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const results = new Map<string, Sample>();
  // Workers first: the web load logs activities, which would make the first group's digest longer.
  for (const role of ROLES) {
    for (const v of VARIANTS) results.set(`${role}:${v.label}`, await measure(v, role));
  }
  console.log(`Data: ${GROUPS} groups × ${UNITS} units × ${ACTS} activities this week (${seeded.toLocaleString('en-US')}); web load: ${COMMANDS.toLocaleString('en-US')} commands (status and log in turn), ${CONCURRENCY} at a time.

${table(results)}`);
}

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    running?.kill();
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
