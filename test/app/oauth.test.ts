import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerId } from '../../jobs/queues';
import { BOT_SCOPES } from '../../src/slack/scopes';
import type { RedisClient } from '../../src/store/redis';
import { type Harness, startHarness } from '../support/harness';
import { installApp, openInstallPage } from '../support/oauth';
import { testRedis } from '../support/redis';
import { postSigned } from '../support/signing';

const ALPHA = { teamId: 'T1ALPHA', teamName: 'Alpha Inspectorate' };
const BETA = { teamId: 'T2BETA', teamName: 'Beta Audit' };
const GRID = { teamId: 'T3GRID', teamName: 'Gamma', enterpriseId: 'E1GRID', enterpriseName: 'Grid Org' };

/** Polls `check` until it holds (what a worker or an event listener does happens after the ack). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('installing dudao in many workspaces (OAuth)', () => {
  let h: Harness;
  let redis: RedisClient;
  let pings: Queue;
  /** The fields of a command sent from each workspace. */
  const from = {
    alpha: { team_id: ALPHA.teamId },
    beta: { team_id: BETA.teamId },
    grid: { team_id: GRID.teamId, enterprise_id: GRID.enterpriseId, is_enterprise_install: 'true' as const },
  };

  beforeAll(async () => {
    h = await startHarness({ oauth: { teams: [ALPHA, BETA, GRID] } });
    redis = testRedis();
    pings = new Queue('pings', { connection: redis, prefix: `{${h.prefix}}` });
  });
  afterAll(async () => {
    await pings?.close();
    redis?.disconnect();
    await h?.stop();
    await h?.cleanup();
  });

  const records = () => h.app.store.installations();
  const botToken = async (kind: 'team' | 'org', id: string) =>
    (await records().read({ kind, id }))?.installation.bot?.token;
  const schedulerOf = (teamId: string) => pings.getJobScheduler(schedulerId('pings', teamId, 'C0GROUP'));

  it('offers "Add to Slack" with the manifest\'s scopes, a signed state and the state cookie', async () => {
    const page = await openInstallPage(h);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Add to Slack');
    expect(page.html).toContain('添加到 Slack');
    expect(page.url.origin + page.url.pathname).toBe(h.slack.authorizeUrl);
    expect(page.url.searchParams.get('client_id')).toBe('1111111111.2222222222');
    expect(page.url.searchParams.get('scope')?.split(',')).toEqual([...BOT_SCOPES]);
    const state = page.url.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{40,}$/);
    expect(page.cookie).toContain(state);
  });

  it('installs two workspaces and an org, and each success page says what to do next', async () => {
    const alpha = await installApp(h, ALPHA.teamId);
    expect(alpha.status).toBe(200);
    expect(alpha.html).toContain('dudao is installed');
    expect(alpha.html).toContain('Alpha Inspectorate');
    expect(alpha.html).toContain('<code>/dudao setup &lt;group name&gt;</code>');
    const beta = await installApp(h, BETA.teamId);
    expect(beta.html).toContain('Beta Audit');
    const grid = await installApp(h, GRID.teamId, { org: true });
    expect(grid.status).toBe(200);
    expect(grid.html).toContain('whole organisation “Grid Org”');

    const alphaToken = await botToken('team', ALPHA.teamId);
    const betaToken = await botToken('team', BETA.teamId);
    const gridToken = await botToken('org', GRID.enterpriseId);
    expect(new Set([alphaToken, betaToken, gridToken]).size).toBe(3);
    expect(h.slack.tokenInfo(alphaToken ?? '')?.teamId).toBe(ALPHA.teamId);
    expect(h.slack.tokenInfo(gridToken ?? '')).toMatchObject({
      enterpriseId: GRID.enterpriseId,
      isEnterpriseInstall: true,
    });
    // An org-wide install has no workspace of its own.
    expect(await records().read({ kind: 'team', id: GRID.teamId })).toBeNull();
  });

  it("answers each workspace's commands with that workspace's token", async () => {
    for (const fields of [from.alpha, from.beta, from.grid]) {
      const setup = await h.command(`setup "Group of ${fields.team_id}" tz=Asia/Shanghai`, fields);
      expect(setup.status).toBe(200);
    }
    const expected = {
      [ALPHA.teamId]: [ALPHA.teamId, await botToken('team', ALPHA.teamId)],
      [BETA.teamId]: [BETA.teamId, await botToken('team', BETA.teamId)],
      [GRID.teamId]: [GRID.enterpriseId, await botToken('org', GRID.enterpriseId)],
    };
    for (const [teamId, [owner, token]] of Object.entries(expected)) {
      const mark = h.slack.calls.length;
      const fields = Object.values(from).find((f) => f.team_id === teamId) ?? from.alpha;
      const opened = await h.command('log', {
        ...fields,
        trigger_id: `${Date.now()}.${randomBytes(6).toString('hex')}`,
      });
      expect(opened.status).toBe(200);
      const [call] = await h.slack.waitFor(
        (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= mark,
      );
      expect(call?.team).toBe(owner);
      expect(call?.token).toBe(token);
    }
  });

  it("sends each workspace's digest with its own token, from the workers", async () => {
    const mark = h.slack.calls.length;
    for (const fields of [from.alpha, from.beta, from.grid]) {
      expect((await h.command('digest now', fields)).status).toBe(200);
    }
    const posts = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.status === 200 && h.slack.calls.indexOf(c) >= mark,
      15_000,
      3,
    );
    expect(posts.map((c) => c.team).sort()).toEqual([GRID.enterpriseId, ALPHA.teamId, BETA.teamId].sort());
    for (const post of posts) {
      const token =
        post.team === GRID.enterpriseId
          ? await botToken('org', GRID.enterpriseId)
          : await botToken('team', post.team ?? '');
      expect(post.token).toBe(token);
    }
  });

  it('does nothing for a workspace where it is not installed', async () => {
    const mark = h.slack.calls.length;
    const res = await h.command('log', { team_id: 'T9NOWHERE' });
    // Acknowledged (Slack would retry otherwise) with nothing in it, and no call made with any token.
    expect(res.status).toBe(200);
    expect(res.json).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.calls.slice(mark).filter((c) => c.method !== 'response_url')).toEqual([]);
  });

  it('uninstalling one workspace deletes its tokens and pauses its schedules only; a reinstall resumes them', async () => {
    expect(await schedulerOf(BETA.teamId)).toBeTruthy();
    expect(await schedulerOf(ALPHA.teamId)).toBeTruthy();
    const delivered = await h.slack.uninstall(BETA.teamId);
    expect(delivered.acked).toBe(true);
    await eventually(
      async () => (await records().read({ kind: 'team', id: BETA.teamId })) === null,
      'Beta is deleted',
    );
    await eventually(async () => !(await schedulerOf(BETA.teamId)), "Beta's scheduler is removed");
    expect(await schedulerOf(ALPHA.teamId)).toBeTruthy();
    expect(await botToken('team', ALPHA.teamId)).toBeTruthy();
    // The group's data stays.
    expect(await h.app.store.forTeam(BETA.teamId).getGroup('C0GROUP')).toMatchObject({
      name: 'Group of T2BETA',
    });

    const again = await installApp(h, BETA.teamId);
    expect(again.status).toBe(200);
    await eventually(async () => Boolean(await schedulerOf(BETA.teamId)), "Beta's scheduler is back");
  });

  it('ignores an uninstall event from before the reinstall, delivered late', async () => {
    const installedAt = (await records().read({ kind: 'team', id: BETA.teamId }))?.installedAt ?? 0;
    const body = JSON.stringify({
      token: 'verification-token',
      team_id: BETA.teamId,
      api_app_id: h.slack.identity.appId,
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(installedAt / 1000) - 60,
      authorizations: [
        { team_id: BETA.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
      ],
      event: { type: 'app_uninstalled' },
    });
    const res = await postSigned(`${h.app.url}/slack/events`, body, {
      secret: h.secret,
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await botToken('team', BETA.teamId)).toBeTruthy();
    expect(await schedulerOf(BETA.teamId)).toBeTruthy();
  });

  describe('a state that is not good refuses the install, on a page that says why', () => {
    const stateKey = (state: string) => `${h.prefix}:oauth:state:${state.split('.')[0]}`;

    it('refuses the same redirect replayed', async () => {
      const run = await installApp(h, ALPHA.teamId);
      expect(run.status).toBe(200);
      const replay = await fetch(run.redirect, { headers: { cookie: run.cookie } });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain('has expired or was already used');
    });

    it('refuses a state that expired, and one from another browser', async () => {
      const page = await openInstallPage(h);
      const state = page.url.searchParams.get('state') ?? '';
      // Ten minutes pass: the state's key expires.
      await redis.pexpire(stateKey(state), 1);
      await new Promise((r) => setTimeout(r, 20));
      const expired = await installApp(h, ALPHA.teamId, { page });
      expect(expired.status).toBe(400);
      expect(expired.html).toContain('has expired or was already used');
      const fresh = await installApp(h, ALPHA.teamId, { cookie: 'slack-app-oauth-state=someone-else' });
      expect(fresh.status).toBe(400);
      expect(fresh.html).toContain('has expired or was already used');
    });

    it('refuses a state it did not sign, before reading Redis', async () => {
      const page = await openInstallPage(h);
      const state = page.url.searchParams.get('state') ?? '';
      const forged = `${state.split('.')[0]}.${'A'.repeat(43)}`;
      const res = await fetch(`${h.app.url}/slack/oauth_redirect?code=x&state=${forged}`, {
        headers: { cookie: `slack-app-oauth-state=${forged}` },
      });
      expect(res.status).toBe(400);
      expect(await redis.exists(stateKey(state))).toBe(1);
    });

    it('says so when the person cancels at Slack, in their language', async () => {
      const run = await installApp(h, ALPHA.teamId, { deny: true });
      expect(run.status).toBe(200);
      expect(run.html).toContain('cancelled');
      const zh = await fetch(run.redirect, {
        headers: { cookie: run.cookie, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      });
      expect(await zh.text()).toContain('取消了安装');
    });

    it("says that Slack refused, with its reason, when the app's credentials are wrong (the last test: it changes them)", async () => {
      // Slack's side now knows another secret than the app's SLACK_CLIENT_SECRET.
      h.slack.enableOAuth({
        clientId: '1111111111.2222222222',
        clientSecret: 'rotated-at-slack',
        redirectUri: `${h.app.url}/slack/oauth_redirect`,
      });
      const run = await installApp(h, ALPHA.teamId);
      expect(run.status).toBe(502);
      expect(run.html).toContain('Slack refused the installation (bad_client_secret)');
    });
  });
});

describe('installing in many workspaces over Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: 'socket', oauth: { teams: [ALPHA, BETA] } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it("installs over the web port, answers with the workspace's token, and handles the uninstall", async () => {
    const run = await installApp(h, BETA.teamId);
    expect(run.status).toBe(200);
    const token = (await h.app.store.installations().read({ kind: 'team', id: BETA.teamId }))?.installation
      .bot?.token;
    expect((await h.command('setup "Beta group"', { team_id: BETA.teamId })).status).toBe(200);
    const mark = h.slack.calls.length;
    expect((await h.command('log', { team_id: BETA.teamId })).status).toBe(200);
    const [opened] = await h.slack.waitFor(
      (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= mark,
    );
    expect(opened?.token).toBe(token);
    expect((await h.slack.uninstall(BETA.teamId)).acked).toBe(true);
    await eventually(
      async () => (await h.app.store.installations().read({ kind: 'team', id: BETA.teamId })) === null,
      'the installation is deleted',
    );
  });
});
