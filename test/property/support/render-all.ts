/**
 * Every view that shows what people typed, rendered for one group whose every piece of user text
 * (group, unit names and kinds, notes, finding texts, plans, reasons, file names, people's names,
 * error parameters) is the same text `t`. Built on the week of test/domain/week-fixture.ts.
 */
import { buildAgenda } from '../../../src/domain/agenda';
import { buildDigest } from '../../../src/domain/digest';
import { USER_ERROR_CODES, UserError } from '../../../src/domain/errors';
import { homeFindings } from '../../../src/domain/home';
import { buildStatus } from '../../../src/domain/status';
import {
  type Activity,
  type Finding,
  GROUP_OPTION_DEFAULTS,
  type Group,
  type Lang,
  type Member,
  type Unit,
  type UnitSummary,
} from '../../../src/domain/types';
import { confirmMessage } from '../../../src/views/confirm';
import { digestMessage } from '../../../src/views/digest';
import { userErrorMessage } from '../../../src/views/errors';
import { findingNotice } from '../../../src/views/finding-notice';
import { findingReminderMessage } from '../../../src/views/finding-reminder';
import { findingListMessage, findingShowMessage } from '../../../src/views/findings';
import { homeView } from '../../../src/views/home';
import { liaisonPingMessage } from '../../../src/views/liaison-ping';
import type { People } from '../../../src/views/people';
import { reminderMessage } from '../../../src/views/reminder';
import { statusMessage, unitStatusMessage } from '../../../src/views/status';
import { unitListMessage } from '../../../src/views/units';
import {
  ACTIVITIES,
  AGENDA_INPUT,
  DIGEST_INPUT,
  FINDINGS,
  SUMMARIES,
  TODAY,
  TZ,
} from '../../domain/week-fixture';

const GROUP_ID = 'C0GROUP14';
const LEADER = 'U0LEAD001';
const MEMBERS: Member[] = [
  { userId: LEADER, role: 'leader' },
  { userId: 'U0WANG001', role: 'member' },
  { userId: 'U0LI00002', role: 'liaison' },
  { userId: 'U0ZHAO003', role: 'liaison' },
];

/** One rendering: where it is shown and what Slack gets. */
export interface Rendered {
  where: string;
  message: unknown;
}

/**
 * Error parameters that carry what a person typed. Not these: `leader`, `user`, `who` and
 * `channels` are ids the bot looked up (rendered as mentions on purpose), `action` and `usage` name
 * a subcommand.
 */
const TEXT_PARAMS = [
  'word',
  'value',
  'name',
  'ref',
  'candidates',
  'key',
  'group',
  'what',
  'choices',
  'from',
  'to',
];
const OTHER_PARAMS = {
  usage: 'log',
  action: 'unit_add',
  id: 12,
  max: 80,
  min: 1,
  minutes: 15,
  limit: 30,
  status: 'open',
};

function world(t: string) {
  const unitOf = (u: Unit): Unit => ({ ...u, name: t, kind: t });
  const summaries: UnitSummary[] = SUMMARIES.map((s) => ({ ...s, unit: unitOf(s.unit) }));
  const units = summaries.map((s) => s.unit);
  const activities: Activity[] = ACTIVITIES.map((a) => ({ ...a, notes: t }));
  const findings: Finding[] = FINDINGS.map((f) => ({
    ...f,
    text: t,
    plan: f.plan === null ? null : t,
    doneNotes: f.doneNotes === null ? null : t,
    history: f.history.map((e) => ({
      ...e,
      notes: e.step === 'raise' ? '' : t,
      ...(e.step === 'done' ? { files: [{ id: 'F1', name: t, url: 'https://files.example/F1' }] } : {}),
    })),
  }));
  const group: Group = {
    id: GROUP_ID,
    teamId: 'T0TEAM',
    name: t,
    tz: TZ,
    lang: 'en',
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: 7,
    meeting: { weekday: 5, time: '09:30', remindMinutes: 60, skips: [] },
    digest: null,
    createdBy: LEADER,
    createdAt: 0,
  };
  const names = new Map(MEMBERS.map((m) => [m.userId, t]));
  const unitNames = new Map(units.map((u) => [u.key, u.name]));
  return { summaries, units, activities, findings, group, names, unitNames };
}

/** Every rendering of `t` in language `lang`, people mentioned or (as `mention=off` asks) named. */
export function renderEverywhere(t: string, lang: Lang): Rendered[] {
  const w = world(t);
  const moc = w.units[0] as Unit;
  const active = w.findings.filter((f) => f.status !== 'closed');
  const rows = buildStatus(w.summaries, TODAY, 7);
  const finding = w.findings.find((f) => f.history.some((e) => e.step === 'done')) as Finding;
  const doneEvent = finding.history.find((e) => e.step === 'done');
  const viewer = { userId: LEADER, role: 'leader' as const, members: MEMBERS };
  const out: Rendered[] = [];
  const add = (where: string, message: unknown) => out.push({ where, message });

  for (const people of [{ mode: 'mention' }, { mode: 'name', names: w.names }] as People[]) {
    const digest = buildDigest({
      ...DIGEST_INPUT,
      summaries: w.summaries,
      activities: w.activities,
      findings: w.findings,
      unitNames: w.unitNames,
    });
    add(`digest (${people.mode})`, digestMessage(digest, { groupName: t, lang, tz: TZ, people }));
    const agenda = buildAgenda({
      ...AGENDA_INPUT,
      summaries: w.summaries,
      activities: w.activities,
      findings: active,
      unitNames: w.unitNames,
    });
    add(
      `agenda (${people.mode})`,
      reminderMessage(agenda, { groupName: t, lang, meetingTime: '09:30', people }),
    );
  }
  add('status', statusMessage(lang, { group: w.group, rows, today: TODAY }));
  const mocRow = rows.find((r) => r.unit.key === 'moc');
  if (mocRow) {
    add(
      'unit status',
      unitStatusMessage(lang, {
        group: w.group,
        row: mocRow,
        activities: w.activities.filter((a) => a.unitKey === 'moc'),
        findings: active.filter((f) => f.unitKey === 'moc'),
        today: TODAY,
      }),
    );
  }
  add(
    'home',
    homeView({
      userId: LEADER,
      lang,
      groups: [
        {
          group: w.group,
          lang,
          role: 'leader',
          today: TODAY,
          rows,
          findings: homeFindings(LEADER, 'leader', w.units, MEMBERS, active, TODAY),
          nextMeeting: Date.UTC(2026, 10, 27, 1, 30),
        },
      ],
    }),
  );
  for (const filter of ['all', 'closed'] as const) {
    add(
      `finding list ${filter}`,
      findingListMessage(lang, {
        groupId: GROUP_ID,
        filter,
        active,
        closed: w.findings.filter((f) => f.status === 'closed'),
        closedTotal: w.findings.length - active.length,
        units: w.units,
        today: TODAY,
        tz: TZ,
        unit: null,
        viewer,
      }),
    );
  }
  const unitOfFinding = w.units.find((u) => u.key === finding.unitKey) as Unit;
  add(
    'finding show',
    findingShowMessage(lang, {
      groupId: GROUP_ID,
      finding,
      unit: unitOfFinding,
      tz: TZ,
      today: TODAY,
      viewer,
    }),
  );
  if (doneEvent) {
    add('finding notice', findingNotice(lang, GROUP_ID, finding, unitOfFinding, doneEvent));
    add(
      'confirm finding moved',
      confirmMessage(lang, {
        kind: 'finding_moved',
        finding,
        unit: unitOfFinding,
        event: doneEvent,
        verifiers: [LEADER],
      }),
    );
  }
  const activity = w.activities[1] as Activity;
  add('confirm setup', confirmMessage(lang, { kind: 'setup', group: w.group }));
  add('confirm unit added', confirmMessage(lang, { kind: 'unit_added', unit: moc }));
  add('confirm unit edited', confirmMessage(lang, { kind: 'unit_edited', unit: moc }));
  add('confirm unit archived', confirmMessage(lang, { kind: 'unit_archived', unit: moc }));
  add('confirm logged', confirmMessage(lang, { kind: 'logged', activity, unit: moc, undoMinutes: 15 }));
  add('confirm undone', confirmMessage(lang, { kind: 'undone', activity, unit: moc }));
  add(
    'confirm finding added',
    confirmMessage(lang, { kind: 'finding_added', finding: w.findings[0] as Finding, unit: moc }),
  );
  add('unit list', unitListMessage(lang, w.units, [{ ...moc, key: 'old', archived: true }]));
  add(
    'finding reminder',
    findingReminderMessage({
      lang,
      groupId: GROUP_ID,
      groupName: t,
      tz: TZ,
      userId: 'U0WANG001',
      date: TODAY,
      reminders: active.slice(0, 4).map((f, i) => ({
        id: `${f.id}:${i}`,
        kind: (['today', 'soon', 'verify', 'overdue'] as const)[i] ?? 'today',
        finding: f,
        to: ['U0WANG001'],
      })),
      units: w.units,
    }),
  );
  add(
    'liaison ping',
    liaisonPingMessage({
      kind: 'reminder',
      lang,
      groupId: GROUP_ID,
      groupName: t,
      userId: 'U0LI00002',
      period: TODAY,
      units: w.units.map((unit) => ({ unit, lastContact: null, daysSince: 9 })),
      meetingWhen: 'Fri 2026-11-20 09:30',
      since: '2026-11-13',
    }),
  );
  for (const code of USER_ERROR_CODES) {
    const params = Object.fromEntries(TEXT_PARAMS.map((p) => [p, t]));
    add(`error ${code}`, userErrorMessage(lang, new UserError(code, { ...OTHER_PARAMS, ...params })));
  }
  return out;
}
