import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store';
import type { TeamStore } from '../../src/store/types';
import { allKeys } from '../support/redis';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, openHarness } from './fixture';

/**
 * `eraseAll` wipes one team under one prefix. The neighbours are chosen to sit right next to it:
 * team T10 beside T1, and a prefix that starts with the erased one.
 */
const h = openHarness();
const otherPrefix = `${h.prefix}-b`;
const other = new RedisStore({ redis: h.redis.duplicate(), prefix: otherPrefix });
const t1 = h.team;
const t10 = h.store.forTeam('T10');
const t1Elsewhere = other.forTeam('T1');

afterEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await deleteKeys(h.redis, otherPrefix);
});
afterAll(async () => {
  await other.close();
  await h.store.close();
});

/** A group with two units (one liaison), an activity, a finding, ping state and a team-level delivery record. */
/** A DM's dedupe key; the same text in every team, as the keys keep teams apart. */
const DM = 'C1:liaison:2026-01-05:ULIA';

async function fill(team: TeamStore, teamId: string): Promise<void> {
  expect(await team.createGroup(makeGroup('C1', { teamId }), actor('ULEAD'))).toBe('created');
  await team.putMembers('C1', [{ userId: 'UMEM', role: 'member' }], actor('ULEAD'));
  await team.addUnit('C1', makeUnit('moc', { liaisons: ['ULIA'] }), actor('ULEAD'));
  await team.addUnit('C1', makeUnit('mof'), actor('ULEAD'));
  await log(team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UMEM', notes: 'met the director' }));
  await team.addFinding(
    'C1',
    {
      unitKey: 'moc',
      text: 'Late reports',
      due: '2026-01-20',
      createdBy: 'UMEM',
      createdAt: 1,
      owner: 'ULIA',
      severity: 'medium',
    },
    actor('UMEM'),
  );
  await team.pings('C1').recordMeeting('2026-01-05');
  await team.delivery({ kind: 'dm', dedupeKey: DM }).claim('w1', 60_000);
}

/** What a user of the team would see of it. */
async function visible(team: TeamStore) {
  return {
    channel: (await team.groupForChannel('C1', 'ULEAD'))?.group.name ?? null,
    group: (await team.getGroup('C1'))?.name ?? null,
    groupsOfLeader: await team.groupsOfUser('ULEAD'),
    groupsOfLiaison: await team.groupsOfUser('ULIA'),
    members: (await team.getMembers('C1')).length,
    units: (await team.listUnits('C1', { includeArchived: true })).length,
    activities: (await team.activitiesBetween('C1', '2026-01-01', '2026-01-31')).length,
    findings: (await team.listFindings('C1')).length,
    lastMeeting: await team.pings('C1').meetingBefore('2026-01-31'),
    delivery: Object.keys(await team.delivery({ kind: 'dm', dedupeKey: DM }).read()).length > 0,
  };
}

const FULL = {
  lastMeeting: '2026-01-05',
  delivery: true,
  channel: 'Guidance group 1',
  group: 'Guidance group 1',
  groupsOfLeader: ['C1'],
  groupsOfLiaison: ['C1'],
  members: 3,
  units: 2,
  activities: 1,
  findings: 1,
};

async function keyCount(prefix: string, teamId: string): Promise<number> {
  return (await allKeys(h.redis, `${prefix}:{${teamId}}:*`)).length;
}

describe('TeamStore.eraseAll', () => {
  it('removes every key of the team and answers how many; the team reads as never set up', async () => {
    await Promise.all([fill(t1, 'T1'), fill(t10, 'T10'), fill(t1Elsewhere, 'T1')]);
    expect(await visible(t1)).toEqual(FULL);
    const before = await keyCount(h.prefix, 'T1');
    expect(before).toBeGreaterThan(5);

    expect(await t1.eraseAll()).toBe(before);

    expect(await keyCount(h.prefix, 'T1')).toBe(0);
    expect(await t1.groupForChannel('C1', 'ULEAD')).toBeNull();
    expect(await t1.getGroup('C1')).toBeNull();
    expect(await visible(t1)).toEqual({
      channel: null,
      group: null,
      groupsOfLeader: [],
      groupsOfLiaison: [],
      members: 0,
      units: 0,
      activities: 0,
      findings: 0,
      lastMeeting: null,
      delivery: false,
    });
  });

  it('leaves the neighbouring team and the same team under another prefix untouched', async () => {
    await Promise.all([fill(t1, 'T1'), fill(t10, 'T10'), fill(t1Elsewhere, 'T1')]);
    const keysOfT10 = await keyCount(h.prefix, 'T10');
    const keysElsewhere = await keyCount(otherPrefix, 'T1');

    await t1.eraseAll();

    expect(await visible(t10)).toEqual(FULL);
    expect(await visible(t1Elsewhere)).toEqual(FULL);
    expect(await keyCount(h.prefix, 'T10')).toBe(keysOfT10);
    expect(await keyCount(otherPrefix, 'T1')).toBe(keysElsewhere);
  });

  it('answers 0 for a team with no data, and the team can be set up again afterwards', async () => {
    expect(await t1.eraseAll()).toBe(0);
    await fill(t1, 'T1');
    await t1.eraseAll();
    await fill(t1, 'T1');
    expect(await visible(t1)).toEqual(FULL);
  });

  it('erases teams larger than one SCAN batch', async () => {
    await t1.createGroup(makeGroup('C1'), actor('ULEAD'));
    const users = Array.from({ length: 1200 }, (_, i) => ({
      userId: `U${i + 100}`,
      role: 'member' as const,
    }));
    await t1.putMembers('C1', users, actor('ULEAD'));
    const before = await keyCount(h.prefix, 'T1');
    expect(before).toBeGreaterThan(1200);
    expect(await t1.eraseAll()).toBe(before);
    expect(await keyCount(h.prefix, 'T1')).toBe(0);
  });
});
