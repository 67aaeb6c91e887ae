import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, deleteKeys, makeGroup, makeUnit, openHarness } from './fixture';

const h = openHarness();
beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

describe('members', () => {
  it('adds members with their roles and changes a role', async () => {
    await h.team.putMembers(
      'C1',
      [
        { userId: 'UAMY', role: 'member' },
        { userId: 'UBEN', role: 'deputy' },
      ],
      actor(),
    );
    await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'deputy' }], actor());

    expect(await h.team.getMembers('C1')).toEqual([
      { userId: 'ULEAD', role: 'leader' },
      { userId: 'UAMY', role: 'deputy' },
      { userId: 'UBEN', role: 'deputy' },
    ]);
    expect(await h.team.getMember('C1', 'UAMY')).toEqual({ userId: 'UAMY', role: 'deputy' });
    expect(await h.team.groupsOfUser('UBEN')).toEqual(['C1']);
  });

  it('lists every group a user is in', async () => {
    await h.team.createGroup(makeGroup('C2', { createdBy: 'UBEN' }), actor('UBEN'));
    await h.team.putMembers('C1', [{ userId: 'UBEN', role: 'member' }], actor());
    expect(await h.team.groupsOfUser('UBEN')).toEqual(['C1', 'C2']);
  });

  it('removes a member from the group and from every unit they were liaison for', async () => {
    await h.team.addUnit('C1', makeUnit('moc', { liaisons: ['UAMY', 'UBEN'] }), actor());
    await h.team.addUnit('C1', makeUnit('mof', { liaisons: ['UAMY'] }), actor());
    await h.team.addUnit('C1', makeUnit('moe', { liaisons: ['UBEN'] }), actor());

    expect(await h.team.removeMember('C1', 'UAMY', actor())).toBe('removed');

    expect(await h.team.getMember('C1', 'UAMY')).toBeNull();
    expect(await h.team.groupsOfUser('UAMY')).toEqual([]);
    const liaisons = Object.fromEntries((await h.team.listUnits('C1')).map((u) => [u.key, u.liaisons]));
    expect(liaisons).toEqual({ moc: ['UBEN'], mof: [], moe: ['UBEN'] });
  });

  it('answers not_member when the user is not a member', async () => {
    expect(await h.team.removeMember('C1', 'UNOBODY', actor())).toBe('not_member');
  });

  it('still takes the member off a unit whose liaisons change while being removed', async () => {
    await h.team.addUnit('C1', makeUnit('moc', { liaisons: ['UAMY'] }), actor());
    await Promise.all([
      h.team.removeMember('C1', 'UAMY', actor()),
      h.team.updateUnit('C1', 'moc', { name: 'Renamed' }, actor()),
    ]);
    const [unit] = await h.team.listUnits('C1');
    expect(unit?.name).toBe('Renamed');
    expect(unit?.liaisons).toEqual([]);
  });
});
