import { describe, expect, it } from 'vitest';
import { MESSAGE_LINK_MAX, messageLink } from '../../src/domain/message-link';

describe('messageLink', () => {
  it('keeps a Slack permalink, a thread reply’s too', () => {
    const link = 'https://team.slack.com/archives/C0GROUP/p1700000000000100';
    expect(messageLink(link)).toBe(link);
    const reply = `${link}?thread_ts=1700000000.000100&cid=C0GROUP`;
    expect(messageLink(reply)).toBe(reply);
  });

  it('keeps local mode’s http links on this machine only', () => {
    expect(messageLink('http://127.0.0.1:3000/archives/C1/p1')).toBe('http://127.0.0.1:3000/archives/C1/p1');
    expect(messageLink('http://localhost:3000/archives/C1/p1')).toBe('http://localhost:3000/archives/C1/p1');
    expect(messageLink('http://evil.example/archives/C1/p1')).toBeNull();
  });

  it('drops anything else: other schemes, markup, credentials, too long, not a string', () => {
    for (const bad of [
      'javascript:alert(1)',
      'https://x.org/a|click me',
      'https://x.org/<!channel>',
      'https://x.org/a b',
      'https://user:pw@x.org/',
      `https://x.org/${'a'.repeat(MESSAGE_LINK_MAX)}`,
      'not a url',
      '',
      42,
      null,
      undefined,
    ]) {
      expect(messageLink(bad), String(bad)).toBeNull();
    }
  });
});
