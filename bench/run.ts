/**
 * `npm run bench`: signed slash commands over real HTTP against a bare Bolt app (the baseline)
 * and against dudao, with autocannon. The servers run in a child process (bench/target.ts) so
 * the load generator does not steal their event loop; the Slack stand-in runs here, as the
 * outside world. Prints a Markdown report for docs/performance.md.
 *
 * BENCH_SECONDS (default 10) is the length of each measured run, BENCH_WARMUP_SECONDS (default 2)
 * of the warm-up before it; BENCH_STRICT=1 exits 1 when a goal fails; BENCH_CPU_PROF=<dir> writes a
 * V8 CPU profile of the servers there; BENCH_ONLY=status100k,… runs only those scenarios
 * (`findinglist`: bench/finding-list.ts, finding list against status on a group of closed findings).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { nowSeconds, sign, slashCommandBody } from '../test/support/signing';
import { FINDING_LIST_KEY, findingListBench, seedFindings } from './finding-list';
import {
  BENCH_LIMIT_NOTE,
  BENCH_TEAM,
  BENCH_USER,
  BIG_CHANNEL,
  SMALL_CHANNEL,
  type TargetCpu,
  type TargetReady,
  UNITS,
} from './fixtures';
import { evaluate, type Measured, markdown, notOkCommands, type ScenarioKey } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const ONLY = process.env.BENCH_ONLY?.split(',');

interface Scenario {
  key: ScenarioKey;
  label: string;
  target: 'baseline' | 'app';
  channel: string;
  text: (i: number) => string;
}

const SCENARIOS: Scenario[] = [
  {
    key: 'baseline',
    label: '(a) bare Bolt, inline ack',
    target: 'baseline',
    channel: BIG_CHANNEL,
    text: () => 'status',
  },
  {
    key: 'log',
    label: '(b) `/dudao log …`, 100k group',
    target: 'app',
    channel: BIG_CHANNEL,
    text: (i) => `log interview u${i % UNITS} n=2 bench note ${i}`,
  },
  {
    key: 'status100k',
    label: '(c) `/dudao status`, 100k group',
    target: 'app',
    channel: BIG_CHANNEL,
    text: () => 'status',
  },
  {
    key: 'status100',
    label: '(d) `/dudao status`, 100 group',
    target: 'app',
    channel: SMALL_CHANNEL,
    text: () => 'status',
  },
];
/** Status runs first, so the "100k" group holds exactly its seeded activities when measured. */
const RUN_ORDER = (['baseline', 'status100k', 'status100', 'log'] as const).filter(
  (k) => !ONLY || ONLY.includes(k),
);

/** One request definition whose body, timestamp and signature are made fresh for every request. */
function signedRequests(
  secret: string,
  responseUrl: string,
  s: Pick<Scenario, 'channel' | 'text'>,
): autocannon.Request {
  let i = 0;
  return {
    method: 'POST',
    path: '/slack/events',
    setupRequest: (req) => {
      const n = i++;
      const body = slashCommandBody({
        team_id: BENCH_TEAM,
        channel_id: s.channel,
        user_id: BENCH_USER,
        text: s.text(n),
        response_url: responseUrl,
        // Slack's shape (digits.digits.hex), unique per request: each is taken once.
        trigger_id: `${Date.now()}.${n}.be9c4`,
      });
      const ts = nowSeconds();
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(secret, body, ts),
      };
      return { ...req, body, headers };
    },
  };
}

function load(port: number, request: autocannon.Request, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [request],
  });
}

async function notOk(opsPort: number): Promise<number> {
  return notOkCommands(await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text());
}

interface Target {
  child: ChildProcess;
  ready: Promise<TargetReady>;
  /** CPU microseconds the target has used so far. */
  cpu(): Promise<number>;
}

function startTarget(env: Record<string, string>): Target {
  const child = fork(new URL('./target.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let cpuWaiter: ((micros: number) => void) | null = null;
  const ready = new Promise<TargetReady>((resolve, reject) => {
    child.on('message', (m: TargetReady | TargetCpu) => {
      if (m.type === 'ready') resolve(m);
      else cpuWaiter?.(m.micros);
    });
    child.on('exit', (code) => reject(new Error(`bench target exited early (code ${code})`)));
  });
  const cpu = () =>
    new Promise<number>((resolve) => {
      cpuWaiter = resolve;
      child.send('cpu');
    });
  return { child, ready, cpu };
}

/** redis-server's CPU time so far (user + system), in microseconds, from INFO cpu. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

async function environment(): Promise<string> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  const info = await redis.info('server').finally(() => redis.disconnect());
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const pkg = (name: string) =>
    (
      JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  const cpu = cpus();
  return [
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, Redis ${redisVersion} on 127.0.0.1 (same machine).`,
    `- Load: autocannon ${pkg('autocannon')}, ${CONNECTIONS} connections, pipelining 1, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s measured per scenario; every request a fresh body, \`X-Slack-Request-Timestamp\` and \`X-Slack-Signature\` (setupRequest).`,
    `- Servers: @slack/bolt ${pkg('@slack/bolt')} HTTPReceiver; baseline and dudao in one child process, load generator and Slack stand-in in the parent.`,
    `- dudao runs with ${BENCH_LIMIT_NOTE}. Every command still takes its trigger_id in Redis, in the script that counts a user's commands when the limit is on.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const slack = new SlackStandIn();
  await slack.start();
  const secret = randomBytes(16).toString('hex');
  const prefix = `bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  const { child, ready, cpu } = startTarget({
    BENCH_SECRET: secret,
    BENCH_SLACK_API_URL: slack.url,
    BENCH_PREFIX: prefix,
  });
  // Seeded from here while the target seeds its groups; the target deletes the prefix's keys when it stops.
  const findings = ONLY && !ONLY.includes(FINDING_LIST_KEY) ? null : seedFindings(REDIS_URL, prefix);
  // A failure is reported where it is awaited, not as an unhandled rejection while the target seeds.
  findings?.catch(() => {});
  const stopChild = () => child.connected && child.send('stop');
  process.once('SIGINT', () => {
    stopChild();
    process.exit(130);
  });
  try {
    console.error('seeding (not measured)…');
    const target = await ready;
    console.error(
      `seeded ${target.seeded.big} + ${target.seeded.small} activities in ${target.seeded.seconds.toFixed(1)} s`,
    );
    // Before any measurement, so that seeding does not share the machine with one.
    const findingsSeeded = findings ? await findings : null;
    const rows = new Map<ScenarioKey, Measured>();
    /** The load generator's own CPU, to show it was not what limited the throughput. */
    const generatorLoad: string[] = [];
    for (const key of RUN_ORDER) {
      const s = SCENARIOS.find((x) => x.key === key)!;
      const port = s.target === 'app' ? target.appPort : target.baselinePort;
      const request = signedRequests(secret, slack.responseUrl('bench'), s);
      console.error(`${s.label}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s`);
      await load(port, request, WARMUP_SECONDS);
      const before = s.target === 'app' ? await notOk(target.opsPort) : 0;
      const [cpu0, redis0] = [await cpu(), await redisCpu(redis)];
      const own0 = process.cpuUsage();
      const r = await load(port, request, SECONDS);
      const own = process.cpuUsage(own0);
      const [cpu1, redis1] = [await cpu(), await redisCpu(redis)];
      generatorLoad.push(
        `${s.label.split(' ')[0]} ${Math.round((own.user + own.system) / 1e4 / r.duration)}%`,
      );
      const after = s.target === 'app' ? await notOk(target.opsPort) : 0;
      const perRequest = (micros: number) => micros / 1000 / Math.max(r.requests.total, 1);
      rows.set(key, {
        key,
        label: s.label,
        requests: r.requests.total,
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
        notOk: after - before,
        serverCpuMs: perRequest(cpu1 - cpu0),
        redisCpuMs: perRequest(redis1 - redis0),
      });
    }
    const ordered = SCENARIOS.flatMap((s) => rows.get(s.key) ?? []);
    const goals = evaluate(ordered);
    console.log(
      `${await environment()}\n- Data: ${target.seeded.big} and ${target.seeded.small} activities, ${UNITS} units each.\n`,
    );
    if (ordered.length > 0) {
      console.log(markdown(ordered, goals));
      console.log(`\nLoad generator CPU (autocannon + signing, % of one core): ${generatorLoad.join(', ')}.`);
    }
    let findingGoalFailed = false;
    if (findingsSeeded) {
      const responseUrl = slack.responseUrl('bench');
      const report = await findingListBench({
        appPort: target.appPort,
        request: (channel, text) => signedRequests(secret, responseUrl, { channel, text: () => text }),
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        connections: CONNECTIONS,
        serverCpu: cpu,
        redisCpu: () => redisCpu(redis),
        notOk: () => notOk(target.opsPort),
        seeded: findingsSeeded,
      });
      console.log(`\n${report.markdown}`);
      findingGoalFailed = !report.pass;
    }
    if (process.env.BENCH_STRICT === '1' && (goals.some((g) => !g.pass) || findingGoalFailed))
      process.exitCode = 1;
  } finally {
    stopChild();
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    await slack.stop();
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
