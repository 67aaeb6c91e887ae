import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../../src/domain/status';
import type { Group, Unit } from '../../src/domain/types';
import { statusMessage } from '../../src/views/status';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { makeGroup, makeRow, manyUnits } from './fixtures';

const today = '2026-11-20';

/** As the store hands them out: frozen, so that a change is always a new object. */
function frozenGroup(over: Partial<Group> = {}): Group {
  return Object.freeze(makeGroup(over));
}
function frozenUnits(n: number): Unit[] {
  return manyUnits(n).map((u) =>
    Object.freeze({ ...u, liaisons: Object.freeze([...u.liaisons]) as string[] }),
  );
}
function rowsOf(units: Unit[], over: (i: number) => Partial<StatusRow> = () => ({})): StatusRow[] {
  return units.map((u, i) => makeRow(u, { daysSince: i, gap: i % 3 === 0, ...over(i) }));
}
/** What the same input renders to when nothing can be reused: unfrozen copies of everything. */
function fresh(lang: 'en' | 'zh', group: Group, rows: StatusRow[], day = today) {
  const copy = (u: Unit): Unit => ({ ...u, liaisons: [...u.liaisons] });
  return statusMessage(lang, {
    group: { ...group },
    rows: rows.map((r) => ({ ...r, unit: copy(r.unit) })),
    today: day,
  });
}

describe('statusMessage asked again with nothing changed', () => {
  it('answers the same message, and anything it shows that changes is shown', () => {
    const group = frozenGroup();
    const units = frozenUnits(60);
    const rows = rowsOf(units);
    const first = statusMessage('en', { group, rows, today });
    assertValidBlocks(first);
    expect(first).toEqual(fresh('en', group, rows));
    expect(statusMessage('en', { group, rows: rowsOf(units), today })).toEqual(first);

    const changes: Array<[string, Group, StatusRow[], string, 'en' | 'zh']> = [
      ['a count', group, rowsOf(units, (i) => (i === 59 ? { weekCount: 7 } : {})), today, 'en'],
      ['open findings', group, rowsOf(units, (i) => (i === 1 ? { openFindings: 4 } : {})), today, 'en'],
      ['a last contact', group, rowsOf(units, (i) => (i === 2 ? { daysSince: 40 } : {})), today, 'en'],
      ['a gap', group, rowsOf(units, (i) => (i === 4 ? { gap: true } : {})), today, 'en'],
      ['the order', group, rowsOf(units).reverse(), today, 'en'],
      ['a unit fewer', group, rowsOf(units).slice(1), today, 'en'],
      [
        'a renamed unit',
        group,
        rowsOf([Object.freeze({ ...units[0]!, name: 'Renamed' }), ...units.slice(1)]),
        today,
        'en',
      ],
      ['the group', frozenGroup({ name: 'Group 15', coverageDays: 3 }), rowsOf(units), today, 'en'],
      ['the day', group, rowsOf(units), '2026-11-21', 'en'],
      ['the language', group, rowsOf(units), today, 'zh'],
    ];
    for (const [what, g, r, day, lang] of changes) {
      const before = statusMessage('en', { group, rows, today });
      const changed = statusMessage(lang, { group: g, rows: r, today: day });
      expect(changed, what).toEqual(fresh(lang, g, r, day));
      expect(allText(changed), what).not.toEqual(allText(before));
    }
  });

  it('shares blocks nobody can change', () => {
    const group = frozenGroup();
    const rows = rowsOf(frozenUnits(3));
    const first = statusMessage('en', { group, rows, today });
    first.blocks.push({ type: 'divider' });
    const again = statusMessage('en', { group, rows, today });
    expect(again.blocks).toHaveLength(first.blocks.length - 1);
    expect(() => {
      (again.blocks[4] as { text: { text: string } }).text.text = 'changed';
    }).toThrow(TypeError);
    again.blocks.push({ type: 'divider' });
    expect(statusMessage('en', { group, rows, today }).blocks).toHaveLength(again.blocks.length - 1);
  });
});
