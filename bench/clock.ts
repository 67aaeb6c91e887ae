/**
 * `tsx bench/clock.ts`: the cost of `localDate`, which runs on every slash command, against the
 * implementation it replaced (a cached `Intl.DateTimeFormat('en-CA').formatToParts` per zone),
 * both measured in this run. Commands arrive over many days and zones, so `now` steps through a
 * few zones by 50 ms a call (a busy bot) and by 5 minutes a call (a quiet one, where the per-day
 * offset memo is missed most often: two dayjs lookups per zone and day).
 *
 * CLOCK_CALLS (default 200000) is the number of calls per measured run.
 */
import { performance } from 'node:perf_hooks';
import type { IsoDate } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';

const CALLS = Number(process.env.CLOCK_CALLS ?? 200_000);
const STEPS = { busy: 50, quiet: 5 * 60_000 };
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'UTC', 'Australia/Lord_Howe'];
const START = Date.UTC(2026, 2, 7, 12);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The previous `todayIn`: one cached formatter per zone, its parts joined as YYYY-MM-DD. */
function intlLocalDate(instant: number, tz: string): IsoDate {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(tz, f);
  }
  const parts = f.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** ns per call over CALLS calls starting at `start`; the dates are checked so the work is not dropped. */
function measure(
  fn: (instant: number, tz: string) => IsoDate,
  start: number,
  step: number,
): { ns: number; dates: string[] } {
  const dates: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const d = fn(start + i * step, ZONES[i % ZONES.length] as string);
    if (i % 10_000 === 0) dates.push(d);
  }
  return { ns: ((performance.now() - t0) * 1e6) / CALLS, dates };
}

// Warm up both (JIT, formatters), on instants the measured runs do not reuse.
measure(intlLocalDate, START - 10 * CALLS * STEPS.busy, STEPS.busy);
measure(localDate, START - 10 * CALLS * STEPS.busy, STEPS.busy);

const best = (xs: number[]) => Math.min(...xs);
console.log(`localDate over ${CALLS} calls through ${ZONES.length} zones (best of 3 runs each)`);
for (const [name, step] of Object.entries(STEPS)) {
  // Alternate the two so that neither profits from a quieter moment of the machine.
  const runs = { intl: [] as number[], dayjs: [] as number[] };
  for (let round = 0; round < 3; round++) {
    // Each round on instants of its own, so the memo starts cold as in a fresh stretch of time.
    const start = START + (round + 1) * 2 * CALLS * step;
    const intl = measure(intlLocalDate, start, step);
    const dayjs = measure(localDate, start, step);
    if (intl.dates.join() !== dayjs.dates.join()) throw new Error('localDate disagrees with Intl');
    runs.intl.push(intl.ns);
    runs.dayjs.push(dayjs.ns);
  }
  const [intlNs, dayjsNs] = [best(runs.intl), best(runs.dayjs)];
  console.log(
    `  ${name} (now += ${step / 1000} s a call): Intl.DateTimeFormat cached per zone ${intlNs.toFixed(0)} ns/call,`,
  );
  console.log(
    `    zoned-time localDate ${dayjsNs.toFixed(0)} ns/call, ratio ${(dayjsNs / intlNs).toFixed(2)}`,
  );
}
