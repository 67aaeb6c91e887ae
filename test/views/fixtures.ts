/** Plain data for view tests. */

import { raisedFinding } from '../../src/domain/finding-states';
import type { StatusRow } from '../../src/domain/status';
import {
  type Activity,
  type Finding,
  GROUP_OPTION_DEFAULTS,
  type Group,
  type Unit,
} from '../../src/domain/types';

export function makeGroup(over: Partial<Group> = {}): Group {
  return {
    id: 'C0GROUP14',
    teamId: 'T0TEAM',
    name: 'Group 14',
    tz: 'Asia/Shanghai',
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: 'U0LEADER1',
    createdAt: 0,
    ...over,
  };
}

export function makeUnit(over: Partial<Unit> = {}): Unit {
  return {
    key: 'moc',
    name: 'Ministry of Commerce',
    kind: 'ministry',
    liaisons: ['U0WANG001'],
    archived: false,
    createdAt: 0,
    ...over,
  };
}

/** An 80-character name, the longest a real unit name is likely to be. */
export function longName(i: number): string {
  return `Provincial Department of Industry and Information Technology, Branch ${i}`
    .padEnd(80, 'x')
    .slice(0, 80);
}

/** An 80-character Chinese name. */
export function longChineseName(i: number): string {
  return `国家发展和改革委员会第${i}联络组`.padEnd(80, '某').slice(0, 80);
}

/** `n` units with two liaisons each; `name(i)` gives each unit's name. */
export function manyUnits(n: number, name: (i: number) => string = longName): Unit[] {
  return Array.from({ length: n }, (_, i) =>
    makeUnit({ key: `unit-${i}`, name: name(i), kind: 'province', liaisons: [`U0LIA${i}A`, `U0LIA${i}B`] }),
  );
}

export function makeRow(unit: Unit, over: Partial<StatusRow> = {}): StatusRow {
  return {
    unit,
    lastContact: '2026-11-18',
    weekCount: 1,
    openFindings: 0,
    daysSince: 2,
    gap: false,
    ...over,
  };
}

export function makeActivity(over: Partial<Activity> = {}): Activity {
  return {
    id: 1,
    unitKey: 'moc',
    type: 'interview',
    date: '2026-11-20',
    count: 3,
    notes: 'met the deputy director',
    userId: 'U0WANG001',
    createdAt: 0,
    ...over,
  };
}

export function makeFinding(over: Partial<Finding> = {}): Finding {
  const raised = raisedFinding({
    unitKey: 'moc',
    text: 'plan has no timetable',
    due: '2026-12-15',
    createdBy: 'U0WANG001',
    createdAt: 0,
    owner: 'U0LIU0001',
    severity: 'medium',
  });
  return { id: 12, ...raised, ...over };
}

/** Text that tries to ping everyone and forge a mention. */
export const HOSTILE = 'see <!channel> and <@U999|x> & <https://evil.example|click>';
