import { GROUP_OPTION_DEFAULTS, type Group } from '../src/domain/types';
import type { Actor, TeamStore } from '../src/store/types';
/** What bench/run.ts and bench/target.ts agree on. */

/** A setting the parent process passes to a target it forks; a target without it cannot run. */
export function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

export const BENCH_TEAM = 'T0BENCH';
export const BENCH_USER = 'U0BENCH';
/** The group with 50 units and 100,000 activities. */
export const BIG_CHANNEL = 'C0BIG';
/** The group with 50 units and 100 activities. */
export const SMALL_CHANNEL = 'C0SMALL';
export const UNITS = 50;
export const BIG_ACTIVITIES = 100_000;
export const SMALL_ACTIVITIES = 100;
/**
 * The benchmark sends every request as one user, thousands a second, to measure what one command
 * costs; COMMANDS_PER_MINUTE would refuse all but 30 a minute of them, so the limit is off.
 */
export const BENCH_COMMANDS_PER_MINUTE = '0';
/** How the reports say so. */
export const BENCH_LIMIT_NOTE =
  'COMMANDS_PER_MINUTE=0: the per-user limit is off, since every request comes from one user, whom the default would refuse after 30 a minute';

/** Sent by the target process once its servers listen and its data is seeded. */
export interface TargetReady {
  type: 'ready';
  baselinePort: number;
  appPort: number;
  /** Where the app serves /metrics (OPS_PORT, never the Slack-facing port). */
  opsPort: number;
  seeded: { big: number; small: number; seconds: number };
}

/** The target's CPU time so far (user + system), in answer to `'cpu'`. */
export interface TargetCpu {
  type: 'cpu';
  micros: number;
}

/** bench/home.ts: a user in HOME_GROUPS groups of HOME_UNITS units each, liaison of every unit. */
export const HOME_GROUPS = 5;
export const HOME_UNITS = 300;
export const HOME_ACTIVITIES_PER_UNIT = 3;
/** Open findings raised by the user in each group. */
export const HOME_FINDINGS = 20;
/** The channel of the App Home bench's group `i`. */
export const homeChannel = (i: number): string => `C0HOME${i}`;

/** Sent by bench/home-target.ts once dudao listens and its groups are seeded. */
export interface HomeTargetReady {
  type: 'ready';
  appPort: number;
  activities: number;
  seconds: number;
}

/** A group as the benches seed it: UTC, a week's coverage, no schedules, created by the bench user. */
export function benchGroup(g: Pick<Group, 'id' | 'teamId' | 'name' | 'createdAt'> & Partial<Group>): Group {
  return {
    tz: 'UTC',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: BENCH_USER,
    ...g,
  };
}

/** {@link UNITS} units `u0`… (`Unit 0`…) without liaisons, added to the group one by one. */
export async function addBenchUnits(team: TeamStore, channel: string, actor: Actor): Promise<void> {
  for (let u = 0; u < UNITS; u++) {
    const unit = {
      key: `u${u}`,
      name: `Unit ${u}`,
      kind: 'ministry',
      liaisons: [],
      archived: false,
      createdAt: actor.now,
    };
    await team.addUnit(channel, unit, actor);
  }
}
