import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bullmqNextFire } from '../../jobs/cron';
import { resyncAll } from '../../jobs/resync';
import { createScheduling } from '../../jobs/scheduling';
import { isUserError } from '../../src/domain/errors';
import { nextRun } from '../../src/domain/schedule';
import { allKeys } from '../support/redis';
import { type JobsEnv, makeGroup, openJobsEnv, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(() => env.cleanup());

const meeting = { weekday: 1 as const, time: '09:30', remindMinutes: 60, skips: [] };

describe('schedulers', () => {
  it('one per group and kind, with an id free of colons, the cron pattern and the zone', async () => {
    const group = makeGroup({ tz: 'Europe/Berlin', meeting, digest: { weekday: 5, time: '17:00' } });
    await env.scheduling.syncGroup(group);
    const reminder = await env.scheduling.queue('reminder').getJobScheduler(`reminder-${TEAM}-C0GROUP`);
    const digest = await env.scheduling.queue('digest').getJobScheduler(`digest-${TEAM}-C0GROUP`);
    expect(reminder).toMatchObject({ pattern: '30 8 * * 1', tz: 'Europe/Berlin' });
    expect(digest).toMatchObject({ pattern: '0 17 * * 5', tz: 'Europe/Berlin' });
    expect(await env.scheduling.queue('pings').getJobSchedulersCount()).toBe(1);
  });

  it('running the same command twice leaves one scheduler and one pending job', async () => {
    const group = makeGroup({ meeting });
    await env.scheduling.syncGroup(group);
    await env.scheduling.syncGroup(group);
    const queue = env.scheduling.queue('reminder');
    expect(await queue.getJobSchedulersCount()).toBe(1);
    expect(await queue.getDelayedCount()).toBe(1);
  });

  it('the next fire shown to users is the one BullMQ scheduled', async () => {
    const group = makeGroup({ tz: 'America/New_York', meeting, digest: { weekday: 3, time: '02:30' } });
    const now = Date.now();
    await env.scheduling.syncGroup(group);
    for (const kind of ['reminder', 'digest'] as const) {
      const scheduler = await env.scheduling.queue(kind).getJobScheduler(`${kind}-${TEAM}-C0GROUP`);
      expect(scheduler?.next).toBe(env.scheduling.nextRun(group, kind, now));
      expect(scheduler?.next).toBe(nextRun(group, kind, now, bullmqNextFire));
    }
  });

  it('changing the time zone or the time reschedules at once; off removes the scheduler', async () => {
    const queue = env.scheduling.queue('reminder');
    await env.scheduling.syncGroup(makeGroup({ tz: 'Asia/Shanghai', meeting }));
    const inShanghai = (await queue.getJobScheduler(`reminder-${TEAM}-C0GROUP`))?.next;
    await env.scheduling.syncGroup(makeGroup({ tz: 'Europe/Berlin', meeting }));
    const inBerlin = await queue.getJobScheduler(`reminder-${TEAM}-C0GROUP`);
    expect(inBerlin?.tz).toBe('Europe/Berlin');
    // Berlin is seven or six hours behind Shanghai; same local time, same weekday.
    expect([6, 7]).toContain(((inBerlin?.next ?? 0) - (inShanghai ?? 0)) / 3_600_000);
    expect(await queue.getDelayedCount()).toBe(1);
    const [delayed] = await queue.getDelayed();
    expect((delayed?.timestamp ?? 0) + (delayed?.delay ?? 0)).toBe(inBerlin?.next);
    await env.scheduling.syncGroup(makeGroup({ tz: 'Europe/Berlin', meeting: null }));
    expect(await queue.getJobSchedulersCount()).toBe(0);
    expect(await queue.getDelayedCount()).toBe(0);
  });

  it('refuses a time cron would skip at a clock change, and keeps the schedule it had', async () => {
    const good = makeGroup({ tz: 'America/Santiago', digest: { weekday: 7, time: '09:00' } });
    await env.scheduling.syncGroup(good);
    const bad = makeGroup({ tz: 'America/Santiago', digest: { weekday: 7, time: '00:15' } });
    const err = await env.scheduling.syncGroup(bad).catch((e: unknown) => e);
    expect(isUserError(err) && err.code).toBe('skipped_by_dst');
    const kept = await env.scheduling.queue('digest').getJobScheduler(`digest-${TEAM}-C0GROUP`);
    expect(kept?.pattern).toBe('0 9 * * 0');
  });

  it('a "now" request asked twice in a row is one job; the second is refused as too soon', async () => {
    const group = makeGroup({ meeting });
    await env.scheduling.digestNow(group, 'U0LEAD');
    const again = await env.scheduling.digestNow(group, 'U0LEAD').catch((e: unknown) => e);
    expect(isUserError(again) && again.code).toBe('too_soon');
    await env.scheduling.remindNow(group, 'U0LEAD');
    expect(await env.scheduling.queue('digest').getWaitingCount()).toBe(1);
    expect(await env.scheduling.queue('reminder').getWaitingCount()).toBe(1);
  });

  it('queues live under a hash-tagged prefix', async () => {
    expect(() =>
      createScheduling({ connection: env.redis, prefix: 'dudao', logger: undefined as never }),
    ).toThrow(/hash tag/);
    const keys = await allKeys(env.redis, `${env.queuePrefix}:digest:*`);
    await env.scheduling.digestNow(makeGroup(), 'U0LEAD');
    const after = await allKeys(env.redis, `${env.queuePrefix}:digest:*`);
    expect(after.length).toBeGreaterThan(keys.length);
    // Every key of the queues carries the prefix's hash tag: one Redis Cluster slot for them all.
    for (const key of await allKeys(env.redis, `*${env.queuePrefix.slice(1, -1)}*`)) {
      expect(key.startsWith(`${env.queuePrefix}:`) || key.startsWith(`${env.prefix}:{`)).toBe(true);
    }
  });
});

describe('resyncAll', () => {
  it('upserts every listed group and reports the ones refused', async () => {
    const groups = [
      makeGroup({ id: 'C0A', meeting }),
      makeGroup({ id: 'C0B', digest: { weekday: 2, time: '08:00' } }),
      makeGroup({ id: 'C0C', tz: 'America/Santiago', digest: { weekday: 7, time: '00:00' } }),
    ];
    const source = {
      async *allGroups() {
        yield* groups;
      },
    };
    const report = await resyncAll(source, env.scheduling);
    expect(report).toEqual({
      synced: 2,
      refused: [{ teamId: TEAM, groupId: 'C0C', code: 'skipped_by_dst' }],
    });
    expect(await env.scheduling.queue('reminder').getJobSchedulersCount()).toBe(1);
    expect(await env.scheduling.queue('digest').getJobSchedulersCount()).toBe(1);
    expect(await env.scheduling.queue('pings').getJobSchedulersCount()).toBe(2);
  });
});
