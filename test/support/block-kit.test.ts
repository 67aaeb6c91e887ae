import { describe, expect, it } from 'vitest';
import { blockKitProblems } from './block-kit';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('blockKitProblems', () => {
  it('accepts a plain valid message', () => {
    expect(blockKitProblems([section('hi <@U0WANG001> see <#C0GROUP14>')], 50)).toEqual([]);
  });

  it('catches what Slack would reject', () => {
    expect(
      blockKitProblems(
        Array.from({ length: 51 }, () => section('x')),
        50,
      ),
    ).toHaveLength(1);
    expect(blockKitProblems([section('x'.repeat(3001))], 50)).toHaveLength(1);
    expect(blockKitProblems([section('')], 50)).toHaveLength(1);
    expect(
      blockKitProblems([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], 50),
    ).toHaveLength(1);
    const options = Array.from({ length: 101 }, (_, i) => ({
      text: { type: 'plain_text', text: `${i}` },
      value: `${i}`,
    }));
    const input = { type: 'input', label: { type: 'plain_text', text: 'Unit' } };
    expect(blockKitProblems([{ ...input, element: { type: 'static_select', options } }], 100)).toHaveLength(
      1,
    );
  });

  it('catches a broadcast or a forged mention in mrkdwn', () => {
    expect(blockKitProblems([section('hey <!channel>')], 50)).toHaveLength(1);
    expect(blockKitProblems([section('from <@U999|boss>')], 50)).toHaveLength(1);
    expect(blockKitProblems([section('&lt;!channel&gt;')], 50)).toEqual([]);
  });
});
