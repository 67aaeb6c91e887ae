import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findingValue } from '../../src/views/action-values';
import { FINDING_STEP_BLOCKS as B, BUTTON_ACTIONS, FINDING_STEP_MODAL } from '../../src/views/ids';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { type OpenedView, submitView, typed } from '../support/message-action';
import { allText, blocksOf } from '../support/slack-text';

/**
 * The step form the finding buttons open ("Add plan", "Mark done", "Send back"), submitted as Slack
 * submits it: its notes, and for a plan or "done" the files of its `file_input` (each a Slack file
 * object). What it writes goes through the one path every step takes (commands/finding.ts).
 */

const LIAISON = 'U0LIAISON';
const RAISER = 'U0RAISER';
const OTHER = 'U0OTHERMB';
type Errors = { response_action: string; errors: Record<string, string> };

/** A file of a file_input as Slack puts it in view_submission (the fields the bot may read, and some it ignores). */
function slackFile(id: string, name: string, opts: { permalink?: boolean } = {}) {
  return {
    id,
    created: 1764600000,
    name,
    title: name,
    mimetype: 'application/pdf',
    filetype: 'pdf',
    user: LIAISON,
    size: 4242,
    url_private: `https://files.slack.com/files-pri/T0TEST-${id}/${name}`,
    ...(opts.permalink === false
      ? {}
      : { permalink: `https://sandbox.slack.com/files/${LIAISON}/${id}/${name}` }),
  };
}

const notesOf = (text: string) => ({ [B.notes]: typed(B.notesAction, text) });
const withFiles = (text: string, files: unknown[]) => ({
  ...notesOf(text),
  [B.files]: { [B.filesAction]: { type: 'file_input', files } },
});

describe.each(TRANSPORTS)('the finding step form (over %s)', (transport) => {
  let h: Harness;
  const teamId = () => h.slack.identity.teamId;
  const team = () => h.app.store.forTeam(teamId());
  const stored = async (id: number) => (await team().getFinding(DEFAULT_CHANNEL, id))!;

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Audit team" lang=en tz=Asia/Shanghai');
    await h.command(`member add <@${RAISER}|r> <@${OTHER}|o>`);
    await h.command(`unit add "Province A" key=pa liaison=<@${LIAISON}|li>`);
    await h.command(`unit add "Province C" key=pc liaison=<@${LIAISON}|li>`);
  });
  beforeEach(() => h.slack.reset());
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  async function raise(unit: string, text: string, extra = '') {
    await h.command(`finding add ${unit} ${text} ${extra}`, { user_id: RAISER });
    return (await team().listFindings(DEFAULT_CHANNEL)).find((f) => f.text === text)!;
  }

  /** Presses `action` on finding `id` in an ephemeral message in the group's channel; answers the form opened. */
  async function openStep(user: string, action: string, id: number): Promise<OpenedView> {
    const before = h.slack.callsTo('views.open').length;
    await h.interact({
      type: 'block_actions',
      user: { id: user, team_id: teamId() },
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: DEFAULT_CHANNEL,
        is_ephemeral: true,
      },
      channel: { id: DEFAULT_CHANNEL, name: 'audit' },
      state: { values: {} },
      response_url: h.slack.responseUrl(`r${Math.random().toString(36).slice(2)}`),
      actions: [
        {
          type: 'button',
          action_id: action,
          block_id: `finding:${id}:`,
          value: findingValue(DEFAULT_CHANNEL, id),
          action_ts: '1700000001.000300',
        },
      ],
    });
    const opened = await h.slack.waitFor('views.open', 5_000, before + 1);
    const view = opened.at(-1)!.body.view as OpenedView;
    expect(view.callback_id).toBe(FINDING_STEP_MODAL);
    return view;
  }

  it('Mark done with notes and files: waiting, the files in its history, confirmed privately, its verifiers told', async () => {
    const f = await raise('pa', 'minutes are not kept');
    const view = await openStep(LIAISON, BUTTON_ACTIONS.findingDone, f.id);
    const files = [
      slackFile('F0MINUTES1', 'minutes.pdf'),
      slackFile('F0SCAN0002', 'scan.pdf', { permalink: false }),
    ];
    const res = await submitView(h, view, withFiles('  minutes now kept and signed  ', files), {
      user: LIAISON,
    });
    expect(res.text).toBe('');

    const after = await stored(f.id);
    expect(after).toMatchObject({
      status: 'waiting',
      doneBy: LIAISON,
      doneNotes: 'minutes now kept and signed',
    });
    expect(after.history.at(-1)).toEqual({
      step: 'done',
      by: LIAISON,
      at: expect.any(Number),
      notes: 'minutes now kept and signed',
      files: [
        {
          id: 'F0MINUTES1',
          name: 'minutes.pdf',
          url: `https://sandbox.slack.com/files/${LIAISON}/F0MINUTES1/minutes.pdf`,
        },
        {
          id: 'F0SCAN0002',
          name: 'scan.pdf',
          url: 'https://files.slack.com/files-pri/T0TEST-F0SCAN0002/scan.pdf',
        },
      ],
    });

    const [confirm] = await h.slack.waitFor('chat.postEphemeral', 5_000);
    expect(confirm?.body).toMatchObject({ channel: DEFAULT_CHANNEL, user: LIAISON });
    expect(allText(confirm?.body)).toContain(`Finding *#${f.id}* (*Province A* (\`pa\`)) is marked done.`);
    // The raiser and the leader verify it; each is told.
    for (const verifier of [RAISER, DEFAULT_USER]) {
      const [dm] = await h.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === verifier,
        10_000,
      );
      expect(allText(dm?.body)).toContain('It waits for your verification.');
    }
    const show = allText((await h.command(`finding show ${f.id}`)).json);
    expect(show).toContain(`<https://sandbox.slack.com/files/${LIAISON}/F0MINUTES1/minutes.pdf|minutes.pdf>`);
  });

  it('takes one step however often the same submission is delivered, a plan too', async () => {
    const f = await raise('pa', 'no timetable in the plan');
    const plan = await openStep(LIAISON, BUTTON_ACTIONS.findingPlan, f.id);
    for (let i = 0; i < 2; i++) {
      const res = await submitView(h, plan, notesOf('timetable by Friday'), {
        user: LIAISON,
        viewId: `V0PLAN${transport}`,
      });
      expect(res.text).toBe('');
    }
    const done = await openStep(LIAISON, BUTTON_ACTIONS.findingDone, f.id);
    for (let i = 0; i < 2; i++) {
      const res = await submitView(h, done, notesOf('timetable added'), {
        user: LIAISON,
        viewId: `V0DONE${transport}`,
      });
      expect(res.text).toBe('');
    }
    const after = await stored(f.id);
    expect(after.history.map((e) => e.step)).toEqual(['raise', 'plan', 'done']);
    expect(after).toMatchObject({ status: 'waiting', plan: 'timetable by Friday' });
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(2);
  });

  it('closes a second form of the same step quietly, and tells someone else that it is already done', async () => {
    const f = await raise('pa', 'two forms at once');
    const first = await openStep(LIAISON, BUTTON_ACTIONS.findingDone, f.id);
    const second = await openStep(LIAISON, BUTTON_ACTIONS.findingDone, f.id);
    const lead = await openStep(DEFAULT_USER, BUTTON_ACTIONS.findingDone, f.id);
    expect((await submitView(h, first, notesOf('fixed'), { user: LIAISON })).text).toBe('');
    expect((await submitView(h, second, notesOf('fixed'), { user: LIAISON })).text).toBe('');
    const answer = (await submitView(h, lead, notesOf('I fixed it'))).json as Errors;
    expect(answer.response_action).toBe('errors');
    expect(answer.errors[B.notes]).toBe(
      `Finding #${f.id} is marked done and waits for verification. A verifier signs it off (\`/dudao finding verify ${f.id}\`) or sends it back.`,
    );
    expect((await stored(f.id)).history.filter((e) => e.step === 'done')).toHaveLength(1);
  });

  it('shows a refusal on the form, naming who can in plain text', async () => {
    // What users.info says of them (the stand-in forgets people on reset).
    h.slack.setUser({ id: OTHER, name: 'bai.bo', real_name: 'Bai Bo' });
    h.slack.setUser({ id: DEFAULT_USER, name: 'lead.lu', real_name: 'Lu Lead' });
    const f = await raise('pc', 'liaison changes meanwhile', `owner=<@${OTHER}|o>`);
    const view = await openStep(LIAISON, BUTTON_ACTIONS.findingDone, f.id);
    await h.command(`unit edit pc liaison=<@${RAISER}|r>`);
    const answer = (await submitView(h, view, notesOf('done anyway'), { user: LIAISON })).json as Errors;
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([B.notes]);
    expect(answer.errors[B.notes]).toBe(
      `You can't mark done finding #${f.id}. Who can: @bai.bo, @${RAISER.toLowerCase()}, @lead.lu.`,
    );
    expect((await stored(f.id)).status).toBe('open');
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('wants notes for a plan and for sending back, and a form the bot wrote', async () => {
    const f = await raise('pa', 'needs words');
    const plan = await openStep(LIAISON, BUTTON_ACTIONS.findingPlan, f.id);
    const empty = (await submitView(h, plan, notesOf('   '), { user: LIAISON })).json as Errors;
    expect(empty.errors).toEqual({ [B.notes]: 'Write the plan.' });
    const forged = (
      await submitView(h, plan, notesOf('a plan'), {
        user: LIAISON,
        privateMetadata: JSON.stringify({ ...JSON.parse(plan.private_metadata), s: 'verify' }),
      })
    ).json as Errors;
    expect(forged.errors[B.notes]).toContain('This form can no longer be used');
    expect((await stored(f.id)).history).toHaveLength(1);

    await h.command(`finding done ${f.id}`, { user_id: LIAISON });
    const back = await openStep(RAISER, BUTTON_ACTIONS.findingReopen, f.id);
    expect(back.blocks.some((b) => b.block_id === B.files)).toBe(false);
    const noReason = (await submitView(h, back, notesOf(''), { user: RAISER })).json as Errors;
    expect(noReason.errors).toEqual({ [B.notes]: 'Say why it goes back.' });
    expect((await stored(f.id)).status).toBe('waiting');
  });

  it('Send back with a reason: being rectified again, the owner told', async () => {
    const f = await raise('pa', 'fixed only on paper');
    await h.command(`finding done ${f.id} all good`, { user_id: LIAISON });
    const back = await openStep(RAISER, BUTTON_ACTIONS.findingReopen, f.id);
    // Files sent with it anyway are not kept: a reason takes no evidence.
    const res = await submitView(
      h,
      back,
      withFiles('the sheet is unsigned', [slackFile('F0STRAY001', 'x.pdf')]),
      {
        user: RAISER,
      },
    );
    expect(res.text).toBe('');
    const after = await stored(f.id);
    expect(after).toMatchObject({ status: 'rectifying', doneBy: null });
    expect(after.history.at(-1)).toEqual({
      step: 'reopen',
      by: RAISER,
      at: expect.any(Number),
      notes: 'the sheet is unsigned',
    });
    const [dm] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === LIAISON,
      10_000,
    );
    expect(allText(dm?.body)).toContain('back to be rectified');
  });

  it('is in the group’s language', async () => {
    await h.command('setup "组" lang=zh', { channel_id: 'C0ZHGROUP' });
    await h.command(`unit add 商务部 key=moc liaison=<@${LIAISON}|li>`, { channel_id: 'C0ZHGROUP' });
    await h.command('finding add moc 方案缺少时间表', { channel_id: 'C0ZHGROUP' });
    const [f] = await team().listFindings('C0ZHGROUP');
    const before = h.slack.callsTo('views.open').length;
    const list = blocksOf(
      (await h.command('finding list', { channel_id: 'C0ZHGROUP', user_id: LIAISON })).json,
    );
    expect(allText({ blocks: list })).toContain('标记整改完成');
    await h.interact({
      type: 'block_actions',
      user: { id: LIAISON, team_id: teamId() },
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', blocks: [], private_metadata: '', callback_id: '' },
      actions: [
        {
          type: 'button',
          action_id: BUTTON_ACTIONS.findingDone,
          block_id: 'h1',
          value: findingValue('C0ZHGROUP', f!.id),
          action_ts: '1',
        },
      ],
    });
    const view = (await h.slack.waitFor('views.open', 5_000, before + 1)).at(-1)!.body.view as OpenedView;
    expect(view.title?.text).toBe('标记整改完成');
    expect(allText(view)).toContain('佐证材料');
    const res = await submitView(h, view, notesOf('已整改'), { user: LIAISON });
    expect(res.text).toBe('');
    const [dm] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === LIAISON,
      5_000,
    );
    expect(allText(dm?.body)).toContain('已标记整改完成');
  });
});
