/**
 * `tsx bench/home.ts`: how long the App Home takes to reach Slack, against `/dudao status` in the
 * same run. A user in HOME_GROUPS groups of HOME_UNITS units (liaison of every unit) opens their
 * Home: a signed `app_home_opened` event goes to dudao (bench/home-target.ts, its own process) and
 * the time runs until its views.publish arrives at the Slack stand-in (held there on arrival, so
 * the arrival is timed exactly). `/dudao status` in one of those groups is timed from the signed
 * request to its answer (inline in the acknowledgement). One request at a time, the two kinds
 * alternating so that neither profits from a quieter moment of the machine.
 *
 * HOME_RUNS (default 300) measured requests of each kind, after HOME_WARMUP (default 30).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { postSigned, slashCommandBody } from '../test/support/signing';
import {
  BENCH_TEAM,
  BENCH_USER,
  HOME_GROUPS,
  HOME_UNITS,
  type HomeTargetReady,
  homeChannel,
} from './fixtures';

const RUNS = Number(process.env.HOME_RUNS ?? 300);
const WARMUP = Number(process.env.HOME_WARMUP ?? 30);

function startTarget(env: Record<string, string>): { child: ChildProcess; ready: Promise<HomeTargetReady> } {
  const child = fork(new URL('./home-target.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<HomeTargetReady>((resolve, reject) => {
    child.on('message', (m: HomeTargetReady) => resolve(m));
    child.on('exit', (code) => reject(new Error(`home bench target exited early (code ${code})`)));
  });
  return { child, ready };
}

/** The event callback Slack posts when the user opens the Home tab. */
function homeOpenedBody(): string {
  const now = Date.now();
  return JSON.stringify({
    token: 'verification-token',
    team_id: BENCH_TEAM,
    api_app_id: 'A0DUDAO',
    type: 'event_callback',
    event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ team_id: BENCH_TEAM, user_id: 'U0DUDAOBOT', is_bot: true }],
    event: {
      type: 'app_home_opened',
      user: BENCH_USER,
      channel: 'D0BENCH',
      tab: 'home',
      event_ts: `${now / 1000}`,
    },
  });
}

/** ms from posting `app_home_opened` to its views.publish arriving at the stand-in. */
async function timeHome(slack: SlackStandIn, url: string, secret: string): Promise<number> {
  const held = slack.hold('views.publish');
  const t0 = performance.now();
  const res = await postSigned(url, homeOpenedBody(), { secret, contentType: 'application/json' });
  if (res.status !== 200) throw new Error(`app_home_opened answered ${res.status}`);
  await held.arrived;
  const ms = performance.now() - t0;
  held.release();
  return ms;
}

/** ms from posting `/dudao status` in a group of HOME_UNITS units to its answer. */
async function timeStatus(url: string, secret: string, responseUrl: string): Promise<number> {
  const body = slashCommandBody({
    team_id: BENCH_TEAM,
    channel_id: homeChannel(0),
    user_id: BENCH_USER,
    text: 'status',
    response_url: responseUrl,
  });
  const t0 = performance.now();
  const res = await postSigned(url, body, { secret });
  const ms = performance.now() - t0;
  if (res.status !== 200 || !res.text.includes('Unit 0-')) throw new Error(`status answered ${res.status}`);
  return ms;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const slack = new SlackStandIn();
  await slack.start();
  const secret = randomBytes(16).toString('hex');
  const prefix = `bench-home-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { child, ready } = startTarget({
    BENCH_SECRET: secret,
    BENCH_SLACK_API_URL: slack.url,
    BENCH_PREFIX: prefix,
  });
  const stopChild = () => child.connected && child.send('stop');
  process.once('SIGINT', () => {
    stopChild();
    process.exit(130);
  });
  try {
    console.error('seeding (not measured)…');
    const target = await ready;
    console.error(`seeded ${target.activities} activities in ${target.seconds.toFixed(1)} s`);
    const url = `http://127.0.0.1:${target.appPort}/slack/events`;
    const responseUrl = slack.responseUrl('bench-home');
    const home: number[] = [];
    const status: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const h = await timeHome(slack, url, secret);
      const s = await timeStatus(url, secret, responseUrl);
      if (i >= WARMUP) {
        home.push(h);
        status.push(s);
      }
      // The stand-in keeps every call; forget them so that its own work does not grow with the run.
      slack.calls.length = 0;
    }
    const published = slack.workspace.views.home(BENCH_USER);
    const blocks = Array.isArray(published?.blocks) ? published.blocks.length : 0;
    home.sort((a, b) => a - b);
    status.sort((a, b) => a - b);
    const [h50, h99, s50, s99] = [
      percentile(home, 50),
      percentile(home, 99),
      percentile(status, 50),
      percentile(status, 99),
    ];
    const cpu = cpus();
    const ms = (n: number) => n.toFixed(1);
    console.log(
      [
        `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; dudao in a child process, the stand-in and the requests here.`,
        `- Data: a user in ${HOME_GROUPS} groups of ${HOME_UNITS} units each, liaison of every unit; ${target.activities} activities; the Home published holds ${blocks} blocks.`,
        `- ${RUNS} requests of each kind after ${WARMUP} of warm-up, one at a time, alternating.`,
        '',
        '| Request | p50 (ms) | p99 (ms) |',
        '|---|---:|---:|',
        `| \`app_home_opened\` → views.publish arrives (${HOME_GROUPS} groups × ${HOME_UNITS} units) | ${ms(h50)} | ${ms(h99)} |`,
        `| \`/dudao status\` → answer (one group of ${HOME_UNITS} units) | ${ms(s50)} | ${ms(s99)} |`,
        `| Home / status | ${(h50 / s50).toFixed(2)}× | ${(h99 / s99).toFixed(2)}× |`,
      ].join('\n'),
    );
  } finally {
    stopChild();
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    await slack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
