import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingSchedule } from '../../src/domain/types';
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

const mondayTen: MeetingSchedule = { weekday: 1, time: '10:00', remindMinutes: 60, skips: [] };
const postedTo = (channel: string) => (c: StandInCall) =>
  c.method === 'chat.postMessage' && c.body.channel === channel && c.status === 200;

async function outcomes(kind: string): Promise<Record<string, number>> {
  const metric = await env.metrics.jobs.get();
  return Object.fromEntries(
    metric.values.filter((v) => v.labels.kind === kind).map((v) => [v.labels.outcome, v.value]),
  );
}

describe('scheduled reminders and digests', () => {
  it('the scheduler fires a New York reminder a few seconds ahead, at 14:00Z after the November change', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.UTC(2025, 10, 3, 13, 59, 57));
    const group = await seedGroup(env, makeGroup({ tz: 'America/New_York', meeting: mondayTen }), [
      makeUnit('moc', ['U0LIA1']),
    ]);
    await env.scheduling.syncGroup(group);
    await env.startWorkers();

    const [reminder] = await env.slack.waitFor(postedTo('C0GROUP'), 8_000);
    expect(reminder?.at).toBeGreaterThanOrEqual(Date.UTC(2025, 10, 3, 14));
    // With it, the liaison whose unit saw no activity is pinged.
    await env.slack.waitFor(postedTo('U0LIA1'), 5_000);
    const record = await env.store
      .forTeam(TEAM)
      .delivery({ kind: 'reminder', groupId: 'C0GROUP', occurrence: '2025-11-03' })
      .read();
    expect(record.state).toBe('sent');
    const scheduler = await env.scheduling.queue('reminder').getJobScheduler(`reminder-${TEAM}-C0GROUP`);
    expect(scheduler?.next).toBe(Date.UTC(2025, 10, 10, 14));
  });

  it('after downtime: the reminder of a meeting that began is dropped, the digest is sent once, then next week', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.UTC(2025, 10, 3, 13)); // Monday 08:00 in New York
    const group = await seedGroup(
      env,
      makeGroup({ tz: 'America/New_York', meeting: mondayTen, digest: { weekday: 1, time: '09:30' } }),
      [makeUnit('moc', ['U0LIA1'])],
    );
    await env.scheduling.syncGroup(group);
    vi.setSystemTime(Date.UTC(2025, 10, 3, 16)); // back at 11:00: the meeting began at 10:00
    await env.startWorkers();

    // Three fires are overdue at once: the reminder (09:00), the digest (09:30) and the hourly look
    // (08:18), whose coverage DMs to the liaison and the leader race the other two. So what was not
    // sent is only checked once every job has settled, and a DM is told apart by its dedupe key.
    await eventually(async () => (await outcomes('reminder')).too_late === 1, 8_000, 'the late reminder');
    await eventually(async () => (await outcomes('digest')).sent === 1, 8_000, 'the late digest');
    await eventually(async () => (await outcomes('pings')).planned === 1, 8_000, 'the hourly look');
    const dmQueue = env.scheduling.queue('dm');
    await eventually(
      async () => {
        const c = await dmQueue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(c).every((n) => n === 0);
      },
      8_000,
      'the DMs to settle',
    );
    const reminderRecord = env.store
      .forTeam(TEAM)
      .delivery({ kind: 'reminder', groupId: 'C0GROUP', occurrence: '2025-11-03' });
    expect(await reminderRecord.read()).toEqual({});
    // The dropped reminder planned no liaison pings (`…:liaison:2025-11-03:U0LIA1`); the look's are sent.
    const dmKeys = (await dmQueue.getJobs(['completed', 'failed'])).map((j) => String(j.data.dedupeKey));
    expect(dmKeys.sort()).toEqual([
      expect.stringMatching(/^T1:C0GROUP:coverage-leader:\d+:U0LEAD$/),
      expect.stringMatching(/^T1:C0GROUP:coverage-liaison:\d+:U0LIA1$/),
    ]);
    expect(env.slack.calls.filter(postedTo('C0GROUP'))).toHaveLength(1);
    expect(env.slack.calls.filter(postedTo('U0LIA1'))).toHaveLength(1);
    const reminder = await env.scheduling.queue('reminder').getJobScheduler(`reminder-${TEAM}-C0GROUP`);
    const digest = await env.scheduling.queue('digest').getJobScheduler(`digest-${TEAM}-C0GROUP`);
    expect(reminder?.next).toBe(Date.UTC(2025, 10, 10, 14));
    expect(digest?.next).toBe(Date.UTC(2025, 10, 10, 14, 30));
  });
  it('a skipped meeting gets no reminder and no pings; the next week is still scheduled', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.UTC(2025, 10, 3, 13, 59, 58));
    const meeting = { ...mondayTen, skips: ['2025-11-03'] };
    const group = await seedGroup(env, makeGroup({ tz: 'America/New_York', meeting }), [
      makeUnit('moc', ['U0LIA1']),
    ]);
    await env.scheduling.syncGroup(group);
    await env.startWorkers();
    await eventually(async () => (await outcomes('reminder')).skipped === 1, 8_000, 'the skipped reminder');
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(0);
    const scheduler = await env.scheduling.queue('reminder').getJobScheduler(`reminder-${TEAM}-C0GROUP`);
    expect(scheduler?.next).toBe(Date.UTC(2025, 10, 10, 14));
  });

  it('a digest with no activity at all is still sent', async () => {
    const group = await seedGroup(env, makeGroup());
    await env.startWorkers();
    await env.scheduling.digestNow(group, 'U0LEAD');
    const [digest] = await env.slack.waitFor(postedTo('C0GROUP'), 5_000);
    expect(String(digest?.body.text)).not.toBe('');
  });
});

describe('exactly once', () => {
  it('two workers, 30 % answered 429 (Retry-After 1) and 10 % 500: every message arrives once', async () => {
    const liaisons = Array.from({ length: 30 }, (_, i) => `U0LIA${i}`);
    const group = await seedGroup(
      env,
      makeGroup({ meeting: mondayTen }),
      liaisons.map((user, i) => makeUnit(`u${i}`, [user])),
    );
    env.slack.setFaults({ rateLimitedRatio: 0.3, retryAfterSeconds: 1, serverErrorRatio: 0.1, seed: 7 });
    await env.startWorkers();
    await env.startWorkers();
    await env.scheduling.remindNow(group, 'U0LEAD');
    await env.scheduling.digestNow(group, 'U0LEAD');

    const expected = 2 + liaisons.length;
    await eventually(() => env.front.deliveriesByMarker().size >= expected, 40_000, 'every message');
    await eventually(
      async () => {
        const counts = await Promise.all(
          env.scheduling.queues.map((q) => q.getJobCounts('active', 'waiting', 'delayed', 'failed')),
        );
        return counts.every((c) => (c.active ?? 0) + (c.waiting ?? 0) + (c.delayed ?? 0) === 0);
      },
      10_000,
      'the queues to drain',
    );
    const byMarker = env.front.deliveriesByMarker();
    expect(byMarker.size).toBe(expected);
    expect(byMarker.has('unmarked')).toBe(false);
    for (const calls of byMarker.values()) expect(calls).toHaveLength(1);
    for (const user of liaisons)
      expect(env.slack.delivered('chat.postMessage').filter(postedTo(user))).toHaveLength(1);
    expect(env.slack.calls.some((c) => c.status === 429)).toBe(true);
    expect(env.slack.calls.some((c) => c.status === 500)).toBe(true);
    for (const q of env.scheduling.queues) expect(await q.getFailedCount()).toBe(0);
  }, 60_000);

  it('a 429 for one user delays only that DM and spends no attempt', async () => {
    await env.startWorkers();
    // The slow user's first two posts are answered 429 Retry-After 1; when they came is kept.
    const limitedAt: number[] = [];
    env.front.rateLimit = (method, raw) => {
      if (method !== 'chat.postMessage' || !raw.includes('channel=U0SLOW') || limitedAt.length >= 2) return 0;
      limitedAt.push(Date.now());
      return 1;
    };
    const dm = (userId: string) => ({
      name: 'dm',
      data: {
        teamId: TEAM,
        groupId: 'C0GROUP',
        userId,
        dedupeKey: `test:${userId}`,
        message: { text: `hello ${userId}`, blocks: [] },
      },
      opts: { jobId: `dm-test-${userId}` },
    });
    const queue = env.scheduling.queue('dm');
    await queue.addBulk([dm('U0SLOW'), ...['U0FAST1', 'U0FAST2', 'U0FAST3'].map(dm)]);
    const fast = await env.slack.waitFor((c) => postedTo('U0FAST3')(c), 3_000);
    await eventually(() => limitedAt.length === 2, 3_000, 'the second try of the slow DM');
    // The others went out while the slow one waited: its 429 held up no one else.
    expect(fast[0]?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(limitedAt[1] as number);
    const [slow] = await env.slack.waitFor(postedTo('U0SLOW'), 6_000);
    // Each Retry-After was honoured.
    expect((limitedAt[1] as number) - (limitedAt[0] as number)).toBeGreaterThanOrEqual(1_000);
    expect((slow?.at ?? 0) - (limitedAt[1] as number)).toBeGreaterThanOrEqual(1_000);
    await eventually(async () => (await queue.getCompletedCount()) === 4, 3_000, 'the DMs to complete');
    const slowJob = await queue.getJob('dm-test-U0SLOW');
    const fastJob = await queue.getJob('dm-test-U0FAST1');
    expect(slowJob?.attemptsStarted).toBe(3);
    expect(slowJob?.attemptsMade).toBe(fastJob?.attemptsMade);
  });

  it('closing the workers lets a send in flight finish and record it', async () => {
    const group = await seedGroup(env, makeGroup());
    const workers = await env.startWorkers();
    env.front.hold = (method) => (method === 'chat.postMessage' ? 700 : 0);
    await env.scheduling.digestNow(group, 'U0LEAD');
    await env.slack.waitFor(postedTo('C0GROUP'), 5_000);
    await workers.close();
    const queue = env.scheduling.queue('digest');
    expect(await queue.getCompletedCount()).toBe(1);
    expect(await queue.getActiveCount()).toBe(0);
    expect((await outcomes('digest')).sent).toBe(1);
  });
});

describe('hourly pings and bad jobs', () => {
  it('a unit past the coverage threshold pings its liaison and, at twice it, the leader: once each', async () => {
    const now = Date.now();
    const group = await seedGroup(env, makeGroup({ coverageDays: 7, createdAt: now - 30 * 86_400_000 }), [
      makeUnit('moc', ['U0LIA1'], now - 20 * 86_400_000),
    ]);
    await env.startWorkers();
    const queue = env.scheduling.queue('pings');
    await queue.add('pings', { teamId: TEAM, groupId: group.id });
    await env.slack.waitFor(postedTo('U0LIA1'), 5_000);
    await env.slack.waitFor(postedTo('U0LEAD'), 5_000);
    await queue.add('pings', { teamId: TEAM, groupId: group.id });
    await eventually(async () => (await queue.getCompletedCount()) === 2, 5_000, 'the second look');
    await eventually(
      async () => (await env.scheduling.queue('dm').getActiveCount()) === 0,
      3_000,
      'DMs to settle',
    );
    expect(env.slack.calls.filter(postedTo('U0LIA1'))).toHaveLength(1);
    expect(env.slack.calls.filter(postedTo('U0LEAD'))).toHaveLength(1);
  });

  it('a job whose data does not check out fails at once, without retries or a post', async () => {
    await env.startWorkers();
    const queue = env.scheduling.queue('digest');
    const job = await queue.add('digest', { trigger: 'now', teamId: TEAM });
    await eventually(async () => (await queue.getFailedCount()) === 1, 5_000, 'the job to fail');
    expect((await queue.getJob(job.id as string))?.attemptsMade).toBe(1);
    expect((await outcomes('digest')).invalid).toBe(1);
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
