import { describe, expect, it } from 'vitest';
import { findingListMessage } from '../../src/views/findings';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, makeFinding, makeUnit, manyUnits } from './fixtures';

const today = '2026-11-20';
const units = [makeUnit(), makeUnit({ key: 'mof', name: 'Ministry of Finance' })];

describe('findingListMessage', () => {
  it('lists open findings first, overdue leading and marked, then recently done', () => {
    const findings = [
      makeFinding({ id: 1, status: 'done', doneBy: 'U0LINA002', doneAt: 5, text: 'old one' }),
      makeFinding({ id: 2, due: null, text: 'no date' }),
      makeFinding({ id: 3, due: '2026-11-01', unitKey: 'mof', text: 'late one' }),
      makeFinding({ id: 4, due: '2026-12-01', text: 'soon' }),
    ];
    const message = findingListMessage('en', { findings, units, today, unit: null });
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
    const text = allText(
      findingListMessage('zh', { findings: [makeFinding()], units, today, unit: units[0] ?? null }),
    );
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
    const message = findingListMessage('en', { findings, units: many, today, unit: null });
    assertValidBlocks(message);
    expect(allText(message)).toMatch(/…and \d+ more: `\/dudao export`/);
  });

  it('finding text cannot ping anyone', () => {
    const message = findingListMessage('en', {
      findings: [makeFinding({ text: HOSTILE })],
      units,
      today,
      unit: null,
    });
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;@U999|x&gt;');
  });

  it('an empty list says how to add one', () => {
    expect(allText(findingListMessage('en', { findings: [], units, today, unit: null }))).toContain(
      '/dudao finding add',
    );
  });
});
