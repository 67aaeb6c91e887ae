/**
 * The weekly digest with its coverage chart, for GROUPS groups (1,000) of UNITS units (30) with
 * ACTS activities per unit spread over the chart's eight weeks; half the groups English, half
 * Chinese. The digest processor runs in this process, DIGEST_CONCURRENCY digests at a time as one
 * worker runs them, against the Slack stand-in in a child process (the outside world, with its
 * own event loop). Measured in the same run:
 *   baseline  the digest without its chart (`digestHandler(ctx, null)`);
 *   queued    the digest as the workers run it: it hands its chart to the chart queue and is done;
 *   charts    those charts, as the chart worker posts them (its concurrency), into each thread;
 *   inline    the digest and its chart one after the other, the cost of both per group;
 *   render    the chart alone: read, model, draw and PNG-encode, nothing sent.
 * Digests per second, their ratio to the baseline, this process's CPU per digest, and how long the
 * event loop was held (perf_hooks' event-loop delay, p99 and max); the chart's synchronous drawing
 * time is timed on its own. Run: `npx tsx bench/digest-chart.ts`; BENCH_GROUPS, BENCH_UNITS,
 * BENCH_ACTS and BENCH_DIGEST_CONCURRENCY for other sizes.
 */
import { fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Canvas } from '@napi-rs/canvas';
import type { Job } from 'bullmq';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import type { JobContext } from '../jobs/context';
import { type ChartFollowUp, digestHandler } from '../jobs/digest';
import { chartHandler, postDigestChart, readCoverageChart } from '../jobs/digest-chart';
import type { ChartJobData } from '../jobs/queues';
import { DEFAULT_TUNING } from '../jobs/workers';
import { chartFonts } from '../src/chart/fonts';
import { type CoverageChart, chartWeeks } from '../src/chart/model';
import { encodePng } from '../src/chart/png';
import { drawCoverageChart, renderCoverageChart } from '../src/chart/render';
import { addDays } from '../src/domain/dates';
import { ACTIVITY_TYPES, type Group } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createJobClient } from '../src/slack/sender';
import { createRedis } from '../src/store/redis';
import { RedisStore } from '../src/store/redis-store';
import { benchGroup } from './fixtures';
import { deleteMatching, log } from './jobs-seed';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const GROUPS = num('BENCH_GROUPS', 1_000);
const UNITS = num('BENCH_UNITS', 30);
const ACTS = num('BENCH_ACTS', 8);
const CONCURRENCY = num('BENCH_DIGEST_CONCURRENCY', DEFAULT_TUNING.concurrency.digest);
const WARMUP = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEAM = 'T0BENCHCHART';
const groupId = (g: number) => `C0BC${String(g).padStart(5, '0')}`;

/** The stand-in, when this file runs as the child: answers with its URL, stops on 'stop'. */
async function standIn(): Promise<void> {
  const slack = new SlackStandIn();
  await slack.start();
  process.send?.({ url: slack.url });
  process.on('message', async () => {
    await slack.stop();
    process.exit(0);
  });
}

async function seed(store: RedisStore, now: number): Promise<number> {
  const team = store.forTeam(TEAM);
  const actor = { userId: 'U0BENCH', now };
  const today = localDate(now, 'UTC');
  const first = chartWeeks(today)[0] as string;
  const days = Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000) + 1;
  let total = 0;
  for (let g = 0; g < GROUPS; g++) {
    const group = benchGroup({
      id: groupId(g),
      teamId: TEAM,
      name: g % 2 ? `第${g}督导组` : `Group ${g}`,
      lang: g % 2 ? 'zh' : 'en',
      createdAt: now - 90 * 86_400_000,
    });
    await team.createGroup(group, actor);
    const units = Array.from({ length: UNITS }, (_, u) => ({
      key: `u${u}`,
      name: g % 2 ? `第${u}单位（部委）` : `Ministry number ${u}`,
      kind: 'ministry',
      liaisons: [`U0L${u}`],
      archived: false,
      createdAt: group.createdAt,
    }));
    await Promise.all(units.map((unit) => team.addUnit(group.id, unit, actor)));
    const acts = Array.from({ length: UNITS * ACTS }, (_, i) => ({
      unitKey: `u${(i * 7) % UNITS}`,
      type: ACTIVITY_TYPES[i % ACTIVITY_TYPES.length] ?? 'other',
      date: addDays(first, (i * 13) % days),
      count: 1,
      notes: `seeded ${i}`,
      userId: 'U0BENCH',
      createdAt: now,
    }));
    await Promise.all(acts.map((a) => team.addActivity(group.id, a, actor)));
    total += acts.length;
  }
  return total;
}

interface Run {
  label: string;
  seconds: number;
  rate: number;
  cpuMsPerDigest: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

/** Runs `work` for every group, CONCURRENCY at a time; timing, CPU and event-loop delay. */
async function measure(
  label: string,
  work: (g: number) => Promise<unknown>,
  concurrency = CONCURRENCY,
): Promise<Run> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();
  let next = 0;
  const lane = async () => {
    for (let g = next++; g < GROUPS; g = next++) await work(g);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  loop.disable();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const run = {
    label,
    seconds,
    rate: GROUPS / seconds,
    cpuMsPerDigest: (cpu.user + cpu.system) / 1000 / GROUPS,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  };
  log(
    `  ${label}: ${run.rate.toFixed(0)}/s, loop p99 ${run.loopP99Ms.toFixed(1)} ms, max ${run.loopMaxMs.toFixed(1)} ms`,
  );
  return run;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const ENCODES = 50;
/** Charts timed one at a time for the synchronous parts of rendering. */
const HOLDS = 100;

/** p50 / p99 (ms) of the synchronous steps of rendering each chart, one after the other. */
async function syncHolds(models: CoverageChart[], family: string) {
  const steps = { draw: [] as number[], pixels: [] as number[], rows: [] as number[] };
  for (const model of models) {
    const t0 = performance.now();
    const canvas = drawCoverageChart(model, family);
    const t1 = performance.now();
    const rgba = canvas.data();
    const t2 = performance.now();
    // An async function runs synchronously up to its first await: here, laying out the rows for zlib.
    const png = encodePng(canvas.width, canvas.height, rgba);
    const t3 = performance.now();
    await png;
    steps.draw.push(t1 - t0);
    steps.pixels.push(t2 - t1);
    steps.rows.push(t3 - t2);
  }
  const pq = (xs: number[]) => {
    const sorted = xs.sort((a, b) => a - b);
    return `${quantile(sorted, 0.5).toFixed(1)} / ${quantile(sorted, 0.99).toFixed(1)}`;
  };
  return { count: models.length, draw: pq(steps.draw), pixels: pq(steps.pixels), rows: pq(steps.rows) };
}

/** CPU time (this process and its thread pool) of encoding one chart with our encoder and with Skia's. */
async function compareEncoders(canvas: Canvas) {
  const time = async (encode: () => Promise<Buffer>) => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < ENCODES; i++) {
      const c0 = process.cpuUsage();
      bytes = (await encode()).length;
      const c = process.cpuUsage(c0);
      ms.push((c.user + c.system) / 1000);
    }
    return {
      ms: quantile(
        ms.sort((a, b) => a - b),
        0.5,
      ),
      bytes,
    };
  };
  return {
    ours: await time(() => encodePng(canvas.width, canvas.height, canvas.data())),
    skia: await time(() => canvas.encode('png')),
  };
}

async function main(): Promise<void> {
  const child = fork(import.meta.filename, ['--stand-in'], { execArgv: ['--import', 'tsx'] });
  const url = await new Promise<string>((resolve) =>
    child.once('message', (m: { url: string }) => resolve(m.url)),
  );
  const prefix = `bench-chart-${process.pid}`;
  const redis = createRedis(REDIS_URL);
  const store = new RedisStore({ redis, prefix });
  const logger = pino({ level: 'silent' });
  const dmQueue = new Queue('dm', { connection: redis.options, prefix: `{${prefix}}` });
  const delivery = {
    client: createJobClient({ token: 'xoxb-bench', slackApiUrl: url }),
    logger,
    leaseMs: 60_000,
  };
  const ctx: JobContext = {
    store,
    slackFor: async () => delivery,
    dmQueue,
    logger,
    now: Date.now,
  };
  try {
    const t0 = performance.now();
    const seeded = await seed(store, Date.now());
    log(
      `seeded ${GROUPS} groups × ${UNITS} units, ${seeded.toLocaleString('en-US')} activities in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    // Only a `now` digest's data matter here: `job` is read for scheduled digests alone.
    const job = {} as unknown as Job;
    let occurrence = 0;
    /** The chart as the chart job posts it, right after its digest: the cost of both per group. */
    const inline: ChartFollowUp = async (group, occ, now) => {
      await postDigestChart(ctx, group, occ, now);
    };
    let queued: ChartJobData[] = [];
    /** The hand-off the workers make: the chart's job data, here kept for the chart run. */
    const toQueue: ChartFollowUp = async (group, occ, now) => {
      queued.push({ teamId: group.teamId, groupId: group.id, occurrence: occ, now });
    };
    const digests = (chart: ChartFollowUp) => {
      const requestedAt = ++occurrence;
      const handle = digestHandler(ctx, chart);
      return (g: number) =>
        handle(
          { trigger: 'now', teamId: TEAM, groupId: groupId(g), requestedBy: 'U0BENCH', requestedAt },
          job,
        );
    };
    // Warm-up (not measured): JIT, connections, the font registered once.
    const warm = digests(inline);
    for (let g = 0; g < WARMUP; g++) await warm(g);

    const team = store.forTeam(TEAM);
    const font = await chartFonts.get(logger);
    const models: CoverageChart[] = [];
    let pngBytes = 0;
    /** The chart alone, as the digest job makes it: read, model, then draw and encode in turn. */
    const render = async (g: number) => {
      const group = (await team.getGroup(groupId(g))) as Group;
      const model = (await readCoverageChart(store, group, localDate(Date.now(), group.tz))) as CoverageChart;
      if (models.length < HOLDS) models.push(model);
      // Awaited first: `x += await y` would read x before the wait and lose the other lanes' sums.
      const png = await renderCoverageChart(model, font.family);
      pngBytes += png.length;
    };

    // Interleaved, so that a machine busier in one part of the run weighs on both sides.
    log('measuring (baseline, queued, charts, inline, render, baseline, queued, charts, inline)…');
    const charts = chartHandler(ctx);
    /** The digests with their charts queued, then those charts at the chart worker's concurrency. */
    const queuedRuns = async (label: string) => {
      queued = [];
      const digestRun = await measure(`digest, chart queued${label}`, digests(toQueue));
      const jobs = queued;
      const chartRun = await measure(
        `charts posted by their job${label}`,
        (g) => charts(jobs[g] as ChartJobData),
        DEFAULT_TUNING.concurrency.charts,
      );
      return [digestRun, chartRun] as const;
    };
    const baseline = await measure('baseline: digest without chart', digests(null));
    const [queuedDigest, chartJobs] = await queuedRuns('');
    const chart = await measure('digest + chart inline', digests(inline));
    const renderOnly = await measure('chart only: read, draw, encode', render);
    const again = await measure('baseline, second run', digests(null));
    const [queuedAgain, chartJobsAgain] = await queuedRuns(', second run');
    const chartAgain = await measure('digest + chart inline, second run', digests(inline));
    const base = (baseline.rate + again.rate) / 2;
    const withChart = (chart.rate + chartAgain.rate) / 2;
    const digestQueued = (queuedDigest.rate + queuedAgain.rate) / 2;
    const chartRate = (chartJobs.rate + chartJobsAgain.rate) / 2;
    const holds = await syncHolds(models, font.family);
    const encoders = await compareEncoders(drawCoverageChart(models[0] as CoverageChart, font.family));

    const row = (r: Run) =>
      `| ${r.label} | ${GROUPS} in ${r.seconds.toFixed(2)} s = **${r.rate.toFixed(0)}/s** | ${(r.rate / base).toFixed(2)}× | ${r.cpuMsPerDigest.toFixed(1)} | ${r.loopP99Ms.toFixed(1)} / ${r.loopMaxMs.toFixed(1)} |`;
    console.log(`Data: ${GROUPS} groups × ${UNITS} units, ${ACTS} activities a unit over the 8 weeks (${seeded.toLocaleString('en-US')}); half English, half Chinese; ${CONCURRENCY} digests at a time in one process, the Slack stand-in in another.

| run | digests | vs baseline | CPU ms / digest (this process) | event-loop delay p99 / max (ms) |
|---|---|---|---|---|
${row(baseline)}
${row(queuedDigest)}
${row(chartJobs)}
${row(chart)}
${row(renderOnly)}
${row(again)}
${row(queuedAgain)}
${row(chartJobsAgain)}
${row(chartAgain)}

Means of the two runs: baseline ${base.toFixed(0)}/s; digests as the workers run them (the chart queued) ${digestQueued.toFixed(0)}/s (${(digestQueued / base).toFixed(2)}× the baseline); their charts ${chartRate.toFixed(0)}/s at ${DEFAULT_TUNING.concurrency.charts} at a time; digest and chart one after the other ${withChart.toFixed(0)}/s (${(withChart / base).toFixed(2)}× the baseline). Peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB. What a chart holds the event loop for, one chart at a time (p50 / p99 of ${holds.count}): drawing ${holds.draw}, reading its pixels ${holds.pixels}, laying out the PNG rows ${holds.rows} ms; PNG ${(pngBytes / GROUPS / 1024).toFixed(0)} KB on average; the compression runs on libuv's thread pool. PNG encoding of one chart, CPU ms (median of ${ENCODES}): src/chart/png.ts ${encoders.ours.ms.toFixed(1)} (${(encoders.ours.bytes / 1024).toFixed(0)} KB), Skia's \`encode('png')\` ${encoders.skia.ms.toFixed(1)} (${(encoders.skia.bytes / 1024).toFixed(0)} KB).`);
  } finally {
    child.send('stop');
    await dmQueue.close();
    await deleteMatching(redis, `${prefix}:*`);
    await store.close();
  }
}

if (process.argv.includes('--stand-in')) await standIn();
else
  await main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
