/**
 * `tsx bench/local-page.ts`: local mode as a newcomer meets it.
 *
 * 1. Start-up: `src/main.ts` with no settings on a machine with nothing on 127.0.0.1 (its own
 *    network namespace, so it starts its own redis-server), until it prints its address: first start
 *    (seeds the demo) and second start (finds it), each LOCAL_STARTS times (default 3).
 * 2. A command typed on the page: in Chromium, `/dudao status` typed in the box and Enter, until
 *    the answer's article is on the screen; LOCAL_COMMANDS times (default 100). The baseline,
 *    measured in the same run and the same way, is a plain message, which the workspace shows
 *    without asking the app: the ratio is what the bot adds to the page's own round trip.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DEMO_CHANNELS, DEMO_USERS } from '../src/app/demo';
import { startLocalMode } from '../src/app/local-mode';
import { loadConfig } from '../src/config';
import { browserSkipReason, launchBrowser } from '../test/support/browser';
import { deleteKeys, REDIS_URL } from '../test/support/harness';
import { isolationMissing, runIsolated } from '../test/support/isolated';
import { BENCH_COMMANDS_PER_MINUTE, BENCH_LIMIT_NOTE } from './fixtures';

const STARTS = Number(process.env.LOCAL_STARTS ?? 3);
const COMMANDS = Number(process.env.LOCAL_COMMANDS ?? 100);

/**
 * Runs in the page (as text: this project's types have no DOM): sends the box and resolves with the
 * milliseconds until an article more is in the message list.
 */
const IN_PAGE = `(typed) => new Promise((resolve) => {
  const list = document.getElementById('messages');
  const before = list.querySelectorAll('article').length;
  const box = document.getElementById('message');
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (list.querySelectorAll('article').length > before) { seen.disconnect(); resolve(performance.now() - t0); }
  });
  seen.observe(list, { childList: true, subtree: true });
  box.value = typed;
  document.getElementById('composer').requestSubmit();
})`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Milliseconds from spawning the entry point in `cwd` until it prints its address. */
async function timeStart(cwd: string): Promise<number> {
  // A temp folder of its own: tsx's compile cache starts cold, as on a fresh clone.
  const tmp = join(cwd, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const run = await runIsolated(cwd, '/usr/bin:/bin', /dudao local mode:/, { env: { TMPDIR: tmp } });
  if (!run.stdout.includes('dudao local mode:')) throw new Error(`start failed (${run.code}): ${run.stderr}`);
  return run.ms;
}

async function startUp(): Promise<void> {
  if (isolationMissing) {
    console.log(`start-up: skipped (${isolationMissing})`);
    return;
  }
  if (STARTS <= 0) return;
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const cwd = mkdtempSync(join(tmpdir(), 'dudao-bench-start-'));
    try {
      first.push(await timeStart(cwd));
      second.push(await timeStart(cwd));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  console.log(`start-up to the printed address, ${STARTS} runs each (median, max):`);
  console.log(`  first start (redis-server, seed): ${ms(quantile(first, 0.5))}, ${ms(Math.max(...first))}`);
  console.log(`  second start (demo found):        ${ms(quantile(second, 0.5))}, ${ms(Math.max(...second))}`);
}

async function typing(): Promise<void> {
  const reason = browserSkipReason();
  if (COMMANDS <= 0) return;
  if (reason) {
    console.log(`typed commands: skipped (${reason})`);
    return;
  }
  const prefix = `bench-local-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'dudao-bench-page-'));
  const local = await startLocalMode({
    config: loadConfig({
      REDIS_URL,
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'silent',
      COMMANDS_PER_MINUTE: BENCH_COMMANDS_PER_MINUTE,
    }),
    logger: pino({ level: 'silent' }),
    prefix,
    queuePrefix: `{${prefix}}`,
    snapshotFile: join(dir, 'workspace.json'),
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const channel = DEMO_CHANNELS.find((c) => c.name === 'audit-team')!;
    await page.goto(`${local.url}/#${channel.id}`);
    await page.getByLabel('User').selectOption(DEMO_USERS[0]!.id);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    // Timed inside the page, from sending the box to the answer's article being in the document,
    // so the figure is the page's and not the test driver's polling.
    const once = (text: string) => page.evaluate<number>(`(${IN_PAGE})(${JSON.stringify(text)})`);
    for (let i = 0; i < 5; i++) await once('/dudao status');
    const command: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      command.push(await once('/dudao status'));
      plain.push(await once(`note ${i}`));
    }
    const p50 = quantile(command, 0.5);
    const base = quantile(plain, 0.5);
    console.log(
      `typed on the page until the answer shows, ${COMMANDS} each, in Chromium; ${BENCH_LIMIT_NOTE}:`,
    );
    console.log(`  baseline, a plain message:  p50 ${ms(base)}, p90 ${ms(quantile(plain, 0.9))}`);
    console.log(
      `  /dudao status (7 units):    p50 ${ms(p50)}, p90 ${ms(quantile(command, 0.9))}, p99 ${ms(quantile(command, 0.99))}`,
    );
    console.log(
      `  ratio of medians: ${(p50 / base).toFixed(2)}× the baseline; goal: median < 300 ms: ${p50 < 300 ? 'pass' : 'FAIL'}`,
    );
  } finally {
    await browser.close();
    await local.stop();
    await deleteKeys([`${prefix}:*`, `{${prefix}}:*`]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await startUp();
await typing();
