import { describe, expect, it } from 'vitest';
import { escapeText, mention, mentions } from '../../src/slack/mrkdwn';

describe('escapeText', () => {
  it('turns a typed broadcast or mention into inert text', () => {
    expect(escapeText('hi <!channel> <@U999|x>')).toBe('hi &lt;!channel&gt; &lt;@U999|x&gt;');
  });

  it('escapes & first, so an entity the user typed shows as typed', () => {
    expect(escapeText('R&D &lt;')).toBe('R&amp;D &amp;lt;');
  });

  it('leaves Chinese and ordinary punctuation alone', () => {
    expect(escapeText('商务部：座谈会 “ok”')).toBe('商务部：座谈会 “ok”');
  });
});

describe('mention', () => {
  it('renders a stored user id as a real mention', () => {
    expect(mention('U0WANG001')).toBe('<@U0WANG001>');
  });

  it('never turns a malformed id into a token', () => {
    expect(mention('!channel')).toBe('!channel');
    expect(mention('U1>|<!here')).toBe('U1&gt;|&lt;!here');
  });

  it('lists several, or says there are none', () => {
    expect(mentions(['U1A', 'U2B'], 'none')).toBe('<@U1A> <@U2B>');
    expect(mentions([], 'none')).toBe('none');
  });
});
