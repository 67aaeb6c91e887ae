import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type FindingListInput, findingListMessage, settleFindingControls } from '../../src/views/findings';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, makeFinding, makeUnit, manyUnits } from './fixtures';

const today = '2026-11-20';
const units = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance' })];
const LEADER = { role: 'leader', userId: 'U0LEADER1' } as const;
const GROUP = 'C0GROUP14';

type ListInput = Omit<FindingListInput, 'groupId' | 'viewer'> & Partial<FindingListInput>;
/** The list as the leader sees it unless told otherwise. */
const list = (lang: 'en' | 'zh', input: ListInput) =>
  findingListMessage(lang, { groupId: GROUP, viewer: LEADER, ...input });

describe('findingListMessage', () => {
  it('lists open findings first, overdue leading and marked, then recently done', () => {
    const findings = [
      makeFinding({ id: 1, status: 'done', doneBy: 'U0LINA002', doneAt: 5, text: 'old one' }),
      makeFinding({ id: 2, due: null, text: 'no date' }),
      makeFinding({ id: 3, due: '2026-11-01', unitKey: 'mof', text: 'late one' }),
      makeFinding({ id: 4, due: '2026-12-01', text: 'soon' }),
    ];
    const message = list('en', { findings, units, today, unit: null });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('3 open (*1 overdue*) · 1 done');
    expect(text).toContain(
      ':warning: *#3* late one · *Ministry of Finance* (`mof`) · *due 2026-11-01: overdue* · raised by <@U0WANG001>',
    );
    const order = ['#3', '#4', '#2', 'Recently done', '#1'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('done by <@U0LINA002>');
  });

  it('for one unit, names the unit once instead of on every line', () => {
    const text = allText(list('zh', { findings: [makeFinding()], units, today, unit: units[0] ?? null }));
    expect(text.match(/Ministry of Commerce/g)).toHaveLength(1);
    expect(text).toContain('问题清单');
    expect(text).toContain('整改期限 2026-12-15');
  });

  it('hundreds of findings stay within Slack limits', () => {
    const many = manyUnits(300);
    const findings = Array.from({ length: 900 }, (_, i) =>
      makeFinding({
        id: i + 1,
        unitKey: `unit-${i % 300}`,
        text: `${'&'.repeat(100)} ${'long text '.repeat(30)}`,
        status: i % 4 === 0 ? 'done' : 'open',
        doneAt: i,
        doneBy: 'U0LINA002',
      }),
    );
    const message = list('en', { findings, units: many, today, unit: null });
    assertValidBlocks(message);
    expect(allText(message)).toMatch(/…and \d+ more: `\/dudao export`/);
  });

  it('finding text cannot ping anyone', () => {
    const message = list('en', {
      findings: [makeFinding({ text: HOSTILE })],
      units,
      today,
      unit: null,
    });
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;@U999|x&gt;');
  });

  it('an empty list says how to add one', () => {
    expect(allText(list('en', { findings: [], units, today, unit: null }))).toContain('/dudao finding add');
  });
});

/** The "Mark done" buttons of a message: the finding each names, and the block it sits in. */
function markDoneButtons(blocks: KnownBlock[]): Array<{ f: number; g: string; blockId: string | undefined }> {
  return blocks.flatMap((b) => {
    if (b.type !== 'section' || b.accessory?.type !== 'button') return [];
    expect(b.accessory.action_id).toBe('finding_done');
    const value = JSON.parse(b.accessory.value ?? '') as { g: string; f: number };
    return [{ ...value, blockId: b.block_id }];
  });
}

describe('"Mark done" in the finding list', () => {
  const findings = [
    makeFinding({ id: 1, createdBy: 'U0RAISER1', unitKey: 'mof' }),
    makeFinding({ id: 2, createdBy: 'U0OTHER01', unitKey: 'moc' }),
    makeFinding({ id: 3, createdBy: 'U0OTHER01', unitKey: 'mof' }),
    makeFinding({ id: 4, status: 'done', doneBy: 'U0LEADER1', doneAt: 9 }),
  ];
  const ids = (viewer: FindingListInput['viewer'], over: Partial<ListInput> = {}) =>
    markDoneButtons(list('en', { findings, units, today, unit: null, viewer, ...over }).blocks).map(
      (b) => b.f,
    );

  it('is on every open finding for a leader, each in its own row, carrying the group and the id', () => {
    const message = list('en', { findings, units, today, unit: null });
    assertValidBlocks(message);
    const buttons = markDoneButtons(message.blocks);
    expect(buttons.map((b) => b.f)).toEqual([1, 2, 3]);
    expect(buttons.every((b) => b.g === GROUP)).toBe(true);
    expect(allText(message)).toContain('Mark done');
    const row = message.blocks.find((b) => b.block_id === buttons[0]?.blockId);
    expect(allText(row)).toContain('*#1* plan has no timetable');
  });

  it('is only where the reader may mark it: what they raised, their units', () => {
    expect(ids({ role: 'member', userId: 'U0RAISER1' })).toEqual([1]);
    // U0WANG001 is the liaison of moc (fixtures).
    const ownUnits = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance', liaisons: [] })];
    expect(ids({ role: 'liaison', userId: 'U0WANG001' }, { units: ownUnits })).toEqual([2]);
    expect(ids({ role: 'member', userId: 'U0NOBODY1' })).toEqual([]);
    expect(ids({ role: 'deputy', userId: 'U0DEPUTY1' })).toEqual([1, 2, 3]);
  });

  it('is not offered on a finding whose unit is archived', () => {
    const archived = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance', archived: true })];
    expect(ids(LEADER, { units: archived })).toEqual([2]);
  });

  it('a finding just marked from the list keeps its place, saying who did it', () => {
    const marked = findings.map((f) =>
      f.id === 2 ? { ...f, status: 'done' as const, doneBy: 'U0LINA002', doneAt: 10 } : f,
    );
    const message = list('en', { findings: marked, units, today, unit: null, keepInPlace: [2] });
    assertValidBlocks(message);
    const text = allText(message);
    expect(markDoneButtons(message.blocks).map((b) => b.f)).toEqual([1, 3]);
    const order = ['*#1*', '*#2*', '*#3*', 'Recently done', '*#4*'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain(':white_check_mark: *#2* plan has no timetable');
    expect(text).toContain('done by <@U0LINA002>');
    expect(text.match(/\*#2\*/g)).toHaveLength(1);
    expect(text).toContain('2 open (*0 overdue*) · 2 done');
  });

  it('a list of one unit says so in the row ids, so a press can draw the same list again', () => {
    const message = list('en', { findings: [findings[1]!], units, today, unit: units[0] ?? null });
    expect(markDoneButtons(message.blocks)[0]?.blockId).toBe('finding:2:moc');
    expect(markDoneButtons(list('en', { findings, units, today, unit: null }).blocks)[0]?.blockId).toBe(
      'finding:1:',
    );
  });

  it('with hundreds of open findings, the first ones keep a button and the rest are still listed', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeFinding({ id: i + 1, text: `finding number ${i + 1}`, due: null }),
    );
    const message = list('en', { findings: many, units, today, unit: null });
    assertValidBlocks(message);
    const buttons = markDoneButtons(message.blocks).map((b) => b.f);
    expect(buttons.length).toBeGreaterThan(30);
    expect(buttons).toEqual(Array.from({ length: buttons.length }, (_, i) => i + 1));
    const text = allText(message);
    expect(text).toContain(`*#${buttons.length + 1}* finding number`);
    expect(text).toContain('*#300* finding number 300');
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
        units,
        today,
        unit: null,
      }),
    );
    expect(text).toContain(`<${link}|this message>`);
    expect(text.match(/this message/g)).toHaveLength(1);
    expect(text).not.toContain('javascript');
    expect(text).not.toContain('evil.example');
  });
});

describe('settleFindingControls', () => {
  it('replaces the pressed finding’s button by the note and keeps every other block', () => {
    const message = list('en', {
      findings: [makeFinding({ id: 1 }), makeFinding({ id: 2 })],
      units,
      today,
      unit: null,
    });
    const settled = settleFindingControls(message.blocks, 2, ':white_check_mark: Done by <@U0LEADER1>');
    assertValidBlocks({ text: message.text, blocks: settled });
    expect(settled).toHaveLength(message.blocks.length);
    expect(markDoneButtons(settled).map((b) => b.f)).toEqual([1]);
    const row = settled.find((b) => b.block_id === 'finding:2:');
    expect(allText(row)).toMatch(/\*#2\* plan has no timetable.*\n:white_check_mark: Done by <@U0LEADER1>$/);
    const actions: KnownBlock[] = [
      {
        type: 'actions',
        block_id: 'due:7',
        elements: [
          {
            type: 'button',
            action_id: 'finding_done',
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
