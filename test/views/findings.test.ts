import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FindingFilter } from '../../src/domain/command';
import type { Finding, FindingEvent, Member } from '../../src/domain/types';
import {
  type FindingListInput,
  type FindingViewer,
  findingListMessage,
  findingShowMessage,
  settleFindingControls,
} from '../../src/views/findings';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, makeFinding, makeUnit, manyUnits } from './fixtures';

const today = '2026-11-20';
const units = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance', liaisons: ['U0MOF0001'] })];
const GROUP = 'C0GROUP14';
const members: Member[] = [
  { userId: 'U0LEADER1', role: 'leader' },
  { userId: 'U0DEPUTY1', role: 'deputy' },
  { userId: 'U0WANG001', role: 'liaison' },
  { userId: 'U0LIU0001', role: 'member' },
  { userId: 'U0RAISER1', role: 'member' },
  { userId: 'U0NOBODY1', role: 'member' },
];
const viewer = (userId: string): FindingViewer => ({
  userId,
  role: members.find((m) => m.userId === userId)?.role ?? null,
  members,
});
const LEADER = viewer('U0LEADER1');

const closedFinding = (over: Partial<Finding>): Finding =>
  makeFinding({
    status: 'closed',
    doneBy: 'U0LIU0001',
    doneAt: 5,
    closedBy: 'U0LEADER1',
    closedAt: 6,
    ...over,
  });

interface ListArgs {
  findings: Finding[];
  filter?: FindingFilter;
  unit?: FindingListInput['unit'];
  viewer?: FindingViewer;
  units?: FindingListInput['units'];
  keepInPlace?: number[];
}

/** The list as the leader sees it unless told otherwise; the findings are split as the store answers them. */
function list(lang: 'en' | 'zh', a: ListArgs) {
  const closed = a.findings
    .filter((f) => f.status === 'closed')
    .sort((x, y) => (y.closedAt ?? 0) - (x.closedAt ?? 0));
  return findingListMessage(lang, {
    groupId: GROUP,
    filter: a.filter ?? 'open',
    active: a.findings.filter((f) => f.status !== 'closed'),
    closed,
    closedTotal: closed.length,
    units: a.units ?? units,
    today,
    tz: 'Asia/Shanghai',
    unit: a.unit ?? null,
    viewer: a.viewer ?? LEADER,
    ...(a.keepInPlace ? { keepInPlace: a.keepInPlace } : {}),
  });
}

/** The buttons beside list rows: the finding each names, its action, the block it sits in. */
function rowButtons(
  blocks: KnownBlock[],
): Array<{ f: number; g: string; action: string; blockId: string | undefined }> {
  return blocks.flatMap((b) => {
    if (b.type !== 'section' || b.accessory?.type !== 'button') return [];
    const value = JSON.parse(b.accessory.value ?? '') as { g: string; f: number };
    return [{ ...value, action: b.accessory.action_id ?? '', blockId: b.block_id }];
  });
}

describe('findingListMessage', () => {
  const findings = [
    closedFinding({ id: 1, text: 'old one' }),
    makeFinding({ id: 2, due: null, text: 'no date' }),
    makeFinding({ id: 3, due: '2026-11-01', unitKey: 'mof', text: 'late one', status: 'rectifying' }),
    makeFinding({ id: 4, due: '2026-12-01', text: 'soon', severity: 'high' }),
    makeFinding({
      id: 5,
      due: '2026-11-02',
      text: 'done late',
      status: 'waiting',
      doneBy: 'U0LIU0001',
      doneAt: 4,
    }),
  ];

  it('lists what is not closed, overdue first, then waiting for verification, then soonest due; then recently closed', () => {
    const message = list('en', { findings });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('4 not closed (*1 overdue*, 1 waiting for verification) · 1 closed');
    expect(text).toContain(
      ':warning: *#3* late one · *Ministry of Finance* (`mof`) · _being rectified_ · owner <@U0LIU0001> · *due 2026-11-01: overdue*',
    );
    const order = ['#3', '#5', '#4', '#2', 'Recently closed', '#1'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('verified by <@U0LEADER1>');
    expect(text).toContain('*#4* soon · *Ministry of Commerce* (`moc`) · _open_ · *high severity*');
    expect(text.match(/high severity/g)).toHaveLength(1);
    // A finding marked done waits on its verifiers: past its date, it is not overdue.
    expect(text).not.toContain('due 2026-11-02: overdue');
  });

  it('filters: overdue, waiting and closed pick their own', () => {
    const overdue = allText(list('en', { findings, filter: 'overdue' }));
    expect(overdue).toContain('*#3*');
    expect(overdue).not.toMatch(/\*#[245]\*/);
    const waiting = allText(list('en', { findings, filter: 'waiting' }));
    expect(waiting).toContain('*#5*');
    expect(waiting).not.toMatch(/\*#[234]\*/);
    const closed = allText(list('en', { findings, filter: 'closed' }));
    expect(closed).toContain('*#1* old one');
    expect(closed).not.toMatch(/\*#[2-5]\*/);
  });

  it('for one unit, names the unit once instead of on every line; Chinese reads as Chinese', () => {
    const text = allText(list('zh', { findings: [makeFinding()], unit: units[0] ?? null }));
    expect(text.match(/Ministry of Commerce/g)).toHaveLength(1);
    expect(text).toContain('问题清单');
    expect(text).toContain('整改期限 2026-12-15');
    expect(text).toContain('_待整改_');
    expect(text).toContain('负责人 <@U0LIU0001>');
  });

  it('hundreds of findings, most closed, stay within Slack limits', () => {
    const many = manyUnits(300);
    const all = Array.from({ length: 1000 }, (_, i) =>
      (i % 20 === 0 ? makeFinding : closedFinding)({
        id: i + 1,
        unitKey: `unit-${i % 300}`,
        text: `${'&'.repeat(100)} ${'long text '.repeat(30)}`,
        closedAt: i,
      }),
    );
    for (const filter of ['open', 'closed', 'all', 'overdue', 'waiting'] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const message = list(lang, { findings: all, units: many, filter });
        assertValidBlocks(message);
      }
    }
    expect(allText(list('en', { findings: all, units: many, filter: 'closed' }))).toMatch(/…and \d+ more/);
  });

  it('finding text cannot ping anyone', () => {
    const message = list('en', { findings: [makeFinding({ text: HOSTILE })] });
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;@U999|x&gt;');
  });

  it('an empty list says how to add one', () => {
    expect(allText(list('en', { findings: [] }))).toContain('/dudao finding add');
  });
});

describe('the button on each row', () => {
  const findings = [
    makeFinding({ id: 1, createdBy: 'U0RAISER1', owner: 'U0RAISER1', unitKey: 'mof' }),
    makeFinding({ id: 2, createdBy: 'U0RAISER1', owner: 'U0LIU0001', unitKey: 'moc' }),
    makeFinding({
      id: 3,
      createdBy: 'U0RAISER1',
      owner: 'U0LIU0001',
      status: 'waiting',
      doneBy: 'U0LIU0001',
      doneAt: 1,
    }),
    makeFinding({
      id: 4,
      createdBy: 'U0LEADER1',
      owner: 'U0LEADER1',
      status: 'waiting',
      doneBy: 'U0LEADER1',
      doneAt: 1,
    }),
  ];
  const buttons = (who: FindingViewer, over: Partial<ListArgs> = {}) =>
    rowButtons(list('en', { findings, viewer: who, ...over }).blocks).map((b) => `${b.f}:${b.action}`);

  it('is Verify where the reader may sign off now, else Mark done where they may rectify', () => {
    expect(buttons(LEADER)).toEqual(['3:finding_verify', '1:finding_done', '2:finding_done']);
    // The raiser verifies; they own #1.
    expect(buttons(viewer('U0RAISER1'))).toEqual(['3:finding_verify', '1:finding_done']);
    // The owner of #2 and #3 (marked done by them) rectifies #2 and cannot verify #3.
    expect(buttons(viewer('U0LIU0001'))).toEqual(['2:finding_done']);
    // The liaison of moc rectifies its findings.
    expect(buttons(viewer('U0WANG001'))).toEqual(['2:finding_done']);
    expect(buttons(viewer('U0NOBODY1'))).toEqual([]);
    // A deputy verifies #4, which the leader marked done; the leader does not.
    expect(buttons(viewer('U0DEPUTY1'))).toContain('4:finding_verify');
    expect(buttons(LEADER)).not.toContain('4:finding_verify');
  });

  it('is not offered on a finding whose unit is archived', () => {
    const archived = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance', archived: true })];
    expect(buttons(LEADER, { units: archived })).toEqual(['3:finding_verify', '2:finding_done']);
  });

  it('a finding just moved from the list keeps its place with its new state', () => {
    const moved = findings.map((f) =>
      f.id === 3 ? { ...f, status: 'closed' as const, closedBy: 'U0LEADER1', closedAt: 10 } : f,
    );
    const message = list('en', { findings: moved, filter: 'waiting', keepInPlace: [3] });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain(':white_check_mark: *#3*');
    expect(text.match(/\*#3\*/g)).toHaveLength(1);
  });

  it('a list of one unit says so in the row ids, so a press can draw the same list again', () => {
    const message = list('en', { findings: [findings[1]!], unit: units[0] ?? null });
    expect(rowButtons(message.blocks)[0]?.blockId).toBe('finding:2:moc');
  });

  it('with hundreds of findings, the first ones keep a button and the rest are still listed', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeFinding({ id: i + 1, text: `finding number ${i + 1}`, due: null }),
    );
    const message = list('en', { findings: many });
    assertValidBlocks(message);
    const ids = rowButtons(message.blocks).map((b) => b.f);
    expect(ids.length).toBeGreaterThan(30);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(allText(message)).toContain('*#300* finding number 300');
  });

  it('links a finding to the message it was raised from, and never a link that could break out', () => {
    const link = 'https://team.slack.com/archives/C0GROUP14/p1700000000000100';
    const text = allText(
      list('en', {
        findings: [
          makeFinding({ id: 1, link }),
          makeFinding({ id: 2, link: 'javascript:alert(1)' }),
          makeFinding({ id: 3, link: 'https://evil.example|<!channel>' }),
        ],
      }),
    );
    expect(text).toContain(`<${link}|this message>`);
    expect(text.match(/this message/g)).toHaveLength(1);
    expect(text).not.toContain('javascript');
    expect(text).not.toContain('evil.example');
  });
});

describe('findingShowMessage', () => {
  const history: FindingEvent[] = [
    { step: 'raise', by: 'U0RAISER1', at: 0, notes: '' },
    {
      step: 'plan',
      by: 'U0LIU0001',
      at: 86_400_000,
      notes: 'revise the plan by Friday',
      files: [{ id: 'F1', name: 'plan.pdf', url: 'https://files.example/F1' }],
    },
    {
      step: 'due',
      by: 'U0LEADER1',
      at: 2 * 86_400_000,
      notes: 'budget',
      from: '2026-12-15',
      to: '2027-01-10',
    },
    {
      step: 'done',
      by: 'U0LIU0001',
      at: 3 * 86_400_000,
      notes: 'second draft',
      files: [{ id: 'F2', name: 'draft<2>.docx' }],
    },
  ];
  const f = makeFinding({
    id: 12,
    createdBy: 'U0RAISER1',
    status: 'waiting',
    plan: 'revise the plan by Friday',
    due: '2027-01-10',
    doneBy: 'U0LIU0001',
    doneAt: 3 * 86_400_000,
    history,
  });
  const show = (who: FindingViewer, finding: Finding = f, lang: 'en' | 'zh' = 'en') =>
    findingShowMessage(lang, { groupId: GROUP, finding, unit: units[0]!, tz: 'UTC', today, viewer: who });

  it('shows the finding, its people, its plan, its evidence and its whole history', () => {
    const message = show(LEADER);
    assertValidBlocks(message);
    const text = allText(message);
    for (const part of [
      'Finding #12',
      'waiting for verification',
      '<@U0LIU0001>',
      'revise the plan by Friday',
      '<https://files.example/F1|plan.pdf>',
      'draft&lt;2&gt;.docx',
      '<@U0RAISER1> raised it',
      '<@U0LIU0001> gave a plan',
      '<@U0LEADER1> moved the due date · 2026-12-15 → 2027-01-10',
      'budget',
      '<@U0LIU0001> marked it done',
      '1970-01-04',
    ])
      expect(text, part).toContain(part);
  });

  it('offers the steps its reader may take now', () => {
    const actions = (who: FindingViewer) =>
      show(who).blocks.flatMap((b) =>
        b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [],
      );
    expect(actions(LEADER)).toEqual(['finding_verify', 'finding_reopen']);
    expect(actions(viewer('U0LIU0001'))).toEqual([]);
    expect(actions(viewer('U0NOBODY1'))).toEqual([]);
  });

  it('says when the only verifier signed off their own work, and when a finding was closed before verification', () => {
    const self = closedFinding({
      history: [
        { step: 'raise', by: 'U0LEADER1', at: 0, notes: '' },
        { step: 'done', by: 'U0LEADER1', at: 1, notes: '' },
        { step: 'verify', by: 'U0LEADER1', at: 2, notes: '', selfVerified: true },
      ],
    });
    expect(allText(show(LEADER, self))).toContain('no other verifier in the group');
    const legacy = closedFinding({
      history: [
        { step: 'raise', by: 'U0LEADER1', at: 0, notes: '' },
        { step: 'verify', by: 'U0LEADER1', at: 2, notes: '', legacy: true },
      ],
    });
    expect(allText(show(LEADER, legacy, 'zh'))).toContain('在启用验收前标记整改即关闭');
  });

  it('a history of sixty long changes stays within Slack limits', () => {
    const long: FindingEvent[] = Array.from({ length: 60 }, (_, i) => ({
      step: i % 2 ? 'reopen' : 'done',
      by: 'U0LIU0001',
      at: i * 1000,
      notes: `${'<!channel> & '.repeat(40)}${i}`,
    }));
    for (const lang of ['en', 'zh'] as const) {
      const message = show(
        LEADER,
        makeFinding({ text: 'x'.repeat(1000), plan: 'p'.repeat(2000), history: long }),
        lang,
      );
      assertValidBlocks(message);
      expect(allText(message)).not.toContain('<!channel>');
    }
  });
});

describe('settleFindingControls', () => {
  it('replaces the pressed finding’s button by the note and keeps every other block', () => {
    const message = list('en', { findings: [makeFinding({ id: 1 }), makeFinding({ id: 2 })] });
    const settled = settleFindingControls(message.blocks, 2, ':white_check_mark: Done by <@U0LEADER1>');
    assertValidBlocks({ text: message.text, blocks: settled });
    expect(settled).toHaveLength(message.blocks.length);
    expect(rowButtons(settled).map((b) => b.f)).toEqual([1]);
    const row = settled.find((b) => b.block_id === 'finding:2:');
    expect(allText(row)).toMatch(/\*#2\* plan has no timetable.*\n:white_check_mark: Done by <@U0LEADER1>$/);
    const actions: KnownBlock[] = [
      {
        type: 'actions',
        block_id: 'due:7',
        elements: [
          {
            type: 'button',
            action_id: 'finding_plan',
            text: { type: 'plain_text', text: 'x' },
            value: '{"g":"C0G","f":7}',
          },
        ],
      },
    ];
    expect(settleFindingControls(actions, 7, 'done')).toEqual([
      { type: 'context', block_id: 'due:7', elements: [{ type: 'mrkdwn', text: 'done' }] },
    ]);
    expect(settleFindingControls(actions, 8, 'done')).toEqual(actions);
  });
});
