import type { HomeView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { coverageMark, homeFindings } from '../../src/domain/home';
import { buildStatus } from '../../src/domain/status';
import type { Finding, Group, Member, Role, UnitSummary } from '../../src/domain/types';
import { type HomeGroup, homeView } from '../../src/views/home';
import { BUTTON_ACTIONS } from '../../src/views/ids';
import { blockKitProblems } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, makeFinding, makeGroup, makeRow, makeUnit, manyUnits } from './fixtures';

const ME = 'U0ME00001';
const today = '2026-11-20';

/** Slack's limit for a Home tab: 100 blocks, each text within its own limit. */
function expectValidHome(view: HomeView): void {
  expect(view.type).toBe('home');
  expect(blockKitProblems(view.blocks, 100)).toEqual([]);
}

interface Accessory {
  action_id?: string;
  value?: string;
  text?: { text: string };
}
const buttons = (view: HomeView) =>
  view.blocks.flatMap((b) => ('accessory' in b && b.accessory ? [b.accessory as Accessory] : []));

function homeGroup(over: Partial<HomeGroup> & { group: Group }): HomeGroup {
  return { lang: 'en', role: 'member', today, rows: [], findings: [], nextMeeting: null, ...over };
}

/** `n` units of which the viewer is liaison for all, contacted 0…n-1 days ago (many past the threshold). */
function bigGroup(i: number, n: number, name: (k: number) => string = (k) => `Unit ${i}-${k}`): HomeGroup {
  const group = makeGroup({ id: `C0GROUP${i}`, name: `Group ${i}` });
  const summaries: UnitSummary[] = manyUnits(n, name).map((unit, k) => ({
    unit: { ...unit, key: `g${i}-u${k}`, liaisons: [ME, ...unit.liaisons] },
    lastContact: k % 10 === 0 ? null : `2026-11-${String(20 - (k % 20)).padStart(2, '0')}`,
    weekCount: k % 3,
    openFindings: k % 4,
  }));
  const rows = buildStatus(summaries, today, group.coverageDays);
  const findings: Finding[] = Array.from({ length: 40 }, (_, k) =>
    makeFinding({ id: k + 1, unitKey: `g${i}-u${k}`, text: `${HOSTILE} ${'long text '.repeat(60)}` }),
  );
  return homeGroup({
    group,
    role: 'leader',
    rows,
    findings: homeFindings(
      ME,
      'leader',
      rows.map((r) => r.unit),
      [{ userId: ME, role: 'leader' }],
      findings,
      today,
    ),
    nextMeeting: Date.UTC(2026, 10, 23, 2, 0),
  });
}

describe('coverageMark', () => {
  const row = (daysSince: number | null, gap: boolean) => makeRow(makeUnit(), { daysSince, gap });
  it('is past at the threshold, near within two days of it, ok before', () => {
    expect(coverageMark(row(null, true), 7)).toBe('past');
    expect(coverageMark(row(7, true), 7)).toBe('past');
    expect(coverageMark(row(6, false), 7)).toBe('near');
    expect(coverageMark(row(5, false), 7)).toBe('near');
    expect(coverageMark(row(4, false), 7)).toBe('ok');
    expect(coverageMark(row(0, false), 7)).toBe('ok');
  });
});

describe('homeFindings', () => {
  const OTHER = 'U0OTHER01';
  const LEAD = 'U0LEADER1';
  const units = [makeUnit({ key: 'moc', liaisons: [ME] }), makeUnit({ key: 'mof', liaisons: [OTHER] })];
  const members = (role: Role): Member[] => [
    { userId: ME, role },
    { userId: OTHER, role: 'member' },
    { userId: LEAD, role: 'leader' },
  ];
  const waiting = (over: Partial<Finding>) =>
    makeFinding({
      unitKey: 'mof',
      createdBy: OTHER,
      owner: OTHER,
      status: 'waiting',
      doneBy: OTHER,
      ...over,
    });

  it('keeps the findings to rectify of active units the viewer owns or is liaison of, with Mark done', () => {
    const findings = [
      makeFinding({ id: 1, unitKey: 'moc', owner: OTHER }),
      makeFinding({ id: 2, unitKey: 'mof', owner: ME, due: '2026-11-01', status: 'rectifying' }),
      makeFinding({ id: 3, unitKey: 'mof', owner: OTHER }),
      makeFinding({ id: 4, unitKey: 'moc', owner: ME, status: 'waiting', doneBy: OTHER }),
      makeFinding({ id: 5, unitKey: 'moc', owner: ME, status: 'closed' }),
      makeFinding({ id: 6, unitKey: 'gone', owner: ME }),
    ];
    const mine = homeFindings(ME, 'member', units, members('member'), findings, today);
    expect(mine.map((m) => [m.finding.id, m.action])).toEqual([
      [2, 'done'],
      [1, 'done'],
    ]);
  });

  it('gives leaders and deputies every overdue finding of the group, and members only their own', () => {
    const findings = [
      makeFinding({ id: 7, unitKey: 'mof', owner: OTHER, due: '2026-11-01' }),
      makeFinding({ id: 8, unitKey: 'mof', owner: OTHER, due: '2099-01-01' }),
    ];
    const ids = (role: Role) =>
      homeFindings(ME, role, units, members(role), findings, today).map((m) => m.finding.id);
    expect(ids('leader')).toEqual([7]);
    expect(ids('deputy')).toEqual([7]);
    expect(ids('member')).toEqual([]);
  });

  it('asks a leader or the raiser to verify a waiting finding, with Verify first', () => {
    const findings = [
      makeFinding({ id: 9, unitKey: 'moc', owner: ME, due: '2026-11-01' }),
      waiting({ id: 5 }),
    ];
    expect(
      homeFindings(ME, 'leader', units, members('leader'), findings, today).map((m) => [
        m.finding.id,
        m.action,
      ]),
    ).toEqual([
      [5, 'verify'],
      [9, 'done'],
    ]);
    expect(homeFindings(ME, 'member', units, members('member'), [waiting({ id: 5 })], today)).toEqual([]);
    const raiser = homeFindings(
      OTHER,
      'member',
      units,
      members('member'),
      [waiting({ id: 5, doneBy: ME })],
      today,
    );
    expect(raiser.map((m) => m.action)).toEqual(['verify']);
  });

  it('does not ask whoever marked it done to verify it, unless nobody else may', () => {
    const mine = waiting({ id: 5, doneBy: ME, createdBy: ME });
    expect(homeFindings(ME, 'leader', units, members('leader'), [mine], today)).toEqual([]);
    expect(
      homeFindings(LEAD, 'leader', units, members('member'), [mine], today).map((m) => m.action),
    ).toEqual(['verify']);
    // Alone in the group: the only verifier there is.
    const alone = homeFindings(ME, 'leader', units, [{ userId: ME, role: 'leader' }], [mine], today);
    expect(alone.map((m) => m.action)).toEqual(['verify']);
  });
});

describe('homeView', () => {
  it('welcomes someone in no group and says how to start', () => {
    const view = homeView({ userId: ME, lang: 'en', groups: [] });
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('/dudao setup &lt;group name&gt;');
    expect(text).toContain('/dudao member add');
    expect(buttons(view)).toEqual([]);
  });

  it('welcomes in Chinese', () => {
    const text = allText(homeView({ userId: ME, lang: 'zh', groups: [] }));
    expect(text).toContain('/dudao setup');
    expect(text).toContain('请组长');
  });

  it('shows the group, the next meeting in its zone, the viewer’s units with their mark and a Log button', () => {
    const group = makeGroup({ id: 'C0GROUP14', name: 'Group 14', tz: 'Asia/Shanghai' });
    const rows = [
      makeRow(makeUnit({ key: 'mof', name: 'Finance', liaisons: [ME] }), {
        lastContact: null,
        daysSince: null,
        gap: true,
      }),
      makeRow(makeUnit({ key: 'moc', name: 'Commerce', liaisons: [ME] }), { daysSince: 6 }),
      makeRow(makeUnit({ key: 'edu', name: 'Education', liaisons: [ME] }), { daysSince: 1 }),
      makeRow(makeUnit({ key: 'hlt', name: 'Health', liaisons: ['U0OTHER01'] }), { daysSince: 1 }),
    ];
    // Monday 2026-11-23 10:00 in Shanghai.
    const nextMeeting = Date.UTC(2026, 10, 23, 2, 0);
    const view = homeView({
      userId: ME,
      lang: 'en',
      groups: [homeGroup({ group, rows, nextMeeting, role: 'deputy' })],
    });
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('*Group 14* · <#C0GROUP14>');
    expect(text).toContain('You: deputy · 4 units · 1 past the threshold');
    expect(text).toContain('Next meeting: Mon 2026-11-23 10:00 (Asia/Shanghai)');
    expect(text).toContain('*Your units (3)*');
    expect(text).toContain(':red_circle: *Finance* (`mof`) · never contacted');
    expect(text).toContain(':large_yellow_circle: *Commerce* (`moc`) · last contact 6 days ago');
    expect(text).toContain(':large_green_circle: *Education* (`edu`) · last contact yesterday');
    expect(text).not.toContain('Health');
    expect(text.indexOf('Finance')).toBeLessThan(text.indexOf('Commerce'));
    expect(buttons(view)).toEqual([
      expect.objectContaining({ action_id: BUTTON_ACTIONS.homeLog, value: '{"g":"C0GROUP14"}' }),
    ]);
  });

  it('shows a leader without units of their own the group’s units past the threshold', () => {
    const group = makeGroup({ id: 'C0GROUP14', name: 'Group 14' });
    const rows = [
      makeRow(makeUnit({ key: 'mof', name: 'Finance', liaisons: ['U0OTHER01'] }), {
        lastContact: null,
        daysSince: null,
        gap: true,
      }),
      makeRow(makeUnit({ key: 'hlt', name: 'Health', liaisons: ['U0OTHER01'] }), { daysSince: 1 }),
    ];
    const leader = allText(
      homeView({ userId: ME, lang: 'en', groups: [homeGroup({ group, rows, role: 'leader' })] }),
    );
    expect(leader).toContain('*Units past the threshold (1)*');
    expect(leader).toContain('*Finance*');
    expect(leader).not.toContain('Health');
    const member = allText(
      homeView({ userId: ME, lang: 'en', groups: [homeGroup({ group, rows, role: 'member' })] }),
    );
    expect(member).toContain('You are not liaison for any unit of this group.');
    expect(member).not.toContain('Finance');
    const calm = [rows[1]!];
    const quiet = allText(
      homeView({
        userId: ME,
        lang: 'zh',
        groups: [homeGroup({ group, rows: calm, role: 'deputy', lang: 'zh' })],
      }),
    );
    expect(quiet).toContain('本组所有单位都在规定天数内有联系。');
  });

  it('puts Mark done on open findings and Verify on waiting ones, with the documented values', () => {
    const group = makeGroup();
    const waiting = makeFinding({ id: 7, text: 'fixed?', status: 'waiting' });
    const view = homeView({
      userId: ME,
      lang: 'en',
      groups: [
        homeGroup({
          group,
          findings: [
            { finding: waiting, action: 'verify' },
            { finding: makeFinding({ id: 12, due: '2026-11-01', text: HOSTILE }), action: 'done' },
          ],
        }),
      ],
    });
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('*Findings waiting on you (2)*');
    expect(text).toContain('*due 2026-11-01: overdue*');
    expect(text).not.toContain('<!channel>');
    expect(buttons(view).slice(1)).toEqual([
      expect.objectContaining({ action_id: BUTTON_ACTIONS.findingVerify, value: '{"g":"C0GROUP14","f":7}' }),
      expect.objectContaining({ action_id: BUTTON_ACTIONS.findingDone, value: '{"g":"C0GROUP14","f":12}' }),
    ]);
  });

  it('stays a valid Home within 100 blocks for five groups of 300 units, past the threshold first', () => {
    const groups = [1, 2, 3, 4, 5].map((i) => bigGroup(i, 300));
    const view = homeView({ userId: ME, lang: 'en', groups });
    expectValidHome(view);
    const text = allText(view);
    for (const g of groups) {
      expect(text).toContain(`<#${g.group.id}>`);
      // Each group's units that did not fit are counted and sent to status.
      expect(text).toContain(`…and 280 more units: \`/dudao status\` in <#${g.group.id}>`);
      expect(text).toMatch(new RegExp(`…and \\d+ more: \`/dudao finding list\` in <#${g.group.id}>`));
    }
    const logButtons = buttons(view).filter((b) => b.action_id === BUTTON_ACTIONS.homeLog);
    expect(logButtons.map((b) => b.value)).toEqual(groups.map((g) => JSON.stringify({ g: g.group.id })));
    // Within each group the shown units are the weakest: no green one before the last red one.
    const first = text.slice(text.indexOf('<#C0GROUP1>'), text.indexOf('<#C0GROUP2>'));
    expect(first).toContain(':red_circle:');
    expect(first.lastIndexOf(':red_circle:')).toBeLessThan(
      first.indexOf(':large_green_circle:') === -1
        ? Number.POSITIVE_INFINITY
        : first.indexOf(':large_green_circle:'),
    );
  });

  it('stays valid with long Chinese names in Chinese', () => {
    const groups = [1, 2, 3, 4, 5].map((i) => ({
      ...bigGroup(i, 300, longChineseName),
      lang: 'zh' as const,
    }));
    const view = homeView({ userId: ME, lang: 'zh', groups });
    expectValidHome(view);
    expect(allText(view)).toContain('你联络的单位（300 个）');
  });

  it('counts every unit it does not list, also when long names leave room for fewer lines', () => {
    const name = (k: number) => `${'Provincial Department of Industry '.repeat(6)}${k}`;
    const groups = Array.from({ length: 30 }, (_, i) => bigGroup(i + 1, 300, name));
    const view = homeView({ userId: ME, lang: 'en', groups });
    expectValidHome(view);
    const first = allText(view.blocks.slice(0, 6));
    const listed = first.split('\n').filter((l) => l.includes('(`g1-u')).length;
    const hidden = Number(/…and (\d+) more units/.exec(first)?.[1]);
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(20);
    expect(listed + hidden).toBe(300);
  });

  it('counts the groups that do not fit when someone is in very many', () => {
    const groups = Array.from({ length: 60 }, (_, i) => bigGroup(i + 1, 3));
    const view = homeView({ userId: ME, lang: 'en', groups });
    expectValidHome(view);
    expect(allText(view)).toMatch(/…and \d+ more groups/);
  });
});
