import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, expect, it, onTestFailed } from 'vitest';
import { QUEUE_NAMES, schedulerId } from '../../jobs/queues';
import { localClock } from '../../src/domain/zoned-time';
import type { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { createRedis } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import { accountMessages, accountWrites, deliveryRecords, recordStates } from './support/account';
import { Commands } from './support/commands';
import { Load } from './support/load';
import {
  type AppProcess,
  type ChaosRedis,
  eventually,
  runDir,
  sleep,
  startAppProcess,
  startChaosRedis,
} from './support/processes';
import { botPosts, install, OAUTH_APP, startSlack, WEB_API_METHODS } from './support/slack';
import { CALENDAR, GROUPS, type GroupPlan, groupByCode, TEAMS } from './support/world';

/**
 * The chaos run (docs/reliability.md, "Chaos"): two web processes and two workers on one Redis with
 * its append-only file, three workspaces installed by OAuth, a steady load of signed slash
 * commands, digests, reminders and liaison pings that fire meanwhile, and one fault after another:
 * a worker SIGKILLed mid fan-out, Redis SIGKILLed and restarted from its AOF, Slack answering 429
 * with Retry-After, then 500, then not at all, and every process's clock moved across New York's
 * spring-forward. At the end, from the bot's records and Slack's: every acknowledged write is
 * found once, and every message expected is delivered, none twice.
 */

const dir = runDir();
const processes: AppProcess[] = [];
let redis: ChaosRedis | null = null;
let slack: SlackStandIn | null = null;
const closers: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  await Promise.all(processes.map((p) => p.kill()));
  await slack?.stop();
  await redis?.dispose();
  dir.dispose();
});

/** What the figures table prints: one row a line, columns padded. */
function table(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length))) ?? [];
  return rows.map((r) => `| ${r.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ')} |`).join('\n');
}

it('under load and faults, every acknowledged write is kept and every message is delivered once', async () => {
  onTestFailed(() => {
    // What each process logged (warnings and errors) and what Slack was asked, to see what went wrong.
    for (const p of processes) console.log(`--- ${p.name} ---\n${p.tail(10)}`);
    const calls = new Map<string, number>();
    for (const c of slack?.calls ?? []) {
      const key = `${c.method} ${c.status}${c.fault ? ` ${c.fault}` : ''}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
    console.log([...calls].map(([k, n]) => `${k}: ${n}`).join('\n'));
    if (slack) for (const p of botPosts(slack).slice(0, 40)) console.log(p.kind, p.to, p.text.slice(0, 80));
  });
  const startedAt = Date.now();
  const phases: (string | number)[][] = [['phase', 'at s', 'figures']];
  const at = () => Math.round((Date.now() - startedAt) / 100) / 10;
  const note = (phase: string, figures: string) => phases.push([phase, at(), figures]);

  redis = await startChaosRedis(dir.path);
  slack = await startSlack(TEAMS);
  const standIn = slack;
  const prefix = `chaos-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  // Every process starts three minutes before the load's start time and is stepped there once set up.
  let offset = CALENDAR.loadStartsAt - 180_000 - Date.now();
  const childNow = () => Date.now() + offset;
  const env = (role: 'web' | 'worker') => ({
    ROLE: role,
    REDIS_URL: (redis as ChaosRedis).url,
    SLACK_API_URL: standIn.url,
    SLACK_CLIENT_ID: OAUTH_APP.clientId,
    SLACK_CLIENT_SECRET: OAUTH_APP.clientSecret,
    SLACK_STATE_SECRET: OAUTH_APP.stateSecret,
    SLACK_SIGNING_SECRET: secret,
    HOST: '127.0.0.1',
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'warn',
    COMMANDS_PER_MINUTE: '120',
    DATA_PREFIX: prefix,
    QUEUE_PREFIX: `{${prefix}}`,
    CLOCK_OFFSET_MS: String(offset),
  });
  const start = async (name: string, role: 'web' | 'worker') => {
    const p = await startAppProcess(name, dir.path, env(role));
    processes.push(p);
    return p;
  };
  const live = () => processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  const setClocks = async (to: number) => {
    offset = to - Date.now();
    await Promise.all(live().map((p) => p.setClock(offset)));
  };
  const [web1, web2] = await Promise.all([start('web1', 'web'), start('web2', 'web')]);
  const [worker1] = await Promise.all([start('worker1', 'worker'), start('worker2', 'worker')]);
  const webs = [web1, web2].map((w) => `http://127.0.0.1:${w.port}`);
  standIn.enableOAuth({
    clientId: OAUTH_APP.clientId,
    clientSecret: OAUTH_APP.clientSecret,
    redirectUri: `${webs[0]}/slack/oauth_redirect`,
  });
  for (const team of TEAMS) await install(webs[0] as string, team.teamId);
  note('4 processes up, 3 workspaces installed', '');

  const commands = new Commands({
    slack: standIn,
    webs: () => webs.map((w) => `${w}/slack/events`),
    secret,
    now: childNow,
  });
  const dstAnswers: string[] = [];
  await Promise.all(GROUPS.map((g) => setUpGroup(commands, g, dstAnswers)));
  note('groups set up', `${commands.sent.length} commands, all acknowledged`);

  // --- the load starts, at the same time in every process ---
  if (childNow() > CALENDAR.loadStartsAt) throw new Error('setting up took longer than the clocks allow');
  await setClocks(CALENDAR.loadStartsAt);
  const load = new Load(commands, { everyMs: 120, maxInFlight: 12, seed: 20270314 });
  load.start();
  const expected = new Map<string, number>();
  const expect1 = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
  const expectReminder = (g: GroupPlan) => {
    expect1(`reminder:${g.channel}`);
    for (const q of g.quiet) expect1(`ping:${q.user}`);
  };
  const fire = CALENDAR.scheduledFire;
  await Promise.all(
    GROUPS.filter((g) => g.role === 'scheduled').map(async (g) => {
      await commands.sendUntilDone(g, g.leader, `digest sun ${localClock(fire, g.tz)}`);
      await commands.sendUntilDone(
        g,
        g.leader,
        `meeting sun ${localClock(fire + 13 * 60_000, g.tz)} remind=13`,
      );
      expect1(`digest:${g.channel}`);
      expectReminder(g);
    }),
  );
  for (const g of GROUPS.filter((x) => x.role !== 'dst')) {
    await commands.sendUntilDone(g, g.leader, 'digest now');
    expect1(`digest:${g.channel}`);
  }

  // --- a worker SIGKILLed mid fan-out, while Slack holds the posts it sent ---
  const a1 = groupByCode('A1');
  const pingsTo = (g: GroupPlan) => {
    const quiet = new Set(g.quiet.map((q) => q.user));
    return () => botPosts(standIn).filter((p) => p.kind === 'ping' && quiet.has(p.to)).length;
  };
  const a1Pings = pingsTo(a1);
  await commands.sendUntilDone(a1, a1.leader, 'remind now');
  expectReminder(a1);
  await eventually(() => a1Pings() >= 10, 60_000, "A1's fan-out to start");
  const held = standIn.hold('chat.postMessage');
  await held.arrived;
  await sleep(300);
  await worker1.kill();
  held.release();
  const beforeKill = a1Pings();
  const worker3 = start('worker3', 'worker');
  note(
    'worker1 SIGKILLed mid fan-out',
    `A1 pings delivered before the kill: ${beforeKill} of ${a1.quiet.length}`,
  );
  await worker3;

  // --- Redis SIGKILLed during another fan-out, restarted from its AOF ---
  const b1 = groupByCode('B1');
  const b1Pings = pingsTo(b1);
  await commands.sendUntilDone(b1, b1.leader, 'remind now');
  expectReminder(b1);
  await eventually(() => b1Pings() >= 1, 60_000, "B1's fan-out to start");
  const sentBeforeOutage = commands.sent.length;
  await redis.kill();
  const b1AtKill = b1Pings();
  await sleep(3_000);
  const sentInOutage = commands.sent.slice(sentBeforeOutage);
  await redis.restart();
  note(
    'Redis SIGKILLed, restarted after 3 s',
    `B1 pings delivered before: ${b1AtKill} of ${b1.quiet.length}`,
  );

  // --- Slack: 429 with Retry-After, 500, then no answer, 60 s in all, from just before the schedules fire ---
  const untilFire = fire - 2_000 - childNow();
  if (untilFire > 0) await sleep(untilFire);
  const windows = [
    { name: '429 Retry-After: 3', faults: { rateLimitedRatio: 1, retryAfterSeconds: 3 }, ms: 20_000 },
    { name: '500', faults: { serverErrorRatio: 1 }, ms: 20_000 },
    { name: 'no answer (not done)', faults: { timeoutRatio: 1 }, ms: 10_000 },
    { name: 'no answer (done)', faults: { timeoutRatio: 1, timeoutTakesEffect: true }, ms: 10_000 },
  ];
  for (const w of windows) {
    const from = standIn.calls.length;
    standIn.setFaults({ ...w.faults, methods: WEB_API_METHODS, hangUpAfterMs: 30_000, seed: 7 });
    await sleep(w.ms);
    const faulted = standIn.calls.slice(from).filter((c) => c.fault !== null).length;
    note(`Slack: ${w.name}, ${w.ms / 1000} s`, `${faulted} Web API calls faulted`);
  }
  standIn.setFaults(null);

  // --- everything expected so far arrives; the queues go quiet ---
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  closers.push(() => connection.quit());
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix: `{${prefix}}` }));
  closers.push(() => Promise.all(queues.map((q) => q.close())));
  const busy = async () => {
    const out: string[] = [];
    for (const q of queues) {
      if (q.name === 'charts') continue;
      const counts = await q.getJobCounts('active', 'waiting', 'prioritized', 'waiting-children');
      const retries = (await q.getDelayed()).filter((j) => !j.id?.startsWith('repeat:')).length;
      const n = Object.values(counts).reduce((a, b) => a + b, 0) + retries;
      if (n > 0) out.push(`${q.name}: ${n}`);
    }
    return out;
  };
  const missing = () => {
    const got = new Map<string, number>();
    for (const p of botPosts(standIn)) got.set(`${p.kind}:${p.to}`, (got.get(`${p.kind}:${p.to}`) ?? 0) + 1);
    return [...expected].filter(([k, n]) => (got.get(k) ?? 0) < n).map(([k]) => k);
  };
  // A wait that runs out is kept as a problem: the account below still runs and says what is missing.
  const problems: string[] = [];
  const waitFor = (...args: Parameters<typeof eventually>) =>
    eventually(...args).catch((err: Error) => {
      problems.push(err.message);
    });
  const faultsOverAt = Date.now();
  await waitFor(
    async () => missing().length === 0 && (await busy()).length === 0,
    150_000,
    () => `the expected messages (missing: ${missing().slice(0, 8).join(', ')})`,
  );
  note(
    'all expected so far delivered, queues quiet',
    `${Math.round((Date.now() - faultsOverAt) / 1000)} s after the faults`,
  );

  // --- every clock jumps across New York's spring-forward: 01:4x EST to 03:29:50 EDT ---
  const c1 = groupByCode('C1');
  const c1Posts = () => botPosts(standIn).filter((p) => p.to === c1.channel);
  expect(c1Posts()).toEqual([]);
  await load.pause();
  const jumpedFrom = childNow();
  await setClocks(CALENDAR.jumpTo);
  load.resume();
  expect1(`digest:${c1.channel}`);
  expectReminder(c1);
  await waitFor(() => c1Posts().length >= 2, 90_000, "C1's digest and reminder after the jump");
  // When Slack took each post, on the processes' clock.
  const firedAt = c1Posts().map((p) => {
    const call = standIn.calls.find(
      (c) => c.method === 'chat.postMessage' && (c.response as { ts?: string } | null)?.ts === p.ts,
    );
    return (call?.at ?? 0) + offset;
  });
  note(
    'clocks jumped across the DST change',
    `${new Date(jumpedFrom).toISOString()} → ${new Date(CALENDAR.jumpTo).toISOString()}; C1 posted at ` +
      firedAt.map((t) => `${localClock(t, c1.tz)}:${new Date(t).toISOString().slice(17, 23)} EDT`).join(', '),
  );
  await sleep(5_000);
  await load.stop();
  await waitFor(
    async () => missing().length === 0 && (await busy()).length === 0,
    90_000,
    () => `the expected messages (missing: ${missing().slice(0, 8).join(', ')})`,
  );
  await waitFor(
    () => commands.sent.every((s) => commands.outcome(s) !== 'pending'),
    30_000,
    'the answers that follow through response_url',
  );
  note('load stopped, quiet', '');

  // --- the account: the bot's own records (through the store) and Slack's ---
  const data = createRedis(redis.url);
  closers.push(() => data.quit());
  const store = new RedisStore({ redis: data, prefix });
  const writes = await accountWrites(store, commands);
  const records = await deliveryRecords(data, prefix);
  const posts = botPosts(standIn);
  const { figures, unmatched } = accountMessages(expected, posts, records);
  const states = recordStates(records);
  const claimedAgain = [...records.values()].filter((f) => Number(f.claims ?? 0) > 1).length;
  const charts = posts.filter((p) => p.kind === 'chart').length;
  const lookups = standIn.calls.filter((c) => /^conversations\.(history|replies)$/.test(c.method)).length;
  const faulted = standIn.calls.filter((c) => c.fault !== null).length;

  console.log(
    [
      `chaos run: ${Math.round((Date.now() - startedAt) / 1000)} s`,
      table(phases),
      '',
      `commands: ${commands.sent.length} (${commands.describe()})`,
      `  of which sent while Redis was down: ${sentInOutage.length} (${commands.describe(sentInOutage)})`,
      `lookups in Slack before posting again: ${lookups}; Slack calls faulted: ${faulted}`,
      table([
        ['writes', 'sent', 'acknowledged', 'found', 'lost', 'twice'],
        ...writes.map((w) => [w.kind, w.sent, w.acknowledged, w.found, w.lost.length, w.twice.length]),
      ]),
      '',
      table([
        ['messages', 'expected', 'delivered (Slack)', 'recorded sent (bot)', 'twice'],
        ...figures.map((f) => [f.kind, f.expected, f.delivered, f.recorded, f.twice]),
        ['charts (at most once)', '≤ digests', charts, states.get('chart sent') ?? 0, '–'],
      ]),
      `delivery records: ${[...states].map(([k, v]) => `${k} ${v}`).join(', ')}; claimed more than once: ${claimedAgain}`,
      `C1 (New York) digest and reminder jobs fired at ${new Date(CALENDAR.dstFire).toISOString()}`,
      'warnings and errors logged:',
      ...processes.map(
        (p) => `  ${p.name}: ${[...p.warnings()].map(([msg, n]) => `"${msg}" ×${n}`).join(', ') || 'none'}`,
      ),
    ].join('\n'),
  );

  for (const w of writes) {
    expect(w.lost, `${w.kind} acknowledged but not found`).toEqual([]);
    expect(w.twice, `${w.kind} found twice`).toEqual([]);
    expect(w.found).toBe(w.acknowledged);
  }
  expect(writes.find((w) => w.kind === 'log')?.acknowledged).toBeGreaterThan(100);
  for (const f of figures) {
    expect(f.mismatches, `${f.kind}: expected and delivered differ`).toEqual([]);
    expect(f.twice, `${f.kind} delivered twice`).toBe(0);
    expect(f.recorded, `${f.kind}: delivered and recorded differ`).toBe(f.delivered);
  }
  expect(unmatched).toEqual([]);
  expect(charts).toBeLessThanOrEqual(figures.find((f) => f.kind === 'digest')?.delivered ?? 0);
  // The faults happened: a kill mid fan-out, deliveries taken over, each Slack fault answered.
  expect(beforeKill).toBeGreaterThan(0);
  expect(beforeKill).toBeLessThan(a1.quiet.length);
  expect(claimedAgain).toBeGreaterThan(0);
  for (const kind of ['ratelimited', 'server_error', 'timeout'] as const)
    expect(standIn.calls.some((c) => c.fault === kind)).toBe(true);
  // New York: the skipped 02:30 and the reminder of the 04:00 meeting both fire at 03:30 EDT, once.
  expect(dstAnswers.join('\n')).toContain('03:30');
  for (const kind of ['digest', 'reminder'] as const) {
    const job = await queues
      .find((q) => q.name === kind)
      ?.getJob(`repeat:${schedulerId(kind, c1.team, c1.channel)}:${CALENDAR.dstFire}`);
    expect(await job?.getState(), `C1's ${kind} job of 03:30 EDT`).toBe('completed');
  }
  expect(c1Posts()).toHaveLength(2);
  for (const t of firedAt) {
    expect(t).toBeGreaterThanOrEqual(CALENDAR.dstFire - 1_000);
    expect(t).toBeLessThan(CALENDAR.dstFire + 90_000);
  }
  expect(problems).toEqual([]);
});

/** A group as its leader sets it up: the channel, members, units with liaisons, a first log per busy unit. */
async function setUpGroup(commands: Commands, g: GroupPlan, dstAnswers: string[]): Promise<void> {
  const lead = (text: string, write: Parameters<Commands['send']>[3] = null) =>
    commands.sendUntilDone(g, g.leader, text, write);
  await lead(`setup "${g.name}" tz=${g.tz} lang=en ${g.options}`, { kind: 'group' });
  await lead(`member add <@${g.deputy}> role=deputy`, { kind: 'member', users: [g.deputy] });
  const people = [...g.busy, ...g.quiet].map((f) => f.user);
  for (let i = 0; i < people.length; i += 10) {
    const batch = people.slice(i, i + 10);
    await lead(`member add ${batch.map((u) => `<@${u}>`).join(' ')}`, { kind: 'member', users: batch });
  }
  const units = [...g.busy, ...g.quiet];
  for (let i = 0; i < units.length; i += 6) {
    await Promise.all(
      units
        .slice(i, i + 6)
        .map((f, j) =>
          commands.sendUntilDone(
            g,
            j % 2 === 0 ? g.leader : g.deputy,
            `unit add "Unit ${f.unit.toUpperCase()}" key=${f.unit} liaison=<@${f.user}>`,
            { kind: 'unit', key: f.unit },
          ),
        ),
    );
  }
  await Promise.all(
    g.busy.map((f) =>
      commands.sendUntilDone(g, f.user, `log interview ${f.unit} visit seed${g.code}${f.unit}`, {
        kind: 'log',
        token: `seed${g.code}${f.unit}`,
        unit: f.unit,
        user: f.user,
      }),
    ),
  );
  // A meeting late tonight: `remind now` announces it, and pings every liaison whose units had no
  // activity since the last meeting (the quiet ones), however new the units are.
  if (g.role === 'fanout') await lead('meeting sun 23:30 remind=30');
  if (g.role === 'dst') {
    for (const text of ['digest sun 02:30', 'meeting sun 04:00 remind=30']) {
      const sent = await lead(text);
      dstAnswers.push(...commands.texts(sent));
    }
  }
}
