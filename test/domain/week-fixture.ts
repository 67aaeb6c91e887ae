/** A seeded week of one group as plain data, for the digest, agenda and view tests. */
import type { AgendaInput } from '../../src/domain/agenda';
import type { DigestInput, NothingAnswer } from '../../src/domain/digest';
import { type FindingMove, moveFinding, raisedFinding } from '../../src/domain/finding-states';
import type { Activity, ActivityType, Finding, Member, Unit, UnitSummary } from '../../src/domain/types';

export const TZ = 'Asia/Shanghai';
/** Friday 2026-11-20 in Shanghai; its week runs from Monday 16 to Sunday 22. */
export const TODAY = '2026-11-20';
const WEEK = { from: '2026-11-16', to: '2026-11-22' };
/** 2026-11-20 17:00 in Shanghai. */
export const NOW = Date.UTC(2026, 10, 20, 9);

function unit(key: string, name: string, liaisons: string[]): Unit {
  return { key, name, kind: 'ministry', liaisons, archived: false, createdAt: Date.UTC(2026, 9, 1) };
}

export const UNITS = {
  moc: unit('moc', 'Ministry of Commerce', ['U0WANG001']),
  ndrc: unit('ndrc', '发改委', ['U0LI00002']),
  edu: unit('edu', 'Ministry of Education', []),
  sh: unit('sh', 'Shanghai', ['U0WANG001', 'U0ZHAO003']),
};

export const SUMMARIES: UnitSummary[] = [
  { unit: UNITS.moc, lastContact: '2026-11-19', weekCount: 3, openFindings: 4 },
  { unit: UNITS.ndrc, lastContact: '2026-11-10', weekCount: 0, openFindings: 1 },
  { unit: UNITS.edu, lastContact: null, weekCount: 0, openFindings: 1 },
  { unit: UNITS.sh, lastContact: '2026-11-17', weekCount: 1, openFindings: 0 },
];

let nextId = 1;
function act(unitKey: string, type: ActivityType, date: string, count: number): Activity {
  return { id: nextId++, unitKey, type, date, count, notes: '', userId: 'U0WANG001', createdAt: NOW };
}

/** Four activities this week (interview ×2 with 5 people, a plan review, field research) and one before. */
export const ACTIVITIES: Activity[] = [
  act('ndrc', 'symposium', '2026-11-10', 1),
  act('moc', 'interview', '2026-11-17', 3),
  act('sh', 'research', '2026-11-17', 1),
  act('moc', 'plan_review', '2026-11-18', 1),
  act('moc', 'interview', '2026-11-19', 2),
];

/** Who the fixture's findings meet: a leader who verifies, the liaisons who rectify. */
const MEMBERS: Member[] = [
  { userId: 'U0LEAD001', role: 'leader' },
  { userId: 'U0WANG001', role: 'member' },
  { userId: 'U0LI00002', role: 'liaison' },
  { userId: 'U0ZHAO003', role: 'liaison' },
];

const day = (month: number, date: number, hour = 0) => Date.UTC(2026, month - 1, date, hour);

/** A finding as raised, owned by its unit's first liaison (Wang when it has none). */
function raised(
  id: number,
  unitKey: keyof typeof UNITS,
  text: string,
  due: string | null,
  createdAt: number,
): Finding {
  const owner = UNITS[unitKey].liaisons[0] ?? 'U0WANG001';
  return {
    id,
    ...raisedFinding({ unitKey, text, due, createdBy: 'U0WANG001', createdAt, owner, severity: 'medium' }),
  };
}

/** `f` taken through `steps` by the state machine, each by `by` at `at`: the records the store would keep. */
function through(f: Finding, steps: [FindingMove, string, number][]): Finding {
  return steps.reduce((current, [move, by, at]) => {
    const role = MEMBERS.find((m) => m.userId === by)?.role ?? null;
    const scene = {
      unit: UNITS[current.unitKey as keyof typeof UNITS],
      members: MEMBERS,
      today: TODAY,
      now: at,
    };
    const result = moveFinding(current, move, { userId: by, role }, scene);
    if (!result.ok) throw new Error(`fixture move ${move.step} on #${f.id}: ${result.refusal.code}`);
    return result.finding;
  }, f);
}

const plan = (notes = 'a plan'): FindingMove => ({ step: 'plan', notes });
const done = (notes = 'fixed'): FindingMove => ({ step: 'done', notes });
const verify: FindingMove = { step: 'verify', notes: '' };
const reopen: FindingMove = { step: 'reopen', notes: 'not fixed after all' };
const LEAD = 'U0LEAD001';

/**
 * The group's findings, their answers worked out by hand. Today is Friday 20 November; the week is
 * 16–22 November and the 12 weeks run from Monday 31 August. Active: #1, #2, #7, #8, #11, #12.
 * - this week: opened #1; closed #3 (on time, 17 days), #5 (a day late, 8 days), #6 (reopened,
 *   then closed on time, 17 days): 3 closed, 2 of the 3 with a due date on time, 14 days on average;
 * - 12 weeks: opened #1–#8, #11, #12 (10); closed #3, #4 (no due date, 10 days), #5, #6, #10 (late,
 *   36 days): 5 closed, 2 of the 4 with a due date on time, 88 / 5 = 17.6 days on average;
 * - overdue #2 (ndrc, 5 days) and #11 (moc, 2 days); waiting #7 (edu, past due but done) and #12;
 * - per unit: moc 4 open (1 overdue), ndrc 1 (1 overdue), edu 1, Shanghai none.
 */
export const FINDINGS: Finding[] = [
  // Sunday 20:00 UTC is Monday 04:00 in Shanghai: opened this week in the group's calendar.
  raised(1, 'moc', 'plan has no timetable', '2026-12-01', day(11, 15, 20)),
  raised(2, 'ndrc', 'study reports missing', '2026-11-15', day(11, 2)),
  through(raised(3, 'moc', 'interviews not recorded', '2026-11-20', day(11, 2)), [
    [done(), 'U0WANG001', day(11, 18, 3)],
    [verify, LEAD, day(11, 19)],
  ]),
  through(raised(4, 'sh', 'old issue', null, day(11, 2)), [
    [done(), 'U0WANG001', day(11, 11)],
    [verify, LEAD, day(11, 12)],
  ]),
  // Due Tuesday 17th, verified Wednesday 18th 08:00 in Shanghai: a day late.
  through(raised(5, 'ndrc', 'minutes not filed', '2026-11-17', day(11, 10)), [
    [plan(), 'U0LI00002', day(11, 11)],
    [done(), 'U0LI00002', day(11, 16)],
    [verify, LEAD, day(11, 18)],
  ]),
  // Closed once last week, sent back, closed again this week: counted once, this week, from raising.
  through(raised(6, 'sh', 'survey sample too small', '2026-11-25', day(11, 3)), [
    [done(), 'U0WANG001', day(11, 9)],
    [verify, LEAD, day(11, 10)],
    [reopen, LEAD, day(11, 12)],
    [done('resurveyed'), 'U0ZHAO003', day(11, 17)],
    [verify, LEAD, day(11, 20)],
  ]),
  // Marked done after its due date passed: it waits on its verifier, so it is not overdue.
  through(raised(7, 'edu', 'no liaison appointed', '2026-11-10', day(11, 5)), [
    [done(), 'U0WANG001', day(11, 18, 2)],
  ]),
  through(raised(8, 'moc', 'rules not published', null, day(9, 7)), [[plan(), 'U0WANG001', day(9, 8)]]),
  // Closed before the 12 weeks began: a digest never reads it, and ignores it when given.
  through(raised(9, 'sh', 'ancient issue', null, day(6, 1)), [
    [done(), 'U0WANG001', day(8, 19)],
    [verify, LEAD, day(8, 20)],
  ]),
  // Raised before the 12 weeks, closed in them, two weeks late.
  through(raised(10, 'ndrc', 'budget unclear', '2026-09-01', day(8, 10)), [
    [done(), 'U0LI00002', day(9, 14)],
    [verify, LEAD, day(9, 15)],
  ]),
  through(raised(11, 'moc', 'training not held', '2026-11-18', day(11, 9)), [
    [plan(), 'U0WANG001', day(11, 10)],
  ]),
  through(raised(12, 'moc', 'contacts list outdated', '2026-11-30', day(11, 6)), [
    [done(), 'U0WANG001', day(11, 19, 2)],
  ]),
];

/** The active ones: what the agenda and the digest read for the units followed. */
const ACTIVE_FINDINGS: Finding[] = FINDINGS.filter((f) => f.status !== 'closed');

export const ANSWERS: NothingAnswer[] = [
  { period: '2026-11-19', unitKey: 'ndrc', userId: 'U0LI00002', at: Date.UTC(2026, 10, 19, 1, 5) },
  { period: '2026-11-12', unitKey: 'ndrc', userId: 'U0LI00002', at: Date.UTC(2026, 10, 12, 1) },
];

const UNIT_NAMES = new Map(Object.values(UNITS).map((u) => [u.key, u.name]));

/** The digest's input for the fixture week. */
export const DIGEST_INPUT: DigestInput = {
  summaries: SUMMARIES,
  activities: ACTIVITIES,
  findings: FINDINGS,
  answers: ANSWERS,
  unitNames: UNIT_NAMES,
  weekStart: WEEK.from,
  weekEnd: WEEK.to,
  today: TODAY,
  tz: TZ,
  coverageDays: 7,
};

/** The agenda's input for the meeting on the fixture's today, the last one a week before. */
export const AGENDA_INPUT: AgendaInput = {
  summaries: SUMMARIES,
  activities: ACTIVITIES,
  findings: ACTIVE_FINDINGS,
  unitNames: UNIT_NAMES,
  meetingDate: TODAY,
  since: '2026-11-13',
  today: TODAY,
  coverageDays: 7,
};
