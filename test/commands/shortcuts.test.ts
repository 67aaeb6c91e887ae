import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FINDING_MODAL_BLOCKS as F,
  FINDING_MODAL,
  GROUP_PICK_BLOCKS as G,
  GROUP_PICK_MODAL,
  LOG_MODAL_BLOCKS as L,
  LOG_MODAL,
} from '../../src/views/ids';
import { type Harness, startHarness, TRANSPORTS } from '../support/harness';
import {
  messageAction,
  type OpenedView,
  picked,
  postMessage,
  selected,
  submitView,
  typed,
} from '../support/message-action';
import { allText } from '../support/slack-text';

const LEAD = 'U0LEAD';
const WANG = 'U0WANG';
const LI = 'U0LI';
const ZH = 'U0ZH';
const TWO = 'U0TWO';
const BOSS = 'U0BOSS';
const NOBODY = 'U0NOBODY';
const GROUP = 'C0GROUP';
const AUDIT = 'C0AUDIT';
/** A direct message between two people, where the bot is not. */
const HUMANS_DM = 'D0HUMANS';

const HAN = /[\u4e00-\u9fff]/;

describe.each(TRANSPORTS)('message shortcuts (over %s)', (transport) => {
  let h: Harness;
  const teamId = () => h.slack.identity.teamId;
  const team = () => h.app.store.forTeam(teamId());

  /** Opens a shortcut on `message` as `user` and waits for the form it opens. */
  async function openFrom(callbackId: string, user: string, message: ReturnType<typeof postMessage>) {
    const before = h.slack.callsTo('views.open').length;
    const res = await h.interact(messageAction(h, callbackId, { user, message }));
    expect(res.status).toBe(200);
    const opened = await h.slack.waitFor('views.open', 5_000, before + 1);
    return opened.at(-1)!.body.view as OpenedView;
  }
  const input = (view: OpenedView, block: string) => view.blocks.find((b) => b.block_id === block);
  const meta = (view: OpenedView) => JSON.parse(view.private_metadata) as Record<string, unknown>;
  const permalink = () => {
    const res = h.slack.delivered('chat.getPermalink')[0]?.response as { permalink?: string } | undefined;
    return res?.permalink ?? '';
  };

  beforeAll(async () => {
    h = await startHarness({ transport });
    // Set up in English words without lang=: each reader gets their own language.
    await h.command('setup "Group 14" tz=Asia/Shanghai', { channel_id: GROUP });
    await h.command(`member add <@${LI}|li> <@${ZH}|zh> <@${TWO}|two> role=member`, { channel_id: GROUP });
    await h.command(`unit add Commerce key=moc liaison=<@${WANG}|wang>`, { channel_id: GROUP });
    await h.command('unit add Finance key=mof', { channel_id: GROUP });
    await h.command('setup "Audit team" lang=en', { channel_id: AUDIT, user_id: BOSS });
    await h.command(`member add <@${TWO}|two> role=member`, { channel_id: AUDIT, user_id: BOSS });
    await h.command('unit add "Human resources" key=hr', { channel_id: AUDIT, user_id: BOSS });
  });
  beforeEach(() => {
    h.slack.reset();
    h.slack.setUser({ id: WANG, name: 'wang', real_name: 'Wang Fang' });
    h.slack.setUser({ id: ZH, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('“Log as activity” in a group’s channel opens its log form with the message as notes and a link back', async () => {
    const said = postMessage(
      h,
      GROUP,
      WANG,
      'Met <@U0LI|li> and <@U0WANG> about <https://example.org/plan|the plan> &amp; budget',
    );
    const view = await openFrom('log_activity', LEAD, said);
    expect(view.callback_id).toBe(LOG_MODAL);
    expect(meta(view)).toMatchObject({ t: teamId(), g: GROUP, c: GROUP });
    expect(input(view, L.notes)?.element?.initial_value).toBe(
      'Met @li and @wang about the plan (https://example.org/plan) & budget',
    );
    expect(h.slack.callsTo('chat.getPermalink')[0]?.body).toMatchObject({
      channel: GROUP,
      message_ts: said.ts,
    });
    expect(permalink()).toContain(said.ts.replace('.', ''));
    expect(view.blocks[0]?.type).toBe('context');
    expect(allText(view.blocks[0])).toContain(`<${permalink()}|this message>`);

    const res = await submitView(h, view, {
      [L.unit]: selected(L.unitAction, 'moc'),
      [L.type]: selected(L.typeAction, 'interview'),
      [L.date]: picked(L.dateAction, '2026-11-20'),
      [L.notes]: typed(L.notesAction, 'Met @li about the plan'),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [activity] = await team().recentActivities(GROUP, 'moc', 1);
    expect(activity).toMatchObject({ notes: 'Met @li about the plan', link: permalink(), userId: LEAD });
    const [note] = await h.slack.waitFor('chat.postEphemeral', 5_000);
    expect(note?.body).toMatchObject({ channel: GROUP, user: LEAD });
    expect(allText(note?.body)).toContain(`<${permalink()}|this message>`);
  });

  it('“Raise a finding” opens the finding form with the message as its text; the finding keeps the link', async () => {
    const said = postMessage(h, GROUP, WANG, 'The plan has no timetable &lt;draft 2&gt;');
    const view = await openFrom('raise_finding', LEAD, said);
    expect(view.callback_id).toBe(FINDING_MODAL);
    expect(input(view, F.text)?.element?.initial_value).toBe('The plan has no timetable <draft 2>');
    expect(allText(view.blocks[0])).toContain(permalink());

    const res = await submitView(h, view, {
      [F.unit]: selected(F.unitAction, 'moc'),
      [F.text]: typed(F.textAction, 'The plan has no timetable'),
      [F.due]: picked(F.dueAction, '2999-01-01'),
    });
    expect(res.text).toBe('');
    const findings = await team().listFindings(GROUP);
    expect(findings.at(-1)).toMatchObject({
      unitKey: 'moc',
      text: 'The plan has no timetable',
      due: '2999-01-01',
      createdBy: LEAD,
      link: permalink(),
    });
    const [note] = await h.slack.waitFor('chat.postEphemeral', 5_000);
    expect(allText(note?.body)).toContain(`<${permalink()}|this message>`);
  });

  it('opens the form without a link when Slack gives no permalink', async () => {
    h.slack.refuse('chat.getPermalink', 'message_not_found');
    const said = postMessage(h, GROUP, WANG, 'visited the site');
    const view = await openFrom('log_activity', LEAD, said);
    expect(view.blocks.some((b) => b.type === 'context')).toBe(false);
    expect(meta(view).l).toBeUndefined();
    expect(input(view, L.notes)?.element?.initial_value).toBe('visited the site');
  });

  it('in a direct message, asks someone in two groups which one, then answers with that group’s form', async () => {
    const said = postMessage(h, HUMANS_DM, WANG, 'HR has no training records');
    const pick = await openFrom('raise_finding', TWO, said);
    expect(pick.callback_id).toBe(GROUP_PICK_MODAL);
    const options = input(pick, G.group)?.element?.options ?? [];
    expect(options.map((o) => [o.value, o.text.text])).toEqual([
      [AUDIT, 'Audit team'],
      [GROUP, 'Group 14'],
    ]);

    const res = await submitView(h, pick, { [G.group]: selected(G.groupAction, AUDIT) }, { user: TWO });
    const answer = res.json as { response_action: string; view: OpenedView };
    expect(answer.response_action).toBe('update');
    expect(answer.view.callback_id).toBe(FINDING_MODAL);
    expect(meta(answer.view)).toMatchObject({ g: AUDIT, c: null, l: permalink() });
    expect(input(answer.view, F.text)?.element?.initial_value).toBe('HR has no training records');
    expect(input(answer.view, F.unit)?.element?.options?.map((o) => o.value)).toEqual(['hr']);
    expect(allText(answer.view.blocks[0])).toContain(permalink());

    await submitView(
      h,
      answer.view,
      {
        [F.unit]: selected(F.unitAction, 'hr'),
        [F.text]: typed(F.textAction, 'HR has no training records'),
        [F.due]: picked(F.dueAction, null),
      },
      { user: TWO },
    );
    expect((await team().listFindings(AUDIT)).at(-1)).toMatchObject({ unitKey: 'hr', link: permalink() });
    // Not in a group's channel: confirmed in a direct message from the bot.
    const [dm] = await h.slack.waitFor('chat.postMessage', 5_000);
    expect(dm?.body.channel).toBe(TWO);
    expect(allText(dm?.body)).toContain(permalink());
  });

  it('checks the chosen group’s membership again when the question is answered', async () => {
    const said = postMessage(h, HUMANS_DM, WANG, 'note');
    const pick = await openFrom('log_activity', TWO, said);
    await h.command(`member remove <@${TWO}|two>`, { channel_id: AUDIT, user_id: BOSS });
    try {
      const res = await submitView(h, pick, { [G.group]: selected(G.groupAction, AUDIT) }, { user: TWO });
      const answer = res.json as { response_action: string; errors: Record<string, string> };
      expect(answer.response_action).toBe('errors');
      expect(Object.keys(answer.errors)).toEqual([G.group]);
    } finally {
      await h.command(`member add <@${TWO}|two> role=member`, { channel_id: AUDIT, user_id: BOSS });
    }
  });

  it('outside a group’s channel, someone in one group gets that group’s form at once', async () => {
    const said = postMessage(h, HUMANS_DM, WANG, 'a call with the ministry');
    const view = await openFrom('log_activity', LI, said);
    expect(view.callback_id).toBe(LOG_MODAL);
    expect(meta(view)).toMatchObject({ g: GROUP, c: null });
  });

  it('refuses someone who is not in the channel’s group, naming its leader, and opens nothing', async () => {
    const said = postMessage(h, GROUP, WANG, 'not theirs to log');
    const res = await h.interact(
      messageAction(h, 'log_activity', { user: BOSS, message: said, responseId: 'R0BOSS' }),
    );
    expect(res.status).toBe(200);
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === 'R0BOSS',
      5_000,
    );
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(allText(answer?.body)).toContain('*Group 14*');
    expect(allText(answer?.body)).toContain(`<@${LEAD}>`);
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('tells someone in no group how to start one, and opens nothing', async () => {
    const said = postMessage(h, HUMANS_DM, WANG, 'hello');
    await h.interact(
      messageAction(h, 'raise_finding', { user: NOBODY, message: said, responseId: 'R0NONE' }),
    );
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === 'R0NONE',
      5_000,
    );
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(allText(answer?.body)).toContain('/dudao setup');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('speaks Chinese to a zh locale user in a group without a language of its own: form and confirmation', async () => {
    const said = postMessage(h, GROUP, WANG, '方案没有时间表');
    const view = await openFrom('raise_finding', ZH, said);
    expect(view.title?.text).toBe('提出问题');
    expect(allText(view.blocks[0])).toContain('这条消息');
    const refused = await submitView(
      h,
      view,
      { [F.unit]: selected(F.unitAction, 'moc'), [F.text]: typed(F.textAction, '  ') },
      { user: ZH },
    );
    const errors = (refused.json as { errors: Record<string, string> }).errors;
    expect(errors[F.text]).toMatch(HAN);
    await submitView(
      h,
      view,
      { [F.unit]: selected(F.unitAction, 'moc'), [F.text]: typed(F.textAction, '方案没有时间表') },
      { user: ZH },
    );
    const [note] = await h.slack.waitFor('chat.postEphemeral', 5_000);
    expect(allText(note?.body)).toMatch(HAN);

    // The lead's Slack locale is English: the same group answers them in English.
    h.slack.reset();
    const lead = await openFrom('log_activity', LEAD, postMessage(h, GROUP, WANG, 'x'));
    expect(lead.title?.text).toBe('Log activity');
  });

  it('answers with a short apology, never a stack, when the form cannot be opened', async () => {
    h.slack.refuse('views.open', 'expired_trigger_id');
    const said = postMessage(h, GROUP, WANG, 'too late');
    const res = await h.interact(
      messageAction(h, 'log_activity', { user: LEAD, message: said, responseId: 'R0LATE' }),
    );
    expect(res.status).toBe(200);
    const [answer] = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === 'R0LATE',
      5_000,
    );
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(allText(answer?.body)).toMatch(/Reference: `[a-z0-9]+`/);
    expect(allText(answer?.body)).not.toMatch(/expired_trigger_id|Error|at \S+\.ts/);
  });

  it('opens one form for a shortcut Slack delivers twice', async () => {
    const said = postMessage(h, GROUP, WANG, 'delivered twice');
    const twice = `${Date.now()}.${transport}twice`;
    const payload = { ...messageAction(h, 'log_activity', { user: LEAD, message: said }), trigger_id: twice };
    await h.interact(payload);
    await h.slack.waitFor('views.open', 5_000);
    await h.interact(payload);
    // The second delivery is answered (acked) but opens nothing; a later shortcut still opens one.
    await openFrom('log_activity', LI, postMessage(h, GROUP, WANG, 'later'));
    expect(h.slack.callsTo('views.open').filter((c) => c.body.trigger_id === twice)).toHaveLength(1);
  });
});
