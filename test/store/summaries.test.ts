import type { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates';
import type { UnitSummary } from '../../src/domain/types';
import { weekOf } from '../../src/store/activity-form';
import { teamKeys } from '../../src/store/keys';
import { ON_CLUSTER } from '../support/redis';
import { actor, deleteKeys, log, makeActivity, makeGroup, makeUnit, NOW, openHarness } from './fixture';

// Week A: Mon 2025-12-29 … Sun 2026-01-04. Week B: Mon 2026-01-05 … Sun 2026-01-11.
const WEEK_B = ['2026-01-05', '2026-01-11'] as const;
const WEEK_A = ['2025-12-29', '2026-01-04'] as const;

const h = openHarness();
beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
  await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
  for (const key of ['moc', 'mof', 'moe']) await h.team.addUnit('C1', makeUnit(key), actor());
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

function byKey(summaries: UnitSummary[]) {
  return Object.fromEntries(
    summaries.map((s) => [s.unit.key, { last: s.lastContact, week: s.weekCount, open: s.openFindings }]),
  );
}

describe('unitSummaries', () => {
  it('gives last contact, this week’s count and open findings per unit', async () => {
    for (const date of ['2026-01-04', '2026-01-05', '2026-01-06'])
      await log(h.team, 'C1', makeActivity('moc', date));
    await log(h.team, 'C1', makeActivity('mof', '2025-12-30'));
    await h.team.addFinding(
      'C1',
      {
        unitKey: 'mof',
        text: 'No plan yet',
        due: null,
        createdBy: 'ULEAD',
        createdAt: NOW,
        owner: 'ULEAD',
        severity: 'medium',
      },
      actor(),
    );

    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B))).toEqual({
      moc: { last: '2026-01-06', week: 2, open: 0 },
      mof: { last: '2025-12-30', week: 0, open: 1 },
      moe: { last: null, week: 0, open: 0 },
    });
    // Sunday belongs to the week before.
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_A)).moc?.week).toBe(1);
  });

  it('keeps the last contact when an older activity is logged late', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06'));
    await log(h.team, 'C1', makeActivity('moc', '2025-11-20', { createdAt: NOW + 1 }));
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B)).moc).toEqual({
      last: '2026-01-06',
      week: 1,
      open: 0,
    });
  });

  it('moves last contact and the week count back after an undo', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-05', { userId: 'UAMY', createdAt: NOW }));
    await log(h.team, 'C1', makeActivity('moc', '2026-01-07', { userId: 'UAMY', createdAt: NOW + 1000 }));
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B)).moc).toEqual({
      last: '2026-01-07',
      week: 2,
      open: 0,
    });

    await h.team.undoLastActivity('C1', actor('UAMY', NOW + 2000), 15 * 60_000);
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B)).moc).toEqual({
      last: '2026-01-05',
      week: 1,
      open: 0,
    });
  });

  it('leaves out archived units', async () => {
    await log(h.team, 'C1', makeActivity('mof', '2026-01-06'));
    await h.team.updateUnit('C1', 'mof', { archived: true }, actor());
    expect((await h.team.unitSummaries('C1', ...WEEK_B)).map((s) => s.unit.key)).toEqual(['moc', 'moe']);
  });
});

describe('unitSummaries from the units’ tallies', () => {
  const keys = () => teamKeys(h.prefix, 'T1');
  const week = weekOf(dayNumber(WEEK_B[0]));

  it('match the indexes after logs, late logs and undos, and are filled from them when missing', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06', { userId: 'UAMY', createdAt: NOW }));
    await log(h.team, 'C1', makeActivity('moc', '2026-01-08', { userId: 'UAMY', createdAt: NOW + 1 }));
    await log(h.team, 'C1', makeActivity('mof', '2025-12-01', { userId: 'UAMY', createdAt: NOW + 2 }));
    await log(h.team, 'C1', makeActivity('moc', '2026-01-05', { userId: 'UAMY', createdAt: NOW + 3 }));
    const expected = {
      moc: { last: '2026-01-08', week: 3, open: 0 },
      mof: { last: '2025-12-01', week: 0, open: 0 },
      moe: { last: null, week: 0, open: 0 },
    };
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B))).toEqual(expected);
    // As a group logged before the tallies existed: they are filled from the indexes.
    await h.redis.del(keys().unitLastContacts('C1'), keys().unitWeekCounts('C1', week));
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B))).toEqual(expected);
    expect(await h.redis.hget(keys().unitLastContacts('C1'), 'moc')).toBe(String(dayNumber('2026-01-08')));
    expect(await h.redis.hget(keys().unitWeekCounts('C1', week), 'moc')).toBe('3');

    // Undo the three latest logs: Monday's, the late one of another unit, and the last contact (Thursday).
    for (const at of [NOW + 10, NOW + 11, NOW + 12])
      await h.team.undoLastActivity('C1', actor('UAMY', at), 15 * 60_000);
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B))).toEqual({
      ...expected,
      moc: { last: '2026-01-06', week: 1, open: 0 },
      mof: { last: null, week: 0, open: 0 },
    });
  });

  it('count a range that is not one week from the indexes', async () => {
    for (const date of ['2026-01-04', '2026-01-05', '2026-01-06'])
      await log(h.team, 'C1', makeActivity('moc', date));
    expect(byKey(await h.team.unitSummaries('C1', '2026-01-04', '2026-01-05')).moc?.week).toBe(2);
    expect(byKey(await h.team.unitSummaries('C1', ...WEEK_B)).moc?.week).toBe(2);
  });
});

// Counts the writes to one server's socket; a cluster client has one per node (npm run test:cluster).
describe.skipIf(ON_CLUSTER)('unitSummaries cost', () => {
  /**
   * Counts what actually leaves the client: every command ioredis sends, and every write to the
   * socket (a pipeline is one write, so writes are round trips).
   */
  function countTraffic() {
    const counts = { commands: 0, writes: 0 };
    const redis = h.redis as Redis;
    const send = redis.sendCommand.bind(h.redis);
    redis.sendCommand = ((...args: Parameters<typeof send>) => {
      counts.commands++;
      return send(...args);
    }) as typeof redis.sendCommand;
    const socket = redis.stream;
    const write = socket.write.bind(socket);
    socket.write = ((...args: Parameters<typeof write>) => {
      counts.writes++;
      return write(...args);
    }) as typeof socket.write;
    const stop = () => {
      redis.sendCommand = send;
      socket.write = write;
    };
    return { counts, stop };
  }

  async function measure() {
    await h.redis.ping();
    const t = countTraffic();
    try {
      await h.team.unitSummaries('C1', ...WEEK_B);
    } finally {
      t.stop();
    }
    return t.counts;
  }

  it('costs one round trip and the same commands whatever the number of activities or units', async () => {
    for (const key of ['moc', 'mof', 'moe']) await log(h.team, 'C1', makeActivity(key, '2026-01-06'));
    // The first read of the group's units in this process (and its scripts' first load) warms up.
    await h.team.unitSummaries('C1', ...WEEK_B);
    const few = await measure();
    expect(few.writes).toBe(1);

    for (let i = 0; i < 60; i++)
      await log(h.team, 'C1', makeActivity(i % 2 ? 'moc' : 'mof', `2026-01-0${1 + (i % 7)}`));
    const many = await measure();
    expect(many).toEqual(few);

    for (const key of ['a1', 'a2', 'a3']) await h.team.addUnit('C1', makeUnit(key), actor());
    // The cached units are refused by the script (their version changed), read again, and used.
    const changed = await measure();
    expect(changed.writes).toBe(3);
    const moreUnits = await measure();
    expect(moreUnits).toEqual(few);
    expect((await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11')).length).toBe(6);
  });

  it('reads the indexes only for a week whose tally is not kept yet, and counts it right', async () => {
    await log(h.team, 'C1', makeActivity('moc', '2026-01-06'));
    await log(h.team, 'C1', makeActivity('moc', '2026-01-07'));
    await h.team.unitSummaries('C1', ...WEEK_B);
    // Week B's counts are kept by the logs (moc) and the read above (the others); week A's is not.
    await h.redis.del(teamKeys(h.prefix, 'T1').unitWeekCounts('C1', weekOf(dayNumber(WEEK_A[0]))));
    await log(h.team, 'C1', makeActivity('mof', '2025-12-30'));
    const firstRead = countTraffic();
    const weekA = await h.team.unitSummaries('C1', ...WEEK_A).finally(firstRead.stop);
    expect(firstRead.counts.writes).toBe(2);
    expect(byKey(weekA)).toEqual({
      moc: { last: '2026-01-07', week: 0, open: 0 },
      mof: { last: '2025-12-30', week: 1, open: 0 },
      moe: { last: null, week: 0, open: 0 },
    });
    expect(await measure()).toEqual({ commands: 1, writes: 1 });
    const again = countTraffic();
    await h.team.unitSummaries('C1', ...WEEK_A).finally(again.stop);
    expect(again.counts.writes).toBe(1);
  });
});
