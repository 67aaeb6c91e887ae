import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors';
import { actor, deleteKeys, makeGroup, makeUnit, openHarness } from './fixture';

const h = openHarness();
const once = (requestId: string, userId = 'ULEAD') => ({ ...actor(userId), requestId });
const units = (n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => makeUnit(`${prefix}${i}`, { name: `Unit ${i}` }));

beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  h.inspect.close();
  await h.store.close();
});

/** Everything an import could have written: units in order, members, the audit trail's length. */
async function snapshot() {
  return {
    units: await h.team.listUnits('C1', { includeArchived: true }),
    members: await h.team.getMembers('C1'),
    audit: (await h.inspect.auditTrail('T1', 'C1', 10_000)).length,
  };
}

describe('importUnits', () => {
  it('stores every unit in order, audits each, and makes new liaisons members', async () => {
    await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'deputy' }], actor());
    const batch = [
      makeUnit('moc', { liaisons: ['UDEP', 'ULIA', 'ULIA'] }),
      makeUnit('mof', { liaisons: ['ULIA'] }),
      makeUnit('moe'),
    ];
    expect(await h.team.importUnits('C1', batch, once('V1'))).toEqual({ kind: 'created' });

    const stored = await h.team.listUnits('C1');
    expect(stored.map((u) => u.key)).toEqual(['moc', 'mof', 'moe']);
    expect(stored[0]?.liaisons).toEqual(['UDEP', 'ULIA']);
    expect(await h.team.getMember('C1', 'ULIA')).toEqual({ userId: 'ULIA', role: 'liaison' });
    expect(await h.team.getMember('C1', 'UDEP')).toEqual({ userId: 'UDEP', role: 'deputy' });
    expect(await h.team.groupsOfUser('ULIA')).toEqual(['C1']);
    const trail = await h.inspect.auditTrail('T1', 'C1', 5);
    expect(trail.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['member_add', 'member:ULIA', 'ULEAD'],
      ['unit_add', 'unit:moe', 'ULEAD'],
      ['unit_add', 'unit:mof', 'ULEAD'],
      ['unit_add', 'unit:moc', 'ULEAD'],
      ['member_add', 'member:UDEP', 'ULEAD'],
    ]);
  });

  it('writes nothing when any key is taken, archived units included, and names every such key', async () => {
    await h.team.addUnit('C1', makeUnit('u3'), actor());
    await h.team.addUnit('C1', makeUnit('u7'), actor());
    await h.team.updateUnit('C1', 'u7', { archived: true }, actor());
    const before = await snapshot();
    const batch = units(10).map((u) => ({ ...u, liaisons: ['UNEW'] }));

    expect(await h.team.importUnits('C1', batch, once('V2'))).toEqual({ kind: 'taken', keys: ['u3', 'u7'] });
    expect(await snapshot()).toEqual(before);
    expect(await h.team.getMember('C1', 'UNEW')).toBeNull();
  });

  it('judges the caller as stored at the write: a member is refused, someone outside too', async () => {
    await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'member' }], actor());
    const before = await snapshot();
    expect(await h.team.importUnits('C1', units(3), once('V3', 'UMEM'))).toEqual({ kind: 'forbidden' });
    await expect(h.team.importUnits('C1', units(3), once('V4', 'UOUT'))).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof UserError && err.code === 'not_member' && err.params.leader === 'ULEAD',
    );
    expect(await snapshot()).toEqual(before);
    // A refused request may be tried again, once the caller leads.
    await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'deputy' }], actor());
    expect(await h.team.importUnits('C1', units(3), once('V3', 'UMEM'))).toEqual({ kind: 'created' });
  });

  it('imports once per request, however often it is sent', async () => {
    expect(await h.team.importUnits('C1', units(4), once('V5'))).toEqual({ kind: 'created' });
    const after = await snapshot();
    expect(await h.team.importUnits('C1', units(4), once('V5'))).toEqual({ kind: 'repeat' });
    expect(await h.team.importUnits('C1', units(4, 'x'), once('V5'))).toEqual({ kind: 'repeat' });
    expect(await snapshot()).toEqual(after);
    expect(after.units).toHaveLength(4);
  });

  it('takes 500 units in one script', async () => {
    const batch = units(500).map((u, i) => ({ ...u, liaisons: [`U${i % 40}X`] }));
    expect(await h.team.importUnits('C1', batch, once('V6'))).toEqual({ kind: 'created' });
    const stored = await h.team.listUnits('C1');
    expect(stored).toHaveLength(500);
    expect(stored.at(-1)).toEqual(batch.at(-1));
    expect((await h.team.getMembers('C1')).filter((m) => m.role === 'liaison')).toHaveLength(40);
  });
});
