import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamKeys } from '../../src/store/keys';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness } from '../support/harness';
import { testRedis } from '../support/redis';
import { postSigned, slashCommandBody } from '../support/signing';

describe('the same signed request delivered twice', () => {
  let h: Harness;
  const count = () => h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  /** Sends one body, byte for byte, as many times as asked (a Slack retry, a replay). */
  const sendTwice = async (text: string) => {
    const body = slashCommandBody({
      team_id: h.slack.identity.teamId,
      channel_id: DEFAULT_CHANNEL,
      user_id: DEFAULT_USER,
      response_url: h.slack.responseUrl(),
      text,
    });
    const url = `http://127.0.0.1:${h.app.port}/slack/events`;
    for (let i = 0; i < 2; i++) expect((await postSigned(url, body, { secret: h.secret })).status).toBe(200);
    return new URLSearchParams(body).get('trigger_id') ?? '';
  };
  /** What the store remembers having created for a request id (the write's own once-only record). */
  const createdFor = async (requestId: string) => {
    const redis = testRedis();
    try {
      return await redis.get(teamKeys(h.prefix, h.slack.identity.teamId).request(requestId));
    } finally {
      redis.disconnect();
    }
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command('unit add "Ministry of Commerce" key=moc');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('logs one activity', async () => {
    const before = await count();
    const trigger = await sendTwice('log interview moc 2026-11-20 met the deputy director');
    expect(await count()).toBe(before + 1);
    const [activity] = await team().recentActivities(DEFAULT_CHANNEL, 'moc', 1);
    expect(await createdFor(trigger)).toBe(`activity:${activity?.id}`);
  });

  it('raises one finding', async () => {
    const trigger = await sendTwice('finding add moc "Reports arrive late"');
    const findings = await team().listFindings(DEFAULT_CHANNEL);
    expect(findings.map((f) => f.text)).toEqual(['Reports arrive late']);
    expect(await createdFor(trigger)).toBe(`finding:${findings[0]?.id}`);
  });
});
