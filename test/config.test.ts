import { describe, expect, it } from 'vitest';
import { connectsToSlack, loadConfig } from '../src/config';
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

  it.each(['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'])(
    'with %s but no SLACK_BOT_TOKEN stops naming both, rather than starting local mode',
    (name) => {
      const value = name === 'SLACK_APP_TOKEN' ? 'xapp-1-abc' : 'secretsecret';
      const run = () => loadConfig({ [name]: value });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(new RegExp(`^SLACK_BOT_TOKEN is not set but ${name} is`));
      expect(() => loadConfig({})).not.toThrow();
    },
  );

  const OAUTH = {
    SLACK_CLIENT_ID: '1234567890.9876543210',
    SLACK_CLIENT_SECRET: 'client-secret-0123',
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
  };

  it('with the three OAuth settings installs in many workspaces, with no SLACK_BOT_TOKEN', () => {
    const cfg = loadConfig({ ...OAUTH, SLACK_SIGNING_SECRET: 'secretsecret' });
    expect(cfg.oauth).toEqual({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
    });
    expect(connectsToSlack(cfg)).toBe(true);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret' }).oauth).toBeNull();
    expect(connectsToSlack(loadConfig({}))).toBe(false);
  });

  it.each([
    [
      { SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID },
      /^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are not set but SLACK_CLIENT_ID is/,
    ],
    [
      { SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: OAUTH.SLACK_CLIENT_SECRET },
      /^SLACK_STATE_SECRET is not set but SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are/,
    ],
    [{ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret' }, /not both/],
    [OAUTH, /^SLACK_SIGNING_SECRET is required in HTTP mode/],
    [{ ...OAUTH, SLACK_STATE_SECRET: 'short' }, /^SLACK_STATE_SECRET must be at least 16 characters/],
    [{ ...OAUTH, SLACK_CLIENT_ID: 'abc' }, /^SLACK_CLIENT_ID must be the app's Client ID/],
  ])('refuses a half or doubled OAuth setup: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows the OAuth secrets in its one line', () => {
    try {
      loadConfig({ ...OAUTH, SLACK_STATE_SECRET: 'shortsecret' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain('shortsecret');
    }
  });

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

  it('reads REDIS_CLUSTER_NODES as the seed nodes of a cluster, with REDIS_URL giving only credentials', () => {
    const cfg = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-2.internal:7001,[::1]:7002',
      REDIS_URL: 'rediss://app:pw@ignored:6379',
    });
    expect(cfg.redis).toEqual({
      url: 'rediss://app:pw@ignored:6379',
      clusterNodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-2.internal', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
    // A cluster is never started locally, whatever REDIS_URL says.
    expect(cfg.redisUrlDefaulted).toBe(false);
    expect(loadConfig({}).redis).toEqual({ url: 'redis://127.0.0.1:6379', clusterNodes: null });
  });

  it('refuses a malformed REDIS_CLUSTER_NODES, and a database other than 0 on a cluster, in one line', () => {
    for (const bad of ['10.0.0.1', '10.0.0.1:70000', 'a:1,,b:2', 'host:port', 'redis://a:1']) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(
        /^REDIS_CLUSTER_NODES must be host:port pairs separated by commas/,
      );
    }
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_URL: 'redis://:pw@a:1/2' })).toThrow(
      /REDIS_URL names database 2, but a Redis Cluster \(REDIS_CLUSTER_NODES\) has only database 0/,
    );
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
