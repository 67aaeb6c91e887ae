import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InvalidIdError } from '../../src/domain/errors';
import { teamKeys } from '../../src/store/keys';
import { createRedis } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import { testRedis } from '../support/redis';
import {
  actor,
  deleteKeys,
  log,
  makeActivity,
  makeGroup,
  makeUnit,
  NOW,
  openHarness,
  uniquePrefix,
} from './fixture';

const prefix = uniquePrefix();
const h = openHarness(prefix);
afterEach(() => deleteKeys(h.redis, prefix));
afterAll(() => h.store.close());

describe('RedisStore', () => {
  it('keeps two teams apart, even with the same group id', async () => {
    const t1 = h.store.forTeam('T1');
    const t2 = h.store.forTeam('T2');
    expect(await t1.createGroup(makeGroup('C1', { name: 'One' }), actor())).toBe('created');
    expect(await t2.createGroup(makeGroup('C1', { name: 'Two', teamId: 'T2' }), actor())).toBe('created');
    await t1.addUnit('C1', makeUnit('moc'), actor());
    await log(t1, 'C1', makeActivity('moc', '2026-01-06'));

    expect((await t1.getGroup('C1'))?.name).toBe('One');
    expect(await t2.getGroup('C1')).toMatchObject({ name: 'Two', teamId: 'T2' });
    expect(await t2.listUnits('C1')).toEqual([]);
    expect(await h.inspect.countActivities('T2', 'C1')).toBe(0);
    expect(await h.inspect.auditTrail('T2', 'C1', 10)).toHaveLength(2);
  });

  it('refuses crafted team, group and user ids instead of reaching another team', async () => {
    await h.store.forTeam('T2').createGroup(makeGroup('C1', { name: 'Secret' }), actor());
    expect(() => h.store.forTeam('T1}:x')).toThrow(InvalidIdError);
    expect(() => h.store.forTeam('T2}')).toThrow(InvalidIdError);
    const t1 = h.store.forTeam('T1');
    await expect(t1.getGroup('C1}:{T2')).rejects.toThrow(InvalidIdError);
    await expect(t1.groupsOfUser('U1}')).rejects.toThrow(InvalidIdError);
    await expect(t1.createGroup(makeGroup('C9', { createdBy: 'U{T2}' }), actor())).rejects.toThrow(
      InvalidIdError,
    );
    await expect(t1.putMembers('C1', [{ userId: 'U:1', role: 'leader' }], actor())).rejects.toThrow(
      InvalidIdError,
    );
    expect(await t1.getGroup('C1')).toBeNull();
  });

  it('reads everything back through a new connection', async () => {
    const t = h.team;
    await t.createGroup(makeGroup('C1', { name: 'Audit team' }), actor());
    await t.addUnit('C1', makeUnit('moc', { liaisons: ['ULIA'] }), actor());
    const a = await log(t, 'C1', makeActivity('moc', '2026-01-06', { notes: '座谈会 with staff' }));
    const f = await t.addFinding(
      'C1',
      {
        unitKey: 'moc',
        text: 'Budget',
        due: '2026-02-01',
        createdBy: 'ULEAD',
        createdAt: NOW,
        owner: 'ULEAD',
        severity: 'medium',
      },
      actor(),
    );

    const reopened = new RedisStore({ redis: testRedis(), prefix });
    try {
      const r = reopened.forTeam('T1');
      expect((await r.groupForChannel('C1', 'ULEAD'))?.group.id).toBe('C1');
      expect(await r.getGroup('C1')).toEqual(await t.getGroup('C1'));
      expect(await r.getMembers('C1')).toEqual([
        { userId: 'ULEAD', role: 'leader' },
        { userId: 'ULIA', role: 'liaison' },
      ]);
      expect(await r.listUnits('C1')).toEqual([makeUnit('moc', { liaisons: ['ULIA'] })]);
      expect(await r.recentActivities('C1', 'moc', 5)).toEqual([a]);
      expect(await r.getFinding('C1', f.id)).toEqual(f);
      expect(await r.unitSummaries('C1', '2026-01-05', '2026-01-11')).toEqual([
        {
          unit: makeUnit('moc', { liaisons: ['ULIA'] }),
          lastContact: '2026-01-06',
          weekCount: 1,
          openFindings: 1,
        },
      ]);
      expect((await h.inspect.auditTrail('T1', 'C1', 1))[0]?.action).toBe('finding_add');
      // Ids continue where they stopped.
      expect((await log(r, 'C1', makeActivity('moc', '2026-01-07'))).id).toBeGreaterThan(a.id);
      // Data keys do not expire.
      expect(await h.redis.ttl(teamKeys(prefix, 'T1').activities('C1'))).toBe(-1);
    } finally {
      await reopened.close();
    }
  });

  it('skips a damaged activity, reports it, and returns the others', async () => {
    const damaged: string[] = [];
    const store = new RedisStore({
      redis: testRedis(),
      prefix,
      onCorrupt: (k, f) => damaged.push(`${k} ${f}`),
    });
    try {
      const t = store.forTeam('T1');
      await t.createGroup(makeGroup('C1'), actor());
      await t.addUnit('C1', makeUnit('moc'), actor());
      const a = await log(t, 'C1', makeActivity('moc', '2026-01-05'));
      const b = await log(t, 'C1', makeActivity('moc', '2026-01-06'));
      const acts = teamKeys(prefix, 'T1').activities('C1');
      const field = (await h.redis.hkeys(acts)).find((k) => Number(k) === b.id)!;
      await h.redis.hset(acts, field, '{"id":');

      expect(await t.recentActivities('C1', 'moc', 10)).toEqual([a]);
      expect(await t.activitiesBetween('C1', '2026-01-01', '2026-01-31')).toEqual([a]);
      expect(damaged).toEqual([`${acts} ${field}`, `${acts} ${field}`]);
    } finally {
      await store.close();
    }
  });

  it('answers ping with true when Redis is up', async () => {
    expect(await h.store.ping(2_000)).toBe(true);
  });

  it('answers ping with false, and fails commands instead of hanging, when Redis is down', async () => {
    // Port 1 is closed on the test machine: connections are refused.
    const redis = createRedis('redis://127.0.0.1:1');
    redis.on('error', () => {});
    const down = new RedisStore({ redis, prefix });
    try {
      expect(await down.ping(300)).toBe(false);
      await expect(down.forTeam('T1').getGroup('C1')).rejects.toThrow();
    } finally {
      await down.close();
    }
  });
});
