import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const h = openHarness();
beforeEach(() => deleteKeys(h.redis, h.prefix));
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

describe('audit trail', () => {
  it('records every change, newest first, with who, when, what, before and after', async () => {
    const t = h.team;
    await t.createGroup(makeGroup('C1'), actor('ULEAD', NOW));
    await t.updateGroup('C1', { coverageDays: 10 }, actor('ULEAD', NOW + 1));
    await t.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor('ULEAD', NOW + 2));
    await t.addUnit('C1', makeUnit('moc', { liaisons: ['ULIA'] }), actor('ULEAD', NOW + 3));
    await t.updateUnit('C1', 'moc', { name: 'Commerce' }, actor('ULEAD', NOW + 4));
    const a = await log(t, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY', createdAt: NOW + 5 }));
    await t.undoLastActivity('C1', actor('UAMY', NOW + 6), 60_000);
    const f = await t.addFinding(
      'C1',
      { unitKey: 'moc', text: 'x', due: null, createdBy: 'UAMY', createdAt: NOW + 7 },
      actor('UAMY', NOW + 7),
    );
    await t.closeFinding('C1', f.id, 'ok', actor('ULEAD', NOW + 8));
    await t.removeMember('C1', 'ULIA', actor('ULEAD', NOW + 9));

    const trail = await h.inspect.auditTrail('T1', 'C1', 100);
    expect(trail.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['unit_update', 'unit:moc', 'ULEAD'],
      ['member_remove', 'member:ULIA', 'ULEAD'],
      ['finding_done', `finding:${f.id}`, 'ULEAD'],
      ['finding_add', `finding:${f.id}`, 'UAMY'],
      ['activity_undo', `activity:${a.id}`, 'UAMY'],
      ['activity_add', `activity:${a.id}`, 'UAMY'],
      ['unit_update', 'unit:moc', 'ULEAD'],
      ['member_add', 'member:ULIA', 'ULEAD'],
      ['unit_add', 'unit:moc', 'ULEAD'],
      ['member_add', 'member:UAMY', 'ULEAD'],
      ['group_update', 'group:C1', 'ULEAD'],
      ['member_add', 'member:ULEAD', 'ULEAD'],
      ['group_create', 'group:C1', 'ULEAD'],
    ]);
    const rename = trail[6]!;
    expect(rename.at).toBe(NOW + 4);
    expect(rename.before).toMatchObject({ name: 'Unit moc' });
    expect(rename.after).toMatchObject({ name: 'Commerce' });
    expect(trail[1]).toMatchObject({ before: { role: 'liaison' }, after: null });
    expect(trail[4]).toMatchObject({ before: { id: a.id, date: '2026-01-06' }, after: null });
    expect(trail[2]?.after).toMatchObject({ status: 'done', doneNotes: 'ok' });

    expect((await h.inspect.auditTrail('T1', 'C1', 2)).map((e) => e.action)).toEqual([
      'unit_update',
      'member_remove',
    ]);
  });

  it('records a role change with the old and the new role, and nothing for a no-op', async () => {
    await h.team.createGroup(makeGroup('C1'), actor());
    await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
    await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
    await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'deputy' }], actor());
    const [latest, previous] = await h.inspect.auditTrail('T1', 'C1', 2);
    expect(latest).toMatchObject({
      action: 'member_role',
      before: { role: 'member' },
      after: { role: 'deputy' },
    });
    expect(previous).toMatchObject({ action: 'member_add', before: null, after: { role: 'member' } });
  });
});
