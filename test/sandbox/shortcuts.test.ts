import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { SLACKBOT } from '../../src/sandbox/workspace';
import { TRANSPORTS } from '../support/harness';
import { type BoltSandbox, startBoltSandbox } from './bolt-app';

const ANNA = 'U0ANNA';
const BOB = 'U0BOB';
const OUTSIDER = 'U0OUT';
const ROOM = 'C0ROOM';
const SHORTCUTS = [
  { callbackId: 'log_activity', name: 'Log as activity' },
  { callbackId: 'raise_finding', name: 'Raise a finding' },
] as const;

/** People and a channel: Anna and Bob are in #oversight, the outsider is not. */
function seed(standIn: SlackStandIn): void {
  const ws = standIn.workspace;
  ws.addUser({ id: ANNA, name: 'anna', real_name: 'Anna Auditor', tz: 'UTC', is_bot: false });
  ws.addUser({ id: BOB, name: 'bob', real_name: 'Bob Builder', tz: 'UTC', is_bot: false });
  ws.addUser({ id: OUTSIDER, name: 'out', real_name: 'Olga Outside', tz: 'UTC', is_bot: false });
  ws.addChannel({ id: ROOM, name: 'oversight', members: [ANNA, BOB] });
}

/** Waits until the app has been sent `n` shortcuts in all; fails naming how many came. */
async function shortcutsReceived(s: BoltSandbox, n: number): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 5000;
  while (s.received.shortcuts.length < n) {
    if (Date.now() > deadline) throw new Error(`the app got ${s.received.shortcuts.length}/${n} shortcuts`);
    await sleep(10);
  }
  return s.received.shortcuts;
}

describe.each(TRANSPORTS)('a message shortcut, with the app over %s', (transport) => {
  let s: BoltSandbox;
  const ws = () => s.standIn.workspace;

  beforeAll(async () => {
    s = await startBoltSandbox(transport, { shortcuts: SHORTCUTS });
  });
  afterAll(async () => {
    await s?.stop();
  });
  beforeEach(() => {
    s.standIn.reset();
    seed(s.standIn);
    s.received.shortcuts.length = 0;
  });

  it('sends the app message_action as Slack does, field by field', async () => {
    const said = ws().post({ channel: ROOM, user: BOB, text: 'we met the director &amp; two staff' });
    await s.standIn.people.shortcut(ANNA, ROOM, said.ts, 'log_activity');
    const [payload] = await shortcutsReceived(s, 1);
    const { origin, identity } = s.standIn;
    expect(payload).toEqual({
      type: 'message_action',
      token: 'local-verification-token',
      action_ts: expect.stringMatching(/^\d{10}\.\d+$/),
      team: { id: identity.teamId, domain: 'sandbox' },
      user: { id: ANNA, username: 'anna', name: 'anna', team_id: identity.teamId },
      channel: { id: ROOM, name: 'oversight' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: 'log_activity',
      trigger_id: expect.any(String),
      response_url: expect.stringMatching(new RegExp(`^${origin}/response/[0-9a-f]+$`)),
      message_ts: said.ts,
      message: { type: 'message', user: BOB, text: 'we met the director &amp; two staff', ts: said.ts },
    });
    // The trigger is the workspace's own, handed to Anna: it opens a modal for her.
    const trigger = String(payload?.trigger_id);
    expect(ws().triggers.get(trigger)).toMatchObject({ user: ANNA, used: false });
    await s.app.client.views.open({
      trigger_id: trigger,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Log' }, blocks: [] },
    });
    expect(ws().views.topModal(ANNA)?.title).toEqual({ type: 'plain_text', text: 'Log' });
    expect(ws().views.topModal(BOB)).toBeUndefined();
  });

  it('gives a response_url that answers the person in that channel', async () => {
    const said = ws().post({ channel: ROOM, user: BOB, text: 'the audit starts Monday' });
    await s.standIn.people.shortcut(ANNA, ROOM, said.ts, 'raise_finding');
    const [payload] = await shortcutsReceived(s, 1);
    const res = await fetch(String(payload?.response_url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Finding raised.' }),
    });
    expect(res.status).toBe(200);
    const answer = ws().messagesOf(ROOM, ANNA).at(-1);
    expect(answer).toMatchObject({
      text: 'Finding raised.',
      ephemeralFor: ANNA,
      user: s.standIn.identity.botUserId,
    });
    expect(
      ws()
        .messagesOf(ROOM, BOB)
        .some((m) => m.text === 'Finding raised.'),
    ).toBe(false);
    // The message the shortcut was used on is not the app's to change.
    expect(ws().findMessage(ROOM, said.ts)?.text).toBe('the audit starts Monday');
  });

  it('sends an app’s message whole (bot_id, blocks) and a reply with its thread', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Status*' } }];
    const post = ws().post({
      channel: ROOM,
      user: s.standIn.identity.botUserId,
      bot_id: s.standIn.identity.botId,
      text: 'Status',
      blocks,
    });
    const reply = ws().post({ channel: ROOM, user: BOB, text: 'noted', thread_ts: post.ts });
    await s.standIn.people.shortcut(ANNA, ROOM, post.ts, 'log_activity');
    await s.standIn.people.shortcut(ANNA, ROOM, reply.ts, 'log_activity');
    const [first, second] = await shortcutsReceived(s, 2);
    expect(first?.message).toEqual({
      type: 'message',
      user: s.standIn.identity.botUserId,
      bot_id: s.standIn.identity.botId,
      text: 'Status',
      blocks,
      ts: post.ts,
    });
    expect(second?.message).toEqual({
      type: 'message',
      user: BOB,
      text: 'noted',
      thread_ts: post.ts,
      ts: reply.ts,
    });
  });

  it('names a DM "directmessage", as Slack does', async () => {
    const im = ws().imOf(ANNA);
    const said = ws().post({ channel: im, user: s.standIn.identity.botUserId, text: 'Unit X went quiet' });
    await s.standIn.people.shortcut(ANNA, im, said.ts, 'raise_finding');
    const [payload] = await shortcutsReceived(s, 1);
    expect(payload?.channel).toEqual({ id: im, name: 'directmessage' });
  });

  it('sends nothing for a shortcut the app does not declare, or a message the person cannot use it on', async () => {
    const said = ws().post({ channel: ROOM, user: BOB, text: 'hello' });
    const mine = ws().post({
      channel: ROOM,
      user: SLACKBOT,
      text: 'only Anna sees this',
      ephemeralFor: ANNA,
    });
    const bobs = ws().post({ channel: ROOM, user: SLACKBOT, text: 'only Bob sees this', ephemeralFor: BOB });
    const before = ws().messagesOf(ROOM).length;
    await s.standIn.people.shortcut(ANNA, ROOM, said.ts, 'delete_everything');
    await s.standIn.people.shortcut(OUTSIDER, ROOM, said.ts, 'log_activity');
    await s.standIn.people.shortcut(ANNA, ROOM, bobs.ts, 'log_activity');
    await s.standIn.people.shortcut(ANNA, ROOM, mine.ts, 'log_activity');
    await s.standIn.people.shortcut(ANNA, ROOM, '1.000001', 'log_activity');
    // One that is sent, after the others: had any of them been sent, it would have arrived first.
    await s.standIn.people.shortcut(BOB, ROOM, said.ts, 'log_activity');
    const received = await shortcutsReceived(s, 1);
    expect(received.map((p) => [(p.user as { id: string }).id, p.callback_id])).toEqual([
      [BOB, 'log_activity'],
    ]);
    expect(ws().messagesOf(ROOM).length).toBe(before);
  });
});

describe.each(TRANSPORTS)('a message shortcut the app does not acknowledge, over %s', (transport) => {
  let s: BoltSandbox;
  beforeAll(async () => {
    s = await startBoltSandbox(
      transport,
      { shortcuts: SHORTCUTS },
      { ackTimeoutMs: 300, unanswered: ['raise_finding'] },
    );
    seed(s.standIn);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('is shown to the person as Slack shows a failed action, and to nobody else', async () => {
    const ws = s.standIn.workspace;
    const said = ws.post({ channel: ROOM, user: BOB, text: 'please look at this' });
    await s.standIn.people.shortcut(ANNA, ROOM, said.ts, 'raise_finding');
    expect(s.received.shortcuts).toHaveLength(1);
    const notice = ws.messagesOf(ROOM, ANNA).at(-1);
    expect(notice).toMatchObject({ user: SLACKBOT, ephemeralFor: ANNA });
    expect(notice?.text).toBe(
      'The app did not respond to that action ("operation_timeout"). Try again in a moment.',
    );
    expect(ws.messagesOf(ROOM, BOB).some((m) => m.user === SLACKBOT)).toBe(false);
  });
});

describe('a message shortcut with no app to take it', () => {
  it('is shown to the person in their language', async () => {
    const standIn = new SlackStandIn({ shortcuts: SHORTCUTS });
    await standIn.start();
    try {
      seed(standIn);
      standIn.workspace.addUser({
        id: 'U0LI',
        name: 'li',
        real_name: '李娜',
        tz: 'UTC',
        is_bot: false,
        locale: 'zh-CN',
      });
      standIn.workspace.addChannel({ id: ROOM, name: 'oversight', members: [ANNA, BOB, 'U0LI'] });
      const said = standIn.workspace.post({ channel: ROOM, user: BOB, text: 'hello' });
      await standIn.people.shortcut('U0LI', ROOM, said.ts, 'log_activity');
      expect(standIn.workspace.messagesOf(ROOM, 'U0LI').at(-1)).toMatchObject({
        user: SLACKBOT,
        ephemeralFor: 'U0LI',
        text: '应用没有响应这个操作（“dispatch_failed”）。请稍后再试。',
      });
    } finally {
      await standIn.stop();
    }
  });
});
