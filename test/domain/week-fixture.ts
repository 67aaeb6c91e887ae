import type { AgendaInput } from '../../src/domain/agenda';
/** A seeded week of one group as plain data, for the digest, agenda and view tests. */
import type { DigestInput, NothingAnswer } from '../../src/domain/digest';
import type { Activity, ActivityType, Finding, Unit, UnitSummary } from '../../src/domain/types';

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
  { unit: UNITS.moc, lastContact: '2026-11-19', weekCount: 3, openFindings: 1 },
  { unit: UNITS.ndrc, lastContact: '2026-11-10', weekCount: 0, openFindings: 1 },
  { unit: UNITS.edu, lastContact: null, weekCount: 0, openFindings: 0 },
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

function finding(over: Partial<Finding> & Pick<Finding, 'id' | 'unitKey' | 'text'>): Finding {
  return {
    due: null,
    createdBy: 'U0WANG001',
    createdAt: Date.UTC(2026, 10, 2),
    status: 'open',
    doneBy: null,
    doneAt: null,
    doneNotes: null,
    ...over,
  };
}

export const FINDINGS: Finding[] = [
  // Sunday 20:00 UTC is Monday 04:00 in Shanghai: opened this week in the group's calendar.
  finding({
    id: 1,
    unitKey: 'moc',
    text: 'plan has no timetable',
    due: '2026-12-01',
    createdAt: Date.UTC(2026, 10, 15, 20),
  }),
  finding({ id: 2, unitKey: 'ndrc', text: 'study reports missing', due: '2026-11-15' }),
  finding({
    id: 3,
    unitKey: 'moc',
    text: 'interviews not recorded',
    status: 'done',
    doneBy: 'U0WANG001',
    doneAt: Date.UTC(2026, 10, 19, 3),
  }),
  finding({
    id: 4,
    unitKey: 'sh',
    text: 'old issue',
    status: 'done',
    doneBy: 'U0ZHAO003',
    doneAt: Date.UTC(2026, 10, 12, 3),
  }),
];

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
  findings: FINDINGS,
  unitNames: UNIT_NAMES,
  meetingDate: TODAY,
  since: '2026-11-13',
  today: TODAY,
  coverageDays: 7,
};
