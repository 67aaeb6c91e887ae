import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bullmqNextFire } from '../../jobs/cron';
import { FINDINGS_PATTERN } from '../../jobs/scheduling';
import { type FindingMove, moveFinding } from '../../src/domain/finding-states';
import type { Group, IsoDate } from '../../src/domain/types';
import { instantOf, localClock, localDate } from '../../src/domain/zoned-time';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { eventually, type JobsEnv, makeGroup, makeUnit, openJobsEnv, seedGroup, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(async () => {
  vi.useRealTimers();
  await env.cleanup();
});

const OWNER = 'U0OWNER';
const LEAD = 'U0LEAD';
const DAY = 86_400_000;

const postedTo = (user: string) => (c: StandInCall) =>
  c.method === 'chat.postMessage' && c.body.channel === user && c.status === 200;
/** The blocks of a post as sent (form-encoded JSON), to search. */
const shown = (c: StandInCall | undefined): string => {
  const blocks = c?.body.blocks;
  return typeof blocks === 'string' ? blocks : JSON.stringify(blocks ?? null);
};
const reminderPosts = (user: string) =>
  env.slack.delivered('chat.postMessage').filter((c) => postedTo(user)(c) && /findings of/.test(shown(c)));

async function outcomes(): Promise<Record<string, number>> {
  const metric = await env.metrics.jobs.get();
  return Object.fromEntries(
    metric.values.filter((v) => v.labels.kind === 'findings').map((v) => [v.labels.outcome, v.value]),
  );
}

/** A group whose unit `moc` has the owner as liaison (so a member), led by its creator. */
async function seed(over: Partial<Group> = {}, createdAt = Date.now()): Promise<Group> {
  return seedGroup(env, makeGroup({ createdAt: createdAt - 30 * DAY, ...over }), [
    // Added a day ago: no coverage ping of the hourly look gets mixed in.
    makeUnit('moc', [OWNER], createdAt - DAY),
  ]);
}

async function raise(group: Group, due: IsoDate | null, at: number): Promise<number> {
  const team = env.store.forTeam(TEAM);
  const finding = {
    unitKey: 'moc',
    text: `Ledger due ${due}`,
    due,
    createdBy: LEAD,
    createdAt: at,
    owner: OWNER,
  };
  return (await team.addFinding(group.id, { ...finding, severity: 'medium' }, { userId: LEAD, now: at })).id;
}

/** Takes a step on a finding as the store does for a command, at `at`. */
async function move(group: Group, id: number, by: string, step: FindingMove, at: number): Promise<void> {
  const out = await env.store.forTeam(TEAM).updateFinding(group.id, id, { userId: by, now: at }, (snap) => {
    const role = snap.members.find((m) => m.userId === by)?.role ?? null;
    const scene = { unit: snap.unit, members: snap.members, today: localDate(at, group.tz), now: at };
    const r = moveFinding(snap.finding, step, { userId: by, role }, scene);
    return r.ok ? { write: r.finding, step: step.step, result: 'ok' as const } : { result: r.refusal.code };
  });
  expect(out).toBe('ok');
}

/** No run in progress and every DM sent (a scheduler's next run waits, delayed, in the findings queue). */
async function settled(): Promise<void> {
  await eventually(
    async () => {
      const runs = await env.scheduling.queue('findings').getJobCounts('active', 'waiting', 'prioritized');
      const dms = await env.scheduling
        .queue('dm')
        .getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      return [runs, dms].every((c) => Object.values(c).every((n) => n === 0));
    },
    20_000,
    'the findings and DM queues to drain',
  );
}

/** The day's run as its scheduler would add it (fired at 09:00 local), the clock just past it. */
function daily(group: Group, clock: { now: number }) {
  return async (date: IsoDate): Promise<Job> => {
    const fire = instantOf(date, '09:00', group.tz);
    clock.now = fire + 1_000;
    const data = { teamId: TEAM, groupId: group.id, tz: group.tz };
    const job = await env.scheduling.queue('findings').add('findings', data, { prevMillis: fire });
    await eventually(async () => (await job.getState()) === 'completed', 10_000, `the run of ${date}`);
    await settled();
    return (await env.scheduling.queue('findings').getJob(job.id as string)) as Job;
  };
}

const dmKeys = async () =>
  (await env.scheduling.queue('dm').getJobs(['completed', 'failed']))
    .map((j) => String(j.data.dedupeKey))
    .sort();

describe('due reminders, once each', () => {
  it('three daily runs and a retried one, two workers, Slack failing: each reminder once, one DM a person a day', async () => {
    const clock = { now: instantOf('2026-03-01', '12:00', 'Asia/Shanghai') };
    const group = await seed({}, clock.now);
    const dueSoon = await raise(group, '2026-03-10', clock.now);
    const dueNext = await raise(group, '2026-03-09', clock.now);
    const waiting = await raise(group, null, clock.now);
    await move(
      group,
      waiting,
      OWNER,
      { step: 'done', notes: 'fixed' },
      instantOf('2026-03-04', '18:00', group.tz),
    );
    env.slack.setFaults({ rateLimitedRatio: 0.3, retryAfterSeconds: 1, serverErrorRatio: 0.2, seed: 3 });
    await env.startWorkers({}, () => clock.now);
    await env.startWorkers({}, () => clock.now);
    const run = daily(group, clock);

    const first = await run('2026-03-08');
    expect(first.returnvalue).toBe('planned');
    expect(await dmKeys()).toEqual([
      `T1:C0GROUP:findings:2026-03-08:${LEAD}`,
      `T1:C0GROUP:findings:2026-03-08:${OWNER}`,
    ]);
    const [ownerDm] = reminderPosts(OWNER);
    expect(shown(ownerDm)).toContain(`*#${dueNext}*`);
    expect(shown(ownerDm)).toContain(`*#${dueSoon}*`);
    // The raiser, a leader, verifies what the owner marked done four days ago.
    expect(shown(reminderPosts(LEAD)[0])).toContain(`*#${waiting}*`);

    // The same run again the next day, past 09:00 (a retry): it plans the day it first planned.
    clock.now = instantOf('2026-03-09', '10:00', group.tz);
    await (await env.scheduling.queue('findings').getJob(first.id as string))?.retry('completed');
    await eventually(async () => (await first.getState()) === 'completed', 10_000, 'the retry');
    await settled();
    expect(await dmKeys()).toHaveLength(2);
    expect((await env.scheduling.queue('findings').getJob(first.id as string))?.data.startedAt).toBe(
      instantOf('2026-03-08', '09:00', group.tz) + 1_000,
    );

    await run('2026-03-09'); // #dueNext is due today; #dueSoon was told on the 8th
    await run('2026-03-10'); // #dueSoon due today, #dueNext one day overdue: the leader hears
    await run('2026-03-11'); // #dueSoon one day overdue
    expect((await run('2026-03-12')).returnvalue).toBe('nothing');

    expect(reminderPosts(OWNER)).toHaveLength(3);
    expect(reminderPosts(LEAD)).toHaveLength(3);
    expect(shown(reminderPosts(OWNER)[1])).toContain('due today* (2026-03-09)');
    expect(shown(reminderPosts(OWNER)[2])).toContain('due today* (2026-03-10)');
    expect(shown(reminderPosts(LEAD)[1])).toContain(`*#${dueNext}*`);
    expect(shown(reminderPosts(LEAD)[2])).toContain(`*#${dueSoon}*`);
    // Every DM once: one post per delivery marker, 429s and 500s notwithstanding.
    for (const calls of env.front.deliveriesByMarker().values()) expect(calls).toHaveLength(1);
    expect(env.slack.calls.some((c) => c.status === 429)).toBe(true);
    expect(env.slack.calls.some((c) => c.status === 500)).toBe(true);
    expect(await dmKeys()).toHaveLength(6);
  }, 60_000);

  it('a moved due date re-plans the reminders; a closed finding gets none; old claims are pruned', async () => {
    const clock = { now: instantOf('2026-03-01', '12:00', 'Asia/Shanghai') };
    const group = await seed({}, clock.now);
    const moved = await raise(group, '2026-03-04', clock.now);
    const closed = await raise(group, '2026-03-05', clock.now);
    const claims = env.store.forTeam(TEAM).findingReminders(group.id);
    await claims.claim(['999:soon:2025-12-01'], '2025-11-28');
    await env.startWorkers({}, () => clock.now);
    const run = daily(group, clock);

    await run('2026-03-02'); // both due within three days
    expect(shown(reminderPosts(OWNER)[0])).toMatch(new RegExp(`#${moved}\\*.*#${closed}\\*`, 's'));
    expect([...(await claims.all()).keys()]).not.toContain('999:soon:2025-12-01');

    const at = instantOf('2026-03-02', '15:00', group.tz);
    await move(group, moved, LEAD, { step: 'due', to: '2026-03-12', notes: '' }, at);
    await move(group, closed, OWNER, { step: 'done', notes: 'fixed' }, at);
    await move(group, closed, LEAD, { step: 'verify', notes: 'checked' }, at + 1_000);

    for (const date of ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-08']) {
      expect((await run(date)).returnvalue, date).toBe('nothing');
    }
    await run('2026-03-09'); // three days before the new date
    await run('2026-03-12');
    const texts = reminderPosts(OWNER).map(shown);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain('due 2026-03-12, in 3 days');
    expect(texts[2]).toContain('due today* (2026-03-12)');
    expect(texts.slice(1).join()).not.toContain(`#${closed}*`);
    expect(reminderPosts(LEAD)).toHaveLength(0);
    const keys = [...(await claims.all()).keys()].sort();
    expect(keys).toEqual(
      [
        `${closed}:soon:2026-03-05`,
        `${moved}:soon:2026-03-04`,
        `${moved}:soon:2026-03-12`,
        `${moved}:today:2026-03-12`,
      ].sort(),
    );
  }, 60_000);

  it('a job of a scheduler in another zone does nothing', async () => {
    const group = await seed();
    await raise(group, localDate(Date.now(), group.tz), Date.now());
    await env.startWorkers();
    await env.scheduling
      .queue('findings')
      .add('findings', { teamId: TEAM, groupId: group.id, tz: 'Europe/Berlin' });
    await eventually(async () => (await outcomes()).schedule_changed === 1, 8_000, 'the stale job');
    expect(await env.scheduling.queue('dm').getJobCounts()).toMatchObject({ waiting: 0, completed: 0 });
  });
});

describe('the daily scheduler', () => {
  const changes: [string, IsoDate][] = [
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/Berlin', '2026-03-29'],
    ['Europe/Berlin', '2026-10-25'],
    ['Pacific/Auckland', '2026-04-05'],
  ];
  it.each(changes)(
    '%s, %s: fires at 09:00 local the day before, the day of the change and after',
    (tz, day) => {
      let at = instantOf(day, '09:00', tz) - 1.5 * DAY;
      const fires: string[] = [];
      for (let i = 0; i < 3; i++) {
        at = bullmqNextFire(FINDINGS_PATTERN, tz, at) as number;
        fires.push(`${localDate(at, tz)} ${localClock(at, tz)}`);
      }
      expect(fires[1]).toBe(`${day} 09:00`);
      expect(fires.every((f) => f.endsWith(' 09:00'))).toBe(true);
      // Twenty-three or twenty-five hours apart across the change: the clock, not the interval, is kept.
      expect(new Set(fires.map((f) => f.slice(0, 10))).size).toBe(3);
    },
  );

  it('syncGroup sets it up once, in the group’s zone; another zone moves it', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.UTC(2026, 2, 7, 15)); // Saturday 10:00 in New York, before the change
    const queue = env.scheduling.queue('findings');
    const group = makeGroup({ tz: 'America/New_York' });
    await env.scheduling.syncGroup(group);
    const id = `findings-${TEAM}-C0GROUP`;
    expect(await queue.getJobScheduler(id)).toMatchObject({ pattern: '0 9 * * *', tz: 'America/New_York' });
    // Sunday 09:00 EDT, the first morning of daylight saving time.
    expect((await queue.getJobScheduler(id))?.next).toBe(Date.UTC(2026, 2, 8, 13));
    const [pending] = await queue.getDelayed();
    await env.scheduling.syncGroup(group);
    expect((await queue.getDelayed()).map((j) => j.id)).toEqual([pending?.id]);
    await env.scheduling.syncGroup({ ...group, tz: 'Europe/Berlin' });
    expect(await queue.getJobScheduler(id)).toMatchObject({
      tz: 'Europe/Berlin',
      next: Date.UTC(2026, 2, 8, 8),
    });
    expect(await queue.getDelayedCount()).toBe(1);
  });

  it('a group set up before the reminders existed gets its scheduler from the hourly look', async () => {
    const group = await seed({ tz: 'Europe/Berlin' });
    await env.startWorkers();
    const queue = env.scheduling.queue('findings');
    expect(await queue.getJobSchedulersCount()).toBe(0);
    await env.scheduling.queue('pings').add('pings', { teamId: TEAM, groupId: group.id });
    await eventually(async () => (await queue.getJobSchedulersCount()) === 1, 5_000, 'the scheduler');
    const scheduler = await queue.getJobScheduler(`findings-${TEAM}-${group.id}`);
    expect(scheduler).toMatchObject({ pattern: '0 9 * * *', tz: 'Europe/Berlin' });
    expect(localClock(scheduler?.next ?? 0, 'Europe/Berlin')).toBe('09:00');
    const [pending] = await queue.getDelayed();
    await env.scheduling.queue('pings').add('pings', { teamId: TEAM, groupId: group.id });
    await eventually(
      async () => (await env.scheduling.queue('pings').getCompletedCount()) === 2,
      5_000,
      'the second look',
    );
    expect((await queue.getDelayed()).map((j) => j.id)).toEqual([pending?.id]);
  });
});

describe('on the day of a clock change', () => {
  const cases: [string, IsoDate, IsoDate, string][] = [
    // Spring forward: 09:00 EDT is 13:00Z; the finding is due that day.
    ['America/New_York', '2026-03-08', '2026-03-08', 'due today* (2026-03-08)'],
    // Fall back: 09:00 EST is 14:00Z; due in three days, the first day of its window.
    ['America/New_York', '2026-11-01', '2026-11-04', 'due 2026-11-04, in 3 days'],
    // 09:00 NZST on the 5th is 21:00Z on the 4th: the local date, not the UTC one, is planned.
    ['Pacific/Auckland', '2026-04-05', '2026-04-05', 'due today* (2026-04-05)'],
  ];
  it.each(cases)(
    '%s %s: the scheduler’s 09:00 run plans for that local date',
    async (tz, day, due, line) => {
      const fire = instantOf(day, '09:00', tz);
      expect(localClock(fire, tz)).toBe('09:00');
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(fire - 3_000);
      const group = await seed({ tz }, fire - DAY);
      const id = await raise(group, due, fire - DAY);
      await env.scheduling.syncGroup(group);
      await env.startWorkers();
      const [dm] = await env.slack.waitFor(postedTo(OWNER), 10_000);
      expect(dm?.at).toBeGreaterThanOrEqual(fire);
      expect(shown(dm)).toContain(`*#${id}*`);
      expect(shown(dm)).toContain(line);
      await settled();
      expect(await dmKeys()).toEqual([`T1:C0GROUP:findings:${day}:${OWNER}`]);
      const scheduler = await env.scheduling.queue('findings').getJobScheduler(`findings-${TEAM}-C0GROUP`);
      expect(scheduler?.next).toBe(instantOf(localDate(fire + DAY, tz), '09:00', tz));
    },
    30_000,
  );
});
