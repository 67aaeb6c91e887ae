import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewFinding } from '../../src/store/types';
import { actor, deleteKeys, makeGroup, makeUnit, NOW, openHarness } from './fixture';

const h = openHarness();
beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.team.createGroup(makeGroup('C1'), actor('ULEAD'));
  await h.team.putMembers('C1', [{ userId: 'UAMY', role: 'member' }], actor());
  for (const key of ['moc', 'mof']) await h.team.addUnit('C1', makeUnit(key), actor());
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

function finding(unitKey: string, text: string, due: string | null = null): NewFinding {
  return { unitKey, text, due, createdBy: 'UAMY', createdAt: NOW };
}

describe('findings', () => {
  it('opens findings with their own ids and lists them by unit and status', async () => {
    const a = await h.team.addFinding(
      'C1',
      finding('moc', 'Plan lacks a budget', '2026-02-01'),
      actor('UAMY'),
    );
    const b = await h.team.addFinding('C1', finding('mof', 'Minutes missing'), actor('UAMY'));
    expect(a).toMatchObject({ status: 'open', doneBy: null, due: '2026-02-01', text: 'Plan lacks a budget' });
    expect(b.id).toBeGreaterThan(a.id);
    expect(await h.team.getFinding('C1', a.id)).toEqual(a);

    await h.team.closeFinding('C1', b.id, 'sent', actor('ULEAD'));
    expect((await h.team.listFindings('C1')).map((f) => f.id)).toEqual([a.id, b.id]);
    expect((await h.team.listFindings('C1', { status: 'open' })).map((f) => f.id)).toEqual([a.id]);
    expect((await h.team.listFindings('C1', { status: 'done' })).map((f) => f.id)).toEqual([b.id]);
    expect((await h.team.listFindings('C1', { unitKey: 'mof' })).map((f) => f.id)).toEqual([b.id]);
  });

  it('closes an open finding once, recording who, when and why', async () => {
    const f = await h.team.addFinding('C1', finding('moc', 'Plan lacks a budget'), actor('UAMY'));
    const done = await h.team.closeFinding('C1', f.id, 'budget added', actor('ULEAD', NOW + 5));
    expect(done).toEqual({
      ...f,
      status: 'done',
      doneBy: 'ULEAD',
      doneAt: NOW + 5,
      doneNotes: 'budget added',
    });
    expect(await h.team.getFinding('C1', f.id)).toEqual(done);
    expect(await h.team.closeFinding('C1', f.id, 'again', actor('UBEN'))).toBe('already_done');
    expect((await h.team.getFinding('C1', f.id))?.doneBy).toBe('ULEAD');
  });

  it('lets exactly one of several concurrent closes succeed', async () => {
    const f = await h.team.addFinding('C1', finding('moc', 'Plan lacks a budget'), actor('UAMY'));
    const results = await Promise.all(
      ['UAMY', 'UBEN', 'ULEAD', 'UCAT'].map((u) => h.team.closeFinding('C1', f.id, `by ${u}`, actor(u))),
    );
    const winners = results.filter((r) => typeof r === 'object');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r === 'already_done')).toHaveLength(3);
    expect(await h.team.getFinding('C1', f.id)).toEqual(winners[0]);
    const [summary] = await h.team.unitSummaries('C1', '2026-01-05', '2026-01-11');
    expect(summary?.openFindings).toBe(0);
  });

  it('answers not_found for an unknown finding', async () => {
    expect(await h.team.closeFinding('C1', 999, '', actor())).toBe('not_found');
    expect(await h.team.getFinding('C1', 999)).toBeNull();
  });
});
