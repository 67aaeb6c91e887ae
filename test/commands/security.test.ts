import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { nowSeconds, postSigned, sign, slashCommandBody } from '../support/signing';
import { allText } from '../support/slack-text';

describe('requests Slack did not sign, and data that must stay apart', () => {
  let h: Harness;
  const teamA = () => h.slack.identity.teamId;
  const events = () => `${h.app.url}/slack/events`;

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Group 14"');
    await h.command('unit add "Ministry of Commerce" key=moc');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  const logBody = () =>
    slashCommandBody({
      team_id: teamA(),
      channel_id: DEFAULT_CHANNEL,
      user_id: 'U0LEAD',
      text: 'log interview moc',
    });

  it('rejects a bad signature with 401 and changes nothing', async () => {
    const before = await h.inspect.countActivities(teamA(), DEFAULT_CHANNEL);
    const body = logBody();
    const forged = await postSigned(events(), body, {
      secret: h.secret,
      signature: sign('not-the-secret', body, nowSeconds()),
    });
    expect(forged.status).toBe(401);
    expect(await h.inspect.countActivities(teamA(), DEFAULT_CHANNEL)).toBe(before);
  });

  it('rejects a request signed more than 5 minutes ago with 401 and changes nothing', async () => {
    const before = await h.inspect.countActivities(teamA(), DEFAULT_CHANNEL);
    const stale = await postSigned(events(), logBody(), {
      secret: h.secret,
      timestamp: nowSeconds() - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(await h.inspect.countActivities(teamA(), DEFAULT_CHANNEL)).toBe(before);
    const fresh = await postSigned(events(), logBody(), { secret: h.secret });
    expect(fresh.status).toBe(200);
    expect(await h.inspect.countActivities(teamA(), DEFAULT_CHANNEL)).toBe(before + 1);
  });

  it('shows a second team none of the first team’s data, even with the same channel id', async () => {
    const other = { team_id: 'T0OTHER' };
    const status = await h.command('status', other);
    expect(allText(status.json)).not.toContain('Ministry of Commerce');
    const log = await h.command('log interview moc', other);
    expect(allText(log.json)).not.toContain('Ministry of Commerce');
    expect(await h.app.store.forTeam('T0OTHER').getGroup(DEFAULT_CHANNEL)).toBeNull();

    await h.command('setup "Team B group"', other);
    await h.command('unit add "B Unit" key=moc', other);
    const b = allText((await h.command('status', other)).json);
    expect(b).toContain('B Unit');
    expect(b).not.toContain('Ministry of Commerce');
    const a = allText((await h.command('status')).json);
    expect(a).toContain('Ministry of Commerce');
    expect(a).not.toContain('B Unit');
  });

  it('serves /healthz and /metrics with the commands counted by subcommand and outcome', async () => {
    await h.command('log interview moc', { user_id: 'U0STRANGER' });
    const health = await fetch(`${h.app.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${h.app.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/dudao_commands_total\{subcommand="log",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/dudao_commands_total\{subcommand="log",outcome="forbidden"\} [1-9]/);
    expect(metrics).toContain('dudao_command_duration_seconds_bucket');
  });
});

describe('a restart', () => {
  it('keeps every group, unit, activity and finding', async () => {
    const first = await startHarness();
    const prefix = first.prefix;
    try {
      await first.command('setup "Group 14" lang=zh');
      await first.command('unit add 商务部 key=moc');
      await first.command('log interview moc n=2 访谈两位司长');
      await first.command('finding add moc 整改台账不完整');
      await first.stop();

      const second = await startHarness({ prefix });
      try {
        const text = allText((await second.command('status moc')).json);
        expect(text).toContain('访谈两位司长');
        expect(text).toContain('整改台账不完整');
        expect(text).toContain('商务部');
      } finally {
        await second.stop();
      }
    } finally {
      await first.cleanup();
    }
  });
});
