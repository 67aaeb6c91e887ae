import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates';
import type { Activity } from '../../src/domain/types';
import { paddedId, weekOf } from '../../src/store/activity-form';
import { teamKeys } from '../../src/store/keys';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const MINUTE = 60_000;
const h = openHarness();
const keys = teamKeys(h.prefix, 'T1');
beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
  await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
  for (const key of ['moc', 'mof']) await h.team.addUnit('C1', makeUnit(key), actor());
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

const stored = async (id: number) => (await h.redis.hget(keys.activities('C1'), paddedId(id))) ?? '';

describe('the stored form of an activity', () => {
  it('keeps neither the id nor fields at their defaults, and reads back every field', async () => {
    const plain = await log(h.team, 'C1', makeActivity('moc', '2026-01-07', { createdAt: NOW }));
    const full = await log(
      h.team,
      'C1',
      makeActivity('mof', '2025-12-30', {
        type: 'plan_review',
        count: 12,
        notes: 'read the "plan", 第二稿',
        link: 'https://x.slack.com/archives/C1/p1',
        createdAt: NOW + 1,
      }),
    );
    // Unit, type, date, author and when: nothing else for an activity with no notes and a count of 1.
    expect(JSON.parse(await stored(plain.id))).toEqual([
      'moc',
      'i',
      dayNumber('2026-01-07'),
      'ULEAD',
      43_200_000,
    ]);
    expect(await stored(full.id)).not.toContain(`"id"`);
    expect((await stored(full.id)).length).toBeLessThan(JSON.stringify(full).length / 2 + 20);

    expect(await h.team.recentActivities('C1', 'moc', 5)).toEqual([plain]);
    expect(await h.team.recentActivities('C1', 'mof', 5)).toEqual([full]);
    expect(full).toEqual({
      ...makeActivity('mof', '2025-12-30', {
        type: 'plan_review',
        count: 12,
        notes: 'read the "plan", 第二稿',
        link: 'https://x.slack.com/archives/C1/p1',
        createdAt: NOW + 1,
      }),
      id: full.id,
    });
    const between = await h.team.activitiesBetween('C1', '2025-12-01', '2026-01-31');
    expect(between).toEqual([full, plain]);
  });

  it('skips a damaged record and reports it, as for any record', async () => {
    const a = await log(h.team, 'C1', makeActivity('moc', '2026-01-06'));
    const b = await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { createdAt: NOW + 1 }));
    await h.redis.hset(keys.activities('C1'), paddedId(a.id), '["moc","i","not a day"]');
    expect((await h.team.recentActivities('C1', 'moc', 5)).map((x) => x.id)).toEqual([b.id]);
  });

  it('reads long ranges through the weeks holding activities, and forgets emptied weeks', async () => {
    const old = await log(
      h.team,
      'C1',
      makeActivity('moc', '2019-03-04', { userId: 'UAMY', createdAt: NOW }),
    );
    const recent = await log(h.team, 'C1', makeActivity('mof', '2026-01-05', { createdAt: NOW + 1 }));
    // Years of weeks, of which two hold an activity.
    expect(await h.team.activitiesBetween('C1', '2000-01-01', '2026-01-07')).toEqual([old, recent]);
    expect(await h.team.exportRows('C1').size('1970-01-01', '2026-01-07')).toMatchObject({ activities: 2 });
    expect(await h.redis.smembers(keys.activityWeeks('C1'))).toHaveLength(2);

    expect(await h.team.undoLastActivity('C1', actor('UAMY', NOW + MINUTE), 15 * MINUTE)).toEqual(old);
    expect(await h.redis.smembers(keys.activityWeeks('C1'))).toEqual([
      String(weekOf(dayNumber('2026-01-05'))),
    ]);
    expect(await h.team.activitiesBetween('C1', '1970-01-01', '2026-01-07')).toEqual([recent]);
  });

  it('keeps only a user’s latest activities in their undo index, and undoes them newest first', async () => {
    const logged: Activity[] = [];
    for (let i = 0; i < 30; i++)
      logged.push(await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { createdAt: NOW + i })));
    expect(await h.redis.zcard(keys.userActivities('C1', 'ULEAD'))).toBe(20);
    expect(await h.team.undoLastActivity('C1', actor('ULEAD', NOW + 31), 15 * MINUTE)).toEqual(logged[29]);
    expect(await h.team.undoLastActivity('C1', actor('ULEAD', NOW + 32), 15 * MINUTE)).toEqual(logged[28]);
  });
});

describe('activities stored by earlier versions', () => {
  /** What the version before the compact form wrote for one activity: the object, and three sorted sets. */
  async function writeOldForm(a: Activity): Promise<void> {
    const member = paddedId(a.id);
    const day = dayNumber(a.date);
    await h.redis.hset(keys.activities('C1'), member, JSON.stringify(a));
    await h.redis.zadd(keys.unitActivities('C1', a.unitKey), day, member);
    await h.redis.zadd(keys.activitiesByDate('C1'), day, member);
    await h.redis.zadd(keys.userActivities('C1', a.userId), a.createdAt, member);
  }

  const oldOne = (id: number, date: string, overrides: Partial<Activity> = {}): Activity => ({
    ...makeActivity('moc', date, { notes: 'written before', count: 2, ...overrides }),
    id,
  });

  beforeEach(async () => {
    // The old version took ids from the same counter.
    await h.redis.hset(keys.group('C1'), 'actSeq', '3');
  });

  it('are read with the new ones, in date then id order, by every read', async () => {
    const old = [
      oldOne(1, '2026-01-05'),
      oldOne(2, '2026-01-07', { unitKey: 'mof' }),
      oldOne(3, '2025-06-02'),
    ];
    for (const a of old) await writeOldForm(a);
    const fresh = await log(h.team, 'C1', makeActivity('moc', '2026-01-05', { createdAt: NOW + 1 }));
    expect(fresh.id).toBe(4);

    expect(await h.team.recentActivities('C1', 'moc', 10)).toEqual([fresh, old[0], old[2]]);
    expect(await h.team.activitiesBetween('C1', '2026-01-05', '2026-01-11')).toEqual([old[0], fresh, old[1]]);
    const summaries = await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11');
    expect(summaries.map((s) => [s.unit.key, s.lastContact, s.weekCount])).toEqual([
      ['moc', '2026-01-05', 2],
      ['mof', '2026-01-07', 1],
    ]);

    const rows = h.team.exportRows('C1');
    expect(await rows.size('1970-01-01', '2026-01-31')).toMatchObject({ activities: 4 });
    const pages: number[][] = [];
    for await (const page of rows.activities('1970-01-01', '2026-01-31', 3))
      pages.push(page.map((a) => a.id));
    expect(pages).toEqual([[3, 1, 4], [2]]);
  });

  it('are undone from every index they were written to, with the whole record in the audit', async () => {
    const a = oldOne(3, '2026-01-06', { userId: 'UAMY', createdAt: NOW });
    await writeOldForm(a);
    expect(await h.team.undoLastActivity('C1', actor('UAMY', NOW + MINUTE), 15 * MINUTE)).toEqual(a);
    expect(await h.team.recentActivities('C1', 'moc', 5)).toEqual([]);
    expect(await h.team.activitiesBetween('C1', '2026-01-01', '2026-01-31')).toEqual([]);
    expect(await h.redis.zcard(keys.activitiesByDate('C1'))).toBe(0);
    const [undo] = await h.inspect.auditTrail('T1', 'C1', 1);
    expect(undo).toMatchObject({ action: 'activity_undo', target: 'activity:3', before: a, after: null });
  });
});
