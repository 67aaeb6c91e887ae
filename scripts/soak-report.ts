/** The soak's figures per minute (scripts/soak.ts), as a Markdown table, and the flatness verdict. */
import type { LoadStats } from './soak-load';

/** One process's figures at the end of a minute; lag over the minute (the histogram is reset per scrape). */
export interface ProcessSample {
  rssMb: number;
  /** Of the RSS, what the process allocated (heaps, native buffers), not mapped files. */
  rssAnonMb: number;
  heapTotalMb: number;
  /** Memory of objects outside the V8 heap that V8 knows of (buffers). */
  externalMb: number;
  heapUsedMb: number;
  lagP99Ms: number;
  lagMaxMs: number;
  handles: number;
}

export interface MinuteSample {
  minute: number;
  load: LoadStats;
  /** Commands the web process counted as refused or failed (`dudao_commands_total` outcome ≠ ok). */
  refused: number;
  web: ProcessSample;
  worker: ProcessSample;
  /** Digests and reminders posted to group channels in the minute, and how many fell due in it. */
  posts: number;
  due: number;
  /** The latest of those posts, seconds after its fire time. */
  lateMaxS: number;
  dms: number;
  charts: number;
}

/** Within this much of each other, the first and last thirds' means count as flat. */
export const FLAT_WITHIN = 0.1;

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

export const TABLE_HEADER = [
  '| min | sent | failed | refused | p50 ms | p99 ms | RSS MB web / worker | heap MB web / worker | lag p99 ms web / worker | handles web / worker | posts / due | latest post s | DMs | charts |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
].join('\n');

export function tableRow(s: MinuteSample): string {
  const { load, web, worker } = s;
  return `| ${s.minute} | ${load.sent} | ${load.failed} | ${s.refused} | ${f0(load.p50)} | ${f0(load.p99)} | ${f0(web.rssMb)} / ${f0(worker.rssMb)} | ${f0(web.heapUsedMb)} / ${f0(worker.heapUsedMb)} | ${f1(web.lagP99Ms)} / ${f1(worker.lagP99Ms)} | ${web.handles} / ${worker.handles} | ${s.posts} / ${s.due} | ${f1(s.lateMaxS)} | ${s.dms} | ${s.charts} |`;
}

interface Series {
  name: string;
  value: (s: MinuteSample) => number;
  /** Shown for reading, not part of the verdict. */
  informative?: boolean;
}

const SERIES: Series[] = [
  { name: 'command p99 (ms)', value: (s) => s.load.p99 },
  { name: 'web RSS (MB)', value: (s) => s.web.rssMb },
  { name: 'worker RSS (MB)', value: (s) => s.worker.rssMb },
  { name: 'web event-loop lag p99 (ms)', value: (s) => s.web.lagP99Ms },
  { name: 'worker event-loop lag p99 (ms)', value: (s) => s.worker.lagP99Ms },
  { name: 'web active handles', value: (s) => s.web.handles },
  { name: 'worker active handles', value: (s) => s.worker.handles },
  { name: 'web V8 heap used (MB)', value: (s) => s.web.heapUsedMb, informative: true },
  { name: 'worker V8 heap used (MB)', value: (s) => s.worker.heapUsedMb, informative: true },
  { name: 'worker RSS, anonymous (MB)', value: (s) => s.worker.rssAnonMb, informative: true },
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface Verdict {
  markdown: string;
  /** Every judged series flat, and long enough to judge. */
  flat: boolean;
}

/**
 * Each series' mean over the last third of the minutes after the warm-up against its mean over the
 * first third: flat when within {@link FLAT_WITHIN}. A leak shows as a series that keeps rising. The
 * medians are shown beside the means: a minute in which the machine stalled moves a mean, not a median.
 */
export function verdict(samples: MinuteSample[], warmupMinutes: number): Verdict {
  const judged = samples.filter((s) => s.minute > warmupMinutes);
  const third = Math.floor(judged.length / 3);
  if (third < 1) {
    return { markdown: `Too short to judge: ${judged.length} minute(s) after the warm-up.`, flat: false };
  }
  const first = judged.slice(0, third);
  const last = judged.slice(-third);
  const lines = [
    `First third: minutes ${first[0]?.minute}–${first.at(-1)?.minute}; last third: minutes ${last[0]?.minute}–${last.at(-1)?.minute} (minute${warmupMinutes > 1 ? `s 1–${warmupMinutes}` : ' 1'}: warm-up).`,
    '',
    '| series | first third | last third | change | | medians: first / last third |',
    '|---|---:|---:|---:|---|---:|',
  ];
  let flat = true;
  for (const s of SERIES) {
    const a = mean(first.map(s.value));
    const b = mean(last.map(s.value));
    const change = a === 0 ? (b === 0 ? 0 : Number.POSITIVE_INFINITY) : b / a - 1;
    const ok = Math.abs(change) <= FLAT_WITHIN;
    if (!s.informative && !ok) flat = false;
    const mark = s.informative ? '(not judged)' : ok ? 'flat' : '**not flat**';
    const pct = `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %`;
    const medians = `${f1(median(first.map(s.value)))} / ${f1(median(last.map(s.value)))}`;
    lines.push(`| ${s.name} | ${f1(a)} | ${f1(b)} | ${pct} | ${mark} | ${medians} |`);
  }
  const failed = samples.reduce((n, s) => n + s.load.failed, 0);
  const refused = samples.reduce((n, s) => n + s.refused, 0);
  lines.push(
    '',
    `Verdict: ${flat ? 'flat' : '**not flat**'} (each judged series within ${FLAT_WITHIN * 100} %); ${failed} commands failed, ${refused} refused or failed by the app.`,
  );
  return { markdown: lines.join('\n'), flat };
}
