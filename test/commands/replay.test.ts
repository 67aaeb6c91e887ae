import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/zoned-time';
import { PING_ACTIONS } from '../../src/views/ids';
import { encodePingValue } from '../../src/views/ping-ids';
import { DEFAULT_CHANNEL, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

const LIAISON = 'U0LIA';

describe.each(TRANSPORTS)('the same request delivered twice (over %s)', (transport) => {
  let h: Harness;
  const activities = () => h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command(`unit add "Ministry of Commerce" key=moc liaison=<@${LIAISON}|li>`);
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('a slash command with the same trigger_id takes effect once; the second is told so', async () => {
    const before = await activities();
    const trigger_id = `${Date.now()}.4242.5e1ec7ed`;
    const first = await h.command('log interview moc n=2 met the deputy director', { trigger_id });
    expect(allText(first.json)).toContain('Ministry of Commerce');
    const second = await h.command('log interview moc n=2 met the deputy director', { trigger_id });
    expect(allText(second.json)).toContain('already received and done once');
    expect(await activities()).toBe(before + 1);
    // Another command (its own trigger_id) is not a duplicate.
    await h.command('log interview moc n=2 met the deputy director');
    expect(await activities()).toBe(before + 2);
  });

  it('a button press with the same trigger_id takes effect once; the second is told so', async () => {
    const trigger_id = `${Date.now()}.4343.b077011ed`;
    const period = localDate(Date.now(), 'Asia/Shanghai');
    const press = async () => {
      const responseId = `r${Math.random().toString(36).slice(2, 10)}`;
      await h.interact({
        type: 'block_actions',
        trigger_id,
        user: { id: LIAISON, team_id: h.slack.identity.teamId },
        channel: { id: 'D0LIA', name: 'directmessage' },
        response_url: h.slack.responseUrl(responseId),
        actions: [
          {
            type: 'button',
            action_id: PING_ACTIONS.nothing,
            block_id: 'ping_unit:moc',
            value: encodePingValue({ g: DEFAULT_CHANNEL, u: 'moc', p: period }),
            action_ts: '1',
          },
        ],
      });
      const [answer] = await h.slack.waitFor(
        (c) => c.method === 'response_url' && c.responseId === responseId,
        5_000,
      );
      return allText(answer?.body);
    };
    expect(await press()).toContain('Nothing to report');
    expect(await press()).toContain('already received and done once');
  });
});
