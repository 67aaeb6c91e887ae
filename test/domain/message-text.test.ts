import { describe, expect, it } from 'vitest';
import { cutText, mentionedUsers, plainMessageText } from '../../src/domain/message-text';

describe('plainMessageText', () => {
  it('writes mentions as @name: the label Slack gave, else the looked-up name, else the id', () => {
    const names = new Map([['U0WANG', 'wang']]);
    expect(plainMessageText('met <@U1|li> and <@U0WANG> and <@U0NOBODY>', 100, names)).toBe(
      'met @li and @wang and @U0NOBODY',
    );
  });

  it('writes links as label (url), a bare link as its url, a mail link as the address', () => {
    expect(plainMessageText('see <https://x.org/plan?a=1&amp;b=2|the plan>', 100)).toBe(
      'see the plan (https://x.org/plan?a=1&b=2)',
    );
    expect(plainMessageText('<https://x.org>', 100)).toBe('https://x.org');
    expect(plainMessageText('<https://x.org|https://x.org>', 100)).toBe('https://x.org');
    expect(plainMessageText('<mailto:li@x.org|li@x.org>', 100)).toBe('li@x.org');
  });

  it('writes channels, broadcasts, user groups and dates as people read them', () => {
    expect(plainMessageText('<#C1|general> <#C2> <!here> <!channel>', 100)).toBe(
      '#general #C2 @here @channel',
    );
    expect(plainMessageText('<!subteam^S1|@auditors> on <!date^1700000000^{date}|Nov 14>', 100)).toBe(
      '@auditors on Nov 14',
    );
  });

  it('unescapes &amp; &lt; &gt; outside and inside labels, once', () => {
    expect(plainMessageText('R&amp;D &lt;draft&gt; &amp;lt; <@U1|a&amp;b>', 100)).toBe(
      'R&D <draft> &lt; @a&b',
    );
  });

  it('trims, and cuts to the limit in characters with an ellipsis', () => {
    expect(plainMessageText('  short  ', 10)).toBe('short');
    const cut = plainMessageText('😀'.repeat(30), 10);
    expect([...cut]).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
    expect(plainMessageText('abcdefghij', 10)).toBe('abcdefghij');
  });
});

describe('cutText', () => {
  it('keeps a text that fits, cuts one that does not to exactly max characters', () => {
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('abcd', 3)).toBe('ab…');
    expect(cutText('ab  cd', 4)).toBe('ab…');
    expect(cutText('abc', 0)).toBe('');
  });
});

describe('mentionedUsers', () => {
  it('lists each mentioned user once, in order', () => {
    expect(mentionedUsers('<@U2> <@U1|a> <@U2|b> <#C1> <!here>')).toEqual(['U2', 'U1']);
  });
});
