import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import type { Installation } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { createRedis, RedisStore } from '../../src/store';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../store/fixture';

const CLIENT = { clientId: '3333333333.4444444444', clientSecret: 'race-client-secret' };
const TEAM = 'T1RACE';

/** A process of the race, started with tsx; resolves once it has read the installation and waits. */
function startChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; answer: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/slack/support/refresh-child.ts'], {
    env: { ...process.env, ...env },
  });
  let out = '';
  let answered: (value: unknown) => void = () => {};
  const answer = new Promise<unknown>((resolve) => {
    answered = resolve;
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) {
        const rest = out.slice('ready\n'.length);
        if (rest.includes('\n')) answered(JSON.parse(rest.split('\n')[0] ?? 'null'));
        else resolve({ child, answer });
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`refresh child exited (${code}) before it was ready: ${out}`)),
    );
  });
}

/**
 * node-slack-sdk #2504: two authorize() calls at once both spend the refresh token, and Slack
 * refuses the second use. A web process and workers hit that. Here three processes ask for the
 * same expiring token at the same moment; the refresh must happen once and all three get its token.
 */
describe('refreshing a rotating token from three processes at once', () => {
  const prefix = uniquePrefix();
  const redis = createRedis(REDIS_URL);
  const store = new RedisStore({ redis, prefix });
  let slack: SlackStandIn;

  beforeAll(async () => {
    slack = new SlackStandIn({
      // An hour left: inside the two hours before expiry in which a token is refreshed.
      oauth: { ...CLIENT, rotation: true, tokenLifetimeSeconds: 3600, redirectUri: 'http://127.0.0.1:9/cb' },
      teams: [{ teamId: TEAM, teamName: 'Race' }],
    });
    await slack.start();
    const consent = await fetch(
      `${slack.authorizeUrl}?client_id=${CLIENT.clientId}&scope=commands&state=s&team=${TEAM}`,
      {
        redirect: 'manual',
      },
    );
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const granted = (await new WebClient(undefined, { slackApiUrl: slack.url }).oauth.v2.access({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code,
    })) as { access_token: string; refresh_token: string; expires_in: number; bot_user_id: string };
    const installation: Installation = {
      team: { id: TEAM, name: 'Race' },
      enterprise: undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: {
        token: granted.access_token,
        refreshToken: granted.refresh_token,
        expiresAt: Math.floor(Date.now() / 1000) + granted.expires_in,
        scopes: ['commands'],
        id: 'B0RACE',
        userId: granted.bot_user_id,
      },
      isEnterpriseInstall: false,
      authVersion: 'v2',
    };
    await store.installations().save(installation, Date.now());
  });
  afterAll(async () => {
    await slack?.stop();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('refreshes once, and every process gets the new token', { timeout: 60_000 }, async () => {
    const before = (await store.installations().read({ kind: 'team', id: TEAM }))?.installation.bot?.token;
    const env = {
      REDIS_URL,
      PREFIX: prefix,
      API_URL: slack.url,
      TEAM,
      CLIENT_ID: CLIENT.clientId,
      CLIENT_SECRET: CLIENT.clientSecret,
    };
    const children = await Promise.all([startChild(env), startChild(env), startChild(env)]);
    // The refresh call is held at Slack until all three have had time to ask and wait.
    const held = slack.hold('oauth.v2.access');
    for (const { child } of children) child.stdin.write('go\n');
    await held.arrived;
    await new Promise((r) => setTimeout(r, 500));
    held.release();
    const answers = (await Promise.all(children.map((c) => c.answer))) as Array<{
      token?: string;
      error?: string;
    }>;
    for (const { child } of children) child.kill();

    const refreshes = slack.callsTo('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.response).toMatchObject({ ok: true });
    const after = (await store.installations().read({ kind: 'team', id: TEAM }))?.installation.bot;
    expect(after?.token).not.toBe(before);
    expect(answers).toEqual([{ token: after?.token }, { token: after?.token }, { token: after?.token }]);
    // The token every process got is the one Slack now accepts, good for another 12 hours… here, one.
    const test = await new WebClient(after?.token, { slackApiUrl: slack.url }).auth.test();
    expect(test.team_id).toBe(TEAM);
    expect((after?.expiresAt ?? 0) * 1000).toBeGreaterThan(Date.now() + 50 * 60_000);
  });
});
