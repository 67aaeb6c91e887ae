import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;
const h = openHarness();
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

describe('activities', () => {
  it('stores an activity with a fresh id', async () => {
    const a = await log(
      h.team,
      'C1',
      makeActivity('moc', '2026-01-06', { notes: 'met the minister', count: 3 }),
    );
    const b = await log(h.team, 'C1', makeActivity('mof', '2026-01-06'));
    expect(b.id).toBeGreaterThan(a.id);
    expect(await h.team.recentActivities('C1', 'moc', 5)).toEqual([
      { ...makeActivity('moc', '2026-01-06', { notes: 'met the minister', count: 3 }), id: a.id },
    ]);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(2);
  });

  it('lists a unit’s activities newest first, by date and then by id', async () => {
    const first = await log(h.team, 'C1', makeActivity('moc', '2026-01-05'));
    const older = await log(h.team, 'C1', makeActivity('moc', '2025-12-30'));
    const second = await log(h.team, 'C1', makeActivity('moc', '2026-01-05'));
    await log(h.team, 'C1', makeActivity('mof', '2026-01-07'));

    const ids = (await h.team.recentActivities('C1', 'moc', 10)).map((a) => a.id);
    expect(ids).toEqual([second.id, first.id, older.id]);
    expect((await h.team.recentActivities('C1', 'moc', 2)).map((a) => a.id)).toEqual([second.id, first.id]);
  });

  it('lists activities dated in a range, both ends included, oldest first', async () => {
    const dates = ['2026-01-08', '2025-12-31', '2026-01-01', '2026-01-04', '2026-01-05'];
    for (const [i, date] of dates.entries())
      await log(h.team, 'C1', makeActivity(i % 2 ? 'moc' : 'mof', date));
    const between = await h.team.activitiesBetween('C1', '2026-01-01', '2026-01-05');
    expect(between.map((a) => a.date)).toEqual(['2026-01-01', '2026-01-04', '2026-01-05']);
  });
});

describe('undo', () => {
  it('removes the user’s most recently logged activity, and only once', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY', createdAt: NOW }));
    const latest = await log(
      h.team,
      'C1',
      makeActivity('mof', '2026-01-02', { userId: 'UAMY', createdAt: NOW + MINUTE }),
    );

    expect(await h.team.undoLastActivity('C1', actor('UAMY', NOW + 2 * MINUTE), WINDOW)).toEqual(latest);
    expect(await h.team.recentActivities('C1', 'mof', 5)).toEqual([]);
    expect(await h.team.activitiesBetween('C1', '2026-01-01', '2026-01-31')).toHaveLength(1);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
  });

  it('undoes a single activity once, even when undos race', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY' }));
    const undos = await Promise.all(
      [1, 2, 3].map(() => h.team.undoLastActivity('C1', actor('UAMY', NOW + MINUTE), WINDOW)),
    );
    expect(undos.filter((u) => u !== null)).toHaveLength(1);
    expect(await h.team.undoLastActivity('C1', actor('UAMY', NOW + MINUTE), WINDOW)).toBeNull();
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(0);
  });

  it('never removes someone else’s activity', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY' }));
    expect(await h.team.undoLastActivity('C1', actor('UBEN', NOW + MINUTE), WINDOW)).toBeNull();
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
  });

  it('does nothing once the window has passed', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY' }));
    expect(await h.team.undoLastActivity('C1', actor('UAMY', NOW + 16 * MINUTE), WINDOW)).toBeNull();
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
  });
});
