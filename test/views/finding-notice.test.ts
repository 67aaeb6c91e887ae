import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FindingEvent } from '../../src/domain/types';
import { findingNotice } from '../../src/views/finding-notice';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, makeFinding, makeUnit } from './fixtures';

const unit = makeUnit();
const finding = makeFinding({ id: 12, status: 'waiting' });
const event = (over: Partial<FindingEvent>): FindingEvent => ({
  step: 'done',
  by: 'U0LIU0001',
  at: 0,
  notes: '',
  ...over,
});
const actionsOf = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) =>
    b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [],
  );

describe('findingNotice', () => {
  it('asks the verifiers to verify or send back a finding marked done, with its notes and evidence', () => {
    const message = findingNotice(
      'en',
      'C0GROUP14',
      finding,
      unit,
      event({
        notes: `fixed ${HOSTILE}`,
        files: [{ id: 'F1', name: 'minutes.pdf', url: 'https://files.example/F1' }],
      }),
    )!;
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('<@U0LIU0001> marked finding *#12*');
    expect(text).toContain('It waits for your verification.');
    expect(text).toContain('<https://files.example/F1|minutes.pdf>');
    expect(text).not.toContain('<!channel>');
    expect(actionsOf(message.blocks)).toEqual(['finding_verify', 'finding_reopen']);
  });

  it('tells the owner a finding was sent back, with the reason and the buttons to rectify it', () => {
    const message = findingNotice(
      'zh',
      'C0GROUP14',
      finding,
      unit,
      event({ step: 'reopen', by: 'U0LEADER1', notes: '二季度仍缺' }),
    )!;
    assertValidBlocks(message);
    expect(allText(message)).toContain('退回重新整改');
    expect(allText(message)).toContain('二季度仍缺');
    expect(actionsOf(message.blocks)).toEqual(['finding_plan', 'finding_done']);
  });

  it('tells of a verification without buttons, and says nothing for a plan or a new due date', () => {
    const verified = findingNotice(
      'en',
      'C0GROUP14',
      finding,
      unit,
      event({ step: 'verify', by: 'U0LEADER1' }),
    )!;
    expect(allText(verified)).toContain('verified finding *#12*');
    expect(actionsOf(verified.blocks)).toEqual([]);
    expect(findingNotice('en', 'C0GROUP14', finding, unit, event({ step: 'plan' }))).toBeNull();
    expect(
      findingNotice('en', 'C0GROUP14', finding, unit, event({ step: 'due', to: '2027-01-10' })),
    ).toBeNull();
  });
});
