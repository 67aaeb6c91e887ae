/** Turns measured runs into the table and the pass/fail lines of docs/performance.md. */

export type ScenarioKey = 'baseline' | 'log' | 'status100k' | 'status100';

export interface Measured {
  key: ScenarioKey;
  label: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Commands the app counted as refused or failed (`dudao_commands_total` outcome ≠ ok). */
  notOk: number;
  /** CPU of the server process per request, in ms: steadier than req/s on a shared machine. */
  serverCpuMs: number;
  /** CPU of redis-server per request, in ms. */
  redisCpuMs: number;
}

export interface Goal {
  text: string;
  value: string;
  pass: boolean;
}

/** The goals: ≥ 0.6 of the baseline's req/s, p99 < 100 ms, no errors, 100k status within 1.5× the 100 one. */
const GOALS = { throughputRatio: 0.6, p99Ms: 100, sizeRatio: 1.5 } as const;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (pass: boolean) => (pass ? 'pass' : '**FAIL**');

export function evaluate(rows: Measured[]): Goal[] {
  const by = (k: ScenarioKey) => rows.find((r) => r.key === k);
  const base = by('baseline');
  const goals: Goal[] = [];
  for (const r of rows) {
    const bad = r.errors + r.non2xx + r.notOk;
    goals.push({ text: `${r.label}: no errors`, value: `${bad}`, pass: bad === 0 && r.requests > 0 });
    if (r.key === 'baseline' || !base) continue;
    const ratio = r.reqPerSec / base.reqPerSec;
    goals.push({
      text: `${r.label}: ≥ ${GOALS.throughputRatio} × baseline req/s`,
      value: `${fmt(ratio, 2)}×`,
      pass: ratio >= GOALS.throughputRatio,
    });
    goals.push({
      text: `${r.label}: p99 < ${GOALS.p99Ms} ms`,
      value: `${r.p99} ms`,
      pass: r.p99 < GOALS.p99Ms,
    });
  }
  const big = by('status100k');
  const small = by('status100');
  if (big && small) {
    const ratio = big.p99 / Math.max(small.p99, 1);
    goals.push({
      text: `status p99: 100,000 activities within ${GOALS.sizeRatio}× of 100`,
      value: `${big.p99} / ${small.p99} ms = ${fmt(ratio, 2)}×`,
      pass: ratio <= GOALS.sizeRatio,
    });
  }
  return goals;
}

/** The results as a Markdown table followed by the goals, ready to paste. */
export function markdown(rows: Measured[], goals: Goal[]): string {
  const base = rows.find((r) => r.key === 'baseline');
  const lines = [
    '| Scenario | Requests | req/s | p50 (ms) | p99 (ms) | Errors / non-2xx / refused | req/s vs baseline | Node CPU ms/req | Redis CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const ratio = base && r.key !== 'baseline' ? `${fmt(r.reqPerSec / base.reqPerSec, 2)}×` : '1.00×';
      return `| ${r.label} | ${fmt(r.requests)} | ${fmt(r.reqPerSec)} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} / ${r.notOk} | ${ratio} | ${fmt(r.serverCpuMs, 3)} | ${fmt(r.redisCpuMs, 3)} |`;
    }),
    '',
    '| Goal | Measured | Result |',
    '|---|---:|---|',
    ...goals.map((g) => `| ${g.text} | ${g.value} | ${mark(g.pass)} |`),
  ];
  return lines.join('\n');
}

/** Sum of `dudao_commands_total` samples whose outcome is not `ok`, from Prometheus text. */
export function notOkCommands(metricsText: string): number {
  let sum = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith('dudao_commands_total{') || line.includes('outcome="ok"')) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}
