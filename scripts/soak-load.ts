/**
 * The soak's users: signed `/dudao` slash commands at a steady rate (open loop: a slow answer does not
 * slow the sending), each from a random member of a random group, in a mix of what members type most.
 * Counts what was sent, answered and failed, and the answers' latencies, per interval.
 */
import { percentile } from '../bench/schedules-stats';
import { mulberry32 } from '../src/sandbox/faults';
import { nowSeconds, sign, slashCommandBody } from '../test/support/signing';
import { groupChannel, MEMBERS_PER_GROUP, memberOf, SOAK_TEAM, UNITS_PER_GROUP } from './soak-seed';

/** How often the sender wakes up; each time it sends what the rate owes since the last time. */
const TICK_MS = 100;
/** A command not answered by then counts as failed (Slack itself gives up after 3 s). */
const TIMEOUT_MS = 10_000;
const TYPES = ['plan_review', 'interview', 'symposium', 'research', 'meeting', 'feedback', 'study', 'other'];
const SEVERITIES = ['low', 'medium', 'high'];

/** What was sent and answered in one interval; latencies in ms, of the answers received in it. */
export interface LoadStats {
  sent: number;
  answered: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  /** The most commands in flight at once during the interval. */
  peakInFlight: number;
  /** Why commands failed (`HTTP 500`, `TimeoutError`…), with how many. */
  failures: Record<string, number>;
}

export interface CommandLoadOptions {
  url: string;
  secret: string;
  /** A fresh response_url for each command, as Slack gives one per command. */
  responseUrl: () => string;
  /** Commands a second. */
  rate: number;
  groups: number;
}

export class CommandLoad {
  private readonly rand = mulberry32(20_261_201);
  private timer: NodeJS.Timeout | null = null;
  private owed = 0;
  private n = 0;
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();
  private window = this.fresh(0);

  constructor(private readonly opts: CommandLoadOptions) {}

  start(): void {
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.owed += ((now - last) / 1000) * this.opts.rate;
      last = now;
      for (; this.owed >= 1; this.owed -= 1) this.sendOne();
    }, TICK_MS);
  }

  /** Stops sending and waits for the commands still in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.pending);
  }

  private fresh(inFlight: number) {
    return {
      sent: 0,
      answered: 0,
      failed: 0,
      peakInFlight: inFlight,
      latencies: [] as number[],
      failures: {} as Record<string, number>,
    };
  }

  /** The interval's figures since the last call. */
  take(): LoadStats {
    const w = this.window;
    this.window = this.fresh(this.inFlight);
    const sorted = w.latencies.sort((a, b) => a - b);
    return {
      sent: w.sent,
      answered: w.answered,
      failed: w.failed,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
      peakInFlight: w.peakInFlight,
      failures: w.failures,
    };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }

  /** log 45 %, status 25 % (a fifth of them of one unit), finding add 10 %, finding list 10 %, unit list 5 %, help 5 %. */
  private text(i: number): string {
    const unit = `u${Math.floor(this.rand() * UNITS_PER_GROUP)}`;
    const r = this.rand();
    if (r < 0.45) return `log ${this.pick(TYPES)} ${unit} n=1 soak note ${i}`;
    if (r < 0.65) return 'status';
    if (r < 0.7) return `status ${unit}`;
    if (r < 0.8) return `finding add ${unit} "soak finding ${i}" severity=${this.pick(SEVERITIES)}`;
    if (r < 0.9) return 'finding list';
    if (r < 0.95) return 'unit list';
    return 'help';
  }

  private sendOne(): void {
    const i = this.n++;
    const g = Math.floor(this.rand() * this.opts.groups);
    const body = slashCommandBody({
      team_id: SOAK_TEAM,
      channel_id: groupChannel(g),
      user_id: memberOf(g, Math.floor(this.rand() * MEMBERS_PER_GROUP)),
      text: this.text(i),
      response_url: this.opts.responseUrl(),
    });
    const ts = nowSeconds();
    const started = performance.now();
    this.window.sent++;
    this.inFlight++;
    this.window.peakInFlight = Math.max(this.window.peakInFlight, this.inFlight);
    const done = fetch(this.opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(this.opts.secret, body, ts),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        this.window.answered++;
        this.window.latencies.push(performance.now() - started);
      })
      .catch((err: unknown) => {
        const why =
          err instanceof Error ? (err.message.startsWith('HTTP') ? err.message : err.name) : 'error';
        this.window.failed++;
        this.window.failures[why] = (this.window.failures[why] ?? 0) + 1;
      })
      .finally(() => {
        this.inFlight--;
        this.pending.delete(done);
      });
    this.pending.add(done);
  }
}
