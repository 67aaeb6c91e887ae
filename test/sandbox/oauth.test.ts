import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InstallProvider, MemoryInstallationStore } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpLink, signRequest } from '../../src/sandbox/app-link';
import type { OAuthOptions } from '../../src/sandbox/oauth';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { platformError, quiet } from './web-client';

const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret' };
const REDIRECT = 'https://dudao.example.com/slack/oauth_redirect';
const SIGNING_SECRET = 'signing-secret';
const ALPHA = { teamId: 'T0ALPHA', teamName: 'Alpha Office' };
const BETA = {
  teamId: 'T0BETA',
  teamName: 'Beta Bureau',
  enterpriseId: 'E0GRID',
  enterpriseName: 'Grid Org',
};
const LEAD = 'U0LEAD';
const ROOM = 'C0ROOM';

const standIn = new SlackStandIn({ events: ['app_home_opened'] });

/** What the app was sent over signed HTTP, and a path answered by the test's own handler. */
const app = {
  received: [] as { headers: IncomingHttpHeaders; body: string }[],
  onRequest: null as ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null,
  url: '',
};
const appServer = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (app.onRequest && req.method === 'GET') {
      void app.onRequest(req, res);
      return;
    }
    app.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    res.end();
  });
});

const creds = () => ({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });

/** A client with no token, as @slack/oauth's InstallProvider calls oauth.v2.access. */
const noToken = () => new WebClient(undefined, { slackApiUrl: standIn.url, logger: quiet });
const as = (token: string) => new WebClient(token, { slackApiUrl: standIn.url, logger: quiet });

/** A person on the consent page: the stand-in's answer, not followed. */
async function consent(params: Record<string, string>) {
  const query = new URLSearchParams({ client_id: CLIENT.clientId, scope: 'commands,chat:write', ...params });
  const res = await fetch(`${standIn.authorizeUrl}?${query}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, text: await res.text(), location: location ? new URL(location) : null };
}

/** Allows the install on the consent page, and answers the code it redirected with. */
async function codeFor(params: Record<string, string> = {}): Promise<string> {
  const { status, location } = await consent({ redirect_uri: REDIRECT, state: 'st', ...params });
  expect(status).toBe(302);
  return String(location?.searchParams.get('code'));
}

/** The whole flow into a team: consent, then oauth.v2.access as InstallProvider calls it. */
async function install(params: Record<string, string> = {}) {
  const code = await codeFor(params);
  return noToken().oauth.v2.access({
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    code,
    redirect_uri: REDIRECT,
  });
}

function refresh(refreshToken: string) {
  return noToken().oauth.v2.access({
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

/** The workspace's clock, moved by hand. */
let clock = Date.parse('2025-03-03T09:00:00Z');
function enable(opts: Partial<OAuthOptions> = {}): void {
  standIn.enableOAuth({ ...CLIENT, now: () => clock, ...opts });
}

beforeAll(async () => {
  await standIn.start();
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  app.url = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await standIn.stop();
  await new Promise((resolve) => appServer.close(resolve));
});
beforeEach(() => {
  standIn.reset();
  standIn.link = new HttpLink(`${app.url}/slack/events`, SIGNING_SECRET);
  app.received.length = 0;
  app.onRequest = null;
  clock = Date.parse('2025-03-03T09:00:00Z');
  standIn.addTeam(ALPHA);
  standIn.addTeam(BETA);
  enable();
});

describe('the consent page', () => {
  it('sends the person back to the redirect URL with a code and the state, for the first team by default', async () => {
    const { status, location } = await consent({ redirect_uri: REDIRECT, state: 'state-1' });
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('state-1');
    const code = String(location?.searchParams.get('code'));
    const res = await noToken().oauth.v2.access({ ...creds(), code, redirect_uri: REDIRECT });
    expect(res.team).toEqual({ id: 'T0ALPHA', name: 'Alpha Office' });
  });

  it('answers Cancel with error=access_denied and the state, and no code', async () => {
    const { status, location } = await consent({ redirect_uri: REDIRECT, state: 'state-2', deny: '1' });
    expect(status).toBe(302);
    expect(Object.fromEntries(location?.searchParams ?? [])).toEqual({
      error: 'access_denied',
      state: 'state-2',
    });
  });

  it('refuses an unknown client, an unknown team and an org-wide install outside Grid', async () => {
    const unknown = await consent({ redirect_uri: REDIRECT, client_id: '9999.0000' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('client_id');
    expect((await consent({ redirect_uri: REDIRECT, team: 'T0NOWHERE' })).status).toBe(400);
    expect((await consent({ redirect_uri: REDIRECT, team: 'T0ALPHA', org: '1' })).status).toBe(400);
    expect(standIn.callsTo('oauth.authorize').map((c) => c.status)).toEqual([400, 400, 400]);
  });
});

describe('oauth.v2.access', () => {
  it('exchanges a code for a bot token of that team, in Slack’s shape', async () => {
    const res = await install({ team: 'T0ALPHA' });
    expect(res).toMatchObject({
      ok: true,
      access_token: expect.stringMatching(/^xoxb-\d+-\d+-[0-9a-f]+$/),
      token_type: 'bot',
      scope: 'commands,chat:write',
      bot_user_id: expect.stringMatching(/^U/),
      app_id: standIn.identity.appId,
      team: { id: 'T0ALPHA', name: 'Alpha Office' },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: 'U0INSTALLER' },
    });
    expect(res).not.toHaveProperty('refresh_token');
    expect(res).not.toHaveProperty('expires_in');
    expect(res.authed_user).not.toHaveProperty('access_token');
    expect(standIn.tokenInfo(String(res.access_token))).toEqual({
      kind: 'bot',
      teamId: 'T0ALPHA',
      enterpriseId: null,
      isEnterpriseInstall: false,
      botUserId: res.bot_user_id,
      botId: expect.stringMatching(/^B/),
      userId: null,
      scope: 'commands,chat:write',
      expiresAt: null,
      revoked: false,
    });
    const [call] = standIn.callsTo('oauth.v2.access');
    expect(call).toMatchObject({ token: null, team: 'T0ALPHA', body: { code: expect.any(String) } });
  });

  it('gives a user token too when user scopes were asked for, for the person who installed', async () => {
    const res = await install({ team: 'T0ALPHA', user_scope: 'search:read', user: 'U0ADMIN' });
    expect(res.authed_user).toEqual({
      id: 'U0ADMIN',
      scope: 'search:read',
      access_token: expect.stringMatching(/^xoxp-/),
      token_type: 'user',
    });
    const me = await as(String(res.authed_user?.access_token)).auth.test();
    expect(me).toMatchObject({ team_id: 'T0ALPHA', user_id: 'U0ADMIN' });
    expect(me).not.toHaveProperty('bot_id');
  });

  it('takes a code once: the second exchange answers invalid_code', async () => {
    const code = await codeFor({ team: 'T0ALPHA' });
    const exchange = () => noToken().oauth.v2.access({ ...creds(), code, redirect_uri: REDIRECT });
    expect((await exchange()).ok).toBe(true);
    expect(await platformError(exchange())).toBe('invalid_code');
    expect(await platformError(noToken().oauth.v2.access({ ...creds(), code: 'made.up.code' }))).toBe(
      'invalid_code',
    );
  });

  it('takes a code within 10 minutes only', async () => {
    const code = await codeFor();
    clock += 10 * 60_000;
    expect(await platformError(noToken().oauth.v2.access({ ...creds(), code, redirect_uri: REDIRECT }))).toBe(
      'invalid_code',
    );
  });

  it('wants the redirect_uri the consent page was given', async () => {
    const code = await codeFor();
    const other = 'https://elsewhere.example.com/cb';
    expect(await platformError(noToken().oauth.v2.access({ ...creds(), code, redirect_uri: other }))).toBe(
      'bad_redirect_uri',
    );
  });

  it('refuses a wrong secret and an unknown client, in the form or as HTTP Basic', async () => {
    const code = await codeFor();
    const client = noToken();
    const access = (args: { client_id: string; client_secret: string; code: string }) =>
      client.oauth.v2.access(args);
    expect(await platformError(access({ ...creds(), client_secret: 'guessed', code }))).toBe(
      'bad_client_secret',
    );
    expect(await platformError(access({ ...creds(), client_id: '9999.0000', code }))).toBe(
      'invalid_client_id',
    );
    const basic = async (secret: string) => {
      const res = await fetch(`${standIn.url}oauth.v2.access`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ code, redirect_uri: REDIRECT }).toString(),
      });
      return (await res.json()) as { ok: boolean; error?: string; team?: unknown };
    };
    expect(await basic('guessed')).toEqual({ ok: false, error: 'bad_client_secret' });
    // The refusals did not spend the code.
    expect(await basic(CLIENT.clientSecret)).toMatchObject({ ok: true, team: { id: 'T0ALPHA' } });
  });
});

describe('tokens per team', () => {
  it('answers auth.test for the token’s own team, and records each call under it', async () => {
    const alpha = await install({ team: 'T0ALPHA' });
    const beta = await install({ team: 'T0BETA' });
    expect(beta).toMatchObject({
      team: { id: 'T0BETA', name: 'Beta Bureau' },
      enterprise: { id: 'E0GRID', name: 'Grid Org' },
      is_enterprise_install: false,
    });
    expect(beta.bot_user_id).not.toBe(alpha.bot_user_id);
    const alphaTest = await as(String(alpha.access_token)).auth.test();
    expect(alphaTest).toMatchObject({
      team_id: 'T0ALPHA',
      team: 'Alpha Office',
      user_id: alpha.bot_user_id,
      bot_id: expect.stringMatching(/^B/),
      url: 'https://alphaoffice.slack.com/',
      is_enterprise_install: false,
    });
    expect(alphaTest).not.toHaveProperty('enterprise_id');
    expect(await as(String(beta.access_token)).auth.test()).toMatchObject({
      team_id: 'T0BETA',
      enterprise_id: 'E0GRID',
      user_id: beta.bot_user_id,
      is_enterprise_install: false,
    });

    await as(String(beta.access_token)).chat.postMessage({ channel: ROOM, text: 'from Beta' });
    const [post] = standIn.delivered('chat.postMessage');
    expect(post?.team).toBe('T0BETA');
    // What the call posted is the Beta installation's bot user's.
    expect(standIn.workspace.messagesOf(ROOM).at(-1)).toMatchObject({
      user: beta.bot_user_id,
      text: 'from Beta',
    });
    expect(standIn.callsTo('auth.test').map((c) => c.team)).toEqual(['T0ALPHA', 'T0BETA']);
  });

  it('accepts only issued tokens once OAuth is enabled, and any xoxb- token before', async () => {
    standIn.reset();
    expect(await as('xoxb-anything').auth.test()).toMatchObject({ team_id: standIn.identity.teamId });
    expect(standIn.calls.at(-1)?.team).toBe(standIn.identity.teamId);
    enable();
    expect(await platformError(as('xoxb-anything').auth.test())).toBe('invalid_auth');
    expect(standIn.calls.at(-1)).toMatchObject({ team: null, token: 'xoxb-anything' });
  });

  it('keeps the configured token working beside the issued ones, and OAuth options across reset', async () => {
    const own = new SlackStandIn({ token: 'xoxb-own', oauth: { ...CLIENT }, teams: [ALPHA] });
    await own.start();
    try {
      own.reset();
      const client = (token: string) => new WebClient(token, { slackApiUrl: own.url, logger: quiet });
      expect(await client('xoxb-own').auth.test()).toMatchObject({ team_id: own.identity.teamId });
      expect(await platformError(client('xoxb-other').auth.test())).toBe('invalid_auth');
      const query = new URLSearchParams({
        client_id: CLIENT.clientId,
        scope: 'commands',
        redirect_uri: REDIRECT,
      });
      const res = await fetch(`${own.authorizeUrl}?${query}`, { redirect: 'manual' });
      const code = String(new URL(String(res.headers.get('location'))).searchParams.get('code'));
      const installed = await new WebClient(undefined, {
        slackApiUrl: own.url,
        logger: quiet,
      }).oauth.v2.access({
        ...creds(),
        code,
        redirect_uri: REDIRECT,
      });
      expect(installed.team).toEqual({ id: 'T0ALPHA', name: 'Alpha Office' });
      expect(await client(String(installed.access_token)).auth.test()).toMatchObject({ team_id: 'T0ALPHA' });
    } finally {
      await own.stop();
    }
  });

  it('installs org-wide: no team, the organization, and its token answers for the organization', async () => {
    const res = await install({ team: 'T0BETA', org: '1' });
    expect(res).toMatchObject({
      ok: true,
      token_type: 'bot',
      bot_user_id: expect.stringMatching(/^W/),
      team: null,
      enterprise: { id: 'E0GRID', name: 'Grid Org' },
      is_enterprise_install: true,
    });
    expect(standIn.tokenInfo(String(res.access_token))).toMatchObject({
      teamId: null,
      enterpriseId: 'E0GRID',
      isEnterpriseInstall: true,
    });
    expect(await as(String(res.access_token)).auth.test()).toMatchObject({
      team_id: 'E0GRID',
      team: 'Grid Org',
      enterprise_id: 'E0GRID',
      user_id: res.bot_user_id,
      is_enterprise_install: true,
      url: 'https://gridorg.enterprise.slack.com/',
    });
    expect(standIn.calls.at(-1)?.team).toBe('E0GRID');
  });
});

describe('token rotation', () => {
  beforeEach(() => enable({ rotation: true, tokenLifetimeSeconds: 3600 }));

  it('issues expiring tokens with a refresh token; a refresh gives new ones and spends the old', async () => {
    const first = await install({ team: 'T0ALPHA' });
    expect(first).toMatchObject({
      access_token: expect.stringMatching(/^xoxb-/),
      refresh_token: expect.stringMatching(/^xoxe-1-/),
      expires_in: 3600,
    });
    expect(standIn.tokenInfo(String(first.access_token))?.expiresAt).toBe(clock + 3600_000);

    const second = await refresh(String(first.refresh_token));
    expect(second).toMatchObject({
      ok: true,
      token_type: 'bot',
      bot_user_id: first.bot_user_id,
      scope: 'commands,chat:write',
      expires_in: 3600,
      team: { id: 'T0ALPHA', name: 'Alpha Office' },
      enterprise: null,
      is_enterprise_install: false,
    });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).toMatch(/^xoxe-1-/);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    // A second use of a refresh token is what a double refresh looks like.
    expect(await platformError(refresh(String(first.refresh_token)))).toBe('invalid_refresh_token');
    expect((await refresh(String(second.refresh_token))).ok).toBe(true);
    const refreshes = standIn.callsTo('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token');
    expect(refreshes.map((c) => c.team)).toEqual(['T0ALPHA', null, 'T0ALPHA']);
    expect(standIn.delivered('oauth.v2.access')).toHaveLength(3);

    // The token it replaced still works until it expires, as Slack's do.
    expect((await as(String(first.access_token)).auth.test()).team_id).toBe('T0ALPHA');
  });

  it('answers token_expired once a token has lived its lifetime', async () => {
    const res = await install({ team: 'T0ALPHA' });
    const client = as(String(res.access_token));
    clock += 3600_000 - 1;
    expect((await client.auth.test()).ok).toBe(true);
    clock += 1;
    expect(await platformError(client.auth.test())).toBe('token_expired');
    expect(standIn.calls.at(-1)?.team).toBe('T0ALPHA');
    const renewed = await refresh(String(res.refresh_token));
    expect((await as(String(renewed.access_token)).auth.test()).team_id).toBe('T0ALPHA');
  });

  it('refuses a refresh token when rotation is off', async () => {
    enable({ rotation: false });
    expect(await platformError(refresh('xoxe-1-made-up'))).toBe('invalid_refresh_token');
  });

  it('works with @slack/oauth’s InstallProvider: install through the redirect, then a refresh on authorize', async () => {
    const installer = new InstallProvider({
      ...CLIENT,
      stateVerification: false,
      installationStore: new MemoryInstallationStore(),
      authorizationUrl: standIn.authorizeUrl,
      clientOptions: { slackApiUrl: standIn.url },
      logger: quiet,
    });
    const options = { scopes: ['commands', 'chat:write'], redirectUri: `${app.url}/slack/oauth_redirect` };
    app.onRequest = (req, res) =>
      installer.handleCallback(
        req,
        res,
        {
          success: (_i, _o, _req, r) => r.end('installed'),
          failure: (err, _o, _req, r) => {
            r.writeHead(500);
            r.end(err.message);
          },
        },
        options,
      );
    const url = new URL(await installer.generateInstallUrl(options, false));
    url.searchParams.set('team', 'T0BETA');
    const page = await fetch(url);
    expect(await page.text()).toBe('installed');

    // InstallProvider refreshes a token that expires within 2 hours: this one does.
    const auth = await installer.authorize({
      teamId: 'T0BETA',
      enterpriseId: 'E0GRID',
      isEnterpriseInstall: false,
    });
    expect(standIn.delivered('oauth.v2.access').map((c) => c.body.grant_type ?? 'code')).toEqual([
      'code',
      'refresh_token',
    ]);
    expect(await as(String(auth.botToken)).auth.test()).toMatchObject({
      team_id: 'T0BETA',
      bot_id: auth.botId,
    });
  });
});

/** The one request the app was sent, as JSON, after checking its signature. */
function signedEvent(): Record<string, unknown> {
  expect(app.received).toHaveLength(1);
  const [{ headers, body }] = app.received as [{ headers: IncomingHttpHeaders; body: string }];
  const timestamp = Number(headers['x-slack-request-timestamp']);
  expect(headers['x-slack-signature']).toBe(signRequest(SIGNING_SECRET, body, timestamp));
  expect(headers['content-type']).toBe('application/json');
  return JSON.parse(body) as Record<string, unknown>;
}

describe('revocation and uninstalling', () => {
  it('revokes a team’s tokens, and only that team’s', async () => {
    enable({ rotation: true });
    const alpha = await install({ team: 'T0ALPHA' });
    const beta = await install({ team: 'T0BETA' });
    expect(standIn.revokeTokens('T0ALPHA')).toBe(1);
    expect(await platformError(as(String(alpha.access_token)).auth.test())).toBe('token_revoked');
    expect(standIn.calls.at(-1)?.team).toBe('T0ALPHA');
    expect(await platformError(refresh(String(alpha.refresh_token)))).toBe('invalid_refresh_token');
    expect((await as(String(beta.access_token)).auth.test()).team_id).toBe('T0BETA');
  });

  it('sends app_uninstalled, signed, once the tokens are revoked', async () => {
    const alpha = await install({ team: 'T0ALPHA' });
    const delivered = await standIn.uninstall('T0ALPHA', { eventTime: 1_740_000_000 });
    expect(delivered.acked).toBe(true);
    expect(signedEvent()).toEqual({
      token: 'local-verification-token',
      team_id: 'T0ALPHA',
      enterprise_id: null,
      context_team_id: 'T0ALPHA',
      context_enterprise_id: null,
      api_app_id: standIn.identity.appId,
      type: 'event_callback',
      event_id: expect.stringMatching(/^Ev/),
      event_time: 1_740_000_000,
      authorizations: [
        {
          enterprise_id: null,
          team_id: 'T0ALPHA',
          user_id: alpha.bot_user_id,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event: { type: 'app_uninstalled' },
    });
    expect(await platformError(as(String(alpha.access_token)).auth.test())).toBe('token_revoked');
  });

  it('sends an org-wide uninstall for the organization, with no team', async () => {
    const org = await install({ team: 'T0BETA', org: '1' });
    await standIn.uninstall('E0GRID');
    const event = signedEvent();
    expect(event).toMatchObject({
      team_id: null,
      enterprise_id: 'E0GRID',
      event_time: Math.floor(clock / 1000),
      authorizations: [
        { enterprise_id: 'E0GRID', team_id: null, user_id: org.bot_user_id, is_enterprise_install: true },
      ],
      event: { type: 'app_uninstalled' },
    });
    expect(await platformError(as(String(org.access_token)).auth.test())).toBe('token_revoked');
  });

  it('sends tokens_revoked and revokes the bot token it names, leaving the person’s', async () => {
    const res = await install({ team: 'T0ALPHA', user_scope: 'search:read', user: 'U0ADMIN' });
    const bot = String(res.bot_user_id);
    const delivered = await standIn.tokensRevoked('T0ALPHA', { bot: [bot] }, { eventTime: 1_740_000_001 });
    expect(delivered.acked).toBe(true);
    expect(signedEvent()).toMatchObject({
      team_id: 'T0ALPHA',
      event_time: 1_740_000_001,
      event: { type: 'tokens_revoked', tokens: { oauth: [], bot: [bot] } },
    });
    expect(await platformError(as(String(res.access_token)).auth.test())).toBe('token_revoked');
    expect((await as(String(res.authed_user?.access_token)).auth.test()).user_id).toBe('U0ADMIN');
  });

  it('uninstalls from the workspace’s own team too, before OAuth', async () => {
    standIn.reset();
    standIn.link = new HttpLink(`${app.url}/slack/events`, SIGNING_SECRET);
    await standIn.uninstall(standIn.identity.teamId);
    expect(signedEvent()).toMatchObject({
      team_id: standIn.identity.teamId,
      event: { type: 'app_uninstalled' },
    });
    expect(await platformError(as('xoxb-anything').auth.test())).toBe('token_revoked');
  });
});

describe('people in another team', () => {
  const form = (i: number) => Object.fromEntries(new URLSearchParams(app.received[i]?.body));
  const interaction = (i: number) => JSON.parse(String(form(i).payload)) as Record<string, unknown>;

  beforeEach(() => {
    standIn.workspace.addUser({ id: LEAD, name: 'lead', real_name: 'Lena Lead', tz: 'UTC', is_bot: false });
    standIn.workspace.addChannel({ id: ROOM, name: 'oversight', members: [LEAD] });
  });

  it('sends commands and button presses that carry the Grid team, its organization and the install kind', async () => {
    const beta = standIn.people.inTeam({ teamId: 'T0BETA' });
    await beta.send(LEAD, ROOM, '/dudao status');
    expect(form(0)).toMatchObject({
      team_id: 'T0BETA',
      team_domain: 'betabureau',
      enterprise_id: 'E0GRID',
      enterprise_name: 'Grid Org',
      user_id: LEAD,
      is_enterprise_install: 'false',
    });
    const posted = standIn.workspace.post({ channel: ROOM, user: LEAD, text: 'a message with a button' });
    const action = { action_id: 'a', block_id: 'b', type: 'button', value: 'v' };
    await beta.act(LEAD, { type: 'message', channel: ROOM, ts: posted.ts }, action);
    expect(interaction(1)).toMatchObject({
      type: 'block_actions',
      team: { id: 'T0BETA', domain: 'betabureau', enterprise_id: 'E0GRID', enterprise_name: 'Grid Org' },
      user: { id: LEAD, team_id: 'T0BETA' },
      enterprise: { id: 'E0GRID', name: 'Grid Org' },
      is_enterprise_install: false,
    });
  });

  it('sends events of an org-wide install for the organization’s bot user', async () => {
    const org = await install({ team: 'T0BETA', org: '1' });
    await standIn.people.inTeam({ teamId: 'T0BETA', isEnterpriseInstall: true }).openHome(LEAD);
    expect(signedEvent()).toMatchObject({
      team_id: 'T0BETA',
      enterprise_id: 'E0GRID',
      authorizations: [
        { enterprise_id: 'E0GRID', team_id: null, user_id: org.bot_user_id, is_enterprise_install: true },
      ],
      event: { type: 'app_home_opened', user: LEAD },
    });
  });

  it('leaves the workspace’s own people as they were', async () => {
    await standIn.people.send(LEAD, ROOM, '/dudao status');
    expect(form(0)).toMatchObject({ team_id: standIn.identity.teamId, is_enterprise_install: 'false' });
    expect(form(0)).not.toHaveProperty('enterprise_id');
  });
});
