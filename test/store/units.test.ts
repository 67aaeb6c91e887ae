import type { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidIdError } from '../../src/domain/errors';
import { teamKeys } from '../../src/store/keys';
import { RedisStore } from '../../src/store/redis-store';
import type { TeamStore } from '../../src/store/types';
import { ON_CLUSTER, testRedis } from '../support/redis';
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

describe('units', () => {
  it('adds units, keeps creation order and refuses a key that is taken', async () => {
    for (const key of ['moe', 'moc', 'mof']) {
      expect(await h.team.addUnit('C1', makeUnit(key), actor())).toBe('created');
    }
    expect(await h.team.addUnit('C1', makeUnit('moc', { name: 'Impostor' }), actor())).toBe('exists');

    const units = await h.team.listUnits('C1');
    expect(units.map((u) => u.key)).toEqual(['moe', 'moc', 'mof']);
    expect(units.find((u) => u.key === 'moc')?.name).toBe('Unit moc');
  });

  it('makes liaisons who are not yet members join as liaison, and leaves members their role', async () => {
    await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'deputy' }], actor());
    await h.team.addUnit('C1', makeUnit('moc', { liaisons: ['UDEP', 'ULIA'] }), actor());

    expect(await h.team.getMember('C1', 'ULIA')).toEqual({ userId: 'ULIA', role: 'liaison' });
    expect(await h.team.getMember('C1', 'UDEP')).toEqual({ userId: 'UDEP', role: 'deputy' });
    expect(await h.team.groupsOfUser('ULIA')).toEqual(['C1']);
  });

  it('edits a unit, with new liaisons joining the group', async () => {
    await h.team.addUnit('C1', makeUnit('moc'), actor());
    const edited = await h.team.updateUnit(
      'C1',
      'moc',
      { name: 'Ministry of Commerce', liaisons: ['UNEW'] },
      actor(),
    );
    expect(edited).toMatchObject({
      key: 'moc',
      name: 'Ministry of Commerce',
      kind: 'ministry',
      liaisons: ['UNEW'],
    });
    expect((await h.team.listUnits('C1'))[0]).toEqual(edited);
    expect(await h.team.getMember('C1', 'UNEW')).toEqual({ userId: 'UNEW', role: 'liaison' });
    expect(await h.team.updateUnit('C1', 'nope', { name: 'x' }, actor())).toBeNull();
  });

  it('refuses a unit change by someone who does not run the group at the moment of the write', async () => {
    await h.team.addUnit('C1', makeUnit('moc'), actor());
    await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'member' }], actor());
    // A deputy demoted after their command's permission check still reaches the store as themselves.
    await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'deputy' }], actor());
    await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'member' }], actor());
    const before = await h.inspect.auditTrail('T1', 'C1', 1000);
    for (const who of ['UMEM', 'UDEP', 'UOUT']) {
      expect(await h.team.addUnit('C1', makeUnit('mof', { liaisons: ['UNEW'] }), actor(who))).toBe(
        'forbidden',
      );
      expect(await h.team.updateUnit('C1', 'moc', { archived: true }, actor(who))).toBe('forbidden');
    }
    expect((await h.team.listUnits('C1', { includeArchived: true })).map((u) => [u.key, u.archived])).toEqual(
      [['moc', false]],
    );
    expect(await h.team.getMember('C1', 'UNEW')).toBeNull();
    expect(await h.inspect.auditTrail('T1', 'C1', 1000)).toHaveLength(before.length);
  });

  it('hides archived units unless asked', async () => {
    await h.team.addUnit('C1', makeUnit('moc'), actor());
    await h.team.addUnit('C1', makeUnit('mof'), actor());
    await h.team.updateUnit('C1', 'moc', { archived: true }, actor());

    expect((await h.team.listUnits('C1')).map((u) => u.key)).toEqual(['mof']);
    expect((await h.team.listUnits('C1', { includeArchived: true })).map((u) => u.key)).toEqual([
      'moc',
      'mof',
    ]);
  });

  it('refuses unit keys that could leave their place in a key', async () => {
    for (const key of ['a:b', 'x}', '{T2}', 'has space', '']) {
      await expect(h.team.addUnit('C1', makeUnit(key), actor())).rejects.toThrow(InvalidIdError);
    }
    expect(await h.team.listUnits('C1', { includeArchived: true })).toEqual([]);
  });

  it('skips a damaged unit record and lists the others', async () => {
    await h.team.addUnit('C1', makeUnit('moc'), actor());
    await h.team.addUnit('C1', makeUnit('mof'), actor());
    await h.redis.hset(teamKeys(h.prefix, 'T1').units('C1'), 'moc', '{"key":"moc",');
    expect((await h.team.listUnits('C1')).map((u) => u.key)).toEqual(['mof']);
  });
});

describe('units cached in a process', () => {
  const WEEK = ['2026-01-05', '2026-01-11'] as const;
  /** One request of a process: a team store of its own, which reads the group first, as a command does. */
  async function request(store: RedisStore): Promise<TeamStore> {
    const team = store.forTeam('T1');
    await team.groupForChannel('C1', 'ULEAD');
    return team;
  }
  const names = async (store: RedisStore) =>
    (await (await request(store)).unitSummaries('C1', ...WEEK)).map((s) => s.unit.name);

  it('are read again as soon as another process changes a unit: its next status shows it', async () => {
    const other = new RedisStore({ redis: testRedis(), prefix: h.prefix });
    try {
      const elsewhere = other.forTeam('T1');
      await h.team.addUnit('C1', makeUnit('moc'), actor());
      await h.team.addUnit('C1', makeUnit('mof', { liaisons: ['ULIA'] }), actor());
      expect(await names(h.store)).toEqual(['Unit moc', 'Unit mof']);

      await elsewhere.updateUnit('C1', 'moc', { name: 'Commerce' }, actor());
      expect(await names(h.store)).toEqual(['Commerce', 'Unit mof']);
      await elsewhere.addUnit('C1', makeUnit('moe'), actor());
      expect((await (await request(h.store)).getUnit('C1', 'moe'))?.name).toBe('Unit moe');
      await elsewhere.importUnits('C1', [makeUnit('mot')], { ...actor(), requestId: 'import-1' });
      expect((await (await request(h.store)).listUnits('C1')).map((u) => u.key)).toEqual([
        'moc',
        'mof',
        'moe',
        'mot',
      ]);
      await elsewhere.removeMember('C1', 'ULIA', actor());
      expect((await (await request(h.store)).getUnit('C1', 'mof'))?.liaisons).toEqual([]);
      await elsewhere.updateUnit('C1', 'mof', { archived: true }, actor());
      expect(await names(h.store)).toEqual(['Commerce', 'Unit moe', 'Unit mot']);
    } finally {
      await other.close();
    }
  });

  it('are read again when a process had cached none and another adds the first', async () => {
    const other = new RedisStore({ redis: testRedis(), prefix: h.prefix });
    try {
      expect(await names(h.store)).toEqual([]);
      await other.forTeam('T1').addUnit('C1', makeUnit('moc'), actor());
      expect(await names(h.store)).toEqual(['Unit moc']);
    } finally {
      await other.close();
    }
  });

  it('give a version to units an earlier version wrote without one, then follow it', async () => {
    const other = new RedisStore({ redis: testRedis(), prefix: h.prefix });
    try {
      await h.team.addUnit('C1', makeUnit('moc'), actor());
      await h.redis.hdel(teamKeys(h.prefix, 'T1').group('C1'), 'unitsVer');
      expect(await names(h.store)).toEqual(['Unit moc']);
      expect(await h.redis.hget(teamKeys(h.prefix, 'T1').group('C1'), 'unitsVer')).not.toBeNull();
      await other.forTeam('T1').updateUnit('C1', 'moc', { name: 'Commerce' }, actor());
      expect(await names(h.store)).toEqual(['Commerce']);
    } finally {
      await other.close();
    }
  });

  it.skipIf(ON_CLUSTER)(
    'are not read again by a request whose group read said they had not changed',
    async () => {
      await h.team.addUnit('C1', makeUnit('moc'), actor());
      await h.team.addUnit('C1', makeUnit('mof'), actor());
      await h.team.listUnits('C1');
      const team = await request(h.store);
      const redis = h.redis as Redis;
      const send = redis.sendCommand.bind(redis);
      let sent = 0;
      redis.sendCommand = ((...args: Parameters<typeof send>) => {
        sent++;
        return send(...args);
      }) as typeof redis.sendCommand;
      try {
        expect((await team.getUnit('C1', 'mof'))?.name).toBe('Unit mof');
        expect((await team.listUnits('C1')).map((u) => u.key)).toEqual(['moc', 'mof']);
      } finally {
        redis.sendCommand = send;
      }
      expect(sent).toBe(0);
    },
  );
});
