/**
 * `tsx bench/clock.ts`: the cost of `localDate`, which runs on every slash command, against the
 * implementation it replaced (a cached `Intl.DateTimeFormat('en-CA').formatToParts` per zone),
 * both measured in this run. Commands arrive over many minutes and zones, so `now` steps by
 * 50 ms a call (a new minute every 1,200 calls) through a few zones, and the per-minute offset
 * memo is missed as often as it would be in use.
 *
 * CLOCK_CALLS (default 200000) is the number of calls per measured run.
 */
import { performance } from 'node:perf_hooks';
import type { IsoDate } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';

const CALLS = Number(process.env.CLOCK_CALLS ?? 200_000);
const STEP_MS = 50;
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
): { ns: number; dates: string[] } {
  const dates: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const d = fn(start + i * STEP_MS, ZONES[i % ZONES.length] as string);
    if (i % 10_000 === 0) dates.push(d);
  }
  return { ns: ((performance.now() - t0) * 1e6) / CALLS, dates };
}

// Warm up both (JIT, formatters), on instants the measured runs do not reuse.
measure(intlLocalDate, START - 10 * CALLS * STEP_MS);
measure(localDate, START - 10 * CALLS * STEP_MS);

// Alternate the two so that neither profits from a quieter moment of the machine.
const runs = { intl: [] as number[], dayjs: [] as number[] };
for (let round = 0; round < 3; round++) {
  const start = START + round * CALLS * STEP_MS;
  const intl = measure(intlLocalDate, start);
  const dayjs = measure(localDate, start);
  if (intl.dates.join() !== dayjs.dates.join()) throw new Error('localDate disagrees with Intl');
  runs.intl.push(intl.ns);
  runs.dayjs.push(dayjs.ns);
}

const best = (xs: number[]) => Math.min(...xs);
const intlNs = best(runs.intl);
const dayjsNs = best(runs.dayjs);
console.log(`localDate over ${CALLS} calls, ${ZONES.length} zones, now += ${STEP_MS} ms (best of 3)`);
console.log(`  Intl.DateTimeFormat, cached per zone: ${intlNs.toFixed(0)} ns/call`);
console.log(`  zoned-time localDate (dayjs offset memo): ${dayjsNs.toFixed(0)} ns/call`);
console.log(`  ratio zoned-time / Intl: ${(dayjsNs / intlNs).toFixed(2)}`);
