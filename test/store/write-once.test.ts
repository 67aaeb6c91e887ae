import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidIdError, UserError } from '../../src/domain/errors';
import { REQUEST_TTL_MS } from '../../src/store/create-once';
import { teamKeys } from '../../src/store/keys';
import { RedisStore } from '../../src/store/redis-store';
import type { NewFinding } from '../../src/store/types';
import { testRedis } from '../support/redis';
import { actor, deleteKeys, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const h = openHarness();
const other = new RedisStore({ redis: testRedis(), prefix: h.prefix });
beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
  await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
  await h.team.addUnit('C1', makeUnit('moc', { liaisons: ['ULIA'] }), actor());
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
  await other.close();
});

const TRIGGER = '13345224609.738474920.8088930838d88f008e0';
const as = (userId: string, requestId?: string, now = NOW) => ({ ...actor(userId, now), requestId });
const finding = (text: string, createdBy = 'UAMY'): NewFinding => ({
  unitKey: 'moc',
  text,
  due: null,
  createdBy,
  createdAt: NOW,
  owner: createdBy,
  severity: 'medium',
});
const actions = async () => (await h.inspect.auditTrail('T1', 'C1', 100)).map((e) => e.action);

describe('a write with a request id takes effect once', () => {
  it('logs one activity for a request sent twice, and answers both with it', async () => {
    const first = await h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', TRIGGER));
    const again = await h.team.addActivity(
      'C1',
      makeActivity('moc', '2026-01-06', { createdAt: NOW + 900 }),
      as('ULEAD', TRIGGER, NOW + 900),
    );
    expect(again).toEqual(first);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
    expect((await actions()).filter((a) => a === 'activity_add')).toHaveLength(1);
    // Another request logs again.
    await h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', 'V0FORM1'));
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(2);
  });

  it('logs once when the same request arrives on several connections at once', async () => {
    const sends = Array.from({ length: 6 }, (_, i) =>
      (i % 2 ? other.forTeam('T1') : h.team).addActivity(
        'C1',
        makeActivity('moc', '2026-01-06'),
        as('UAMY', TRIGGER),
      ),
    );
    const ids = new Set((await Promise.all(sends)).map((a) => a.id));
    expect(ids.size).toBe(1);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
  });

  it('does not log again a request whose activity was undone since', async () => {
    const first = await h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', TRIGGER));
    await h.team.undoLastActivity('C1', actor('ULEAD', NOW + 1), 60_000);
    const again = await h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', TRIGGER));
    expect(again.id).toBe(first.id);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(0);
  });

  it('raises one finding for a request sent twice', async () => {
    const first = await h.team.addFinding('C1', finding('Minutes missing'), as('UAMY', TRIGGER));
    const again = await h.team.addFinding('C1', finding('Minutes missing'), as('UAMY', TRIGGER));
    expect(again).toEqual(first);
    expect(await h.team.listFindings('C1')).toEqual([first]);
    const [summary] = await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11');
    expect(summary?.openFindings).toBe(1);
  });

  it('remembers the request for REQUEST_TTL_MS, and refuses an id that could break a key', async () => {
    await h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', TRIGGER));
    const ttl = await h.redis.pttl(teamKeys(h.prefix, 'T1').request(TRIGGER));
    expect(ttl).toBeGreaterThan(REQUEST_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(REQUEST_TTL_MS);
    for (const bad of ['', 'x}:y', '123.456.abc def', '{T2}', 'a'.repeat(129)])
      await expect(
        h.team.addActivity('C1', makeActivity('moc', '2026-01-06'), as('ULEAD', bad)),
      ).rejects.toBeInstanceOf(InvalidIdError);
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(1);
  });
});

describe('a log or a finding is written only for a member at the moment of the write', () => {
  it('refuses a log from someone removed just before it, and writes nothing', async () => {
    // The handler checked UAMY's membership; the removal lands between that check and the write.
    expect(await h.team.removeMember('C1', 'UAMY', actor('ULEAD'))).toBe('removed');
    const before = await actions();
    const refused = await h.team
      .addActivity('C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY' }), as('UAMY', TRIGGER))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({
      code: 'not_member',
      params: { group: 'Guidance group 1', leader: 'ULEAD' },
    });
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(0);
    expect(await h.team.recentActivities('C1', 'moc', 5)).toEqual([]);
    expect(await actions()).toEqual(before);
    // Any role counts as a member, a liaison's too.
    await h.team.addActivity('C1', makeActivity('moc', '2026-01-06', { userId: 'ULIA' }), as('ULIA'));
    // Nothing was remembered for the request either: once re-added, the same request logs.
    await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
    await h.team.addActivity(
      'C1',
      makeActivity('moc', '2026-01-06', { userId: 'UAMY' }),
      as('UAMY', TRIGGER),
    );
    expect(await h.inspect.countActivities('T1', 'C1')).toBe(2);
  });

  it('refuses a finding from someone removed just before it, and writes nothing', async () => {
    await h.team.removeMember('C1', 'UAMY', actor('ULEAD'));
    await expect(h.team.addFinding('C1', finding('Late reports'), as('UAMY'))).rejects.toMatchObject({
      code: 'not_member',
    });
    expect(await h.team.listFindings('C1')).toEqual([]);
    const [summary] = await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11');
    expect(summary?.openFindings).toBe(0);
  });
});
