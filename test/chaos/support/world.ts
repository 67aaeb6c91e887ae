import type { TeamOptions } from '../../../src/sandbox/installs';

/**
 * The people and groups of the chaos run: three workspaces (each installs the app by OAuth), two
 * groups in each, in three time zones. Every group has a leader, a deputy, six "busy" members who
 * each follow one unit that is logged against throughout, and "quiet" liaisons who each follow
 * one unit nobody ever logs: a reminder pings exactly the quiet liaisons, whatever the load does
 * meanwhile, so the DMs to expect are known in advance.
 */

export const TEAMS: readonly TeamOptions[] = [
  { teamId: 'T0CHAOSA', teamName: 'Alpha Inspectorate' },
  { teamId: 'T0CHAOSB', teamName: 'Beta Audit' },
  { teamId: 'T0CHAOSC', teamName: 'Gamma Review' },
];

/**
 * `fanout`: a meeting late in the day; `remind now` announces it and pings every quiet liaison at
 * once (the fan-out a worker is killed in, or Redis restarted in). `scheduled`: a weekly digest and meeting reminder set to fire
 * during the Slack faults. `dst`: a digest and a reminder that fall just after New York's clocks
 * spring forward, reached by moving every process's clock across the change.
 */
export type GroupRole = 'fanout' | 'scheduled' | 'dst';

export interface Follow {
  user: string;
  unit: string;
}

export interface GroupPlan {
  code: string;
  team: string;
  channel: string;
  name: string;
  tz: string;
  /** Extra `setup` options. */
  options: string;
  role: GroupRole;
  leader: string;
  deputy: string;
  busy: Follow[];
  quiet: Follow[];
}

function group(
  code: string,
  team: string,
  tz: string,
  role: GroupRole,
  quiet: number,
  options = '',
): GroupPlan {
  const id = (suffix: string) => `U0${code}${suffix}`;
  return {
    code,
    team,
    channel: `C0${code}GRP`,
    name: `Group ${code}`,
    tz,
    options,
    role,
    leader: id('L'),
    deputy: id('D'),
    busy: Array.from({ length: 6 }, (_, i) => ({ user: id(`M${i + 1}`), unit: `b${i + 1}` })),
    quiet: Array.from({ length: quiet }, (_, i) => ({
      user: id(`Q${String(i + 1).padStart(2, '0')}`),
      unit: `q${String(i + 1).padStart(2, '0')}`,
    })),
  };
}

export const GROUPS: readonly GroupPlan[] = [
  group('A1', 'T0CHAOSA', 'Asia/Shanghai', 'fanout', 60),
  group('A2', 'T0CHAOSA', 'Asia/Shanghai', 'scheduled', 5, 'posts=thread'),
  group('B1', 'T0CHAOSB', 'Europe/Berlin', 'fanout', 40),
  group('B2', 'T0CHAOSB', 'Europe/Berlin', 'scheduled', 5),
  group('C1', 'T0CHAOSC', 'America/New_York', 'dst', 5),
  group('C2', 'T0CHAOSC', 'America/New_York', 'scheduled', 5, 'mention=off'),
];

export const groupByCode = (code: string): GroupPlan => {
  const found = GROUPS.find((g) => g.code === code);
  if (!found) throw new Error(`no group ${code}`);
  return found;
};

/**
 * The run's calendar, the same in every process: Sunday 14 March 2027, the day New York springs
 * forward (02:00 EST becomes 03:00 EDT, at 07:00 UTC); Shanghai and Berlin change nothing that day.
 */
export const CALENDAR = {
  /** Where every clock is set when the load starts. */
  loadStartsAt: Date.UTC(2027, 2, 14, 6, 40, 35),
  /** The minute the scheduled groups' digest and reminder fire: 25 s into the load. */
  scheduledFire: Date.UTC(2027, 2, 14, 6, 41, 0),
  /** Where the clocks jump to, across the change: 03:29:50 EDT. */
  jumpTo: Date.UTC(2027, 2, 14, 7, 29, 50),
  /**
   * When the `dst` group's `digest sun 02:30` (a time the clocks skip that day: 03:30 EDT) and the
   * reminder of its `meeting sun 04:00 remind=30` (03:30 EDT) are due.
   */
  dstFire: Date.UTC(2027, 2, 14, 7, 30, 0),
  /** The activities of the run are dated within this range (local dates). */
  from: '2027-03-01',
  to: '2027-03-31',
} as const;
