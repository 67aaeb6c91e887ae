import type { ActionsBlock, Button } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  type FindingReminder,
  type FindingReminderKind,
  planFindingReminders,
  remindersByPerson,
} from '../../src/domain/finding-reminders';
import { raisedFinding } from '../../src/domain/finding-states';
import type { Finding, Lang, Member } from '../../src/domain/types';
import { instantOf } from '../../src/domain/zoned-time';
import { blockProblems } from '../../src/sandbox/block-limits';
import { findingValue } from '../../src/views/action-values';
import { type FindingReminderView, findingReminderMessage } from '../../src/views/finding-reminder';
import { BUTTON_ACTIONS } from '../../src/views/ids';
import type { KnownBlock, Message } from '../../src/views/message';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, makeUnit } from './fixtures';

const TZ = 'Asia/Shanghai';
const DATE = '2026-03-10';
const unit = makeUnit();

function finding(id: number, over: Partial<Finding> = {}): Finding {
  const base = raisedFinding({
    unitKey: 'moc',
    text: `Ledger ${id} not reconciled`,
    due: DATE,
    createdBy: 'U0RAISER',
    createdAt: 0,
    owner: 'U0OWNER',
    severity: 'medium',
  });
  return { id, ...base, ...over };
}

function reminder(kind: FindingReminderKind, f: Finding): FindingReminder {
  return { id: `${f.id}:${kind}`, kind, finding: f, to: ['U0READER'] };
}

function view(reminders: FindingReminder[], over: Partial<FindingReminderView> = {}): FindingReminderView {
  return {
    lang: 'en',
    groupId: 'C0GROUP14',
    groupName: 'Group 14',
    tz: TZ,
    userId: 'U0READER',
    date: DATE,
    reminders,
    units: [unit],
    ...over,
  };
}

const actionsOf = (m: Message) => m.blocks.filter((b): b is ActionsBlock => b.type === 'actions');
const buttonsOf = (m: Message) =>
  actionsOf(m).map((a) => (a.elements as Button[]).map((b) => [b.action_id, b.value]));

describe('findingReminderMessage', () => {
  it('the owner: each finding due soon or today with "Add plan" and "Mark done"', () => {
    const message = findingReminderMessage(
      view([reminder('today', finding(7)), reminder('soon', finding(8, { due: '2026-03-12' }))]),
    );
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('<@U0READER>, these findings of *Group 14* need your attention:');
    expect(text).toContain(
      '*Due today*\n• *#7* Ledger 7 not reconciled · *Ministry of Commerce* (`moc`) · *due today* (2026-03-10)',
    );
    expect(text).toContain('*Due in the next few days*\n• *#8* Ledger 8 not reconciled');
    expect(text).toContain('due 2026-03-12, in 2 days');
    expect(buttonsOf(message)).toEqual([
      [
        [BUTTON_ACTIONS.findingPlan, findingValue('C0GROUP14', 7)],
        [BUTTON_ACTIONS.findingDone, findingValue('C0GROUP14', 7)],
      ],
      [
        [BUTTON_ACTIONS.findingPlan, findingValue('C0GROUP14', 8)],
        [BUTTON_ACTIONS.findingDone, findingValue('C0GROUP14', 8)],
      ],
    ]);
    const labels = actionsOf(message).flatMap((a) => (a.elements as Button[]).map((b) => b.text.text));
    expect(labels).toEqual(['Add plan', 'Mark done', 'Add plan', 'Mark done']);
    expect(message.text).toBe('Group 14: 2 findings need your attention.');
  });

  it('a verifier gets "Verify" and who marked it done when; a leader is told of the overdue, without buttons', () => {
    const doneAt = instantOf('2026-03-05', '23:30', TZ);
    const message = findingReminderMessage(
      view([
        reminder('verify', finding(9, { status: 'waiting', doneBy: 'U0OWNER', doneAt })),
        reminder('overdue', finding(10, { due: '2026-03-09' })),
      ]),
    );
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('*Waiting for your verification*\n• *#9*');
    expect(text).toContain('marked done by <@U0OWNER> on 2026-03-05');
    expect(text).toContain(
      '*Overdue*\n:warning: *#10* Ledger 10 not reconciled · *Ministry of Commerce* (`moc`) · due 2026-03-09, *1 day overdue* · owner <@U0OWNER>',
    );
    expect(buttonsOf(message)).toEqual([[[BUTTON_ACTIONS.findingVerify, findingValue('C0GROUP14', 9)]]]);
  });

  it('is in Chinese for a Chinese group', () => {
    const message = findingReminderMessage(
      view([reminder('today', finding(7)), reminder('overdue', finding(10, { due: '2026-03-08' }))], {
        lang: 'zh',
        groupName: '第三指导组',
      }),
    );
    const text = allText(message);
    expect(text).toContain('<@U0READER>，*第三指导组* 的以下问题需要您处理：');
    expect(text).toContain('*今天到期*（2026-03-10）');
    expect(text).toContain('整改期限 2026-03-08，*已逾期 2 天* · 责任人 <@U0OWNER>');
    const labels = actionsOf(message).flatMap((a) => (a.elements as Button[]).map((b) => b.text.text));
    expect(labels).toEqual(['填写整改方案', '标记整改完成']);
    expect(message.text).toBe('第三指导组：有 2 个问题需要您处理。');
  });

  it('escapes what users typed: the finding, the unit and the group', () => {
    const hostileUnit = makeUnit({ name: HOSTILE });
    const message = findingReminderMessage(
      view([reminder('today', finding(7, { text: HOSTILE }))], { groupName: HOSTILE, units: [hostileUnit] }),
    );
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999|x>');
    expect(text).toContain(
      'see &lt;!channel&gt; and &lt;@U999|x&gt; &amp; &lt;https://evil.example|click&gt;',
    );
  });
});

describe('300 findings in one message', () => {
  const members: Member[] = [
    { userId: 'U0READER', role: 'leader' },
    { userId: 'U0OTHER', role: 'leader' },
  ];
  const name = (lang: Lang) => (lang === 'zh' ? longChineseName : longName);
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: within Block Kit limits, the first 20 with buttons, the rest listed or counted`, () => {
      // 300 findings owned by the reader, due today, in three days, long overdue for the leaders,
      // or waiting: every kind, every one with the longest texts a person would write.
      const findings = Array.from({ length: 300 }, (_, i) =>
        finding(i + 1, {
          text: name(lang)(i).repeat(4),
          owner: 'U0READER',
          unitKey: `unit-${i % 3}`,
          due: ['2026-03-10', '2026-03-12', '2026-03-06'][i % 3] as string,
          ...(i % 4 === 3 ? { status: 'waiting', doneBy: 'U0OTHER', doneAt: 0 } : {}),
        }),
      );
      const units = [0, 1, 2].map((i) => makeUnit({ key: `unit-${i}`, name: name(lang)(i) }));
      const planned = planFindingReminders({
        findings,
        members,
        date: DATE,
        now: instantOf(DATE, '09:00', TZ),
      });
      const [mine] = remindersByPerson(planned);
      expect(mine?.reminders).toHaveLength(300);
      const message = findingReminderMessage(view(mine?.reminders ?? [], { lang, units }));
      assertValidBlocks(message);
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(actionsOf(message)).toHaveLength(20);
      const text = allText(message);
      const listed = new Set([...text.matchAll(/\*#(\d+)\*/g)].map((m) => m[1]));
      const more = Number(
        (lang === 'en' ? /…and (\d+) more findings/ : /……另有 (\d+) 个问题/).exec(text)?.[1],
      );
      expect(listed.size + more).toBe(300);
      expect(listed.size).toBeGreaterThan(20);
    });
  }
});

describe('blocks', () => {
  it('a message with nothing but overdue findings is still a valid message', () => {
    const message = findingReminderMessage(
      view(Array.from({ length: 200 }, (_, i) => reminder('overdue', finding(i + 1, { due: '2026-03-09' })))),
    );
    assertValidBlocks(message);
    expect(message.blocks.every((b: KnownBlock) => b.type !== 'actions')).toBe(true);
  });
});
