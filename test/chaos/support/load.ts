import { mulberry32 } from '../../../src/sandbox/faults';
import type { Commands, Write } from './commands';
import { eventually } from './processes';
import { GROUPS, type GroupPlan } from './world';

const TYPES = ['interview', 'plan_review', 'symposium', 'research', 'meeting', 'feedback', 'study'];
const SEVERITIES = ['low', 'medium', 'high'];

/**
 * The steady load: one command every `everyMs` (at most `maxInFlight` unanswered), from the
 * members of every group in turn, over both web processes. Mostly logs and findings against the
 * busy units (never the quiet ones, so the pings stay as planned), some reads, and the leaders and
 * deputies adding members and units. One write in twenty is delivered twice, as Slack retries.
 */
export class Load {
  private readonly next: () => number;
  private seq = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private paused = false;

  constructor(
    private readonly commands: Commands,
    private readonly opts: { everyMs: number; maxInFlight: number; seed: number },
  ) {
    this.next = mulberry32(opts.seed);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.opts.everyMs);
  }

  /** Stops sending and resolves once every command sent has been answered (or given up). */
  async pause(): Promise<void> {
    this.paused = true;
    await eventually(() => this.inFlight === 0, 30_000, 'the load in flight to be answered');
  }

  resume(): void {
    this.paused = false;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pause();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  private tick(): void {
    if (this.paused || this.inFlight >= this.opts.maxInFlight) return;
    const group = this.pick(GROUPS);
    const [user, text, write] = this.command(group, `c${++this.seq}`);
    const twice = write !== null && this.next() < 0.05;
    this.inFlight++;
    void this.commands
      .send(group, user, text, write, { twice })
      .catch(() => null)
      .finally(() => {
        this.inFlight--;
      });
  }

  private command(group: GroupPlan, token: string): [string, string, Write | null] {
    const r = this.next();
    const member = this.pick(group.busy);
    const admin = this.next() < 0.5 ? group.leader : group.deputy;
    if (r < 0.5) {
      const n = 1 + Math.floor(this.next() * 3);
      return [
        member.user,
        `log ${this.pick(TYPES)} ${member.unit} n=${n} visit ${token}`,
        { kind: 'log', token, unit: member.unit, user: member.user },
      ];
    }
    if (r < 0.7) {
      const unit = this.pick(group.busy).unit;
      const due = this.next() < 0.3 ? ' due=2027-04-30' : '';
      return [
        member.user,
        `finding add ${unit} Records incomplete ${token} severity=${this.pick(SEVERITIES)}${due}`,
        { kind: 'finding', token, unit },
      ];
    }
    if (r < 0.8) return [member.user, `status ${member.unit}`, null];
    if (r < 0.85) return [member.user, 'finding list', null];
    if (r < 0.925) {
      const newcomer = `U0${group.code}N${this.seq}`;
      return [admin, `member add <@${newcomer}>`, { kind: 'member', users: [newcomer] }];
    }
    const key = `x${this.seq}`;
    return [admin, `unit add "Extra unit ${token}" key=${key} kind=office`, { kind: 'unit', key }];
  }
}
