import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateValues } from '../../src/sandbox/view-state';
import { UNIT_IMPORT_BLOCKS as B, UNIT_IMPORT_MODAL } from '../../src/views/ids';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ block_id?: string; element?: { type?: string } }>;
}

const MEMBER = 'U0MEMBER';
const DEPUTY = 'U0DEPUTY';
const LIAISON = 'U0LIWEN';

/**
 * What a rich_text_input submits for `text`: `{@U123}` stands for a person picked after typing `@`
 * (a user element); everything else is text, one section, lines split by `\n` as Slack sends them.
 */
function box(text: string): Record<string, unknown> {
  const elements = text
    .split(/(\{@[A-Z0-9]+\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const user = /^\{@([A-Z0-9]+)\}$/.exec(part);
      return user ? { type: 'user', user_id: user[1] } : { type: 'text', text: part };
    });
  return {
    [B.lines]: {
      [B.linesAction]: {
        type: 'rich_text_input',
        rich_text_value: { type: 'rich_text', elements: [{ type: 'rich_text_section', elements }] },
      },
    },
  };
}

describe.each(TRANSPORTS)('/dudao unit import (over %s)', (transport) => {
  let h: Harness;
  let view: OpenedView;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  const unitKeys = async () =>
    (await team().listUnits(DEFAULT_CHANNEL, { includeArchived: true })).map((u) => u.key);

  /** Types the command as `user` and answers the form it opened, or null when none opened. */
  async function openForm(user = DEFAULT_USER, channel = DEFAULT_CHANNEL): Promise<OpenedView | null> {
    const before = h.slack.callsTo('views.open').length;
    const res = await h.command('unit import', { user_id: user, channel_id: channel });
    expect(res.status).toBe(200);
    // An answer in the acknowledgement is a refusal; a form opens after an empty one.
    if (allText(res.json) !== '') return null;
    const calls = await h.slack.waitFor((c) => c.method === 'views.open', 5_000, before + 1);
    return calls.at(-1)?.body.view as OpenedView;
  }

  let views = 0;
  const submit = (
    values: Record<string, unknown>,
    { user = DEFAULT_USER, viewId = `V0IMPORT${++views}`, privateMetadata = view.private_metadata } = {},
  ) =>
    h.interact({
      type: 'view_submission',
      user: { id: user, team_id: h.slack.identity.teamId },
      view: {
        id: viewId,
        type: 'modal',
        callback_id: UNIT_IMPORT_MODAL,
        private_metadata: privateMetadata,
        state: { values },
      },
    });
  const errorOf = (res: { json: unknown }) =>
    (res.json as { response_action?: string; errors?: Record<string, string> } | null)?.errors?.[B.lines];

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14"');
    await h.command(`member add <@${MEMBER}> role=member`);
    await h.command(`member add <@${DEPUTY}> role=deputy`);
    await h.command('unit add "Ministry of Commerce" key=moc');
    await h.command('unit add "Old Office" key=old');
    await h.command('unit archive old');
    const opened = await openForm();
    if (!opened) throw new Error('the form did not open');
    view = opened;
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('opens a form with one rich text box for a leader', () => {
    expect(view.callback_id).toBe(UNIT_IMPORT_MODAL);
    const input = view.blocks.find((b) => b.block_id === B.lines);
    expect(input?.element?.type).toBe('rich_text_input');
    expect(allText(view)).toContain('name, key, kind, @liaison');
  });

  it('refuses a member at the command, and opens nothing', async () => {
    const before = h.slack.callsTo('views.open').length;
    const res = await h.command('unit import', { user_id: MEMBER });
    expect(allText(res.json)).toContain('/dudao unit');
    expect(allText(res.json)).toContain('leader and deputies');
    expect(h.slack.callsTo('views.open')).toHaveLength(before);
    // The Chinese words run it too.
    expect(await openForm(DEPUTY)).not.toBeNull();
    expect(allText((await h.command('单位 导入', { user_id: MEMBER })).json)).toContain('/dudao unit');
    expect(h.slack.callsTo('views.open')).toHaveLength(before + 1);
  });

  it('imports nothing from 50 lines with two bad ones, and shows both on their lines', async () => {
    const before = await unitKeys();
    const lines = Array.from({ length: 50 }, (_, i) => `Agency ${i + 1}, ag${i + 1}, agency`);
    lines[16] = 'Agency 17, Not A Key!, agency';
    lines[41] = 'Agency 42, ag42, agency, @Li Wei';
    const res = await submit(box(lines.join('\n')));
    expect(res.status).toBe(200);
    expect((res.json as { response_action: string }).response_action).toBe('errors');
    const shown = errorOf(res)?.split('\n') ?? [];
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^line 17: “Not A Key!” can't be a key/);
    expect(shown[1]).toMatch(/^line 42: “@Li Wei” is not a Slack mention: type @ and pick the person/);
    expect(await unitKeys()).toEqual(before);
  });

  it('imports a paste with full-width commas, a header and people, closes the form and confirms privately', async () => {
    const before = h.slack.callsTo('chat.postEphemeral').length;
    const res = await submit(
      box(
        [
          '名称，简称，类别，联络员',
          '',
          `国家发展和改革委员会，ndrc，部委，{@${LIAISON}} <@U0ZHAO|赵磊>`,
          '  教育部 、 、 部委  ',
          '"Transport, Ministry of", mot, ministry, {@U0DEPUTY}',
          'Ministry of Commerce',
        ].join('\n'),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const units = await team().listUnits(DEFAULT_CHANNEL, { includeArchived: true });
    expect(units.slice(-4).map((u) => [u.name, u.key, u.kind, u.liaisons])).toEqual([
      ['国家发展和改革委员会', 'ndrc', '部委', [LIAISON, 'U0ZHAO']],
      ['教育部', `u${units.length - 2}`, '部委', []],
      ['Transport, Ministry of', 'mot', 'ministry', [DEPUTY]],
      ['Ministry of Commerce', 'ministry-of-commerce', '', []],
    ]);
    expect(await team().getMember(DEFAULT_CHANNEL, LIAISON)).toEqual({ userId: LIAISON, role: 'liaison' });
    expect(await team().getMember(DEFAULT_CHANNEL, DEPUTY)).toEqual({ userId: DEPUTY, role: 'deputy' });
    const trail = await h.inspect.auditTrail(h.slack.identity.teamId, DEFAULT_CHANNEL, 20);
    expect(trail.filter((e) => e.action === 'unit_add').map((e) => e.target)).toContain('unit:ndrc');

    const [note] = (await h.slack.waitFor('chat.postEphemeral', 5_000, before + 1)).slice(-1);
    expect(note?.body.user).toBe(DEFAULT_USER);
    expect(note?.body.channel).toBe(DEFAULT_CHANNEL);
    const text = allText(note?.body);
    expect(text).toContain('Imported 4 units');
    expect(text).toContain('国家发展和改革委员会');
    expect(text).toContain(`<@${LIAISON}>`);
    expect(text).toContain('Transport, Ministry of');
  });

  it('republishes the App Home of the liaisons it names', async () => {
    const liaison = 'U0HOMELIA';
    const homes = () => h.slack.callsTo('views.publish').filter((c) => c.body.user_id === liaison);
    const now = Date.now();
    const opened = await h.slack.link!.deliver('events_api', {
      token: 'verification-token',
      team_id: h.slack.identity.teamId,
      api_app_id: h.slack.identity.appId,
      type: 'event_callback',
      event_id: `Ev${now}`,
      event_time: Math.floor(now / 1000),
      event: {
        type: 'app_home_opened',
        user: liaison,
        channel: 'D0HOMELIA',
        tab: 'home',
        event_ts: `${now / 1000}`,
      },
    });
    expect(opened.acked).toBe(true);
    await h.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === liaison, 8_000);
    const seen = homes().length;

    const res = await submit(box(`Ministry of Homes, moh, ministry, {@${liaison}}`));
    expect(res.text).toBe('');
    const calls = await h.slack.waitFor(
      (c) => c.method === 'views.publish' && c.body.user_id === liaison,
      8_000,
      seen + 1,
    );
    expect(allText(calls.at(-1)?.body.view)).toContain('Ministry of Homes');
  });

  it('refuses a key the group holds, archived units included, on its line', async () => {
    const before = await unitKeys();
    const res = await submit(box('Ministry of Culture, mcu\nOld Office again, old\nMinistry of Trade, moc'));
    expect(errorOf(res)?.split('\n')).toEqual([
      'line 2: the key “old” is already used by a unit of this group (archived units count too)',
      'line 3: the key “moc” is already used by a unit of this group (archived units count too)',
    ]);
    expect(await unitKeys()).toEqual(before);
  });

  it('imports once however often Slack delivers the same submission', async () => {
    const before = await unitKeys();
    for (let i = 0; i < 2; i++) {
      const res = await submit(box('Ministry of Water, mow\nMinistry of Air'), { viewId: 'V0TWICE' });
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    expect(await unitKeys()).toEqual([...before, 'mow', 'ministry-of-air']);
  });

  it('refuses a submission whose metadata was tampered with, and writes into no team', async () => {
    const otherTeam = 'T0OTHER';
    await h.command('setup "Other workspace group"', { team_id: otherTeam });
    const before = await unitKeys();
    const other = () => h.app.store.forTeam(otherTeam).listUnits(DEFAULT_CHANNEL);
    const tampered = JSON.stringify({ ...JSON.parse(view.private_metadata), t: otherTeam });
    for (const privateMetadata of [tampered, 'not json', '{"t":"T0{x}","g":"C0GROUP","c":null}']) {
      const res = await submit(box('Ministry of Mischief, mom'), { privateMetadata });
      expect((res.json as { response_action: string }).response_action).toBe('errors');
      expect(errorOf(res)).toBeTruthy();
    }
    expect(await other()).toEqual([]);
    expect(await unitKeys()).toEqual(before);
  });

  it('refuses someone removed from the group, or no longer leading it, since the form opened', async () => {
    const [removed, demoted] = ['U0GONE', 'U0DEMOTED'];
    await h.command(`member add <@${removed}> <@${demoted}> role=deputy`);
    const form = await openForm(removed);
    expect(form).not.toBeNull();
    await h.command(`member remove <@${removed}>`);
    await h.command(`member add <@${demoted}> role=member`);
    const before = await unitKeys();

    const gone = await submit(box('Ministry of Ghosts, mog'), { user: removed });
    expect(errorOf(gone)).toBe('You are not a member of this group.');
    const member = await submit(box('Ministry of Ghosts, mog'), { user: demoted });
    expect(errorOf(member)).toBe("Only the group's leader and deputies can import units.");
    expect(await unitKeys()).toEqual(before);
  });

  it('answers in the group’s language when it has one', async () => {
    const zhChannel = 'C0ZHGROUP';
    await h.command('setup "第十四指导组" lang=zh', { channel_id: zhChannel });
    const form = await openForm(DEFAULT_USER, zhChannel);
    expect(allText(form)).toContain('名称，简称，类别，@联络员');
    const res = await submit(box('商务部，moc\n教育部，moc'), { privateMetadata: form?.private_metadata });
    expect(errorOf(res)).toBe('第2行：简称“moc”与第1行重复');
  });
});

describe.each(TRANSPORTS)('unit import by a person in the local workspace (over %s)', (transport) => {
  let h: Harness;
  const ws = () => h.slack.workspace;

  beforeAll(async () => {
    h = await startHarness({ transport });
    ws().addUser({ id: DEFAULT_USER, name: 'lead', real_name: 'Lena Lead', tz: 'UTC', is_bot: false });
    ws().addUser({ id: LIAISON, name: 'liwen', real_name: '李文', tz: 'Asia/Shanghai', is_bot: false });
    ws().addChannel({ id: DEFAULT_CHANNEL, name: 'oversight', members: [DEFAULT_USER] });
    await h.slack.people.send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao setup "Group 14"');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('imports the people picked with @ in the box as liaisons', async () => {
    await h.slack.people.send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao unit import');
    await h.slack.waitFor((c) => c.method === 'views.open' && c.status === 200, 5_000);
    const modal = ws().views.topModal(DEFAULT_USER);
    expect(modal?.callback_id).toBe(UNIT_IMPORT_MODAL);
    const typed = (text: string): StateValues => ({
      [B.lines]: { [B.linesAction]: { type: 'rich_text_input', value: text } },
    });

    await h.slack.people.submit(DEFAULT_USER, String(modal?.id), typed('商务部，moc，部委，@Li Wen'));
    expect(ws().views.get(String(modal?.id))?.errors?.[B.lines]).toContain('line 1: “@Li Wen”');
    await h.slack.people.submit(
      DEFAULT_USER,
      String(modal?.id),
      typed('商务部，moc，部委，@李文\n教育部, moe'),
    );
    expect(ws().views.topModal(DEFAULT_USER)).toBeUndefined();
    const units = await h.app.store.forTeam(h.slack.identity.teamId).listUnits(DEFAULT_CHANNEL);
    expect(units.map((u) => [u.key, u.liaisons])).toEqual([
      ['moc', [LIAISON]],
      ['moe', []],
    ]);
    const confirmed = ws().messagesOf(DEFAULT_CHANNEL, DEFAULT_USER).at(-1);
    expect(confirmed?.ephemeralFor).toBe(DEFAULT_USER);
    expect(JSON.stringify(confirmed?.blocks)).toContain('商务部');
  });
});
