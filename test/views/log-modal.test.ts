import type { InputBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LOG_MODAL, LOG_MODAL_BLOCKS } from '../../src/views/ids';
import { logModal } from '../../src/views/log-modal';
import { unitOptions } from '../../src/views/unit-select';
import { assertValidModal } from '../support/block-kit';
import { longChineseName, makeUnit, manyUnits } from './fixtures';

const today = '2026-11-20';

function block(view: ReturnType<typeof logModal>, id: string): InputBlock {
  const found = view.blocks.find((b) => b.block_id === id);
  if (found?.type !== 'input') throw new Error(`no input block ${id}`);
  return found as InputBlock;
}

describe('logModal', () => {
  const input = { units: manyUnits(5), today, initialUnitKey: null, privateMetadata: '{"g":"C1"}' };

  it('is a valid modal with the date defaulting to today', () => {
    const view = logModal('en', input);
    assertValidModal(view);
    expect(view.callback_id).toBe(LOG_MODAL);
    expect(view.private_metadata).toBe('{"g":"C1"}');
    expect(block(view, LOG_MODAL_BLOCKS.date).element).toMatchObject({
      type: 'datepicker',
      action_id: 'date_pick',
      initial_date: today,
    });
  });

  it('count and notes are optional, bounded as the handler expects', () => {
    const view = logModal('en', input);
    const count = block(view, LOG_MODAL_BLOCKS.count);
    expect(count.optional).toBe(true);
    expect(count.element).toMatchObject({ type: 'number_input', min_value: '1', max_value: '1000' });
    const notes = block(view, LOG_MODAL_BLOCKS.notes);
    expect(notes.optional).toBe(true);
    expect(notes.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 2000 });
  });

  it('offers every type by its name in the group’s language', () => {
    const element = block(logModal('zh', input), LOG_MODAL_BLOCKS.type).element;
    expect(element.type).toBe('static_select');
    const options = element.type === 'static_select' ? (element.options ?? []) : [];
    expect(options.map((o) => o.text.text)).toEqual([
      '审阅方案',
      '个别访谈',
      '座谈会',
      '调研',
      '列席会议',
      '现场点评',
      '集中学习',
      '其他',
    ]);
  });

  it('up to 100 units: a static select with all of them, preselecting the given one', () => {
    const units = manyUnits(100, longChineseName);
    const view = logModal('zh', { ...input, units, initialUnitKey: 'unit-42' });
    assertValidModal(view);
    expect(view.type === 'modal' && view.title.text).toBe('记录工作');
    const element = block(view, LOG_MODAL_BLOCKS.unit).element;
    expect(element.type).toBe('static_select');
    if (element.type !== 'static_select') return;
    expect(element.action_id).toBe('unit_select');
    expect(element.options).toHaveLength(100);
    expect(element.initial_option?.value).toBe('unit-42');
    expect(element.options?.[0]?.text.text).toMatch(/… \(unit-0\)$/);
  });

  it('beyond 100 units: an external select searched as the user types', () => {
    const view = logModal('en', { ...input, units: manyUnits(101) });
    assertValidModal(view);
    const element = block(view, LOG_MODAL_BLOCKS.unit).element;
    expect(element).toMatchObject({ type: 'external_select', action_id: 'unit_select', min_query_length: 0 });
  });

  it('fills in notes from a message and links back to it above the fields', () => {
    const link = 'https://team.slack.com/archives/C0GROUP/p1700000000000100';
    const view = logModal('en', { ...input, initialNotes: 'met @li', link });
    assertValidModal(view);
    expect(block(view, LOG_MODAL_BLOCKS.notes).element).toMatchObject({ initial_value: 'met @li' });
    expect(view.blocks[0]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(view.blocks[0])).toContain(`<${link}|this message>`);
    expect(logModal('en', input).blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('lists the units the user is liaison for first, the others after in their order', () => {
    const units = [
      makeUnit({ key: 'a', liaisons: ['U0OTHER'] }),
      makeUnit({ key: 'b', liaisons: ['U0ME', 'U0OTHER'] }),
      makeUnit({ key: 'c', liaisons: [] }),
      makeUnit({ key: 'd', liaisons: ['U0ME'] }),
    ];
    const element = block(
      logModal('en', { ...input, units, preferUnitsOf: 'U0ME' }),
      LOG_MODAL_BLOCKS.unit,
    ).element;
    expect(element.type === 'static_select' && element.options?.map((o) => o.value)).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
  });

  it('leaves archived units out', () => {
    const units = [makeUnit(), makeUnit({ key: 'old', name: 'Old', archived: true })];
    const element = block(logModal('en', { ...input, units }), LOG_MODAL_BLOCKS.unit).element;
    expect(element.type === 'static_select' && element.options?.map((o) => o.value)).toEqual(['moc']);
  });
});

describe('unitOptions', () => {
  const units = [
    makeUnit({ key: 'moc', name: 'Ministry of Commerce' }),
    makeUnit({ key: 'mof', name: 'Ministry of Finance' }),
    makeUnit({ key: 'cbrc', name: 'Banking Commission' }),
    makeUnit({ key: 'gd', name: '广东省' }),
  ];

  it('matches key or name, prefixes first, without case', () => {
    expect(unitOptions(units, 'COM').map((o) => o.value)).toEqual(['moc', 'cbrc']);
    expect(unitOptions(units, 'mo').map((o) => o.value)).toEqual(['moc', 'mof']);
    expect(unitOptions(units, '广东').map((o) => o.text.text)).toEqual(['广东省 (gd)']);
  });

  it('returns at most 100, all when the query is empty', () => {
    expect(unitOptions(manyUnits(300), '')).toHaveLength(100);
    expect(unitOptions(manyUnits(300), 'unit-29').map((o) => o.value)).toContain('unit-299');
    expect(unitOptions(units, 'zzz')).toEqual([]);
  });

  it('puts the user’s own units first among equally good matches', () => {
    const mine = [
      ...units.slice(0, 1),
      makeUnit({ key: 'mof', name: 'Ministry of Finance', liaisons: ['U0ME'] }),
    ];
    expect(unitOptions(mine, 'min', 'U0ME').map((o) => o.value)).toEqual(['mof', 'moc']);
    expect(unitOptions(mine, 'min').map((o) => o.value)).toEqual(['moc', 'mof']);
  });

  it('keeps option text within 75 characters', () => {
    for (const o of unitOptions(manyUnits(300, longChineseName), ''))
      expect(o.text.text.length).toBeLessThanOrEqual(75);
  });
});
