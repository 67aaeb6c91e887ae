import type { ActionsBlock, Button } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { PING_ACTIONS } from '../../src/views/ids';
import {
  type LiaisonPingView,
  liaisonPingMessage,
  markPingAnswered,
  type PingUnit,
} from '../../src/views/liaison-ping';
import type { KnownBlock } from '../../src/views/message';
import { UNITS } from '../domain/week-fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, manyUnits } from './fixtures';

const units: PingUnit[] = [
  { unit: UNITS.ndrc, lastContact: '2026-11-10', daysSince: 10 },
  { unit: UNITS.edu, lastContact: null, daysSince: 50 },
];
const base: LiaisonPingView = {
  kind: 'reminder',
  lang: 'en',
  groupId: 'C0GROUP14',
  groupName: 'Guidance group 3',
  userId: 'U0LI00002',
  period: '2026-11-20',
  units,
  meetingWhen: 'Fri 2026-11-20 09:30',
  since: '2026-11-13',
};

function actions(blocks: KnownBlock[]): ActionsBlock[] {
  return blocks.filter((b): b is ActionsBlock => b.type === 'actions');
}

describe('liaisonPingMessage', () => {
  it('names the meeting and each quiet unit, with the three buttons carrying group, unit and period', () => {
    const message = liaisonPingMessage(base);
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('<@U0LI00002>, the *Guidance group 3* meeting is *Fri 2026-11-20 09:30*');
    expect(text).toContain('no activity logged since 2026-11-13');
    expect(text).toContain('*发改委* · last contact 2026-11-10 (10 days ago)');
    expect(text).toContain('*Ministry of Education* · no contact yet (50 days since added)');
    const rows = actions(message.blocks);
    expect(rows).toHaveLength(2);
    const buttons = (rows[0]?.elements ?? []) as Button[];
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      [PING_ACTIONS.log, 'Log activity'],
      [PING_ACTIONS.nothing, 'Nothing to report'],
      [PING_ACTIONS.snooze, 'Snooze 1 day'],
    ]);
    for (const b of buttons)
      expect(JSON.parse(b.value ?? '')).toEqual({ g: 'C0GROUP14', u: 'ndrc', p: '2026-11-20' });
  });

  it('is in Chinese for a Chinese group', () => {
    const message = liaisonPingMessage({ ...base, lang: 'zh', meetingWhen: '周五 2026-11-20 09:30' });
    const text = allText(message);
    expect(text).toContain('周例会将于 *周五 2026-11-20 09:30* 召开');
    expect(text).toContain('最近联系 2026-11-10（10天前）');
    const labels = ((actions(message.blocks)[0]?.elements ?? []) as Button[]).map((b) => b.text.text);
    expect(labels).toEqual(['记录活动', '无新情况', '推迟一天']);
  });

  it("gives a leader the units' liaisons and only the log button", () => {
    const message = liaisonPingMessage({ ...base, kind: 'leader', userId: 'U0LEAD001', days: 14 });
    assertValidBlocks(message);
    expect(allText(message)).toContain('no contact for 14 days or more, twice the coverage threshold');
    expect(allText(message)).toContain('*发改委* · last contact 2026-11-10 (10 days ago) · <@U0LI00002>');
    for (const row of actions(message.blocks)) {
      expect(row.elements.map((e) => (e as Button).action_id)).toEqual([PING_ACTIONS.log]);
    }
  });

  it('stays valid for a liaison of 300 units: buttons for the first 20, the rest named', () => {
    const many = manyUnits(300, longChineseName).map((unit) => ({ unit, lastContact: null, daysSince: 9 }));
    const message = liaisonPingMessage({ ...base, kind: 'coverage', units: many, days: 7 });
    assertValidBlocks(message);
    expect(actions(message.blocks)).toHaveLength(20);
    expect(allText(message)).toContain('…and 280 more units');
  });

  it('escapes unit and group names', () => {
    const hostile = { ...UNITS.ndrc, name: HOSTILE };
    const message = liaisonPingMessage({
      ...base,
      groupName: HOSTILE,
      units: [{ unit: hostile, lastContact: null, daysSince: 1 }],
    });
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });
});

describe('markPingAnswered', () => {
  it("replaces only the answered unit's buttons with what was recorded", () => {
    const message = liaisonPingMessage(base);
    const after = markPingAnswered(message.blocks, 'ndrc', ':white_check_mark: Nothing to report: recorded.');
    assertValidBlocks({ text: message.text, blocks: after });
    expect(after).toHaveLength(message.blocks.length);
    expect(actions(after).map((a) => JSON.parse((a.elements[0] as Button).value ?? '').u)).toEqual(['edu']);
    expect(allText({ blocks: after })).toContain('Nothing to report: recorded.');
  });
});
