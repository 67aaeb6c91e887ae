import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { actor, deleteKeys, makeGroup, NOW, openHarness } from './fixture';

const h = openHarness();
afterEach(() => deleteKeys(h.redis, h.prefix));
afterAll(() => h.store.close());

describe('groups', () => {
  it('binds the channel once: a second setup in the same channel is refused and changes nothing', async () => {
    expect(await h.team.createGroup(makeGroup('C1', { name: 'Audit team' }), actor('ULEAD'))).toBe('created');
    const again = makeGroup('C1', { name: 'Intruder', createdBy: 'UOTHER' });
    expect(await h.team.createGroup(again, actor('UOTHER'))).toBe('channel_taken');

    expect((await h.team.groupForChannel('C1', 'ULEAD'))?.group.id).toBe('C1');
    expect((await h.team.getGroup('C1'))?.name).toBe('Audit team');
    expect(await h.team.getMember('C1', 'ULEAD')).toEqual({ userId: 'ULEAD', role: 'leader' });
    expect(await h.team.getMember('C1', 'UOTHER')).toBeNull();
    expect(await h.team.groupsOfUser('ULEAD')).toEqual(['C1']);
    expect(await h.team.groupsOfUser('UOTHER')).toEqual([]);
  });

  it('only one of two concurrent setups in a channel wins', async () => {
    const results = await Promise.all([
      h.team.createGroup(makeGroup('C2', { name: 'A', createdBy: 'UA' }), actor('UA')),
      h.team.createGroup(makeGroup('C2', { name: 'B', createdBy: 'UB' }), actor('UB')),
    ]);
    expect(results.sort()).toEqual(['channel_taken', 'created']);
    expect((await h.team.getMembers('C2')).filter((m) => m.role === 'leader')).toHaveLength(1);
  });

  it('answers null for a channel or group that was never set up', async () => {
    expect(await h.team.groupForChannel('C404', 'ULEAD')).toBeNull();
    expect(await h.team.getGroup('C404')).toBeNull();
    expect(await h.team.updateGroup('C404', { name: 'x' }, actor())).toBeNull();
  });

  it('updates the fields given and keeps the others', async () => {
    await h.team.createGroup(makeGroup('C1'), actor());
    const meeting = { weekday: 1 as const, time: '09:30', remindMinutes: 60, skips: [] };
    const updated = await h.team.updateGroup('C1', { meeting, coverageDays: 10 }, actor('ULEAD', NOW + 1));
    expect(updated).toMatchObject({
      meeting,
      coverageDays: 10,
      name: 'Guidance group 1',
      tz: 'Asia/Shanghai',
    });
    expect(await h.team.getGroup('C1')).toEqual(updated);
    const off = await h.team.updateGroup('C1', { meeting: null }, actor());
    expect(off?.meeting).toBeNull();
  });

  it('loses neither of two concurrent updates of different fields', async () => {
    await h.team.createGroup(makeGroup('C1'), actor());
    await Promise.all([
      h.team.updateGroup('C1', { name: 'Renamed' }, actor()),
      h.team.updateGroup('C1', { tz: 'Europe/Paris' }, actor()),
      h.team.updateGroup('C1', { lang: 'zh' }, actor()),
    ]);
    expect(await h.team.getGroup('C1')).toMatchObject({ name: 'Renamed', tz: 'Europe/Paris', lang: 'zh' });
  });
});
