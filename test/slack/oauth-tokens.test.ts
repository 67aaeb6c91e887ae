import type { Installation } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotInstalled } from '../../src/domain/errors';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { OAuthTokens } from '../../src/slack/installations';
import { createRedis, RedisStore } from '../../src/store';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../store/fixture';

const CLIENT = { clientId: '5555555555.6666666666', clientSecret: 'tokens-client-secret' };
const HOUR_MS = 60 * 60_000;

/**
 * The OAuth token source against the local workspace's oauth.v2.access: which installation serves
 * a workspace, when a rotating token is refreshed, and what a refusal does.
 */
describe('the OAuth token source', () => {
  const prefix = uniquePrefix();
  const redis = createRedis(REDIS_URL);
  const store = new RedisStore({ redis, prefix });
  const records = store.installations();
  let slack: SlackStandIn;
  let clock = Date.now();
  let tokens: OAuthTokens;

  /** Installs through the stand-in's consent page and oauth.v2.access; stores what @slack/oauth would. */
  async function install(teamId: string, opts: { org?: boolean } = {}): Promise<Installation> {
    const consent = await fetch(
      `${slack.authorizeUrl}?client_id=${CLIENT.clientId}&scope=commands&state=s&team=${teamId}${opts.org ? '&org=1' : ''}`,
      { redirect: 'manual' },
    );
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const got = (await new WebClient(undefined, { slackApiUrl: slack.url }).oauth.v2.access({
      ...{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
      code,
    })) as {
      access_token: string;
      refresh_token?: string;
      expires_in?: number;
      bot_user_id: string;
      team: { id: string; name: string } | null;
      enterprise: { id: string; name: string } | null;
      is_enterprise_install: boolean;
    };
    const installation: Installation = {
      team: got.team ?? undefined,
      enterprise: got.enterprise ?? undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: {
        token: got.access_token,
        scopes: ['commands'],
        id: 'B0X',
        userId: got.bot_user_id,
        ...(got.refresh_token && got.expires_in
          ? { refreshToken: got.refresh_token, expiresAt: Math.floor(clock / 1000) + got.expires_in }
          : {}),
      },
      isEnterpriseInstall: got.is_enterprise_install,
      authVersion: 'v2',
    };
    await records.save(installation, clock);
    return installation;
  }

  const refreshCalls = () =>
    slack.callsTo('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token');

  beforeAll(async () => {
    slack = new SlackStandIn({
      oauth: { ...CLIENT, rotation: true, redirectUri: 'http://127.0.0.1:9/cb', now: () => clock },
      teams: [
        { teamId: 'T1TOK', teamName: 'One' },
        { teamId: 'T2TOK', teamName: 'Two', enterpriseId: 'E1TOK', enterpriseName: 'Org' },
      ],
    });
    await slack.start();
    tokens = new OAuthTokens({
      records,
      oauth: { ...CLIENT, stateSecret: 'x'.repeat(20) },
      apiUrl: slack.url,
      logger: pino({ level: 'silent' }),
      now: () => clock,
    });
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
    slack.calls.length = 0;
    clock = Date.now();
  });
  afterAll(async () => {
    await slack?.stop();
    await redis.quit();
  });

  it('serves a workspace by its own install, or by its org-wide one', async () => {
    const one = await install('T1TOK');
    const org = await install('T2TOK', { org: true });
    expect((await tokens.botToken({ teamId: 'T1TOK' })).token).toBe(one.bot?.token);
    expect((await tokens.botToken({ teamId: 'T2TOK', enterpriseId: 'E1TOK' })).token).toBe(org.bot?.token);
    // Without the enterprise id (the App Home refresh), once a request has taught it which org.
    await expect(tokens.botToken({ teamId: 'T2TOK' })).rejects.toThrow(NotInstalled);
    await tokens.authorize()({ teamId: 'T2TOK', enterpriseId: 'E1TOK', isEnterpriseInstall: true });
    expect((await tokens.botToken({ teamId: 'T2TOK' })).token).toBe(org.bot?.token);
    await expect(tokens.botToken({ teamId: 'T9NONE' })).rejects.toThrow(NotInstalled);
  });

  it('uses a rotating token until two hours before it expires, then refreshes it once', async () => {
    const first = await install('T1TOK');
    expect((await tokens.botToken({ teamId: 'T1TOK' })).token).toBe(first.bot?.token);
    expect(refreshCalls()).toHaveLength(0);
    clock += 10.5 * HOUR_MS;
    const second = (await tokens.botToken({ teamId: 'T1TOK' })).token;
    expect(second).not.toBe(first.bot?.token);
    expect((await tokens.botToken({ teamId: 'T1TOK' })).token).toBe(second);
    expect(refreshCalls()).toHaveLength(1);
    expect(slack.tokenInfo(second)?.teamId).toBe('T1TOK');
  });

  it('refreshes ahead of need what expires within the window, and nothing else', async () => {
    await install('T1TOK');
    clock += 30 * 60_000;
    await install('T2TOK', { org: true });
    // T1's token has 11.5 h left, the org's 12 h: a 11.75 h window takes T1 only.
    expect(await tokens.refreshExpiring(11.75 * HOUR_MS)).toBe(1);
    expect(refreshCalls().map((c) => c.team)).toEqual(['T1TOK']);
    expect(await tokens.refreshExpiring(2 * HOUR_MS)).toBe(0);
  });

  it('stops an installation whose refresh token Slack no longer takes, once its token has expired', async () => {
    await install('T1TOK');
    slack.revokeTokens('T1TOK');
    clock += 11 * HOUR_MS;
    // Still an hour left: the old token is used while it lasts.
    expect((await tokens.botToken({ teamId: 'T1TOK' })).token).toBeTruthy();
    clock += 2 * HOUR_MS;
    await expect(tokens.botToken({ teamId: 'T1TOK' })).rejects.toThrow(NotInstalled);
    expect(await records.read({ kind: 'team', id: 'T1TOK' })).toMatchObject({
      active: false,
      reason: 'invalid_refresh_token',
    });
  });

  it('marks an installation inactive when Slack refuses its token, and a reinstall brings it back', async () => {
    await install('T1TOK');
    expect(await tokens.tokenRefused({ teamId: 'T1TOK' }, 'token_revoked')).toBe(true);
    expect(await tokens.tokenRefused({ teamId: 'T1TOK' }, 'token_revoked')).toBe(false);
    await expect(tokens.botToken({ teamId: 'T1TOK' })).rejects.toThrow(NotInstalled);
    clock += 1_000;
    const again = await install('T1TOK');
    expect((await tokens.botToken({ teamId: 'T1TOK' })).token).toBe(again.bot?.token);
  });
});
