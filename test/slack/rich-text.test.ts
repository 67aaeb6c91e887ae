import { describe, expect, it } from 'vitest';
import { richTextToPlain } from '../../src/slack/rich-text';

const section = (...elements: unknown[]) => ({ type: 'rich_text_section', elements });
const text = (t: string) => ({ type: 'text', text: t });

describe('richTextToPlain', () => {
  it('gives people picked with @ as mentions and keeps the lines as typed', () => {
    const value = {
      type: 'rich_text',
      block_id: 'x',
      elements: [
        section(
          text('商务部，moc，部委，'),
          { type: 'user', user_id: 'U0WANG' },
          text(' '),
          { type: 'user', user_id: 'U0LI' },
          text('\nMinistry of Finance, mof '),
          { type: 'emoji', name: 'bank', unicode: '1f3e6' },
          text('\n'),
        ),
        {
          type: 'rich_text_list',
          style: 'ordered',
          elements: [section(text('Ministry of Education, moe')), section(text('“A, B”, ab'))],
        },
        { type: 'rich_text_preformatted', elements: [text('Ministry of Land\nMinistry of Sea')] },
        section({ type: 'link', url: 'https://example.org', text: 'Example Org' }, text(', ex')),
      ],
    };
    expect(richTextToPlain(value)?.split('\n')).toEqual([
      '商务部，moc，部委，<@U0WANG> <@U0LI>',
      'Ministry of Finance, mof 🏦',
      '',
      'Ministry of Education, moe',
      '“A, B”, ab',
      'Ministry of Land',
      'Ministry of Sea',
      'Example Org, ex',
    ]);
  });

  it('answers null for anything that is not rich_text, and reads an empty box as empty', () => {
    expect(richTextToPlain(undefined)).toBeNull();
    expect(richTextToPlain('Ministry of Commerce')).toBeNull();
    expect(richTextToPlain({ type: 'rich_text', elements: 'no' })).toBeNull();
    expect(richTextToPlain({ type: 'rich_text', elements: [] })).toBe('');
  });

  it('writes channels, groups and broadcasts as Slack markup, never as a person', () => {
    const value = {
      type: 'rich_text',
      elements: [
        section(
          { type: 'channel', channel_id: 'C0GROUP' },
          { type: 'usergroup', usergroup_id: 'S0TEAM' },
          { type: 'broadcast', range: 'channel' },
        ),
      ],
    };
    expect(richTextToPlain(value)).toBe('<#C0GROUP><!subteam^S0TEAM><!channel>');
  });
});
