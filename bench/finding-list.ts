/**
 * `/dudao finding list` on a group with FINDINGS findings of which FINDINGS_CLOSED are closed,
 * against `/dudao status` on the same group, in the same run and through the same path as the other
 * command scenarios of bench/run.ts (signed slash commands over HTTP to dudao in bench/target.ts).
 * The target: a list costs at most twice a status, however many findings were closed, since it reads
 * the active findings and the few most recently closed, never every finding (commands/finding.ts).
 *
 * The two kinds are measured alternately (status, list, list, status, … BENCH_FINDING_ROUNDS pairs,
 * default 2), each run after its own warm-up; p50 and p99 are over every measured answer of a kind.
 */
import autocannon from 'autocannon';
import { type FindingMove, moveFinding } from '../src/domain/finding-states';
import { SEVERITIES } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { createRedis } from '../src/store/redis';
import { RedisStore } from '../src/store/redis-store';
import type { TeamStore } from '../src/store/types';
import { addBenchUnits, BENCH_TEAM, BENCH_USER, benchGroup, UNITS } from './fixtures';

/** The BENCH_ONLY name of this scenario. */
export const FINDING_LIST_KEY = 'findinglist';
const FINDINGS_CHANNEL = 'C0FINDINGS';
const FINDINGS = 1_000;
const FINDINGS_CLOSED = 950;
/** The owner of every finding: marks them done, so that BENCH_USER (the leader) verifies them. */
const OWNER = 'U0BENCHOWNER';
const GOAL_RATIO = 2;
const ROUNDS = Number(process.env.BENCH_FINDING_ROUNDS ?? 2);
/** Findings being seeded at once. */
const SEED_CONCURRENCY = 64;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One step as commands/finding.ts changeFinding takes it: moveFinding on what is stored at the write. */
async function take(
  team: TeamStore,
  id: number,
  userId: string,
  move: FindingMove,
  at: number,
): Promise<void> {
  const result = await team.updateFinding(
    FINDINGS_CHANNEL,
    id,
    { userId, now: at },
    ({ finding, unit, members }) => {
      const role = members.find((m) => m.userId === userId)?.role ?? null;
      const r = moveFinding(
        finding,
        move,
        { userId, role },
        { unit, members, today: localDate(at, 'UTC'), now: at },
      );
      return r.ok ? { write: r.finding, step: move.step, result: 'ok' } : { result: r.refusal.code };
    },
  );
  if (result !== 'ok') throw new Error(`seeding finding ${id}: ${move.step} answered ${result}`);
}

/**
 * Seeds the group through the store, as the commands would: its units, then FINDINGS findings
 * raised over the last 250 days: FINDINGS_CLOSED of them planned (one in three), marked done by
 * their owner and verified by the leader; the rest open, rectifying or waiting, some overdue.
 */
export async function seedFindings(redisUrl: string, prefix: string): Promise<{ seconds: number }> {
  const t0 = performance.now();
  const store = new RedisStore({ redis: createRedis(redisUrl), prefix });
  try {
    const team = store.forTeam(BENCH_TEAM);
    const now = Date.now();
    const actor = { userId: BENCH_USER, now };
    await team.createGroup(
      benchGroup({ id: FINDINGS_CHANNEL, teamId: BENCH_TEAM, name: 'Bench findings', createdAt: now }),
      actor,
    );
    await team.putMembers(FINDINGS_CHANNEL, [{ userId: OWNER, role: 'member' }], actor);
    await addBenchUnits(team, FINDINGS_CHANNEL, actor);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < FINDINGS; i = next++) {
        const at = now - (FINDINGS - i) * 6 * HOUR_MS;
        const f = await team.addFinding(
          FINDINGS_CHANNEL,
          {
            unitKey: `u${i % UNITS}`,
            text: `Seeded finding ${i}: the minutes of the monthly review were not kept`,
            due: localDate(at + (i % 5 === 0 ? 3 : 30) * DAY_MS, 'UTC'),
            createdBy: BENCH_USER,
            createdAt: at,
            owner: OWNER,
            severity: SEVERITIES[i % SEVERITIES.length] ?? 'medium',
          },
          { userId: BENCH_USER, now: at },
        );
        // 0 open, 1 rectifying, 2 waiting, 3 closed.
        const closing = i < FINDINGS_CLOSED;
        const stage = closing ? 3 : i % 3;
        if (stage === 1 || stage === 2 || (closing && i % 3 === 0))
          await take(team, f.id, OWNER, { step: 'plan', notes: 'keep minutes' }, at + DAY_MS);
        if (stage >= 2)
          await take(team, f.id, OWNER, { step: 'done', notes: 'minutes kept' }, at + 5 * DAY_MS);
        if (stage === 3) await take(team, f.id, BENCH_USER, { step: 'verify', notes: '' }, at + 7 * DAY_MS);
      }
    };
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
    const closed = await team.closedFindings(FINDINGS_CHANNEL, { limit: 1 });
    if (closed.total !== FINDINGS_CLOSED) throw new Error(`seeded ${closed.total} closed findings`);
  } finally {
    await store.close();
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

/** What bench/run.ts lends this scenario: the app, its signed requests and its meters. */
interface FindingListBench {
  appPort: number;
  /** A signed `/dudao <text>` in `channel`, fresh for every request (bench/run.ts signedRequests). */
  request(channel: string, text: string): autocannon.Request;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** CPU microseconds so far of the server process, and of redis-server. */
  serverCpu(): Promise<number>;
  redisCpu(): Promise<number>;
  /** Commands the app counted as refused or failed so far. */
  notOk(): Promise<number>;
  seeded: { seconds: number };
}

interface Kind {
  label: string;
  text: string;
  /** The answer is the right one, not an error message. */
  verify: (body: string) => boolean;
}

const KINDS: Kind[] = [
  { label: '`/dudao status`', text: 'status', verify: (b) => b.includes(`Unit ${UNITS - 1}`) },
  {
    label: '`/dudao finding list`',
    text: 'finding list',
    verify: (b) =>
      b.includes(`${FINDINGS - FINDINGS_CLOSED} not closed`) && b.includes(`${FINDINGS_CLOSED} closed`),
  },
];

interface Tally {
  latencies: number[];
  requests: number;
  seconds: number;
  bad: number;
  serverMicros: number;
  redisMicros: number;
}

/** One autocannon run; the latency of every 2xx answer, in ms. */
function run(b: FindingListBench, kind: Kind, seconds: number, latencies: number[]) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${b.appPort}`,
        connections: b.connections,
        duration: seconds,
        requests: [b.request(FINDINGS_CHANNEL, kind.text)],
        verifyBody: (body) => kind.verify(String(body)),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

async function measure(b: FindingListBench, kind: Kind, tally: Tally): Promise<void> {
  console.error(
    `${kind.label} on ${FINDINGS.toLocaleString('en-US')} findings: warm-up ${b.warmupSeconds} s, then ${b.seconds} s`,
  );
  await run(b, kind, b.warmupSeconds, []);
  const [cpu0, redis0, bad0] = [await b.serverCpu(), await b.redisCpu(), await b.notOk()];
  const r = await run(b, kind, b.seconds, tally.latencies);
  const [cpu1, redis1, bad1] = [await b.serverCpu(), await b.redisCpu(), await b.notOk()];
  tally.requests += r.requests.total;
  tally.seconds += r.duration;
  tally.bad += r.errors + r.non2xx + r.mismatches + (bad1 - bad0);
  tally.serverMicros += cpu1 - cpu0;
  tally.redisMicros += redis1 - redis0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Measures both kinds alternately; answers the Markdown for docs/performance.md and whether the goal was met. */
export async function findingListBench(b: FindingListBench): Promise<{ markdown: string; pass: boolean }> {
  const tallies = KINDS.map(
    (): Tally => ({ latencies: [], requests: 0, seconds: 0, bad: 0, serverMicros: 0, redisMicros: 0 }),
  );
  for (let round = 0; round < ROUNDS; round++) {
    // status, list, then list, status: neither kind always gets the quieter half of a pair.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) await measure(b, KINDS[k]!, tallies[k]!);
  }
  const rows = tallies.map((t) => {
    const rps = t.requests / Math.max(t.seconds, 1);
    const sorted = [...t.latencies].sort((x, y) => x - y);
    const perRequest = (micros: number) => micros / 1000 / Math.max(t.requests, 1);
    return {
      t,
      rps,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpu: perRequest(t.serverMicros),
      redis: perRequest(t.redisMicros),
    };
  });
  const [status, list] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const ms = (n: number) => n.toFixed(1);
  const count = (n: number) => n.toLocaleString('en-US');
  const x = (a: number, c: number) => `${(a / c).toFixed(2)}×`;
  const pass =
    list.p50 <= GOAL_RATIO * status.p50 &&
    list.p99 <= GOAL_RATIO * status.p99 &&
    list.t.bad === 0 &&
    status.t.bad === 0;
  const markdown = [
    `- Data: group ${FINDINGS_CHANNEL}, ${UNITS} units, ${count(FINDINGS)} findings of which ${count(FINDINGS_CLOSED)} closed (seeded through the store in ${b.seeded.seconds.toFixed(1)} s, not measured).`,
    `- ${b.connections} connections; ${ROUNDS} measured run(s) of ${b.seconds} s of each kind, alternating, each after ${b.warmupSeconds} s of warm-up; p50 and p99 over every 2xx answer of the measured runs.`,
    '',
    '| Request | Requests | req/s | p50 (ms) | p99 (ms) | Errors / non-2xx / wrong answer / refused | Node CPU ms/req | Redis CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r, i) =>
        `| ${KINDS[i]!.label} | ${count(r.t.requests)} | ${count(Math.round(r.rps))} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.t.bad} | ${r.cpu.toFixed(3)} | ${r.redis.toFixed(3)} |`,
    ),
    `| finding list / status | | ${x(list.rps, status.rps)} | ${x(list.p50, status.p50)} | ${x(list.p99, status.p99)} | | ${x(list.cpu, status.cpu)} | ${x(list.redis, status.redis)} |`,
    '',
    `Goal: finding list within ${GOAL_RATIO}× of status at p50 and p99, no errors: ${x(list.p50, status.p50)} and ${x(list.p99, status.p99)}: ${pass ? 'pass' : '**FAIL**'}.`,
  ].join('\n');
  return { markdown, pass };
}
