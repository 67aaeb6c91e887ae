import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { teamKeys } from '../../src/store/keys';
import { RedisStore } from '../../src/store/redis-store';
import type { TeamStore } from '../../src/store/types';
import { testRedis } from '../support/redis';
import { actor, deleteKeys, makeGroup, openHarness } from './fixture';

const h = openHarness();
// A second connection under the same prefix: the two writers of a race reach Redis separately.
const other = new RedisStore({ redis: testRedis(), prefix: h.prefix });
beforeEach(() => deleteKeys(h.redis, h.prefix));
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
  await other.close();
});

const leadersOf = async (team: TeamStore, groupId: string) =>
  (await team.getMembers(groupId)).filter((m) => m.role === 'leader').map((m) => m.userId);

/** A group led by UA and UB, plus a deputy UDEP and a member UMEM. */
async function twoLeaders(groupId: string): Promise<void> {
  await h.team.createGroup(makeGroup(groupId, { createdBy: 'UA' }), actor('UA'));
  await h.team.putMembers(
    groupId,
    [
      { userId: 'UB', role: 'leader' },
      { userId: 'UDEP', role: 'deputy' },
      { userId: 'UMEM', role: 'member' },
    ],
    actor('UA'),
  );
}

describe('a group keeps a leader', () => {
  it('refuses to demote or remove the only leader, and writes nothing', async () => {
    await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
    const before = (await h.inspect.auditTrail('T1', 'C1', 100)).length;
    expect(await h.team.putMembers('C1', [{ userId: 'ULEAD', role: 'deputy' }], actor('ULEAD'))).toBe(
      'last_leader',
    );
    expect(await h.team.removeMember('C1', 'ULEAD', actor('ULEAD'))).toBe('last_leader');
    // A batch that adds someone and demotes the last leader is refused whole.
    const batch = [
      { userId: 'UNEW', role: 'member' as const },
      { userId: 'ULEAD', role: 'member' as const },
    ];
    expect(await h.team.putMembers('C1', batch, actor('ULEAD'))).toBe('last_leader');
    expect(await h.team.getMembers('C1')).toEqual([{ userId: 'ULEAD', role: 'leader' }]);
    expect(await h.inspect.auditTrail('T1', 'C1', 100)).toHaveLength(before);
  });

  it('lets a leader step down or leave while another leader remains', async () => {
    await twoLeaders('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UA', role: 'member' }], actor('UA'))).toBe('ok');
    expect(await leadersOf(h.team, 'C1')).toEqual(['UB']);
    expect(await h.team.putMembers('C1', [{ userId: 'UA', role: 'leader' }], actor('UB'))).toBe('ok');
    expect(await h.team.removeMember('C1', 'UB', actor('UB'))).toBe('removed');
    expect(await leadersOf(h.team, 'C1')).toEqual(['UA']);
  });
});

describe('only a leader makes, changes or removes a leader', () => {
  it('refuses a deputy who demotes, removes or makes a leader, and writes nothing', async () => {
    await twoLeaders('C1');
    const before = await h.team.getMembers('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UA', role: 'member' }], actor('UDEP'))).toBe(
      'leader_only',
    );
    expect(await h.team.removeMember('C1', 'UA', actor('UDEP'))).toBe('leader_only');
    expect(await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'leader' }], actor('UDEP'))).toBe(
      'leader_only',
    );
    expect(await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'leader' }], actor('UDEP'))).toBe(
      'leader_only',
    );
    expect(await h.team.getMembers('C1')).toEqual(before);
  });

  it('still lets a deputy manage members who are not leaders', async () => {
    await twoLeaders('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'deputy' }], actor('UDEP'))).toBe('ok');
    expect(await h.team.removeMember('C1', 'UMEM', actor('UDEP'))).toBe('removed');
  });

  it('reads the caller’s role at the write: a leader demoted a moment ago can no longer demote', async () => {
    await twoLeaders('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UA', role: 'deputy' }], actor('UB'))).toBe('ok');
    // UA's handler read "leader" before the demotion; the write is judged on the role now.
    expect(await h.team.putMembers('C1', [{ userId: 'UB', role: 'member' }], actor('UA'))).toBe(
      'leader_only',
    );
    expect(await h.team.removeMember('C1', 'UB', actor('UA'))).toBe('leader_only');
    expect(await leadersOf(h.team, 'C1')).toEqual(['UB']);
  });

  it('reads the caller’s role at the write: a deputy demoted to member can no longer manage anyone', async () => {
    await twoLeaders('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'member' }], actor('UA'))).toBe('ok');
    const before = await h.team.getMembers('C1');
    expect(await h.team.putMembers('C1', [{ userId: 'UNEW', role: 'member' }], actor('UDEP'))).toBe(
      'forbidden',
    );
    expect(await h.team.removeMember('C1', 'UMEM', actor('UDEP'))).toBe('forbidden');
    // Nor does someone who was never in the group.
    expect(await h.team.removeMember('C1', 'UMEM', actor('USTRANGER'))).toBe('forbidden');
    expect(await h.team.getMembers('C1')).toEqual(before);
  });

  it('lets a deputy name a leader when the group has none, so that it is never stuck', async () => {
    // Left without a leader by data written before these rules: only a deputy remains to act.
    await twoLeaders('C1');
    await h.redis.hset(teamKeys(h.prefix, 'T1').members('C1'), 'UA', 'deputy', 'UB', 'member');
    expect(await leadersOf(h.team, 'C1')).toEqual([]);
    expect(await h.team.putMembers('C1', [{ userId: 'UMEM', role: 'member' }], actor('UB'))).toBe(
      'forbidden',
    );
    expect(await h.team.putMembers('C1', [{ userId: 'UA', role: 'leader' }], actor('UDEP'))).toBe('ok');
    expect(await leadersOf(h.team, 'C1')).toEqual(['UA']);
    // With a leader again, the deputy is back to managing non-leaders only.
    expect(await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'leader' }], actor('UDEP'))).toBe(
      'leader_only',
    );
  });
});

type Race = (groupId: string) => [() => Promise<unknown>, () => Promise<unknown>];

/** Two leaders UA and UB act on each other at once, each through a connection of its own. */
const RACES: Record<string, Race> = {
  'demote each other': (g) => [
    () => h.team.putMembers(g, [{ userId: 'UB', role: 'member' }], actor('UA')),
    () => other.forTeam('T1').putMembers(g, [{ userId: 'UA', role: 'member' }], actor('UB')),
  ],
  'remove each other': (g) => [
    () => h.team.removeMember(g, 'UB', actor('UA')),
    () => other.forTeam('T1').removeMember(g, 'UA', actor('UB')),
  ],
  'demote and remove each other': (g) => [
    () => h.team.putMembers(g, [{ userId: 'UB', role: 'deputy' }], actor('UA')),
    () => other.forTeam('T1').removeMember(g, 'UA', actor('UB')),
  ],
};

const ROUNDS = 50;

describe.each(Object.entries(RACES))('two leaders who %s at the same moment', (_name, race) => {
  it.each(['as written', 'in the other order'])(
    `keep a leader in each of ${ROUNDS} rounds, fired %s`,
    async (order) => {
      let leaderless = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const groupId = `C${round}`;
        await twoLeaders(groupId);
        const [first, second] = race(groupId);
        const fired = order === 'as written' ? [first(), second()] : [second(), first()];
        await Promise.allSettled(fired);
        if ((await leadersOf(h.team, groupId)).length === 0) leaderless += 1;
      }
      expect(leaderless, `${leaderless} of ${ROUNDS} rounds ended with no leader`).toBe(0);
    },
  );
});
