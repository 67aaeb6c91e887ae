import type { Button } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/zoned-time';
import { PING_ACTIONS } from '../../src/views/ids';
import { liaisonPingMessage } from '../../src/views/liaison-ping';
import type { Message } from '../../src/views/message';
import { DEFAULT_CHANNEL, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

const LIAISON = 'U0LI00002';
const DM = 'D0LIAISON';

describe.each(TRANSPORTS)('the buttons of a liaison ping (over %s)', (transport) => {
  let h: Harness;
  let ping: Message;
  const store = () => h.app.store.forTeam(h.slack.identity.teamId).pings(DEFAULT_CHANNEL);
  const period = localDate(Date.now(), 'Asia/Shanghai');

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 3" tz=Asia/Shanghai');
    await h.command(`unit add 发改委 key=ndrc liaison=<@${LIAISON}|li>`);
    ping = liaisonPingMessage({
      kind: 'reminder',
      lang: 'en',
      groupId: DEFAULT_CHANNEL,
      groupName: 'Group 3',
      userId: LIAISON,
      period,
      units: [
        {
          unit: (await h.app.store.forTeam(h.slack.identity.teamId).listUnits(DEFAULT_CHANNEL))[0]!,
          lastContact: null,
          daysSince: 0,
        },
      ],
      meetingWhen: 'Fri 2026-11-20 09:30',
      since: '2026-11-13',
    });
  });
  beforeEach(() => h.slack.reset());
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  function click(actionId: string, user = LIAISON, value?: string) {
    const row = ping.blocks.find((b) => b.type === 'actions');
    const button = (row?.type === 'actions' ? row.elements : []).find(
      (e) => (e as Button).action_id === actionId,
    ) as Button;
    const responseId = `r${Math.random().toString(36).slice(2, 10)}`;
    const sent = h.interact({
      type: 'block_actions',
      user: { id: user, team_id: h.slack.identity.teamId },
      channel: { id: DM, name: 'directmessage' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: DM },
      message: { type: 'message', ts: '1700000000.000100', text: ping.text, blocks: ping.blocks },
      response_url: h.slack.responseUrl(responseId),
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: 'ping_unit:ndrc',
          value: value ?? button.value,
          action_ts: '1',
        },
      ],
    });
    return { sent, responseId };
  }

  async function answerTo(responseId: string) {
    const [call] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === responseId,
      5_000,
    );
    return call!.body;
  }

  it('records "nothing to report" once for a double click and updates the DM', async () => {
    const a = click(PING_ACTIONS.nothing);
    const b = click(PING_ACTIONS.nothing);
    expect((await a.sent).status).toBe(200);
    expect((await b.sent).status).toBe(200);
    const [first, second] = [await answerTo(a.responseId), await answerTo(b.responseId)];
    expect(first.replace_original).toBe(true);
    const recorded = /Nothing to report: recorded \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./;
    // Both clicks report the one record, with the time of the first.
    expect(allText(first).match(recorded)?.[0]).toBeDefined();
    expect(allText(second).match(recorded)?.[0]).toBe(allText(first).match(recorded)?.[0]);
    expect(first.blocks).not.toContainEqual(expect.objectContaining({ type: 'actions' }));
    expect(await store().nothingAnswers([period])).toHaveLength(1);
  });

  it('snoozes for a day and says until when', async () => {
    const { sent, responseId } = click(PING_ACTIONS.snooze);
    await sent;
    expect(allText(await answerTo(responseId))).toMatch(
      /Snoozed until \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./,
    );
    const [snooze] = await store().snoozes(Date.now());
    expect(snooze).toMatchObject({ unitKey: 'ndrc', userId: LIAISON, period });
  });

  it('opens the log form with the unit filled in', async () => {
    const { sent } = click(PING_ACTIONS.log);
    await sent;
    const [open] = await h.slack.waitFor('views.open', 5_000);
    const view = open!.body.view as { blocks: Array<{ element?: { initial_option?: { value?: string } } }> };
    expect(view.blocks.some((b) => b.element?.initial_option?.value === 'ndrc')).toBe(true);
  });

  it('politely refuses someone who is not in the group, and a forged button', async () => {
    const stranger = click(PING_ACTIONS.nothing, 'U0STRANGER');
    await stranger.sent;
    const refusal = await answerTo(stranger.responseId);
    expect(refusal.replace_original).toBe(false);
    expect(allText(refusal)).toContain('You are no longer a member of *Group 3*');
    const forged = click(PING_ACTIONS.snooze, LIAISON, '{"g":"<!channel>"}');
    await forged.sent;
    expect(allText(await answerTo(forged.responseId))).toContain('This button is out of date');
  });

  it('lets only the liaisons answer for their unit', async () => {
    const lead = click(PING_ACTIONS.nothing, 'U0LEAD');
    await lead.sent;
    expect(allText(await answerTo(lead.responseId))).toContain('Only the liaisons of *发改委* answer for it');
  });
});
