import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/domain/errors';
import { type FindingMove, type FindingRefusal, moveFinding } from '../../src/domain/finding-states';
import type { Finding, FindingEvent, FindingStatus } from '../../src/domain/types';
import { teamKeys } from '../../src/store/keys';
import { RedisStore } from '../../src/store/redis-store';
import type { NewFinding, TeamStore } from '../../src/store/types';
import { testRedis } from '../support/redis';
import { actor, deleteKeys, makeGroup, makeUnit, NOW, openHarness } from './fixture';

/**
 * Findings in the store: raised, moved step by step through `updateFinding` with the domain's
 * `moveFinding` (as commands/finding.ts `changeFinding` does), the active sets and the closed
 * indexes kept in step; records stored before rectification; concurrent steps on separate
 * connections ending in one history.
 */

const h = openHarness();
const keys = teamKeys(h.prefix, 'T1');
/** Two more stores on connections of their own, as two web processes would be. */
const connections = [testRedis(), testRedis()] as const;
const others = connections.map((redis) => new RedisStore({ redis, prefix: h.prefix }));
const [teamA, teamB] = others.map((s) => s.forTeam('T1')) as [TeamStore, TeamStore];
const UNITS = ['moc', 'mof'];
/** NOW's date in the group's zone (Asia/Shanghai). */
const TODAY = '2026-01-07';

beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
  await h.team.putMembers(
    'C1',
    [
      { userId: 'UDEP', role: 'deputy' },
      { userId: 'URAISE', role: 'member' },
      { userId: 'UOWN', role: 'member' },
    ],
    actor(),
  );
  await h.team.addUnit('C1', makeUnit('moc', { liaisons: ['ULIA'] }), actor());
  await h.team.addUnit('C1', makeUnit('mof'), actor());
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await Promise.all([h.store.close(), ...others.map((s) => s.close())]);
  h.inspect.close();
});

function newFinding(over: Partial<NewFinding> = {}): NewFinding {
  return {
    unitKey: 'moc',
    text: 'Ledger not reconciled',
    due: '2026-01-20',
    createdBy: 'URAISE',
    createdAt: NOW,
    owner: 'UOWN',
    severity: 'high',
    ...over,
  };
}

const raise = (over: Partial<NewFinding> = {}) => h.team.addFinding('C1', newFinding(over), actor('URAISE'));

type Stepped =
  | { kind: 'moved'; finding: Finding; event: FindingEvent }
  | { kind: 'refused'; refusal: FindingRefusal };

/** One step by `userId`, judged by moveFinding on what is stored at the write, as changeFinding does. */
function step(
  team: TeamStore,
  id: number,
  userId: string,
  move: FindingMove,
  now = NOW,
  onDecide?: () => void,
): Promise<Stepped | 'not_found'> {
  return team.updateFinding<Stepped>('C1', id, { userId, now }, ({ finding, unit, members }) => {
    onDecide?.();
    const role = members.find((m) => m.userId === userId)?.role ?? null;
    const r = moveFinding(finding, move, { userId, role }, { unit, members, today: TODAY, now });
    if (!r.ok) return { result: { kind: 'refused', refusal: r.refusal } };
    return {
      write: r.finding,
      step: move.step,
      result: { kind: 'moved', finding: r.finding, event: r.event },
    };
  });
}

async function moved(p: Promise<Stepped | 'not_found'>): Promise<Finding> {
  const r = await p;
  if (r === 'not_found' || r.kind !== 'moved') throw new Error(`not moved: ${JSON.stringify(r)}`);
  return r.finding;
}

const VERIFY: FindingMove = { step: 'verify', notes: 'checked' };
const REOPEN: FindingMove = { step: 'reopen', notes: 'still wrong' };
const DONE: FindingMove = { step: 'done', notes: 'fixed' };

/** Where the store's readers find `id`: among the active ones, the group's and its unit's closed ones. */
async function whereIs(f: Finding) {
  const [active, closed, unitClosed] = await Promise.all([
    h.team.activeFindings('C1', UNITS),
    h.team.closedFindings('C1', { limit: 100 }),
    h.team.closedFindings('C1', { unitKey: f.unitKey, limit: 100 }),
  ]);
  return {
    active: active.some((x) => x.id === f.id),
    closed: closed.findings.some((x) => x.id === f.id),
    unitClosed: unitClosed.findings.some((x) => x.id === f.id),
  };
}

const STATE_OF: Partial<Record<FindingEvent['step'], FindingStatus>> = {
  raise: 'open',
  plan: 'rectifying',
  done: 'waiting',
  verify: 'closed',
  reopen: 'rectifying',
};

/** The stored finding is consistent: status from its last state-changing event, and each index agrees. */
async function expectConsistent(id: number): Promise<Finding> {
  const f = await h.team.getFinding('C1', id);
  if (!f) throw new Error(`finding ${id} missing`);
  const last = f.history.findLast((e) => e.step !== 'due');
  expect(f.status).toBe(last ? STATE_OF[last.step] : undefined);
  const closed = f.status === 'closed';
  expect(await whereIs(f)).toEqual({ active: !closed, closed, unitClosed: closed });
  expect(await h.redis.sismember(keys.unitOpenFindings('C1', f.unitKey), String(id))).toBe(closed ? 0 : 1);
  const score = await h.redis.zscore(keys.closedFindings('C1'), String(id));
  expect(score === null ? null : Number(score)).toBe(closed ? f.closedAt : null);
  return f;
}

/** The audit trail's actions for finding `id`, oldest first. */
async function auditedSteps(id: number): Promise<string[]> {
  const trail = await h.inspect.auditTrail('T1', 'C1', 10_000);
  return trail
    .filter((e) => e.target === `finding:${id}`)
    .map((e) => e.action)
    .reverse();
}

describe('findings: raising', () => {
  it('raises an open finding with its owner, severity and first event, active for its unit', async () => {
    const a = await raise();
    const b = await raise({ unitKey: 'mof', owner: 'URAISE', severity: 'low', due: null });
    expect(b.id).toBeGreaterThan(a.id);
    expect(a).toEqual({
      id: a.id,
      ...newFinding(),
      status: 'open',
      plan: null,
      doneBy: null,
      doneAt: null,
      doneNotes: null,
      closedBy: null,
      closedAt: null,
      history: [{ step: 'raise', by: 'URAISE', at: NOW, notes: '' }],
    });
    expect(await h.team.getFinding('C1', a.id)).toEqual(a);
    expect((await h.team.activeFindings('C1', UNITS)).map((f) => f.id)).toEqual([a.id, b.id]);
    expect((await h.team.activeFindings('C1', ['mof'])).map((f) => f.id)).toEqual([b.id]);
    expect(await h.team.closedFindings('C1', { limit: 10 })).toEqual({ findings: [], total: 0 });
    expect((await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11')).map((s) => s.openFindings)).toEqual(
      [1, 1],
    );
    expect(await auditedSteps(a.id)).toEqual(['finding_add']);
  });

  it('raises once per request, and only for a member of the group', async () => {
    const req = { ...actor('URAISE'), requestId: '1700000000.1.abc' };
    const first = await h.team.addFinding('C1', newFinding(), req);
    expect(await h.team.addFinding('C1', newFinding({ text: 'again' }), req)).toEqual(first);
    expect(await h.team.listFindings('C1')).toHaveLength(1);
    const refused = await h.team.addFinding('C1', newFinding(), actor('UOUT')).catch((e: unknown) => e);
    expect(isUserError(refused) && refused.code).toBe('not_member');
  });
});

describe('findings: each step through updateFinding', () => {
  it('moves a finding through its whole rectification, the indexes following each state', async () => {
    const f = await raise();
    const planned = await moved(
      step(h.team, f.id, 'UOWN', { step: 'plan', notes: 'monthly checks' }, NOW + 1),
    );
    expect(planned).toMatchObject({ status: 'rectifying', plan: 'monthly checks' });
    expect(await expectConsistent(f.id)).toEqual(planned);

    const done = await moved(step(h.team, f.id, 'ULIA', DONE, NOW + 2));
    expect(done).toMatchObject({ status: 'waiting', doneBy: 'ULIA', doneAt: NOW + 2, doneNotes: 'fixed' });
    expect(await expectConsistent(f.id)).toEqual(done);
    // Waiting for a verifier is still active: status counts it.
    expect((await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11'))[0]?.openFindings).toBe(1);

    const closed = await moved(step(h.team, f.id, 'URAISE', VERIFY, NOW + 3));
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'URAISE', closedAt: NOW + 3 });
    expect(await expectConsistent(f.id)).toEqual(closed);
    expect((await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11'))[0]?.openFindings).toBe(0);

    const reopened = await moved(step(h.team, f.id, 'ULEAD', REOPEN, NOW + 4));
    expect(reopened).toMatchObject({ status: 'rectifying', doneBy: null, closedBy: null, closedAt: null });
    expect(await expectConsistent(f.id)).toEqual(reopened);

    const due = await moved(
      step(h.team, f.id, 'UDEP', { step: 'due', to: '2026-02-01', notes: 'audit' }, NOW + 5),
    );
    expect(due.due).toBe('2026-02-01');
    expect(due.history.at(-1)).toMatchObject({ step: 'due', from: '2026-01-20', to: '2026-02-01' });
    await moved(step(h.team, f.id, 'UOWN', DONE, NOW + 6));
    const final = await moved(step(h.team, f.id, 'UDEP', VERIFY, NOW + 7));
    expect(await expectConsistent(f.id)).toEqual(final);
    expect(final.history.map((e) => [e.step, e.by, e.at])).toEqual([
      ['raise', 'URAISE', NOW],
      ['plan', 'UOWN', NOW + 1],
      ['done', 'ULIA', NOW + 2],
      ['verify', 'URAISE', NOW + 3],
      ['reopen', 'ULEAD', NOW + 4],
      ['due', 'UDEP', NOW + 5],
      ['done', 'UOWN', NOW + 6],
      ['verify', 'UDEP', NOW + 7],
    ]);
    expect(await auditedSteps(f.id)).toEqual([
      'finding_add',
      'finding_plan',
      'finding_done',
      'finding_verify',
      'finding_reopen',
      'finding_due',
      'finding_done',
      'finding_verify',
    ]);
  });

  it('writes nothing for a refused step, and answers not_found for an unknown finding', async () => {
    const f = await raise();
    await moved(step(h.team, f.id, 'UOWN', DONE));
    const before = await h.team.getFinding('C1', f.id);
    expect(await step(h.team, f.id, 'UOWN', VERIFY)).toMatchObject({
      kind: 'refused',
      refusal: { code: 'not_allowed' },
    });
    expect(await step(h.team, f.id, 'ULEAD', DONE)).toMatchObject({
      kind: 'refused',
      refusal: { code: 'wrong_state' },
    });
    expect(await h.team.getFinding('C1', f.id)).toEqual(before);
    expect(await auditedSteps(f.id)).toEqual(['finding_add', 'finding_done']);
    let decided = 0;
    for (const id of [999, 0, -1, 1.5])
      expect(await step(h.team, id, 'ULEAD', VERIFY, NOW, () => decided++)).toBe('not_found');
    expect(decided).toBe(0);
    expect(await h.team.getFinding('C1', 999)).toBeNull();
  });

  it('lists the closed ones newest closed first, by unit, since a time, at most a limit, with the total', async () => {
    const ids: number[] = [];
    for (const [i, unitKey] of ['moc', 'mof', 'moc', 'mof'].entries()) {
      const f = await raise({ unitKey });
      await moved(step(h.team, f.id, 'ULEAD', DONE));
      await moved(step(h.team, f.id, 'UDEP', VERIFY, NOW + 10 * (i + 1)));
      ids.push(f.id);
    }
    const open = await raise({ unitKey: 'mof' });
    const [c1, c2, c3, c4] = ids as [number, number, number, number];
    const idsOf = (r: { findings: Finding[]; total: number }) => [r.findings.map((f) => f.id), r.total];
    expect(idsOf(await h.team.closedFindings('C1', { limit: 10 }))).toEqual([[c4, c3, c2, c1], 4]);
    expect(idsOf(await h.team.closedFindings('C1', { limit: 2 }))).toEqual([[c4, c3], 4]);
    expect(idsOf(await h.team.closedFindings('C1', { unitKey: 'mof', limit: 10 }))).toEqual([[c4, c2], 2]);
    expect(idsOf(await h.team.closedFindings('C1', { since: NOW + 30, limit: 10 }))).toEqual([[c4, c3], 4]);
    expect((await h.team.activeFindings('C1', UNITS)).map((f) => f.id)).toEqual([open.id]);
    expect((await h.team.listFindings('C1', { status: 'closed' })).map((f) => f.id)).toEqual(ids);
    expect((await h.team.listFindings('C1', { status: 'active' })).map((f) => f.id)).toEqual([open.id]);
    expect((await h.team.listFindings('C1', { unitKey: 'mof' })).map((f) => f.id)).toEqual([c2, c4, open.id]);
  });
});

describe('findings stored before rectification', () => {
  const DAY = 86_400_000;
  const legacyDone = {
    id: 1,
    unitKey: 'moc',
    text: 'Minutes missing',
    due: '2026-01-01',
    createdBy: 'URAISE',
    createdAt: NOW - 10 * DAY,
    status: 'done',
    doneBy: 'ULIA',
    doneAt: NOW - 5 * DAY,
    doneNotes: 'sent',
  };
  const legacyOpen = {
    ...legacyDone,
    id: 2,
    unitKey: 'mof',
    status: 'open',
    doneBy: null,
    doneAt: null,
    doneNotes: null,
  };

  /** What the store before rectification wrote: the records, the open set, the id sequence; no closed index. */
  async function writeLegacy(): Promise<void> {
    await h.redis.hset(keys.findings('C1'), '1', JSON.stringify(legacyDone), '2', JSON.stringify(legacyOpen));
    await h.redis.sadd(keys.unitOpenFindings('C1', 'mof'), '2');
    await h.redis.hset(keys.group('C1'), 'findingSeq', '2');
  }

  it('reads a done record as closed and an open one as open, owned by the raiser, with a history made up', async () => {
    await writeLegacy();
    expect(await h.team.getFinding('C1', 1)).toEqual({
      ...legacyDone,
      status: 'closed',
      owner: 'URAISE',
      severity: 'medium',
      plan: null,
      closedBy: 'ULIA',
      closedAt: NOW - 5 * DAY,
      history: [
        { step: 'raise', by: 'URAISE', at: NOW - 10 * DAY, notes: '' },
        { step: 'done', by: 'ULIA', at: NOW - 5 * DAY, notes: 'sent' },
        { step: 'verify', by: 'ULIA', at: NOW - 5 * DAY, notes: '', legacy: true },
      ],
    });
    expect(await h.team.getFinding('C1', 2)).toEqual({
      ...legacyOpen,
      status: 'open',
      owner: 'URAISE',
      severity: 'medium',
      plan: null,
      closedBy: null,
      closedAt: null,
      history: [{ step: 'raise', by: 'URAISE', at: NOW - 10 * DAY, notes: '' }],
    });
    expect((await h.team.activeFindings('C1', UNITS)).map((f) => f.id)).toEqual([2]);
    expect((await raise()).id).toBe(3);
  });

  it('builds the closed index on the first read of closed findings, then keeps it by the writes', async () => {
    // A group created now starts with its index complete; one from before the index lacks the mark.
    expect(await h.redis.hget(keys.group('C1'), 'closedIndexed')).toBe('1');
    await h.redis.hdel(keys.group('C1'), 'closedIndexed');
    await writeLegacy();
    expect(await h.redis.exists(keys.closedFindings('C1'))).toBe(0);

    const closed = await h.team.closedFindings('C1', { limit: 10 });
    expect([closed.findings.map((f) => f.id), closed.total]).toEqual([[1], 1]);
    expect(await h.redis.zscore(keys.closedFindings('C1'), '1')).toBe(String(NOW - 5 * DAY));
    expect(await h.redis.zscore(keys.unitClosedFindings('C1', 'moc'), '1')).toBe(String(NOW - 5 * DAY));
    expect(await h.redis.hget(keys.group('C1'), 'closedIndexed')).toBe('1');
    expect((await h.team.closedFindings('C1', { unitKey: 'mof', limit: 10 })).total).toBe(0);

    // Both move on as findings of today: the closed one sent back, the open one given a plan.
    const reopened = await moved(step(h.team, 1, 'ULEAD', REOPEN));
    expect(reopened).toMatchObject({ status: 'rectifying', owner: 'URAISE', doneBy: null, closedBy: null });
    expect(reopened.history.map((e) => e.step)).toEqual(['raise', 'done', 'verify', 'reopen']);
    await expectConsistent(1);
    expect(await moved(step(h.team, 2, 'URAISE', { step: 'plan', notes: 'ask again' }))).toMatchObject({
      status: 'rectifying',
      plan: 'ask again',
    });
    await expectConsistent(2);
    expect(await h.team.closedFindings('C1', { limit: 10 })).toEqual({ findings: [], total: 0 });
  });
});

describe('findings: concurrent steps end in one consistent state', () => {
  const ROUNDS = 25;

  /** A finding marked done by its owner, waiting for a verifier. */
  async function waiting(round: number): Promise<Finding> {
    const f = await raise({ createdAt: NOW + round });
    return moved(step(h.team, f.id, 'UOWN', DONE, NOW + round));
  }

  /**
   * The two at once, each on a connection of its own; from round to round they swap connections and
   * one or the other starts up to 3 ms later, so that each gets to be first.
   */
  function together<A, B>(round: number, a: (t: TeamStore) => Promise<A>, b: (t: TeamStore) => Promise<B>) {
    const [ta, tb] = round % 2 === 0 ? [teamA, teamB] : [teamB, teamA];
    const [da, db] = (
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [0, 3],
        [3, 0],
      ] as const
    )[round % 5]!;
    const later = <T>(ms: number, run: () => Promise<T>) =>
      ms === 0 ? run() : new Promise((r) => setTimeout(r, ms)).then(run);
    return Promise.all([later(da, () => a(ta)), later(db, () => b(tb))]);
  }

  /** Each step that answered "moved" is in the history once, and nothing else was added. */
  function expectHistoryOf(f: Finding, before: Finding, results: Stepped[]): void {
    const added = f.history.slice(before.history.length);
    expect(f.history.slice(0, before.history.length)).toEqual(before.history);
    const movedEvents = results.flatMap((r) => (r.kind === 'moved' ? [r.event] : []));
    expect(added).toHaveLength(movedEvents.length);
    for (const e of movedEvents)
      expect(added.filter((x) => JSON.stringify(x) === JSON.stringify(e))).toHaveLength(1);
  }

  it('a verify and a reopen pressed together', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const w = await waiting(round);
      const results = (await together(
        round,
        (t) => step(t, w.id, 'ULEAD', VERIFY, NOW + round),
        (t) => step(t, w.id, 'URAISE', REOPEN, NOW + round),
      )) as Stepped[];
      const f = await expectConsistent(w.id);
      expectHistoryOf(f, w, results);
      const [verify, reopen] = results;
      // The reopen applies either way (to the waiting or to the closed finding); the verify only before it.
      expect(reopen?.kind).toBe('moved');
      if (verify?.kind === 'refused')
        expect(verify.refusal).toEqual({ code: 'wrong_state', status: 'rectifying' });
      expect(f.history.slice(2).map((e) => e.step)).toEqual(
        verify?.kind === 'moved' ? ['verify', 'reopen'] : ['reopen'],
      );
      expect(f.status).toBe('rectifying');
      expect(await auditedSteps(w.id)).toEqual([
        'finding_add',
        'finding_done',
        ...f.history.slice(2).map((e) => `finding_${e.step}`),
      ]);
    }
  });

  it('two leaders verifying together: one signs it off, the other is told it is closed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const w = await waiting(round);
      const results = (await together(
        round,
        (t) => step(t, w.id, 'ULEAD', VERIFY, NOW + round),
        (t) => step(t, w.id, 'UDEP', VERIFY, NOW + round),
      )) as Stepped[];
      const f = await expectConsistent(w.id);
      expectHistoryOf(f, w, results);
      const winners = results.filter((r) => r.kind === 'moved');
      expect(winners).toHaveLength(1);
      expect(results.find((r) => r.kind === 'refused')).toEqual({
        kind: 'refused',
        refusal: { code: 'wrong_state', status: 'closed' },
      });
      expect(f.closedBy).toBe(winners[0]?.kind === 'moved' ? winners[0].event.by : null);
      expect(f.history.filter((e) => e.step === 'verify')).toHaveLength(1);
    }
  });

  it('a verify racing the verifier’s loss of their role: never written after the role is gone', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const w = await waiting(round);
      const [verify, demoted] = await together(
        round,
        (t) => step(t, w.id, 'UDEP', VERIFY, NOW + round),
        (t) => t.putMembers('C1', [{ userId: 'UDEP', role: 'member' }], actor('ULEAD', NOW + round)),
      );
      expect(demoted).toBe('ok');
      if (verify === 'not_found') throw new Error('not found');
      const f = await expectConsistent(w.id);
      expectHistoryOf(f, w, [verify]);
      const trail = (await h.inspect.auditTrail('T1', 'C1', 10_000)).reverse();
      const verifiedAt = trail.findIndex(
        (e) => e.action === 'finding_verify' && e.target === `finding:${w.id}`,
      );
      const demotedAt = trail.findLastIndex((e) => e.action === 'member_role' && e.target === 'member:UDEP');
      if (verify.kind === 'moved') {
        expect(f).toMatchObject({ status: 'closed', closedBy: 'UDEP' });
        expect(verifiedAt).toBeLessThan(demotedAt);
      } else {
        expect(verify.refusal.code).toBe('not_allowed');
        expect([f.status, verifiedAt]).toEqual(['waiting', -1]);
      }
      expect(await h.team.putMembers('C1', [{ userId: 'UDEP', role: 'deputy' }], actor('ULEAD'))).toBe('ok');
    }
  });

  /**
   * A write that lands between a step's read and its write: sent from inside `decide` on the
   * connection the step writes on, so Redis runs it first (one connection's commands run in order).
   */
  let meanwhile: Promise<unknown> = Promise.resolve();
  const writeMeanwhile = (key: string, field: string, value: string) => {
    meanwhile = connections[0].hset(key, field, value);
  };

  it('judges a step again when the verifier’s role changed between its read and its write', async () => {
    const w = await waiting(0);
    let decided = 0;
    const r = await step(teamA, w.id, 'UDEP', VERIFY, NOW, () => {
      if (decided++ === 0) writeMeanwhile(keys.members('C1'), 'UDEP', 'member');
    });
    await meanwhile;
    expect(decided).toBe(2);
    expect(r).toMatchObject({ kind: 'refused', refusal: { code: 'not_allowed' } });
    expect(await expectConsistent(w.id)).toEqual(w);
  });

  it('judges a verify again when a reopen was written between its read and its write', async () => {
    const w = await waiting(0);
    const reopen = moveFinding(
      w,
      REOPEN,
      { userId: 'URAISE', role: 'member' },
      {
        unit: makeUnit('moc', { liaisons: ['ULIA'] }),
        members: await h.team.getMembers('C1'),
        today: TODAY,
        now: NOW,
      },
    );
    if (!reopen.ok) throw new Error('reopen refused');
    let decided = 0;
    const r = await step(teamA, w.id, 'ULEAD', VERIFY, NOW, () => {
      if (decided++ === 0) writeMeanwhile(keys.findings('C1'), String(w.id), JSON.stringify(reopen.finding));
    });
    await meanwhile;
    expect(decided).toBe(2);
    expect(r).toEqual({ kind: 'refused', refusal: { code: 'wrong_state', status: 'rectifying' } });
    expect(await h.team.getFinding('C1', w.id)).toEqual(reopen.finding);
  });
});
