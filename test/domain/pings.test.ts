import { describe, expect, it } from 'vitest';
import type { NothingAnswer } from '../../src/domain/digest';
import {
  CLAIM_REPLAN_MS,
  type CoverageCrossing,
  claimField,
  coverageBatches,
  coverageCrossings,
  dueFollowUps,
  liaisonsToPing,
  SNOOZE_MS,
  type Snooze,
  staleClaims,
} from '../../src/domain/pings';
import type { UnitSummary } from '../../src/domain/types';
import { NOW, SUMMARIES, TODAY, TZ, UNITS } from './week-fixture';

const PERIOD = '2026-11-20';
const units = Object.values(UNITS);

function snooze(unitKey: string, userId: string, until: number, contact: string | null = null): Snooze {
  return { unitKey, userId, until, period: PERIOD, contact };
}

function answer(unitKey: string, userId: string, period = PERIOD): NothingAnswer {
  return { unitKey, userId, period, at: NOW };
}

describe('liaisonsToPing', () => {
  const base = {
    units,
    activeUnitKeys: new Set(['moc']),
    period: PERIOD,
    now: NOW,
    snoozes: [],
    answers: [],
  };

  it('pings each liaison of a unit with no activity since the last meeting, once, with all their quiet units', () => {
    expect(liaisonsToPing(base).map((p) => [p.userId, p.units.map((u) => u.key)])).toEqual([
      ['U0LI00002', ['ndrc']],
      ['U0WANG001', ['sh']],
      ['U0ZHAO003', ['sh']],
    ]);
  });

  it('does not ping for a unit that had activity', () => {
    const pinged = liaisonsToPing({ ...base, activeUnitKeys: new Set(['moc', 'sh']) });
    expect(pinged.map((p) => p.userId)).toEqual(['U0LI00002']);
  });

  it('leaves out a snoozed unit while the snooze runs, not after', () => {
    const running = liaisonsToPing({ ...base, snoozes: [snooze('ndrc', 'U0LI00002', NOW + 1000)] });
    expect(running.map((p) => p.userId)).not.toContain('U0LI00002');
    const over = liaisonsToPing({ ...base, snoozes: [snooze('ndrc', 'U0LI00002', NOW - 1000)] });
    expect(over.map((p) => p.userId)).toContain('U0LI00002');
  });

  it('leaves out a liaison who said "nothing to report" for this period, not for another', () => {
    const same = liaisonsToPing({ ...base, answers: [answer('sh', 'U0ZHAO003')] });
    expect(same.map((p) => p.userId)).toEqual(['U0LI00002', 'U0WANG001']);
    const other = liaisonsToPing({ ...base, answers: [answer('sh', 'U0ZHAO003', '2026-11-13')] });
    expect(other.map((p) => p.userId)).toContain('U0ZHAO003');
  });

  it('skips archived units', () => {
    const archived = units.map((u) => (u.key === 'ndrc' ? { ...u, archived: true } : u));
    expect(liaisonsToPing({ ...base, units: archived }).map((p) => p.userId)).not.toContain('U0LI00002');
  });
});

describe('coverage crossings', () => {
  const base = {
    leaders: ['U0LEAD001'],
    today: TODAY,
    tz: TZ,
    coverageDays: 7,
    now: NOW,
    snoozes: [],
    answers: [],
  };
  const ndrc = SUMMARIES[1] as UnitSummary;
  const at = (days: number): UnitSummary => ({
    ...ndrc,
    lastContact: `2026-11-${String(20 - days).padStart(2, '0')}`,
  });
  const who = (cs: CoverageCrossing[]) => cs.map((c) => `${c.unit.key}:${c.level}:${c.userId}`);

  it('concerns the liaisons once the threshold is reached, and the leader at twice it', () => {
    expect(who(coverageCrossings({ ...base, summaries: [at(6)] }))).toEqual([]);
    expect(who(coverageCrossings({ ...base, summaries: [at(7)] }))).toEqual(['ndrc:liaison:U0LI00002']);
    expect(who(coverageCrossings({ ...base, summaries: [at(13)] }))).toEqual(['ndrc:liaison:U0LI00002']);
    expect(who(coverageCrossings({ ...base, summaries: [at(14)] }))).toEqual([
      'ndrc:liaison:U0LI00002',
      'ndrc:leader:U0LEAD001',
    ]);
  });

  it('counts a never-contacted unit from the day it was added', () => {
    const edu = SUMMARIES[2] as UnitSummary;
    const [c] = coverageCrossings({
      ...base,
      summaries: [{ ...edu, unit: { ...edu.unit, liaisons: ['U0X000001'] } }],
    });
    expect(c?.daysSince).toBe(50);
  });

  it('leaves out a liaison who snoozed the unit', () => {
    const snoozes = [snooze('ndrc', 'U0LI00002', NOW + SNOOZE_MS)];
    expect(coverageCrossings({ ...base, summaries: [at(8)], snoozes })).toEqual([]);
  });

  it('pings once per crossing, and again after a new contact and a new crossing', () => {
    const first = coverageCrossings({ ...base, summaries: [at(7)] });
    const claims = new Map(first.map((c) => [claimField({ ...c, unitKey: c.unit.key }), NOW]));
    expect(coverageBatches(first, claims, NOW).map((b) => b.userId)).toEqual(['U0LI00002']);
    // Planned again by a retry soon after: the same batch, so the same dedupe key.
    const retry = coverageBatches(coverageCrossings({ ...base, summaries: [at(7)] }), claims, NOW + 60_000);
    expect(retry.map((b) => [b.userId, b.plannedAt])).toEqual([['U0LI00002', NOW]]);
    // A day later, the same crossing is not planned again.
    const later = coverageCrossings({ ...base, today: '2026-11-21', summaries: [at(8)] });
    expect(coverageBatches(later, claims, NOW + CLAIM_REPLAN_MS + 1)).toEqual([]);
    // A new activity changes the last contact: the old claim is stale and the unit is armed again.
    const contacted: UnitSummary = { ...ndrc, lastContact: '2026-11-21' };
    expect(staleClaims(claims.keys(), [contacted])).toEqual([...claims.keys()]);
    const again = coverageCrossings({ ...base, today: '2026-11-28', summaries: [contacted] });
    expect(who(again)).toEqual(['ndrc:liaison:U0LI00002']);
    expect(again.every((c) => !claims.has(claimField({ ...c, unitKey: c.unit.key })))).toBe(true);
  });
});

describe('dueFollowUps', () => {
  const ndrc = SUMMARIES[1] as UnitSummary;

  it('follows up a snooze that ran out while the unit is still without contact', () => {
    const s = snooze('ndrc', 'U0LI00002', NOW - 1, ndrc.lastContact);
    expect(dueFollowUps({ snoozes: [s], summaries: [ndrc], answers: [], now: NOW })).toHaveLength(1);
  });

  it('does not follow up a running snooze, a unit contacted since, or after "nothing to report"', () => {
    const running = snooze('ndrc', 'U0LI00002', NOW + 1, ndrc.lastContact);
    const contacted = snooze('ndrc', 'U0LI00002', NOW - 1, '2026-11-01');
    const answered = snooze('ndrc', 'U0LI00002', NOW - 1, ndrc.lastContact);
    expect(dueFollowUps({ snoozes: [running, contacted], summaries: [ndrc], answers: [], now: NOW })).toEqual(
      [],
    );
    const answers = [answer('ndrc', 'U0LI00002')];
    expect(dueFollowUps({ snoozes: [answered], summaries: [ndrc], answers, now: NOW })).toEqual([]);
  });
});
