import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SNOOZE_MS } from '../../src/domain/pings';
import { allKeys } from '../support/redis';
import { deleteKeys, openHarness } from './fixture';

const { redis, prefix, team, inspect } = openHarness();
const NOW = Date.UTC(2026, 10, 20, 1);
const pings = () => team.pings('C1');

afterEach(() => deleteKeys(redis, prefix));
afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
  inspect.close();
});

describe('the ping state of a group', () => {
  it('records "nothing to report" once when clicked twice at the same moment', async () => {
    const store = pings();
    const [a, b] = await Promise.all([
      store.recordNothing('2026-11-20', 'moc', 'U0WANG001', NOW),
      pings().recordNothing('2026-11-20', 'moc', 'U0WANG001', NOW + 400),
    ]);
    expect([a.recorded, b.recorded].sort()).toEqual([false, true]);
    expect(a.at).toBe(b.at);
    const answers = await store.nothingAnswers(['2026-11-20', '2026-11-13']);
    expect(answers).toEqual([{ period: '2026-11-20', unitKey: 'moc', userId: 'U0WANG001', at: a.at }]);
  });

  it('keeps answers apart per period, unit and user', async () => {
    const store = pings();
    await store.recordNothing('2026-11-20', 'moc', 'U0WANG001', NOW);
    await store.recordNothing('2026-11-20', 'moc', 'U0LI00002', NOW);
    await store.recordNothing('2026-11-13', 'ndrc', 'U0WANG001', NOW);
    expect(await store.nothingAnswers(['2026-11-20'])).toHaveLength(2);
    expect(await store.nothingAnswers(['2026-11-13', '2026-11-20'])).toHaveLength(3);
  });

  it('keeps a running snooze of the same ping when snoozed again, and lists it', async () => {
    const store = pings();
    const snooze = { unitKey: 'moc', userId: 'U0WANG001', period: '2026-11-20', contact: '2026-11-10' };
    const first = await store.snooze({ ...snooze, until: NOW + SNOOZE_MS }, NOW);
    const second = await store.snooze({ ...snooze, until: NOW + 5000 + SNOOZE_MS }, NOW + 5000);
    expect(second.until).toBe(first.until);
    expect(await store.snoozes(NOW)).toEqual([{ ...snooze, until: NOW + SNOOZE_MS }]);
  });

  it('forgets snoozes long over', async () => {
    const store = pings();
    await store.snooze(
      { unitKey: 'moc', userId: 'U0WANG001', period: '2026-11-20', contact: null, until: NOW },
      NOW - 1,
    );
    expect(await store.snoozes(NOW + 3 * SNOOZE_MS)).toEqual([]);
    expect(await store.snoozes(NOW)).toEqual([]);
  });

  it('gives concurrent planners the same claim times', async () => {
    const [a, b] = await Promise.all([
      pings().claimCoverage(['moc\n-\nliaison\nU1', 'ndrc\n-\nliaison\nU1'], NOW),
      pings().claimCoverage(['ndrc\n-\nliaison\nU1'], NOW + 10),
    ]);
    expect(b.get('ndrc\n-\nliaison\nU1')).toBe(a.get('ndrc\n-\nliaison\nU1'));
    const claims = await pings().coverageClaims();
    expect(claims.size).toBe(2);
    await pings().dropCoverageClaims(['moc\n-\nliaison\nU1']);
    expect([...(await pings().coverageClaims()).keys()]).toEqual(['ndrc\n-\nliaison\nU1']);
  });

  it('answers the last meeting before a date', async () => {
    const store = pings();
    expect(await store.meetingBefore('2026-11-20')).toBeNull();
    await store.recordMeeting('2026-11-13');
    await store.recordMeeting('2026-11-20');
    await store.recordMeeting('2026-11-20');
    expect(await store.meetingBefore('2026-11-20')).toBe('2026-11-13');
    expect(await store.meetingBefore('2026-11-27')).toBe('2026-11-20');
  });

  it("keeps every key under the team's hash tag", async () => {
    const store = pings();
    await store.recordNothing('2026-11-20', 'moc', 'U0WANG001', NOW);
    await store.recordMeeting('2026-11-20');
    const keys = await allKeys(redis, `${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(`${prefix}:{T1}:`)).toBe(true);
  });

  it('refuses ids that could escape the group key', async () => {
    await expect(pings().recordNothing('2026-11-20', 'a}b', 'U0WANG001', NOW)).rejects.toThrow(/invalid/);
    await expect(pings().recordNothing('../x', 'moc', 'U0WANG001', NOW)).rejects.toThrow(/invalid/);
  });
});
