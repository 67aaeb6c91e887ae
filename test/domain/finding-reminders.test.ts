import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import {
  type FindingReminder,
  planFindingReminders,
  reminderRunDate,
  remindersByPerson,
  remindersToSend,
  staleReminderClaims,
  VERIFY_AFTER_MS,
} from '../../src/domain/finding-reminders';
import { raisedFinding } from '../../src/domain/finding-states';
import type { Finding, IsoDate, Member } from '../../src/domain/types';
import { instantOf } from '../../src/domain/zoned-time';

const TZ = 'Asia/Shanghai';
const DUE = '2026-03-10';

const members: Member[] = [
  { userId: 'U0LEAD1', role: 'leader' },
  { userId: 'U0LEAD2', role: 'leader' },
  { userId: 'U0DEPUTY', role: 'deputy' },
  { userId: 'U0OWNER', role: 'liaison' },
  { userId: 'U0RAISER', role: 'member' },
];

function finding(over: Partial<Finding> = {}): Finding {
  const base = raisedFinding({
    unitKey: 'moc',
    text: 'Ledger not reconciled',
    due: DUE,
    createdBy: 'U0RAISER',
    createdAt: Date.UTC(2026, 1, 1),
    owner: 'U0OWNER',
    severity: 'medium',
  });
  return { id: 5, ...base, ...over };
}

/** 09:00 on `date` in Shanghai, as the daily run sees it. */
const nineOn = (date: IsoDate) => instantOf(date, '09:00', TZ);

function plan(findings: Finding[], date: IsoDate): [string, string[]][] {
  return planFindingReminders({ findings, members, date, now: nineOn(date) }).map((r) => [r.id, r.to]);
}

describe('planFindingReminders: the windows', () => {
  const f = finding();
  it.each<[IsoDate, [string, string[]][]]>([
    ['2026-03-06', []],
    ['2026-03-07', [['5:soon:2026-03-10', ['U0OWNER']]]],
    ['2026-03-09', [['5:soon:2026-03-10', ['U0OWNER']]]],
    ['2026-03-10', [['5:today:2026-03-10', ['U0OWNER']]]],
    ['2026-03-11', [['5:overdue:2026-03-10', ['U0LEAD1', 'U0LEAD2']]]],
    ['2026-03-17', [['5:overdue:2026-03-10', ['U0LEAD1', 'U0LEAD2']]]],
    ['2026-03-18', []],
  ])('on %s', (date, expected) => {
    expect(plan([f], date)).toEqual(expected);
  });

  it('a finding with a plan is still to rectify; one marked done or closed is not', () => {
    expect(plan([finding({ status: 'rectifying', plan: 'fix it' })], DUE)).toEqual([
      ['5:today:2026-03-10', ['U0OWNER']],
    ]);
    const done = { status: 'waiting' as const, doneBy: 'U0OWNER', doneAt: nineOn(DUE) - 1000 };
    expect(plan([finding(done)], DUE)).toEqual([]);
    expect(plan([finding(done)], '2026-03-11')).toEqual([]);
    expect(plan([finding({ status: 'closed', closedAt: 1, closedBy: 'U0LEAD1' })], DUE)).toEqual([]);
  });

  it('a finding without a due date reminds nobody of it', () => {
    expect(plan([finding({ due: null })], DUE)).toEqual([]);
  });

  it('an owner who left the group gets nothing; the leaders still hear when it is overdue', () => {
    const gone = finding({ owner: 'U0GONE' });
    expect(plan([gone], DUE)).toEqual([]);
    expect(plan([gone], '2026-03-11')).toEqual([['5:overdue:2026-03-10', ['U0LEAD1', 'U0LEAD2']]]);
  });

  it('a finding waiting longer than three days reminds its verifiers, never who marked it done', () => {
    const now = nineOn('2026-03-20');
    const waiting = (doneAt: number) =>
      planFindingReminders({
        findings: [finding({ status: 'waiting', doneBy: 'U0LEAD1', doneAt })],
        members,
        date: '2026-03-20',
        now,
      });
    expect(waiting(now - VERIFY_AFTER_MS)).toEqual([]);
    const [r] = waiting(now - VERIFY_AFTER_MS - 1);
    expect(r?.id).toBe(`5:verify:${now - VERIFY_AFTER_MS - 1}`);
    expect(r?.to).toEqual(['U0RAISER', 'U0LEAD2', 'U0DEPUTY']);
  });

  it('the only verifier left is told even when they marked it done themselves', () => {
    const [r] = planFindingReminders({
      findings: [finding({ status: 'waiting', doneBy: 'U0LEAD1', doneAt: 0, createdBy: 'U0LEAD1' })],
      members: [{ userId: 'U0LEAD1', role: 'leader' }],
      date: DUE,
      now: nineOn(DUE),
    });
    expect(r?.to).toEqual(['U0LEAD1']);
  });
});

/** One daily run over the claims: plans, claims what is new for `date`, answers what it sends. */
function run(findings: Finding[], claims: Map<string, IsoDate>, date: IsoDate): string[] {
  const planned = planFindingReminders({ findings, members, date, now: nineOn(date) });
  for (const id of staleReminderClaims(claims, planned, date)) claims.delete(id);
  for (const r of planned) if (!claims.has(r.id)) claims.set(r.id, date);
  return remindersToSend(planned, claims, date).map((r) => r.id);
}

describe('each reminder once', () => {
  it('three days in the "soon" window send it once; a retry of the same day sends it again (delivery keeps one)', () => {
    const claims = new Map<string, IsoDate>();
    const f = finding();
    expect(run([f], claims, '2026-03-07')).toEqual(['5:soon:2026-03-10']);
    expect(run([f], claims, '2026-03-07')).toEqual(['5:soon:2026-03-10']);
    expect(run([f], claims, '2026-03-08')).toEqual([]);
    expect(run([f], claims, '2026-03-09')).toEqual([]);
    expect(run([f], claims, '2026-03-10')).toEqual(['5:today:2026-03-10']);
    expect(run([f], claims, '2026-03-11')).toEqual(['5:overdue:2026-03-10']);
    for (let d = 12; d <= 20; d++) expect(run([f], claims, `2026-03-${d}`)).toEqual([]);
  });

  it('a moved due date plans again under the new date; the old reminders are never sent', () => {
    const claims = new Map<string, IsoDate>();
    expect(run([finding()], claims, '2026-03-08')).toEqual(['5:soon:2026-03-10']);
    const moved = finding({ due: '2026-03-20' });
    expect(run([moved], claims, '2026-03-09')).toEqual([]);
    expect(run([moved], claims, '2026-03-10')).toEqual([]);
    expect(run([moved], claims, '2026-03-17')).toEqual(['5:soon:2026-03-20']);
    expect(run([moved], claims, '2026-03-20')).toEqual(['5:today:2026-03-20']);
    // Moved back in the window: the new date reminds at once, the first one is not sent twice.
    const back = finding({ due: '2026-03-23' });
    expect(run([back], claims, '2026-03-21')).toEqual(['5:soon:2026-03-23']);
  });

  it('a new "done" after a reopening reminds the verifiers again', () => {
    const claims = new Map<string, IsoDate>();
    const first = finding({ status: 'waiting', doneBy: 'U0OWNER', doneAt: nineOn('2026-03-01') });
    expect(run([first], claims, '2026-03-05')).toEqual([`5:verify:${nineOn('2026-03-01')}`]);
    expect(run([first], claims, '2026-03-06')).toEqual([]);
    const again = { ...first, doneAt: nineOn('2026-03-06') };
    expect(run([again], claims, '2026-03-09')).toEqual([]);
    expect(run([again], claims, '2026-03-10')).toEqual([`5:verify:${nineOn('2026-03-06')}`]);
  });

  it('a finding closed before its date reminds nobody', () => {
    const claims = new Map<string, IsoDate>();
    expect(run([finding()], claims, '2026-03-07')).toEqual(['5:soon:2026-03-10']);
    expect(run([], claims, '2026-03-10')).toEqual([]);
    expect(run([], claims, '2026-03-11')).toEqual([]);
  });

  it('a finding waiting for months is not reminded again when its claim grows old', () => {
    const claims = new Map<string, IsoDate>();
    const f = finding({ status: 'waiting', doneBy: 'U0OWNER', doneAt: nineOn('2026-01-01') });
    expect(run([f], claims, '2026-01-05')).toHaveLength(1);
    for (let d = 1; d <= 200; d++) expect(run([f], claims, addDays('2026-01-05', d))).toEqual([]);
  });
});

describe('staleReminderClaims', () => {
  it('drops claims older than 60 days that are no longer planned, and malformed ones', () => {
    const planned = [{ id: '1:verify:0' } as FindingReminder];
    const claims = new Map([
      ['1:verify:0', '2025-01-01'],
      ['2:soon:2026-01-10', '2026-01-07'],
      ['3:soon:2026-03-01', '2026-02-26'],
      ['4:today:2026-01-05', 'garbage'],
    ]);
    expect(staleReminderClaims(claims, planned, '2026-03-09').sort()).toEqual([
      '2:soon:2026-01-10',
      '4:today:2026-01-05',
    ]);
    expect(staleReminderClaims(claims, planned, '2026-03-08')).toEqual(['4:today:2026-01-05']);
  });
});

describe('remindersByPerson', () => {
  it('one list per person: what they act on first, soonest first; what they are told of last', () => {
    const leaderOwns = [
      finding({ id: 1, owner: 'U0LEAD1', due: '2026-03-09' }),
      finding({ id: 2, owner: 'U0LEAD1', due: '2026-03-12' }),
      finding({ id: 3, owner: 'U0LEAD1', due: '2026-03-11' }),
      finding({ id: 4, owner: 'U0OWNER', due: '2026-03-05' }),
      finding({ id: 6, status: 'waiting', doneBy: 'U0OWNER', doneAt: 0 }),
    ];
    const planned = planFindingReminders({
      findings: leaderOwns,
      members,
      date: '2026-03-09',
      now: nineOn('2026-03-09'),
    });
    const people = remindersByPerson(planned).map((p) => [p.userId, p.reminders.map((r) => r.id)]);
    expect(people).toEqual([
      [
        'U0LEAD1',
        [
          '1:today:2026-03-09',
          '3:soon:2026-03-11',
          '2:soon:2026-03-12',
          '6:verify:0',
          '4:overdue:2026-03-05',
        ],
      ],
      ['U0LEAD2', ['6:verify:0', '4:overdue:2026-03-05']],
      ['U0RAISER', ['6:verify:0']],
      ['U0DEPUTY', ['6:verify:0']],
    ]);
  });
});

describe('reminderRunDate', () => {
  const ny = 'America/New_York';
  const at = (date: IsoDate, time: string) => instantOf(date, time, ny);
  it('is the date of the fire when on time, a little early or late the same day', () => {
    const fire = at('2026-03-08', '09:00');
    expect(reminderRunDate(fire, fire + 300, ny)).toBe('2026-03-08');
    expect(reminderRunDate(fire, fire - 2_000, ny)).toBe('2026-03-08');
    expect(reminderRunDate(fire, at('2026-03-08', '23:59'), ny)).toBe('2026-03-08');
  });

  it('after downtime: the fire’s date until the next 09:00, then the day that 09:00 began', () => {
    const fire = at('2026-03-08', '09:00');
    expect(reminderRunDate(fire, at('2026-03-09', '08:59'), ny)).toBe('2026-03-08');
    expect(reminderRunDate(fire, at('2026-03-09', '09:00'), ny)).toBe('2026-03-09');
    expect(reminderRunDate(fire, at('2026-03-12', '07:00'), ny)).toBe('2026-03-11');
  });
});
