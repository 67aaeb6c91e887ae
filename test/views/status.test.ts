import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { groupOfStatusPick } from '../../src/views/action-values';
import { BUTTON_ACTIONS, STATUS_LOG_SELECT } from '../../src/views/ids';
import { statusMessage, unitStatusMessage } from '../../src/views/status';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import {
  HOSTILE,
  longChineseName,
  longName,
  makeActivity,
  makeFinding,
  makeGroup,
  makeRow,
  makeUnit,
  manyUnits,
} from './fixtures';

const today = '2026-11-20';

describe('statusMessage', () => {
  it('totals first, then a line per unit with gaps marked', () => {
    const rows = [
      makeRow(makeUnit({ key: 'mof', name: 'Finance', liaisons: [] }), {
        lastContact: null,
        daysSince: null,
        gap: true,
        weekCount: 0,
      }),
      makeRow(makeUnit(), { weekCount: 2, openFindings: 3 }),
    ];
    const message = statusMessage('en', { group: makeGroup(), rows, today });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('2 units · *1 coverage gap* · 2 activities this week · 3 open findings');
    expect(text).toContain(':warning: *Finance* (`mof`) · _no liaison_ · never contacted · 0 this week');
    expect(text).toContain(
      '• *Ministry of Commerce* (`moc`) · <@U0WANG001> · last contact 2 days ago · 2 this week · 3 open findings',
    );
    expect(text.indexOf('Finance')).toBeLessThan(text.indexOf('Ministry of Commerce'));
  });

  it('speaks Chinese with the Chinese terms', () => {
    const rows = [
      makeRow(makeUnit({ key: 'a', name: '商务部' }), { lastContact: null, daysSince: null, gap: true }),
      makeRow(makeUnit({ key: 'b', name: '财政部' }), { daysSince: 12, gap: true }),
    ];
    const text = allText(
      statusMessage('zh', { group: makeGroup({ lang: 'zh', name: '第十四指导组' }), rows, today }),
    );
    expect(text).toContain('从未联系');
    expect(text).toContain('最近联系：12天前');
    expect(text).toContain('超期未联系 2 个');
    expect(text).toContain('本周 1 次');
    expect(text).toContain('未整改问题 0 个');
  });

  it('300 units with long or Chinese names fit in 50 blocks', () => {
    for (const name of [longName, longChineseName]) {
      const rows = manyUnits(300, name).map((u, i) => makeRow(u, { gap: i % 3 === 0, daysSince: i }));
      const message = statusMessage('en', { group: makeGroup(), rows, today });
      assertValidBlocks(message);
      expect(allText(message)).toContain('`unit-299`');
    }
  });

  it('when even that overflows, keeps the gaps and points to the rest', () => {
    const rows = manyUnits(1000, (i) => `${'&'.repeat(60)} ${i}`).map((u, i) =>
      makeRow(u, { gap: i < 50, daysSince: i < 50 ? 30 : 1 }),
    );
    const message = statusMessage('en', { group: makeGroup(), rows, today });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('`unit-49`');
    expect(text).toMatch(/…and \d+ more units: `\/dudao status &lt;unit&gt;` or `\/dudao export`/);
  });
});

describe('unitStatusMessage', () => {
  const unit = makeUnit();
  const row = makeRow(unit, { openFindings: 2 });

  it('shows the recent timeline and open findings, overdue marked', () => {
    const message = unitStatusMessage('en', {
      group: makeGroup(),
      row,
      activities: [
        makeActivity(),
        makeActivity({ id: 2, type: 'symposium', count: 1, notes: '', date: '2026-11-10' }),
      ],
      findings: [
        makeFinding({ id: 3, due: '2026-11-01', text: 'no minutes kept' }),
        makeFinding(),
        makeFinding({ id: 4, status: 'closed', text: 'already fixed' }),
      ],
      today,
    });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('• 2026-11-20 · *interview* · <@U0WANG001> · ×3 · met the deputy director');
    expect(text).toContain('• 2026-11-10 · *symposium* · <@U0WANG001>\n');
    expect(text).toContain(':warning: *#3* no minutes kept · *due 2026-11-01: overdue*');
    expect(text).toContain('• *#12* plan has no timetable · due 2026-12-15');
    expect(text).not.toContain('already fixed');
    expect(text.indexOf('#3')).toBeLessThan(text.indexOf('#12'));
  });

  it('escapes and shortens notes', () => {
    const message = unitStatusMessage('zh', {
      group: makeGroup({ lang: 'zh' }),
      row,
      activities: [makeActivity({ notes: `${HOSTILE} ${'x'.repeat(5000)}` })],
      findings: [makeFinding({ text: HOSTILE, due: '2026-11-01' })],
      today,
    });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('*个别访谈*');
    expect(text).toContain('已逾期');
    expect(text).toMatch(/x…/);
  });

  it('says so when nothing was logged yet', () => {
    const text = allText(
      unitStatusMessage('zh', {
        group: makeGroup(),
        row: makeRow(unit),
        activities: [],
        findings: [],
        today,
      }),
    );
    expect(text).toContain('暂无工作记录');
    expect(text).toContain('没有未整改的问题');
  });
});

/** Every "Log" control of a status message: a unit's own button, or a unit listed in a "Log for…" select. */
function logControls(blocks: KnownBlock[]) {
  const buttons: string[] = [];
  const listed: string[] = [];
  for (const b of blocks) {
    if (b.type !== 'section' || !b.accessory) continue;
    if (b.accessory.type === 'button') {
      expect(b.accessory.action_id).toBe(BUTTON_ACTIONS.statusLog);
      const value = JSON.parse(b.accessory.value ?? '') as { g: string; u: string };
      expect(value.g).toBe('C0GROUP14');
      // The button sits on its unit's line.
      expect(b.text?.text).toContain(`(\`${value.u}\`)`);
      buttons.push(value.u);
    } else if (b.accessory.type === 'static_select') {
      expect(b.accessory.action_id).toBe(STATUS_LOG_SELECT);
      expect(groupOfStatusPick(b.block_id ?? '')).toBe('C0GROUP14');
      const options = b.accessory.options ?? [];
      // The select lists exactly the units of the lines beside it.
      for (const o of options) expect(b.text?.text).toContain(`(\`${o.value}\`)`);
      expect(b.text?.text.match(/\(`[^`]+`\)/g)).toHaveLength(options.length);
      listed.push(...options.map((o) => o.value ?? ''));
    }
  }
  return { buttons, listed };
}

describe('"Log" on the status lines', () => {
  const status = (n: number, name: (i: number) => string = longName) =>
    statusMessage('en', {
      group: makeGroup(),
      rows: manyUnits(n, name).map((u, i) => makeRow(u, { gap: i % 3 === 0, daysSince: i })),
      today,
    });

  it('3 or 40 units: every line is a section of its own with a Log button for its unit', () => {
    for (const n of [3, 40]) {
      const message = status(n);
      assertValidBlocks(message);
      const { buttons, listed } = logControls(message.blocks);
      expect(buttons).toEqual(manyUnits(n).map((u) => u.key));
      expect(listed).toEqual([]);
      expect(allText(message)).toContain('Log');
    }
  });

  it('300 units: the first lines keep their button, the rest are listed in a "Log for…" beside them', () => {
    for (const name of [longName, longChineseName]) {
      const message = status(300, name);
      assertValidBlocks(message);
      const { buttons, listed } = logControls(message.blocks);
      expect(buttons.length).toBeGreaterThan(10);
      // Every unit can be logged for from the message, in the order shown (weakest first).
      expect([...buttons, ...listed]).toEqual(manyUnits(300).map((u) => u.key));
      expect(allText(message)).toContain('Log for…');
    }
  });

  it('even when the lines overflow, only units that are shown are offered', () => {
    const message = status(1000, (i) => `${'&'.repeat(60)} ${i}`);
    assertValidBlocks(message);
    const { buttons, listed } = logControls(message.blocks);
    const shown = [...buttons, ...listed];
    expect(shown.length).toBeGreaterThan(100);
    expect(shown).toEqual(manyUnits(shown.length).map((u) => u.key));
    expect(allText(message)).toMatch(/…and \d+ more units/);
  });

  it('the one-unit status has a Log button for that unit', () => {
    const message = unitStatusMessage('zh', {
      group: makeGroup(),
      row: makeRow(makeUnit()),
      activities: [],
      findings: [],
      today,
    });
    assertValidBlocks(message);
    expect(logControls(message.blocks).buttons).toEqual(['moc']);
    expect(allText(message)).toContain('记录');
  });
});
