import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/zoned-time';
import { LOG_MODAL_BLOCKS as B, LOG_MODAL } from '../../src/views/ids';
import { DEFAULT_CHANNEL, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ block_id?: string; element?: { type?: string; initial_date?: string } }>;
}

describe.each(TRANSPORTS)('the log form (over %s)', (transport) => {
  let h: Harness;
  let view: OpenedView;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14" tz=Asia/Shanghai lang=zh');
    await h.command('unit add 商务部 key=moc');
    h.slack.reset();
    const res = await h.command('log');
    expect(res.status).toBe(200);
    const [open] = await h.slack.waitFor((c) => c.method === 'views.open', 5_000);
    view = open!.body.view as OpenedView;
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  let views = 0;
  /** Submits the opened form; each call is a view of its own unless `viewId` names one. */
  const submit = (
    values: Record<string, Record<string, unknown>>,
    user = 'U0LEAD',
    { viewId = `V0FORM${++views}`, privateMetadata = view.private_metadata } = {},
  ) =>
    h.interact({
      type: 'view_submission',
      user: { id: user, team_id: h.slack.identity.teamId },
      view: {
        id: viewId,
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: privateMetadata,
        state: { values },
      },
    });
  const complete = (notes: string) => ({
    [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: { value: 'moc' } } },
    [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'interview' } } },
    [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2026-11-20' } },
    [B.notes]: { [B.notesAction]: { type: 'plain_text_input', value: notes } },
  });

  it('opens with the date defaulting to today in the group’s time zone', () => {
    expect(view.callback_id).toBe(LOG_MODAL);
    const date = view.blocks.find((b) => b.block_id === B.date);
    expect(date?.element?.initial_date).toBe(localDate(Date.now(), 'Asia/Shanghai'));
    expect(allText(view)).toContain('商务部');
  });

  it('answers a submission without a unit with an error on that field, and saves nothing', async () => {
    const res = await submit({
      [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: null } },
      [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'interview' } } },
      [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2026-11-20' } },
      [B.count]: { [B.countAction]: { type: 'number_input', value: '2' } },
      [B.notes]: { [B.notesAction]: { type: 'plain_text_input', value: '' } },
    });
    expect(res.status).toBe(200);
    const answer = res.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([B.unit]);
    expect(answer.errors[B.unit]).toMatch(/[\u4e00-\u9fff]/);
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(0);
  });

  it('saves a complete submission, closes the form and confirms privately', async () => {
    const res = await submit({
      [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: { value: 'moc' } } },
      [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'plan_review' } } },
      [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2026-11-20' } },
      [B.count]: { [B.countAction]: { type: 'number_input', value: '' } },
      [B.notes]: { [B.notesAction]: { type: 'plain_text_input', value: '审阅实施方案第二稿' } },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [activity] = await team().recentActivities(DEFAULT_CHANNEL, 'moc', 1);
    expect(activity).toMatchObject({
      type: 'plan_review',
      date: '2026-11-20',
      count: 1,
      notes: '审阅实施方案第二稿',
    });
    const [note] = await h.slack.waitFor((c) => c.method === 'chat.postEphemeral', 5_000);
    expect(note?.body.user).toBe('U0LEAD');
    expect(allText(note?.body)).toContain('商务部');
  });

  it('puts a future date and a bad count on their fields', async () => {
    const res = await submit({
      [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: { value: 'moc' } } },
      [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'interview' } } },
      [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2999-01-01' } },
      [B.count]: { [B.countAction]: { type: 'number_input', value: '0' } },
    });
    const answer = res.json as { errors: Record<string, string> };
    expect(Object.keys(answer.errors).sort()).toEqual([B.count, B.date].sort());
  });

  it('refuses a submission from someone who is not a member', async () => {
    const res = await submit(
      {
        [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: { value: 'moc' } } },
        [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'interview' } } },
        [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2026-11-20' } },
      },
      'U0STRANGER',
    );
    expect((res.json as { response_action: string }).response_action).toBe('errors');
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(1);
  });

  it('counts notes as the command line does: 2000 emoji are saved, 2001 refused on both paths', async () => {
    const count = () => h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const emoji = '😀'.repeat(2000);
    const withNotes = (notes: string) => ({
      [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: { value: 'moc' } } },
      [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: { value: 'feedback' } } },
      [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: '2026-11-20' } },
      [B.notes]: { [B.notesAction]: { type: 'plain_text_input', value: notes } },
    });
    const before = await count();

    const refused = (await submit(withNotes(`${emoji}😀`))).json as { errors: Record<string, string> };
    expect(Object.keys(refused.errors)).toEqual([B.notes]);
    expect(refused.errors[B.notes]).toContain('2000');
    const line = await h.command(`log feedback moc 2026-11-20 ${emoji}😀`);
    expect(allText(line.json)).toContain('2000');
    expect(await count()).toBe(before);

    const saved = await submit(withNotes(emoji));
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const [activity] = await team().recentActivities(DEFAULT_CHANNEL, 'moc', 1);
    expect(activity).toMatchObject({ type: 'feedback', count: 1, notes: emoji });
    expect(await count()).toBe(before + 1);
  });
  it('logs once however often Slack delivers the same submission', async () => {
    const count = () => h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const before = await count();
    for (let i = 0; i < 2; i++) {
      const res = await submit(complete('delivered twice'), 'U0LEAD', { viewId: 'V0TWICE' });
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    expect(await count()).toBe(before + 1);
  });

  it('refuses a submission whose metadata names another team, and writes into neither', async () => {
    const otherTeam = 'T0OTHER';
    // The same person leads a group in another workspace, in a channel with the same id.
    await h.command('setup "Other workspace group"', { team_id: otherTeam });
    await h.command('unit add Other key=moc', { team_id: otherTeam });
    const here = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const tampered = JSON.stringify({ ...JSON.parse(view.private_metadata), t: otherTeam });

    const res = await submit(complete('into the wrong team'), 'U0LEAD', { privateMetadata: tampered });
    const answer = res.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors[B.unit]).toBeTruthy();
    expect(await h.inspect.countActivities(otherTeam, DEFAULT_CHANNEL)).toBe(0);
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(here);
  });
});
