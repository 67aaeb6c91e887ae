import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates';
import { InvalidDataError } from '../../src/domain/errors';
import { moveFinding } from '../../src/domain/finding-states';
import type { Unit } from '../../src/domain/types';
import { localDate } from '../../src/domain/zoned-time';
import { weekOf } from '../../src/store/activity-form';
import { AUDIT_MAX_ENTRIES } from '../../src/store/audit';
import { teamKeys } from '../../src/store/keys';
import { RedisStore } from '../../src/store/redis-store';
import type { Actor, TeamStore } from '../../src/store/types';
import type { AuditEntry } from '../support/inspect';
import { testRedis } from '../support/redis';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const h = openHarness();
beforeEach(() => deleteKeys(h.redis, h.prefix));
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

/** Marks finding `id` of C1 done as `by`, judged by the domain on what is stored, as a command does. */
async function markDone(team: TeamStore, id: number, notes: string, by: Actor): Promise<void> {
  const done = await team.updateFinding('C1', id, by, ({ finding, unit, members }) => {
    const role = members.find((m) => m.userId === by.userId)?.role ?? null;
    const today = localDate(by.now, makeGroup().tz);
    const r = moveFinding(
      finding,
      { step: 'done', notes },
      { userId: by.userId, role },
      { unit, members, today, now: by.now },
    );
    return r.ok ? { write: r.finding, step: 'done', result: true } : { result: false };
  });
  expect(done).toBe(true);
}

/** Undoes the trail's updates of `target`, newest first, on `current`: the record as it was created. */
function asCreated(current: Unit, trail: AuditEntry[], target: string): Unit {
  let record: Unit = { ...current };
  for (const e of trail) {
    if (e.target !== target || e.before === null || e.after === null) continue;
    record = { ...record, ...(e.before as Partial<Unit>) };
  }
  return record;
}

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
      {
        unitKey: 'moc',
        text: 'x',
        due: null,
        createdBy: 'UAMY',
        createdAt: NOW + 7,
        owner: 'UAMY',
        severity: 'medium',
      },
      actor('UAMY', NOW + 7),
    );
    await markDone(t, f.id, 'ok', actor('ULEAD', NOW + 8));
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
    expect(trail.map((e) => e.at)).toEqual([9, 9, 8, 7, 6, 5, 4, 3, 3, 2, 1, 0, 0].map((d) => NOW + d));

    // An update: the changed fields only, from what to what.
    expect(trail[0]).toMatchObject({ before: { liaisons: ['ULIA'] }, after: { liaisons: [] } });
    expect(trail[6]).toMatchObject({ before: { name: 'Unit moc' }, after: { name: 'Commerce' } });
    expect(trail[10]).toMatchObject({ before: { coverageDays: 7 }, after: { coverageDays: 10 } });
    expect(trail[2]).toMatchObject({
      before: { status: 'open', doneBy: null, doneAt: null, doneNotes: null },
      after: { status: 'waiting', doneBy: 'ULEAD', doneAt: NOW + 8, doneNotes: 'ok' },
    });
    for (const e of [trail[0], trail[2], trail[6], trail[10]]) {
      expect(Object.keys(e?.before as object)).toEqual(Object.keys(e?.after as object));
      expect(Object.keys(e?.before as object).length).toBeLessThanOrEqual(4);
    }
    // A delete keeps the whole removed record; a removed member keeps their role.
    expect(trail[4]?.before).toEqual({
      ...makeActivity('moc', '2026-01-06', { userId: 'UAMY', createdAt: NOW + 5 }),
      id: a.id,
    });
    expect(trail[1]).toMatchObject({ before: { role: 'liaison' }, after: null });
    // A create names the record, which holds its content: no second copy.
    for (const i of [3, 5, 8, 12]) expect(trail[i]).toMatchObject({ before: null, after: null });

    expect((await h.inspect.auditTrail('T1', 'C1', 2)).map((e) => e.action)).toEqual([
      'unit_update',
      'member_remove',
    ]);
  });

  it('holds what is needed to tell what a record was when created, after any number of changes', async () => {
    await h.team.createGroup(makeGroup('C1'), actor());
    await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'deputy' }], actor());
    const created: Unit = makeUnit('moc', { liaisons: ['UAMY', 'UBEN'], kind: 'ministry' });
    await h.team.addUnit('C1', created, actor('ULEAD', NOW + 1));
    await h.team.updateUnit('C1', 'moc', { name: 'Commerce', kind: 'bureau' }, actor('UDEP', NOW + 2));
    await h.team.updateUnit('C1', 'moc', { liaisons: ['UBEN', 'UCAT'] }, actor('ULEAD', NOW + 3));
    await h.team.removeMember('C1', 'UCAT', actor('ULEAD', NOW + 4));
    await h.team.updateUnit('C1', 'moc', { archived: true }, actor('ULEAD', NOW + 5));

    const trail = await h.inspect.auditTrail('T1', 'C1', 100);
    const current = await h.team.getUnit('C1', 'moc');
    expect(current).toMatchObject({ name: 'Commerce', kind: 'bureau', liaisons: ['UBEN'], archived: true });
    expect(asCreated(current as Unit, trail, 'unit:moc')).toEqual(created);
    const rename = trail.find((e) => e.at === NOW + 2);
    expect(rename).toMatchObject({
      actor: 'UDEP',
      before: { name: 'Unit moc', kind: 'ministry' },
      after: { name: 'Commerce', kind: 'bureau' },
    });
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

  it('keeps a logged activity (40-character notes) within 450 bytes, its audit entry included', async () => {
    await h.team.createGroup(makeGroup('C1'), actor());
    await h.team.addUnit('C1', makeUnit('moc'), actor());
    const keys = teamKeys(h.prefix, 'T1');
    const bytes = async (key: string) => Number(await h.redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    // Every key a log writes that stays: the record, the unit's, week's and author's indexes, the trail.
    const week = keys.activityWeek('C1', weekOf(dayNumber('2026-01-06')));
    const kept = [
      keys.activities('C1'),
      keys.unitActivities('C1', 'moc'),
      week,
      keys.activityWeeks('C1'),
      keys.userActivities('C1', 'ULEAD'),
    ];
    const sum = async (list: string[]) => (await Promise.all(list.map(bytes))).reduce((a, b) => a + b, 0);
    const [audit0, kept0] = [await bytes(keys.audit('C1')), await sum(kept)];
    // More than the 128 entries a unit's index keeps in its compact encoding: the costly case.
    const n = 500;
    for (let i = 0; i < n; i++)
      await log(
        h.team,
        'C1',
        makeActivity('moc', '2026-01-06', { notes: 'n'.repeat(40), createdAt: NOW + i }),
      );
    const auditPer = ((await bytes(keys.audit('C1'))) - audit0) / n;
    const keptPer = ((await sum(kept)) - kept0) / n;
    // A create's entry stores no copy of the record: only who, when, what and two nulls.
    expect(auditPer, `${auditPer.toFixed(0)} audit bytes per activity`).toBeLessThan(100);
    expect(keptPer + auditPer, `${(keptPer + auditPer).toFixed(0)} bytes per activity`).toBeLessThan(450);
  });

  it('trims each group’s stream to its cap, keeping the newest entries', async () => {
    const capped = new RedisStore({ redis: testRedis(), prefix: h.prefix, auditMaxEntries: 5 });
    try {
      const t = capped.forTeam('T1');
      await t.createGroup(makeGroup('C1'), actor());
      await t.addUnit('C1', makeUnit('moc'), actor());
      for (let i = 1; i <= 10; i++) await t.updateGroup('C1', { coverageDays: i }, actor('ULEAD', NOW + i));
      expect(await h.redis.xlen(teamKeys(h.prefix, 'T1').audit('C1'))).toBe(5);
      const kept = await h.inspect.auditTrail('T1', 'C1', 100);
      expect(kept.map((e) => (e.after as { coverageDays: number }).coverageDays)).toEqual([10, 9, 8, 7, 6]);
    } finally {
      await capped.close();
    }
    expect(AUDIT_MAX_ENTRIES).toBeGreaterThanOrEqual(10_000);
    expect(() => new RedisStore({ redis: h.redis, prefix: h.prefix, auditMaxEntries: 0 })).toThrow(
      InvalidDataError,
    );
  });
});
