import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/domain/errors';

describe('loadConfig', () => {
  it('fills the SPEC defaults', () => {
    const cfg = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret' });
    expect(cfg).toMatchObject({
      SLACK_API_URL: 'https://slack.com/api/',
      redisUrl: 'redis://127.0.0.1:6379',
      redisUrlDefaulted: true,
      PORT: 3000,
      ROLE: 'all',
      LOG_LEVEL: 'info',
      DEFAULT_TZ: 'UTC',
      DEFAULT_LANG: 'en',
    });
  });

  it('reads every variable and treats empty ones as unset', () => {
    const cfg = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SIGNING_SECRET: '',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      REDIS_URL: 'redis://redis:6379/2',
      PORT: '8080',
      ROLE: 'worker',
      LOG_LEVEL: 'debug',
      DEFAULT_TZ: 'Asia/Shanghai',
      DEFAULT_LANG: 'zh',
    });
    expect(cfg).toMatchObject({
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      redisUrl: 'redis://redis:6379/2',
      redisUrlDefaulted: false,
      PORT: 8080,
      ROLE: 'worker',
      DEFAULT_TZ: 'Asia/Shanghai',
      DEFAULT_LANG: 'zh',
    });
    expect(cfg.SLACK_SIGNING_SECRET).toBeUndefined();
  });

  it.each(['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CLIENT_ID'])(
    'with %s but no SLACK_BOT_TOKEN stops naming both, rather than starting local mode',
    (name) => {
      const value = name === 'SLACK_APP_TOKEN' ? 'xapp-1-abc' : 'secretsecret';
      const run = () => loadConfig({ [name]: value });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(new RegExp(`^SLACK_BOT_TOKEN is not set but ${name} is`));
      expect(() => loadConfig({})).not.toThrow();
    },
  );

  it.each([
    [{ ROLE: 'both' }, 'ROLE'],
    [{ DEFAULT_LANG: 'fr' }, 'DEFAULT_LANG'],
    [{ DEFAULT_TZ: 'Mars/Olympus' }, 'DEFAULT_TZ'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HOST: 'http://0.0.0.0' }, 'HOST'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %o naming %s, without echoing secrets', (env, name) => {
    const run = () => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret', ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`^${name} `));
    try {
      run();
    } catch (err) {
      expect((err as Error).message).not.toContain('secretsecret');
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('shows a bad URL without its credentials', () => {
    for (const REDIS_URL of [
      'redis//ops:hunter2hunter2@db:6379',
      'ops:hunter2hunter2@db:6379',
      'http://:hunter2hunter2@db',
    ]) {
      const run = () =>
        loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret', REDIS_URL });
      expect(run).toThrow(/^REDIS_URL /);
      expect(run).toThrow(/:…@db/);
      expect(run).not.toThrow(/hunter2/);
    }
    const api = () =>
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'secretsecret',
        SLACK_API_URL: 'ftp//u:hunter2hunter2@x',
      });
    expect(api).toThrow(/^SLACK_API_URL .*u:…@x/);
    expect(api).not.toThrow(/hunter2/);
  });
});
