import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GROUP_OPTION_DEFAULTS } from '../../src/domain/types';
import { findingValue, statusPickBlockId } from '../../src/views/action-values';
import {
  BUTTON_ACTIONS,
  FINDING_STEP_BLOCKS,
  FINDING_STEP_MODAL,
  LOG_MODAL_BLOCKS,
  STATUS_LOG_SELECT,
} from '../../src/views/ids';
import { assertValidBlocks, blockKitProblems } from '../support/block-kit';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText, blocksOf } from '../support/slack-text';

/**
 * "Log" on `/dudao status` and the finding buttons ("Verify", "Mark done", "Add plan", "Send back")
 * on `/dudao finding list`, `finding show` and the App Home, pressed as Slack sends the presses:
 * from an ephemeral message (no `message` in the payload, a response_url), from a message Slack
 * sends back, and from a view (no message, no response_url). The step form's submission is
 * finding-step.test.ts's.
 */

const MEMBER_A = 'U0AMEMBER';
const MEMBER_B = 'U0BMEMBER';
const LIAISON = 'U0LIAISON';
const OTHER_TEAM = 'T0OTHERTEAM';
const WHEN = /\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

interface Control {
  block_id?: string;
  action_id: string;
  value?: string;
  text?: { text: string };
  options?: Array<{ value: string }>;
}

/** The accessory of the section (or the element of the actions block) whose control matches, with the block's id. */
function controlIn(
  blocks: unknown[],
  match: (c: Control) => boolean,
  kind: 'section' | 'actions' = 'section',
): Control & { block_id: string } {
  for (const b of blocks as Array<{
    type: string;
    block_id?: string;
    accessory?: Control;
    elements?: Control[];
  }>) {
    const candidates =
      kind === 'section'
        ? b.type === 'section' && b.accessory
          ? [b.accessory]
          : []
        : b.type === 'actions'
          ? (b.elements ?? [])
          : [];
    const found = candidates.find(match);
    if (found) return { ...found, block_id: b.block_id ?? 'auto1' };
  }
  throw new Error('no such control');
}

/** The button of `action` for finding `id`. */
const stepOf = (action: string, id: number) => (c: Control) =>
  c.action_id === action && (JSON.parse(c.value ?? '{}') as { f?: number }).f === id;

describe.each(TRANSPORTS)('the Log and finding buttons (over %s)', (transport) => {
  let h: Harness;
  const teamId = () => h.slack.identity.teamId;
  const team = () => h.app.store.forTeam(teamId());
  const homeChanges: Array<{ teamId: string; groupId: string; users: readonly string[] | undefined }> = [];

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Audit team" lang=en tz=Asia/Shanghai');
    await h.command(`member add <@${MEMBER_A}|a> <@${MEMBER_B}|b>`);
    await h.command(`unit add "Province A" key=pa liaison=<@${LIAISON}|li>`);
    await h.command('unit add "Province B" key=pb');
    const home = h.app.deps.home;
    const changed = home.changed.bind(home);
    home.changed = (t, g, users) => {
      homeChanges.push({ teamId: t, groupId: g, users });
      changed(t, g, users);
    };
  });
  beforeEach(() => {
    h.slack.reset();
    homeChanges.length = 0;
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  async function raise(unit: string, text: string, user = MEMBER_A, channel = DEFAULT_CHANNEL) {
    await h.command(`finding add ${unit} ${text}`, { user_id: user, channel_id: channel });
    const all = await team().listFindings(channel, { status: 'all' });
    return all.find((f) => f.text === text)!;
  }

  /** `/dudao finding list` as `user` sees it: the ephemeral acknowledgement's blocks. */
  async function listAs(user: string, line = 'finding list') {
    const res = await h.command(line, { user_id: user });
    return blocksOf(res.json);
  }

  let presses = 0;
  /** A press on an ephemeral message, as Slack sends it: no `message`, a response_url, `is_ephemeral`. */
  function pressInMessage(
    user: string,
    control: Control & { block_id: string },
    opts: { responseId?: string; triggerId?: string; value?: string; message?: unknown[] } = {},
  ) {
    const responseId = opts.responseId ?? `r${++presses}${Math.random().toString(36).slice(2, 8)}`;
    const ts = '1700000000.000200';
    const action =
      control.options === undefined
        ? {
            type: 'button',
            action_id: control.action_id,
            block_id: control.block_id,
            text: { type: 'plain_text', text: control.text?.text ?? '', emoji: true },
            value: opts.value ?? control.value,
            action_ts: '1700000001.000300',
          }
        : {
            type: 'static_select',
            action_id: control.action_id,
            block_id: control.block_id,
            selected_option: { text: { type: 'plain_text', text: 'x' }, value: opts.value },
            placeholder: { type: 'plain_text', text: 'Log for…' },
            action_ts: '1700000001.000300',
          };
    const sent = h.interact({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId() },
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: DEFAULT_CHANNEL,
        is_ephemeral: opts.message === undefined,
      },
      channel: { id: DEFAULT_CHANNEL, name: 'audit' },
      ...(opts.message === undefined
        ? {}
        : { message: { type: 'message', ts, bot_id: 'B0DUDAO', text: 'Findings', blocks: opts.message } }),
      state: { values: {} },
      response_url: h.slack.responseUrl(responseId),
      actions: [action],
      ...(opts.triggerId ? { trigger_id: opts.triggerId } : {}),
    });
    return { sent, responseId };
  }

  /** A press on the App Home, as Slack sends it: a view container, no message and no response_url. */
  function pressOnHome(user: string, actionId: string, value: string) {
    const button = {
      type: 'button',
      action_id: actionId,
      text: { type: 'plain_text', text: 'Mark done' },
      value,
    };
    return h.interact({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId() },
      container: { type: 'view', view_id: 'V0HOME0001' },
      view: {
        id: 'V0HOME0001',
        team_id: teamId(),
        type: 'home',
        blocks: [
          { type: 'section', block_id: 'home1', text: { type: 'mrkdwn', text: '#1' }, accessory: button },
        ],
        private_metadata: '',
        callback_id: '',
        state: { values: {} },
        hash: '1700000000.abc',
        app_id: h.slack.identity.appId,
        bot_id: 'B0DUDAO',
      },
      actions: [{ ...button, block_id: 'home1', action_ts: '1700000001.000300' }],
    });
  }

  async function answers(responseId: string, count = 1) {
    const calls = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.responseId === responseId,
      5_000,
      count,
    );
    return calls.map((c) => c.body as { replace_original?: boolean; text?: string; blocks?: unknown[] });
  }

  const auditOf = async (id: number) =>
    (await h.inspect.auditTrail(teamId(), DEFAULT_CHANNEL, 500)).filter((e) => e.target === `finding:${id}`);

  /** `id` closed by its raiser's verification after `doer` marked it done, by command. */
  async function markedDone(id: number, doer: string, notes = 'fixed') {
    const res = await h.command(`finding done ${id} ${notes}`, { user_id: doer });
    expect(allText(res.json)).toContain('is marked done');
  }

  const viewsOpened = () => h.slack.callsTo('views.open');

  describe('Verify', () => {
    it('pressed twice by a leader: closed once, one audit entry; the row says who; the second press says it is closed', async () => {
      const f = await raise('pa', 'budget not published');
      const other = await raise('pb', 'minutes missing');
      await markedDone(f.id, LIAISON);
      const blocks = await listAs(DEFAULT_USER);
      const button = controlIn(blocks, stepOf(BUTTON_ACTIONS.findingVerify, f.id));
      expect(button.text?.text).toBe('Verify');
      const before = (await auditOf(f.id)).length;
      homeChanges.length = 0;
      // Both presses of the one message answer through its response_url.
      const a = pressInMessage(DEFAULT_USER, button, { responseId: 'twice' });
      const b = pressInMessage(DEFAULT_USER, button, { responseId: 'twice' });
      expect((await a.sent).status).toBe(200);
      expect((await b.sent).status).toBe(200);
      const got = await answers('twice', 2);
      const replaced = got.filter((g) => g.replace_original === true);
      const told = got.filter((g) => g.replace_original === false);
      expect(replaced).toHaveLength(1);
      expect(told).toHaveLength(1);
      expect(told[0]?.text).toContain(`Finding #${f.id} is closed.`);

      expect(await team().getFinding(DEFAULT_CHANNEL, f.id)).toMatchObject({
        status: 'closed',
        closedBy: DEFAULT_USER,
        doneBy: LIAISON,
      });
      const audit = await auditOf(f.id);
      expect(audit.length - before).toBe(1);
      expect(audit[0]).toMatchObject({ actor: DEFAULT_USER, action: 'finding_verify' });

      // The list is drawn again for its reader: the row stays where it was and says who verified it.
      const list = replaced[0]!;
      assertValidBlocks({ text: list.text ?? '', blocks: list.blocks ?? [] });
      const text = allText(list);
      expect(text).toContain(`:white_check_mark: *#${f.id}* budget not published`);
      expect(text).toContain(`verified by <@${DEFAULT_USER}>`);
      expect(text.match(new RegExp(`\\*#${f.id}\\*`, 'g'))).toHaveLength(1);
      expect(text.indexOf(`*#${f.id}*`)).toBeLessThan(text.indexOf(`*#${other.id}*`));
      expect(() => controlIn(list.blocks ?? [], stepOf(BUTTON_ACTIONS.findingVerify, f.id))).toThrow();
      expect(homeChanges).toEqual([
        {
          teamId: teamId(),
          groupId: DEFAULT_CHANNEL,
          users: expect.arrayContaining([DEFAULT_USER, LIAISON, MEMBER_A]),
        },
      ]);
      // The owner hears that it was signed off.
      const [dm] = await h.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === LIAISON,
        10_000,
      );
      expect(allText(dm?.body)).toContain(`verified finding *#${f.id}*`);
    });

    it('refuses whoever marked it done, naming who can; shows them no Verify', async () => {
      const f = await raise('pb', 'closed by its own doer?');
      await markedDone(f.id, DEFAULT_USER);
      const mine = await listAs(DEFAULT_USER);
      expect(() => controlIn(mine, stepOf(BUTTON_ACTIONS.findingVerify, f.id))).toThrow();
      // The raiser may verify: a press made with the raiser's button is judged on the leader.
      const button = controlIn(await listAs(MEMBER_A), stepOf(BUTTON_ACTIONS.findingVerify, f.id));
      const { sent, responseId } = pressInMessage(DEFAULT_USER, button);
      await sent;
      expect((await answers(responseId))[0]?.text).toBe(
        `You marked finding #${f.id} done yourself, so someone else signs it off: <@${MEMBER_A}>.`,
      );
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('waiting');
    });

    it('lets the one who marked it done verify it when nobody else may, and the record says so', async () => {
      await h.command('setup "Alone" lang=en', { channel_id: 'C0ALONE', user_id: 'U0SOLO' });
      await h.command('unit add Solo key=solo', { channel_id: 'C0ALONE', user_id: 'U0SOLO' });
      const f = await raise('solo', 'only one person here', 'U0SOLO', 'C0ALONE');
      await h.command(`finding done ${f.id}`, { channel_id: 'C0ALONE', user_id: 'U0SOLO' });
      const value = findingValue('C0ALONE', f.id);
      const button = { action_id: BUTTON_ACTIONS.findingVerify, block_id: 'x', value };
      const { sent, responseId } = pressInMessage('U0SOLO', button);
      await sent;
      expect((await answers(responseId))[0]?.text).toContain(
        `Finding *#${f.id}* (*Solo* (\`solo\`)) is verified and closed.`,
      );
      const stored = await team().getFinding('C0ALONE', f.id);
      expect(stored).toMatchObject({ status: 'closed', closedBy: 'U0SOLO' });
      expect(stored?.history.at(-1)).toMatchObject({ step: 'verify', by: 'U0SOLO', selfVerified: true });
    });

    it('tells a member who may not verify who can', async () => {
      const f = await raise('pa', 'only some may sign this off');
      await markedDone(f.id, LIAISON);
      const seenByB = await listAs(MEMBER_B);
      expect(allText({ blocks: seenByB })).toContain('only some may sign this off');
      expect(() => controlIn(seenByB, stepOf(BUTTON_ACTIONS.findingVerify, f.id))).toThrow();
      const button = controlIn(await listAs(MEMBER_A), stepOf(BUTTON_ACTIONS.findingVerify, f.id));
      const { sent, responseId } = pressInMessage(MEMBER_B, button);
      await sent;
      expect((await answers(responseId))[0]?.text).toBe(
        `You can't verify finding #${f.id}. Who can: <@${MEMBER_A}>, <@${DEFAULT_USER}>.`,
      );
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('waiting');
    });

    it('the same press delivered twice (same trigger_id) takes effect once', async () => {
      const f = await raise('pb', 'no sign-in sheet');
      await markedDone(f.id, MEMBER_A);
      const button = controlIn(await listAs(DEFAULT_USER), stepOf(BUTTON_ACTIONS.findingVerify, f.id));
      const first = pressInMessage(DEFAULT_USER, button, { triggerId: '1700000000.4242.replayedpress' });
      await first.sent;
      await answers(first.responseId);
      const again = pressInMessage(DEFAULT_USER, button, { triggerId: '1700000000.4242.replayedpress' });
      await again.sent;
      expect((await answers(again.responseId))[0]?.text).toContain('already received');
      expect((await auditOf(f.id)).map((e) => e.action)).toEqual([
        'finding_verify',
        'finding_done',
        'finding_add',
      ]);
    });

    it('leaves other findings’ buttons in a message Slack sends back, and edits only the pressed row', async () => {
      const f = await raise('pa', 'shared message one');
      const g = await raise('pa', 'shared message two');
      await markedDone(f.id, LIAISON);
      await markedDone(g.id, LIAISON);
      const blocks = await listAs(DEFAULT_USER);
      const { sent, responseId } = pressInMessage(
        DEFAULT_USER,
        controlIn(blocks, stepOf(BUTTON_ACTIONS.findingVerify, f.id)),
        { message: blocks },
      );
      await sent;
      const [answer] = await answers(responseId);
      expect(answer?.replace_original).toBe(true);
      expect(answer?.blocks).toHaveLength(blocks.length);
      expect(() => controlIn(answer?.blocks ?? [], stepOf(BUTTON_ACTIONS.findingVerify, f.id))).toThrow();
      expect(controlIn(answer?.blocks ?? [], stepOf(BUTTON_ACTIONS.findingVerify, g.id))).toBeDefined();
      expect(allText(answer)).toMatch(
        new RegExp(`:white_check_mark: Verified by <@${DEFAULT_USER}> · ${WHEN.source}`),
      );
    });

    it('from the App Home: answered in a direct message, no message edited', async () => {
      const f = await raise('pa', 'verified on the Home');
      await markedDone(f.id, LIAISON);
      h.slack.reset();
      const res = await pressOnHome(
        MEMBER_A,
        BUTTON_ACTIONS.findingVerify,
        findingValue(DEFAULT_CHANNEL, f.id),
      );
      expect(res.status).toBe(200);
      // Its notice (it waits for a verification) may come too; the answer says it is closed.
      const [dm] = await h.slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === MEMBER_A &&
          allText(c.body).includes('verified and closed'),
        5_000,
      );
      expect(allText(dm?.body)).toContain(`Finding *#${f.id}*`);
      expect(await team().getFinding(DEFAULT_CHANNEL, f.id)).toMatchObject({
        status: 'closed',
        closedBy: MEMBER_A,
      });
      expect(h.slack.callsTo('response_url')).toEqual([]);
    });

    it('answers in the presser’s language when the group has none of its own', async () => {
      // Before the first command: the bot keeps a locale it has read for a day.
      h.slack.setUser({ id: 'U0ZHLEAD', locale: 'zh-CN' });
      await h.command('setup "Open group" tz=Asia/Shanghai', { channel_id: 'C0OPENZH', user_id: 'U0ZHLEAD' });
      await h.command('unit add 商务部 key=moc', { channel_id: 'C0OPENZH', user_id: 'U0ZHLEAD' });
      const f = await raise('moc', '方案缺少时间表', 'U0ZHLEAD', 'C0OPENZH');
      const button = {
        action_id: BUTTON_ACTIONS.findingVerify,
        block_id: 'x',
        value: findingValue('C0OPENZH', f.id),
      };
      const { sent, responseId } = pressInMessage('U0ZHLEAD', button);
      await sent;
      expect((await answers(responseId))[0]?.text).toMatch(new RegExp(`^问题 #${f.id}`));
      expect((await team().getFinding('C0OPENZH', f.id))?.status).toBe('open');
    });
  });

  describe('Mark done, Add plan, Send back', () => {
    interface Opened {
      callback_id: string;
      private_metadata: string;
      title: { text: string };
      submit: { text: string };
      blocks: Array<{
        type: string;
        block_id?: string;
        optional?: boolean;
        element?: Record<string, unknown>;
      }>;
    }
    const lastOpened = async (count: number) =>
      (await h.slack.waitFor('views.open', 5_000, count)).at(-1)?.body.view as Opened;

    it('"Mark done" opens the step form for the finding, with notes and evidence, and changes nothing yet', async () => {
      const f = await raise('pa', 'no minutes of the meeting');
      const button = controlIn(await listAs(LIAISON), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      expect(button.text?.text).toBe('Mark done');
      await pressInMessage(LIAISON, button).sent;
      const view = await lastOpened(1);
      expect(view.callback_id).toBe(FINDING_STEP_MODAL);
      expect(view.title.text).toBe('Mark done');
      expect(JSON.parse(view.private_metadata)).toMatchObject({
        t: teamId(),
        g: DEFAULT_CHANNEL,
        c: DEFAULT_CHANNEL,
        f: f.id,
        s: 'done',
      });
      expect(allText(view)).toContain('no minutes of the meeting');
      const notes = view.blocks.find((b) => b.block_id === FINDING_STEP_BLOCKS.notes);
      expect(notes?.optional).toBe(true);
      const files = view.blocks.find((b) => b.block_id === FINDING_STEP_BLOCKS.files);
      expect(files?.element).toMatchObject({
        type: 'file_input',
        action_id: FINDING_STEP_BLOCKS.filesAction,
        max_files: 5,
      });
      expect(blockKitProblems(view.blocks as unknown[], 100)).toEqual([]);
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('open');
      expect(await auditOf(f.id)).toHaveLength(1);
    });

    it('"Add plan" and "Send back" open their forms; their notes are required, Send back takes no files', async () => {
      const f = await raise('pa', 'plans and reasons');
      await pressInMessage(LIAISON, {
        action_id: BUTTON_ACTIONS.findingPlan,
        block_id: 'x',
        value: findingValue(DEFAULT_CHANNEL, f.id),
      }).sent;
      const plan = await lastOpened(1);
      expect(plan.title.text).toBe('Add plan');
      expect(plan.blocks.find((b) => b.block_id === FINDING_STEP_BLOCKS.notes)?.optional).toBeUndefined();
      expect(plan.blocks.some((b) => b.block_id === FINDING_STEP_BLOCKS.files)).toBe(true);

      await markedDone(f.id, LIAISON);
      const back = controlIn(
        blocksOf((await h.command(`finding show ${f.id}`, { user_id: MEMBER_A })).json),
        stepOf(BUTTON_ACTIONS.findingReopen, f.id),
        'actions',
      );
      await pressInMessage(MEMBER_A, back).sent;
      const reopen = await lastOpened(2);
      expect(reopen.title.text).toBe('Send back');
      expect(JSON.parse(reopen.private_metadata)).toMatchObject({ f: f.id, s: 'reopen' });
      expect(reopen.blocks.some((b) => b.block_id === FINDING_STEP_BLOCKS.files)).toBe(false);
      // What was said when it was marked done is shown to whoever sends it back.
      expect(allText(reopen)).toContain(`<@${LIAISON}>`);
    });

    it('tells a member who may not mark it done who can, without opening a form', async () => {
      const f = await raise('pa', 'only some may close this');
      const seenByB = await listAs(MEMBER_B);
      expect(() => controlIn(seenByB, stepOf(BUTTON_ACTIONS.findingDone, f.id))).toThrow();
      const button = controlIn(await listAs(LIAISON), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      const { sent, responseId } = pressInMessage(MEMBER_B, button);
      await sent;
      expect((await answers(responseId))[0]?.text).toBe(
        `You can't mark done finding #${f.id}. Who can: <@${LIAISON}>, <@${DEFAULT_USER}>.`,
      );
      expect(viewsOpened()).toEqual([]);
    });

    it('says a finding marked done meanwhile waits for verification, without opening a form', async () => {
      const f = await raise('pa', 'done by command meanwhile');
      const button = controlIn(await listAs(DEFAULT_USER), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      await markedDone(f.id, LIAISON);
      const { sent, responseId } = pressInMessage(DEFAULT_USER, button);
      await sent;
      expect((await answers(responseId))[0]?.text).toContain(
        `Finding #${f.id} is marked done and waits for verification.`,
      );
      expect(viewsOpened()).toEqual([]);
    });

    it('refuses someone removed from the group meanwhile, and leaves the finding open', async () => {
      await h.command('member add <@U0LEAVING|l>');
      const f = await raise('pb', 'raised by a leaver', 'U0LEAVING');
      const button = controlIn(await listAs('U0LEAVING'), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      await h.command('member remove <@U0LEAVING|l>');
      const { sent, responseId } = pressInMessage('U0LEAVING', button);
      await sent;
      const [answer] = await answers(responseId);
      expect(answer?.replace_original).toBe(false);
      expect(answer?.text).toContain('You are no longer a member of *Audit team*');
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('open');
      expect(viewsOpened()).toEqual([]);
    });

    it('refuses a finding whose unit was archived meanwhile, as the command does', async () => {
      await h.command('unit add "Province C" key=pc');
      const f = await raise('pc', 'unit goes away');
      const button = controlIn(await listAs(DEFAULT_USER), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      await h.command('unit archive pc');
      const { sent, responseId } = pressInMessage(DEFAULT_USER, button);
      await sent;
      expect((await answers(responseId))[0]?.text).toContain('*Province C* is archived');
      const command = await h.command(`finding done ${f.id}`);
      expect(allText(command.json)).toContain('*Province C* is archived');
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('open');
      expect(viewsOpened()).toEqual([]);
    });

    it('refuses a garbled value and values naming another group or another team’s group', async () => {
      const f = await raise('pb', 'target of forgeries');
      const button = controlIn(await listAs(DEFAULT_USER), stepOf(BUTTON_ACTIONS.findingDone, f.id));
      // Another group of this team, which the presser is not in.
      await h.command('setup "Elsewhere" lang=en', { channel_id: 'C0ELSEWHERE', user_id: 'U0ZED' });
      await h.command('unit add Far key=far', { channel_id: 'C0ELSEWHERE', user_id: 'U0ZED' });
      const far = await raise('far', 'not yours', 'U0ZED', 'C0ELSEWHERE');
      // A group of another team, with a finding of the same number space.
      const other = h.app.store.forTeam(OTHER_TEAM);
      const actor = { userId: 'U0OTHERLD', now: Date.now() };
      await other.createGroup(
        {
          id: 'C0OTHERTEAM',
          teamId: OTHER_TEAM,
          name: 'Theirs',
          tz: 'UTC',
          lang: 'en',
          ...GROUP_OPTION_DEFAULTS,
          coverageDays: 7,
          meeting: null,
          digest: null,
          createdBy: 'U0OTHERLD',
          createdAt: Date.now(),
        },
        actor,
      );
      await other.addUnit(
        'C0OTHERTEAM',
        { key: 'x', name: 'X', kind: '', liaisons: [], archived: false, createdAt: Date.now() },
        actor,
      );
      const theirs = await other.addFinding(
        'C0OTHERTEAM',
        {
          unitKey: 'x',
          text: 'theirs',
          due: null,
          createdBy: 'U0OTHERLD',
          createdAt: Date.now(),
          owner: 'U0OTHERLD',
          severity: 'medium',
        },
        actor,
      );

      const cases: Array<[string, string]> = [
        ['not json at all', 'This button is out of date'],
        ['{"g":"<!channel>","f":1}', 'This button is out of date'],
        [JSON.stringify({ g: DEFAULT_CHANNEL, f: -3 }), 'This button is out of date'],
        [JSON.stringify({ g: DEFAULT_CHANNEL, f: 99999 }), 'Finding #99999 no longer exists'],
        [findingValue('C0ELSEWHERE', far.id), 'You are no longer a member of *Elsewhere*'],
        [findingValue('C0OTHERTEAM', theirs.id), 'This group no longer exists'],
      ];
      for (const [value, expected] of cases) {
        for (const action of [BUTTON_ACTIONS.findingDone, BUTTON_ACTIONS.findingVerify]) {
          const { sent, responseId } = pressInMessage(
            DEFAULT_USER,
            { ...button, action_id: action },
            { value },
          );
          await sent;
          expect((await answers(responseId))[0]?.text, `${action} ${value}`).toContain(expected);
        }
      }
      expect((await team().getFinding('C0ELSEWHERE', far.id))?.status).toBe('open');
      expect((await other.getFinding('C0OTHERTEAM', theirs.id))?.status).toBe('open');
      expect((await team().getFinding(DEFAULT_CHANNEL, f.id))?.status).toBe('open');
      expect(viewsOpened()).toEqual([]);
    });

    it('from the App Home: opens the form, to be confirmed in a direct message', async () => {
      const f = await raise('pa', 'pressed on the Home');
      const res = await pressOnHome(LIAISON, BUTTON_ACTIONS.findingDone, findingValue(DEFAULT_CHANNEL, f.id));
      expect(res.status).toBe(200);
      const view = await lastOpened(1);
      expect(JSON.parse(view.private_metadata)).toMatchObject({ c: null, f: f.id, s: 'done' });
      expect(h.slack.callsTo('response_url')).toEqual([]);
    });
  });

  describe('Log on the status lines', () => {
    const statusLog = (unit: string) => (c: Control) =>
      c.action_id === BUTTON_ACTIONS.statusLog && (JSON.parse(c.value ?? '{}') as { u?: string }).u === unit;
    const chosenUnit = async () => {
      const [open] = await h.slack.waitFor('views.open', 5_000);
      const view = open!.body.view as {
        blocks: Array<{ block_id?: string; element?: { initial_option?: { value?: string } } }>;
      };
      return view.blocks.find((b) => b.block_id === LOG_MODAL_BLOCKS.unit)?.element?.initial_option?.value;
    };

    it('opens the log form with the unit of the line chosen, from the group status and a unit’s', async () => {
      const res = await h.command('status', { user_id: MEMBER_B });
      const button = controlIn(blocksOf(res.json), statusLog('pb'));
      expect(button.text?.text).toBe('Log');
      await pressInMessage(MEMBER_B, button).sent;
      expect(await chosenUnit()).toBe('pb');

      h.slack.reset();
      const one = await h.command('status pa', { user_id: MEMBER_B });
      await pressInMessage(MEMBER_B, controlIn(blocksOf(one.json), statusLog('pa'))).sent;
      expect(await chosenUnit()).toBe('pa');
    });

    it('with more units than lines with a button, "Log for…" opens the form for the unit picked', async () => {
      const many = 'C0MANYUNITS';
      await h.command('setup "Big group" lang=en', { channel_id: many });
      const actor = { userId: DEFAULT_USER, now: Date.now() };
      for (let i = 0; i < 60; i++) {
        const unit = {
          key: `u${i}`,
          name: `Unit ${i}`,
          kind: '',
          liaisons: [],
          archived: false,
          createdAt: i,
        };
        await team().addUnit(many, unit, actor);
      }
      const res = await h.command('status', { channel_id: many });
      const blocks = blocksOf(res.json);
      assertValidBlocks({ text: 'status', blocks });
      const select = controlIn(blocks, (c) => c.action_id === STATUS_LOG_SELECT);
      expect(select.block_id).toBe(statusPickBlockId(many, 0));
      const picked = select.options?.at(-1)?.value ?? '';
      expect(picked).toMatch(/^u\d+$/);
      await pressInMessage(DEFAULT_USER, select, { value: picked }).sent;
      expect(await chosenUnit()).toBe(picked);
    });

    it('refuses someone removed meanwhile, and a unit archived meanwhile, without opening the form', async () => {
      await h.command('member add <@U0GONE|g>');
      await h.command('unit add "Province D" key=pd');
      const blocks = blocksOf((await h.command('status', { user_id: 'U0GONE' })).json);
      await h.command('member remove <@U0GONE|g>');
      const removed = pressInMessage('U0GONE', controlIn(blocks, statusLog('pa')));
      await removed.sent;
      expect((await answers(removed.responseId))[0]?.text).toContain(
        'You are no longer a member of *Audit team*',
      );

      await h.command('unit archive pd');
      const archived = pressInMessage(DEFAULT_USER, controlIn(blocks, statusLog('pd')));
      await archived.sent;
      expect((await answers(archived.responseId))[0]?.text).toBe(
        '*Province D* was archived or removed: nothing more is logged for it.',
      );
      const forged = pressInMessage(DEFAULT_USER, controlIn(blocks, statusLog('pa')), { value: '{"g":1}' });
      await forged.sent;
      expect((await answers(forged.responseId))[0]?.text).toContain('This button is out of date');
      expect(h.slack.callsTo('views.open')).toEqual([]);
    });
  });
});
