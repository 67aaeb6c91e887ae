import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actor, deleteKeys, type Harness, makeActivity, makeGroup, makeUnit, openHarness } from './fixture';

describe('the reads and writes of every command', () => {
  let h: Harness;
  beforeEach(async () => {
    h = openHarness();
    await h.team.createGroup(makeGroup('C1'), actor());
    await h.team.addUnit('C1', makeUnit('moc'), actor());
  });
  afterEach(async () => {
    await deleteKeys(h.redis, h.prefix);
    h.redis.disconnect();
  });

  it('groupForChannel returns the channel’s group with the caller’s membership', async () => {
    expect(await h.team.groupForChannel('C1', 'ULEAD')).toMatchObject({
      group: { id: 'C1', name: 'Guidance group 1' },
      member: { userId: 'ULEAD', role: 'leader' },
    });
    expect((await h.team.groupForChannel('C1', 'UOTHER'))?.member).toBeNull();
    expect(await h.team.groupForChannel('C2', 'ULEAD')).toBeNull();
    expect(await h.store.forTeam('T2').groupForChannel('C1', 'ULEAD')).toBeNull();
  });

  it('getUnit reads one unit, and answers null for names that cannot be keys', async () => {
    expect(await h.team.getUnit('C1', 'moc')).toMatchObject({ key: 'moc', name: 'Unit moc' });
    expect(await h.team.getUnit('C1', 'nope')).toBeNull();
    expect(await h.team.getUnit('C1', 'Ministry of Commerce')).toBeNull();
    expect(await h.team.getUnit('C1', 'a}:b')).toBeNull();
  });

  it('addActivity numbers activities in order and indexes each for status, undo and audit', async () => {
    const first = await h.team.addActivity('C1', makeActivity('moc', '2026-01-05'), actor());
    const second = await h.team.addActivity(
      'C1',
      makeActivity('moc', '2026-01-06', { notes: '{"id":9}' }),
      actor(),
    );
    expect([first.id, second.id]).toEqual([1, 2]);
    const recent = await h.team.recentActivities('C1', 'moc', 5);
    expect(recent.map((a) => [a.id, a.notes])).toEqual([
      [2, '{"id":9}'],
      [1, first.notes],
    ]);
    const [summary] = await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11');
    expect(summary).toMatchObject({ lastContact: '2026-01-06', weekCount: 2 });
    const trail = await h.inspect.auditTrail('T1', 'C1', 1);
    // The audit names the activity; its content is the record itself, not a second copy.
    expect(trail[0]).toMatchObject({
      action: 'activity_add',
      target: 'activity:2',
      before: null,
      after: null,
    });
    expect((await h.team.undoLastActivity('C1', actor(), 60_000))?.id).toBe(2);
  });
});

describe('allGroups', () => {
  it('lists every group of every team under this prefix only', async () => {
    const h = openHarness();
    const other = openHarness();
    try {
      await h.team.createGroup(makeGroup('C1'), actor());
      await h.team.createGroup(makeGroup('C2', { name: 'Second' }), actor());
      await h.store.forTeam('T2').createGroup(makeGroup('C1', { teamId: 'T2', name: 'Team two' }), actor());
      await other.team.createGroup(makeGroup('C9'), actor());
      const found: string[] = [];
      for await (const g of h.store.allGroups()) found.push(`${g.teamId}/${g.id}/${g.name}`);
      expect(found.sort()).toEqual(['T1/C1/Guidance group 1', 'T1/C2/Second', 'T2/C1/Team two']);
    } finally {
      await deleteKeys(h.redis, h.prefix);
      await deleteKeys(other.redis, other.prefix);
      h.redis.disconnect();
      other.redis.disconnect();
    }
  });
});
