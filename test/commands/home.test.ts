import { randomBytes } from 'node:crypto';
import type { HomeView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_BATCH_MS } from '../../commands/home-refresh';
import { type RunningApp, startApp } from '../../src/app/start';
import { loadConfig } from '../../src/config';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { BUTTON_ACTIONS, LOG_MODAL, LOG_MODAL_BLOCKS } from '../../src/views/ids';
import { blockKitProblems } from '../support/block-kit';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { REDIS_ENV } from '../support/redis';
import { postSigned, slashCommandBody } from '../support/signing';
import { allText } from '../support/slack-text';

const LIA = 'U0LIAONE1';
const LIB = 'U0LIATWO2';
const ZH = 'U0ZHREAD1';

/** The `app_home_opened` event callback Slack sends when `user` opens a tab of the app. */
function homeOpened(
  teamId: string,
  user: string,
  tab: 'home' | 'messages' = 'home',
): Record<string, unknown> {
  const now = Date.now();
  return {
    token: 'verification-token',
    team_id: teamId,
    api_app_id: 'A0DUDAO',
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0DUDAOBOT', is_bot: true }],
    is_ext_shared_channel: false,
    event: { type: 'app_home_opened', user, channel: `D0${user.slice(2)}`, tab, event_ts: `${now / 1000}` },
  };
}

/** Delivers the event as Slack would over the harness's transport (signed HTTP or Socket Mode). */
async function openHome(h: Harness, user: string, opts: { teamId?: string; tab?: 'home' | 'messages' } = {}) {
  const delivered = await h.slack.link!.deliver(
    'events_api',
    homeOpened(opts.teamId ?? h.slack.identity.teamId, user, opts.tab),
  );
  expect(delivered.acked).toBe(true);
}

const publishesTo = (h: Harness, user: string) =>
  h.slack.callsTo('views.publish').filter((c) => c.body.user_id === user);

/** The next Home published for `user` after the `seen` publishes already counted. */
async function nextHome(h: Harness, user: string, seen: number): Promise<HomeView> {
  const calls = await h.slack.waitFor(
    (c: StandInCall) => c.method === 'views.publish' && c.body.user_id === user,
    8_000,
    seen + 1,
  );
  const call = calls[seen]!;
  expect(call.response).toMatchObject({ ok: true });
  return call.body.view as HomeView;
}

function expectValidHome(view: HomeView): void {
  expect(view.type).toBe('home');
  expect(blockKitProblems(view.blocks, 100)).toEqual([]);
}

/** A press of "Log activity" on `user`'s Home. */
function pressLog(h: Harness, user: string, groupId: string) {
  return h.interact({
    type: 'block_actions',
    user: { id: user, team_id: h.slack.identity.teamId },
    container: { type: 'view', view_id: 'V0HOME001' },
    view: { id: 'V0HOME001', type: 'home', blocks: [], private_metadata: '', callback_id: '' },
    actions: [
      {
        type: 'button',
        action_id: BUTTON_ACTIONS.homeLog,
        block_id: 'home_group',
        value: JSON.stringify({ g: groupId }),
        action_ts: '1',
      },
    ],
  });
}

describe.each(TRANSPORTS)('the App Home (over %s)', (transport) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ transport });
    h.slack.setUser({ id: ZH, locale: 'zh-CN' });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command(`member add <@${ZH}|zh>`);
    await h.command(`unit add Alpha key=aaa liaison=<@${LIB}|b>`);
    await h.command(`unit add Commerce key=moc liaison=<@${LIA}|a>`);
    await h.command(`unit add Zeta key=zzz liaison=<@${LIA}|a> <@${ZH}|zh>`);
    await h.command('meeting mon 10:00');
    await h.command('log interview moc n=2 talked to the deputy', { user_id: LIA });
    await h.command('finding add zzz plan has no timetable due=2026-12-15', { user_id: LIB });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('publishes the viewer’s Home: their units with a mark, their findings with buttons, the next meeting', async () => {
    const seen = publishesTo(h, LIA).length;
    await openHome(h, LIA);
    const view = await nextHome(h, LIA, seen);
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('*Group 14* · <#C0GROUP>');
    expect(text).toContain('You: liaison · 3 units');
    expect(text).toMatch(/Next meeting: Mon \d{4}-\d{2}-\d{2} 10:00 \(Asia\/Shanghai\)/);
    expect(text).toContain(':large_green_circle: *Commerce* (`moc`) · last contact today · 1 this week');
    expect(text).toContain(':red_circle: *Zeta* (`zzz`) · never contacted');
    expect(text).not.toContain('Alpha');
    expect(text).toContain('plan has no timetable');
    const accessories = view.blocks.flatMap((b) => ('accessory' in b && b.accessory ? [b.accessory] : []));
    expect(accessories).toEqual([
      expect.objectContaining({ action_id: BUTTON_ACTIONS.homeLog, value: '{"g":"C0GROUP"}' }),
      expect.objectContaining({ action_id: BUTTON_ACTIONS.findingDone, value: '{"g":"C0GROUP","f":1}' }),
    ]);
    // Only the viewer's Home was published.
    expect(
      h.slack
        .callsTo('views.publish')
        .slice(seen)
        .every((c) => c.body.user_id === LIA),
    ).toBe(true);
  });

  it('shows a reader whose Slack locale is Chinese their Home in Chinese', async () => {
    const seen = publishesTo(h, ZH).length;
    await openHome(h, ZH);
    const view = await nextHome(h, ZH, seen);
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('你联络的单位（1 个）');
    expect(text).toContain('下次例会');
    expect(text).not.toContain('Your units');
  });

  it('shows a user of another team nothing of this one', async () => {
    const seen = publishesTo(h, LIA).length;
    await openHome(h, LIA, { teamId: 'T0OTHERTEAM' });
    const view = await nextHome(h, LIA, seen);
    expectValidHome(view);
    const text = allText(view);
    expect(text).toContain('/dudao setup');
    expect(text).not.toContain('Group 14');
    expect(text).not.toContain('Commerce');
  });

  it('welcomes someone in no group with how to start', async () => {
    const seen = publishesTo(h, 'U0NOBODY1').length;
    await openHome(h, 'U0NOBODY1');
    const text = allText(await nextHome(h, 'U0NOBODY1', seen));
    expect(text).toContain('/dudao setup &lt;group name&gt;');
    expect(text).toContain('/dudao member add');
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const before = h.slack.callsTo('views.publish').length;
    await openHome(h, LIB, { tab: 'messages' });
    // The Home tab of another user, opened after, is published: so the first was seen and skipped.
    await openHome(h, 'U0NOBODY1');
    await h.slack.waitFor('views.publish', 5_000, before + 1);
    expect(
      h.slack
        .callsTo('views.publish')
        .slice(before)
        .map((c) => c.body.user_id),
    ).toEqual(['U0NOBODY1']);
  });

  it('"Log activity" opens the log form for the group with the presser’s units first', async () => {
    const opened = h.slack.callsTo('views.open').length;
    const res = await pressLog(h, LIA, DEFAULT_CHANNEL);
    expect(res.status).toBe(200);
    const calls = await h.slack.waitFor('views.open', 5_000, opened + 1);
    const view = calls[opened]!.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>;
    };
    expect(view.callback_id).toBe(LOG_MODAL);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ g: DEFAULT_CHANNEL });
    const unit = view.blocks.find((b) => b.block_id === LOG_MODAL_BLOCKS.unit);
    expect(unit?.element?.options?.map((o) => o.value)).toEqual(['moc', 'zzz', 'aaa']);
  });

  it('refuses "Log activity" to someone removed from the group meanwhile, and redraws their Home', async () => {
    await h.command(`member remove <@${LIB}|b>`);
    const opened = h.slack.callsTo('views.open').length;
    const seen = publishesTo(h, LIB).length;
    const res = await pressLog(h, LIB, DEFAULT_CHANNEL);
    expect(res.status).toBe(200);
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === LIB,
      5_000,
    );
    expect(allText(answer?.body)).toContain('You are no longer a member of *Group 14*');
    const home = await nextHome(h, LIB, seen);
    expect(allText(home)).not.toContain('Group 14');
    expect(h.slack.callsTo('views.open').slice(opened)).toEqual([]);
  });

  it('logs a failed publish and keeps answering', async () => {
    h.slack.refuse('views.publish', 'not_enabled');
    const before = h.slack.callsTo('views.publish').length;
    await openHome(h, LIA);
    await h.slack.waitFor('views.publish', 5_000, before + 1);
    h.slack.refuse('views.publish', null);
    const seen = publishesTo(h, LIA).length;
    await openHome(h, LIA);
    expect(allText(await nextHome(h, LIA, seen))).toContain('Commerce');
  });

  it('shows its owner "Mark done" on a finding to rectify, and a leader "Verify" once it is marked done', async () => {
    await h.command('finding add moc no sign-in sheet at the meeting');
    const f = (await h.app.store.forTeam(h.slack.identity.teamId).listFindings(DEFAULT_CHANNEL)).find(
      (x) => x.text === 'no sign-in sheet at the meeting',
    )!;
    const value = JSON.stringify({ g: DEFAULT_CHANNEL, f: f.id });
    const buttonsOf = (view: HomeView) =>
      view.blocks.flatMap((b) =>
        'accessory' in b && b.accessory && 'value' in b.accessory && b.accessory.value === value
          ? [(b.accessory as { action_id: string; text: { text: string } }).action_id]
          : [],
      );
    // The unit's liaison owns it.
    let seen = publishesTo(h, LIA).length;
    await openHome(h, LIA);
    expect(buttonsOf(await nextHome(h, LIA, seen))).toEqual([BUTTON_ACTIONS.findingDone]);
    seen = publishesTo(h, DEFAULT_USER).length;
    await openHome(h, DEFAULT_USER);
    expect(buttonsOf(await nextHome(h, DEFAULT_USER, seen))).toEqual([]);

    await h.command(`finding done ${f.id} sheet now kept`, { user_id: LIA });
    seen = publishesTo(h, DEFAULT_USER).length;
    await openHome(h, DEFAULT_USER);
    const lead = await nextHome(h, DEFAULT_USER, seen);
    expectValidHome(lead);
    expect(buttonsOf(lead)).toEqual([BUTTON_ACTIONS.findingVerify]);
    expect(allText(lead)).toContain('no sign-in sheet at the meeting');
    seen = publishesTo(h, LIA).length;
    await openHome(h, LIA);
    // Whoever marked it done does not sign it off while someone else may.
    expect(buttonsOf(await nextHome(h, LIA, seen))).toEqual([]);
  });
});

describe('the App Home after a burst of changes, with two web processes', () => {
  let h: Harness;
  let second: RunningApp;
  const CALM = 'U0CALMONE';

  beforeAll(async () => {
    // 50 logs from one person in a few seconds: the per-minute limit would refuse most of them.
    h = await startHarness({ env: { COMMANDS_PER_MINUTE: '0' } });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command(`member add <@${CALM}|calm>`);
    await h.command(`unit add Commerce key=moc liaison=<@${LIA}|a>`);
    await h.command(`unit add Finance key=mof liaison=<@${LIB}|b>`);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: h.secret,
      SLACK_API_URL: h.slack.url,
      ...REDIS_ENV,
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'silent',
      ROLE: 'web',
      COMMANDS_PER_MINUTE: '0',
    });
    second = await startApp({ config, prefix: h.prefix, queuePrefix: `{${h.prefix}}` });
    // The set-up's own changes are gathered for a moment before anyone is looked at: let that pass,
    // so that the Homes opened below count only what the burst republishes.
    await new Promise((r) => setTimeout(r, 3 * HOME_BATCH_MS));
  });
  afterAll(async () => {
    await second?.stop();
    await h?.stop();
    await h?.cleanup();
  });

  /** `/dudao <text>` from the group's leader, to the second process. */
  const commandToSecond = (text: string) =>
    postSigned(
      `${second.url}/slack/events`,
      slashCommandBody({ team_id: h.slack.identity.teamId, channel_id: DEFAULT_CHANNEL, text }),
      { secret: h.secret },
    );

  it('publishes each concerned Home a few times at most, the last one with the final data', async () => {
    const people = ['U0LEAD', LIA, LIB, CALM];
    for (const user of people) {
      const seen = publishesTo(h, user).length;
      await openHome(h, user);
      await nextHome(h, user, seen);
    }
    const before = new Map(people.map((u) => [u, publishesTo(h, u).length]));

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const text = `log interview ${i % 2 ? 'moc' : 'mof'} burst ${i}`;
        return i % 2 ? h.command(text) : commandToSecond(text);
      }),
    );
    expect(answers.every((a) => a.status === 200 && JSON.stringify(a.json).includes('burst'))).toBe(true);

    // The final data: 25 logs on each unit this week, on the Home of each of its liaisons.
    for (const [user, unit] of [
      [LIA, 'Commerce'],
      [LIB, 'Finance'],
    ] as const) {
      await expect
        .poll(() => allText(publishesTo(h, user).at(-1)?.body.view), { timeout: 10_000, interval: 50 })
        .toContain(
          `*${unit}* (\`${unit === 'Commerce' ? 'moc' : 'mof'}\`) · last contact today · 25 this week`,
        );
    }
    // Whatever was still pending has had its time to be published.
    await new Promise((r) => setTimeout(r, 4_000));
    for (const user of ['U0LEAD', LIA, LIB]) {
      const count = publishesTo(h, user).length - (before.get(user) ?? 0);
      expect(count, user).toBeGreaterThanOrEqual(1);
      expect(count, user).toBeLessThanOrEqual(4);
    }
    // A member whom none of it concerns is left alone.
    expect(publishesTo(h, CALM).length).toBe(before.get(CALM));
  });

  it('republishes nobody who never opened their Home', async () => {
    await h.command('log interview moc one more', { user_id: LIA });
    await h.command(`member add <@U0NEWCOME|new>`);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(publishesTo(h, 'U0NEWCOME')).toEqual([]);
  });
});
