import { describe, expect, it } from 'vitest';
import { maskUrlCredentials, redactor, secretsOf } from '../../src/app/redact';

describe('maskUrlCredentials', () => {
  it.each([
    ['redis://user:pass@host:6379/0', 'redis://user:…@host:6379/0'],
    ['rediss://:p%40ss@host', 'rediss://:…@host'],
    ['redis://u:p@ss@host', 'redis://u:…@host'],
    ['https://ghp_token@github.com/x', 'https://…@github.com/x'],
    ['connect to redis//u:pw@db failed', 'connect to redis//u:…@db failed'],
    ['{"url":"redis://a:b@c"}', '{"url":"redis://a:…@c"}'],
  ])('%s → %s', (text, masked) => {
    expect(maskUrlCredentials(text)).toBe(masked);
  });

  it('leaves text without credentials alone', () => {
    for (const text of ['redis://host:6379', 'mail bob@example.com', '{"time":1,"msg":"127.0.0.1:6379"}']) {
      expect(maskUrlCredentials(text)).toBe(text);
    }
  });
});

describe('redactor', () => {
  it('masks each secret of a configuration, also as JSON escapes it, and Redis credentials', () => {
    const secrets = secretsOf({
      SLACK_BOT_TOKEN: 'xoxb-abc123',
      SLACK_SIGNING_SECRET: 'sign"ing\\secret',
      ADMIN_PASSWORD: 'admin-password',
      redisUrl: 'redis://default:s%3Acret@db:6379',
    });
    const redact = redactor(secrets);
    const line = JSON.stringify({
      msg: 'xoxb-abc123 sign"ing\\secret admin-password',
      err: { command: { name: 'auth', args: ['default', 's:cret'] } },
    });
    const out = redact(line);
    for (const secret of ['xoxb-abc123', 'sign', 'admin-password', 's:cret', 's%3Acret']) {
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(out)).toMatchObject({ msg: '… … …' });
  });
});

describe('the tokens of installations, which are no setting', () => {
  it('are masked by their shape in every line, keeping their kind', () => {
    const redact = redactor(
      secretsOf({
        SLACK_CLIENT_SECRET: 'client-secret-1',
        SLACK_STATE_SECRET: 'state-secret-1',
        redisUrl: 'redis://h',
      }),
    );
    const line = JSON.stringify({
      msg: 'refresh xoxe-1-My0xLTEyMw-abc answered xoxb-123-456-AbCdEf and xoxe.xoxb-1-Zz9 for xoxp-9-8-7',
      err: 'client-secret-1 state-secret-1',
    });
    const out = redact(line);
    for (const secret of ['My0xLTEyMw', 'AbCdEf', 'Zz9', '9-8-7', 'client-secret-1', 'state-secret-1']) {
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(out).msg).toBe('refresh xoxe-… answered xoxb-… and xoxe.xoxb-… for xoxp-…');
  });

  it('leave words that only start like a token alone', () => {
    const redact = redactor([]);
    expect(redact('the xoxb- prefix, xapp tokens, boxb-123')).toBe('the xoxb- prefix, xapp tokens, boxb-123');
  });
});
