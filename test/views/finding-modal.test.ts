import type { InputBlock, View } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { findingModal } from '../../src/views/finding-modal';
import { groupPickModal, noGroupMessage } from '../../src/views/group-pick-modal';
import {
  FINDING_MODAL_BLOCKS as B,
  FINDING_MODAL,
  GROUP_PICK_BLOCKS,
  GROUP_PICK_MODAL,
} from '../../src/views/ids';
import { assertValidBlocks, assertValidModal } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { longChineseName, makeUnit, manyUnits } from './fixtures';

const LINK =
  'https://team.slack.com/archives/C0GROUP/p1700000000000100?thread_ts=1700000000.000100&cid=C0GROUP';

function input(view: View, id: string): InputBlock {
  const found = view.blocks.find((b) => b.block_id === id);
  if (found?.type !== 'input') throw new Error(`no input block ${id}`);
  return found as InputBlock;
}

describe('findingModal', () => {
  const base = { units: manyUnits(5), initialUnitKey: null, privateMetadata: '{"g":"C1"}' };

  it('asks for the unit, the text (required, as long as finding add takes), an optional due date and owner, and a severity', () => {
    const view = findingModal('en', base);
    assertValidModal(view);
    expect(view.callback_id).toBe(FINDING_MODAL);
    expect(view.private_metadata).toBe('{"g":"C1"}');
    expect(view.type === 'modal' && view.title.text).toBe('Raise a finding');
    const text = input(view, B.text);
    expect(text.optional).toBeFalsy();
    expect(text.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1000 });
    const due = input(view, B.due);
    expect(due.optional).toBe(true);
    expect(due.element).toMatchObject({ type: 'datepicker', action_id: B.dueAction });
    const owner = input(view, B.owner);
    expect(owner.optional).toBe(true);
    expect(owner.element).toMatchObject({ type: 'users_select', action_id: B.ownerAction });
    const severity = input(view, B.severity);
    expect(severity.optional).toBeFalsy();
    expect(severity.element).toMatchObject({
      type: 'static_select',
      action_id: B.severityAction,
      initial_option: { value: 'medium' },
    });
    const zh = input(findingModal('zh', base), B.severity).element as {
      options: { text: { text: string } }[];
    };
    expect(zh.options.map((o) => o.text.text)).toEqual(['低', '中', '高']);
  });

  it('fills in the message’s text and links back to it in a context line', () => {
    const view = findingModal('zh', { ...base, initialText: '会议记录缺失', link: LINK });
    assertValidModal(view);
    expect(view.type === 'modal' && view.title.text).toBe('提出问题');
    expect(input(view, B.text).element).toMatchObject({ initial_value: '会议记录缺失' });
    const [first] = view.blocks;
    expect(first?.type).toBe('context');
    // mrkdwn wants the & of the URL escaped; the link itself is whole.
    expect(allText(first)).toContain(`<${LINK.replace(/&/g, '&amp;')}|这条消息>`);
  });

  it('has no link line when there is no link', () => {
    expect(findingModal('en', base).blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('puts the user’s own units first, and searches beyond 100 units as the log form does', () => {
    const units = [makeUnit({ key: 'a', liaisons: [] }), makeUnit({ key: 'b', liaisons: ['U0ME'] })];
    const element = input(findingModal('en', { ...base, units, preferUnitsOf: 'U0ME' }), B.unit).element;
    expect(element.type === 'static_select' && element.options?.map((o) => o.value)).toEqual(['b', 'a']);
    const many = findingModal('zh', { ...base, units: manyUnits(101, longChineseName) });
    assertValidModal(many);
    expect(input(many, B.unit).element).toMatchObject({
      type: 'external_select',
      action_id: B.unitAction,
      min_query_length: 0,
    });
  });
});

describe('groupPickModal', () => {
  it('lists the groups by name, at most 100, in the reader’s language', () => {
    const groups = Array.from({ length: 120 }, (_, i) => ({ id: `C0G${i}`, name: `Group ${i}` }));
    const view = groupPickModal('zh', { groups, kind: 'finding', privateMetadata: '{}' });
    assertValidModal(view);
    expect(view.callback_id).toBe(GROUP_PICK_MODAL);
    expect(allText(view)).toContain('问题');
    const element = input(view, GROUP_PICK_BLOCKS.group).element;
    expect(element.type === 'static_select' && element.options).toHaveLength(100);
    expect(element.type === 'static_select' && element.options?.[0]).toMatchObject({
      text: { text: 'Group 0' },
      value: 'C0G0',
    });
  });
});

describe('noGroupMessage', () => {
  it('says how to start a group, in a valid message', () => {
    const message = noGroupMessage('en');
    assertValidBlocks(message);
    expect(allText(message)).toContain('/dudao setup');
    expect(allText(noGroupMessage('zh'))).toContain('/dudao setup');
  });
});
