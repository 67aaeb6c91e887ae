import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { localDate } from '../../src/domain/zoned-time';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

/*
 * The rectification of a finding over signed HTTP against Redis, through the grammar of the SPEC:
 * raised with an owner, a plan, done, verified by someone else, sent back, a new due date, its
 * whole history; every refusal says who can.
 */
describe('/dudao finding: raised, rectified, verified', () => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  const get = async (id: number) => (await team().getFinding(DEFAULT_CHANNEL, id))!;
  const today = localDate(Date.now(), 'UTC');
  const due = addDays(today, 14);
  /** The number in "Finding *#12* recorded…". */
  const idOf = (json: unknown) => Number(/#(\d+)/.exec(allText(json))?.[1]);
  const dmsTo = (user: string, id: number) =>
    h.slack
      .delivered('chat.postMessage')
      .filter((c: StandInCall) => String((c.body as { text?: unknown }).text ?? '').includes(`#${id}*`))
      .filter((c) => (c.body as { channel?: unknown }).channel === user);

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Audit team"');
    await h.command('member add <@U0A> <@U0B>');
    await h.command('member add <@U0DEP> role=deputy');
    await h.command('unit add "Province A" key=pa liaison=<@U0LIA>');
    await h.command('unit add "Province B" key=pb');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('raises a finding with an owner, a severity and a due date; else the first liaison owns it, else the raiser', async () => {
    const named = await h.command(
      `finding add pa plan lacks milestones due=${due} owner=<@U0B> severity=high`,
      {
        user_id: 'U0A',
      },
    );
    const id = idOf(named.json);
    expect(await get(id)).toMatchObject({
      unitKey: 'pa',
      text: 'plan lacks milestones',
      due,
      createdBy: 'U0A',
      owner: 'U0B',
      severity: 'high',
      status: 'open',
      history: [{ step: 'raise', by: 'U0A' }],
    });
    expect(allText(named.json)).toContain('<@U0B>');
    const liaison = idOf((await h.command('finding add pa reporting duplicated', { user_id: 'U0A' })).json);
    expect((await get(liaison)).owner).toBe('U0LIA');
    expect((await get(liaison)).severity).toBe('medium');
    const raiser = idOf((await h.command('finding add pb no risk register', { user_id: 'U0B' })).json);
    expect((await get(raiser)).owner).toBe('U0B');
  });

  it('refuses an owner outside the group, saying who can add them', async () => {
    const res = await h.command('finding add pa orphan owner=<@U0NOBODY>', { user_id: 'U0A' });
    expect(allText(res.json)).toContain('not in this group');
    expect((await team().listFindings(DEFAULT_CHANNEL)).some((f) => f.text === 'orphan')).toBe(false);
  });

  it('takes the whole way: plan (rectifying), done (waiting, verifiers told), verify by another (closed)', async () => {
    const id = idOf(
      (await h.command(`finding add pa budget missing due=${due} owner=<@U0B>`, { user_id: 'U0A' })).json,
    );

    // A member who neither owns it nor is liaison of its unit is told who can.
    const byA = allText((await h.command(`finding plan ${id} I will do it`, { user_id: 'U0A' })).json);
    expect(byA).toContain("can't add a plan");
    expect(byA).toContain('<@U0B>');
    expect(byA).toContain('<@U0LIA>');
    expect((await get(id)).status).toBe('open');

    await h.command(`finding plan ${id} revise the plan by Friday with the deputy`, { user_id: 'U0B' });
    expect(await get(id)).toMatchObject({
      status: 'rectifying',
      plan: 'revise the plan by Friday with the deputy',
    });

    const done = allText(
      (await h.command(`finding done ${id} second draft has milestones`, { user_id: 'U0B' })).json,
    );
    expect(done).toContain('waits for verification');
    expect(await get(id)).toMatchObject({
      status: 'waiting',
      doneBy: 'U0B',
      doneNotes: 'second draft has milestones',
    });
    // The verifiers (the raiser, the leader, the deputy) each get one DM; the one who marked it does not.
    await h.slack.waitFor(
      (c) => String((c.body as { text?: unknown }).text ?? '').includes(`#${id}*`),
      5_000,
      3,
    );
    for (const user of ['U0A', 'U0LEAD', 'U0DEP']) expect(dmsTo(user, id), user).toHaveLength(1);
    expect(dmsTo('U0B', id)).toHaveLength(0);

    // The owner is no verifier: the raiser, the leader and the deputy are, and are named.
    const owner = allText((await h.command(`finding verify ${id}`, { user_id: 'U0B' })).json);
    expect(owner).toContain("can't verify");
    expect(owner).toContain('<@U0A>');
    expect((await get(id)).status).toBe('waiting');

    const verified = allText(
      (await h.command(`finding verify ${id} checked on site`, { user_id: 'U0A' })).json,
    );
    expect(verified).toContain('verified and closed');
    const closed = await get(id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'U0A' });
    expect(closed.history.map((e) => e.step)).toEqual(['raise', 'plan', 'done', 'verify']);
    expect(closed.history[3]).toMatchObject({ by: 'U0A', notes: 'checked on site' });
    expect(closed.history[3]?.selfVerified).toBeUndefined();
  });

  it('refuses a verifier who marked it done while another verifier exists, naming them', async () => {
    const id = idOf((await h.command('finding add pb leader fixes it')).json);
    await h.command(`finding done ${id} fixed it myself`);
    const self = allText((await h.command(`finding verify ${id}`)).json);
    expect(self).toContain('someone else signs it off');
    expect(self).toContain('<@U0DEP>');
    expect((await get(id)).status).toBe('waiting');
    await h.command(`finding verify ${id}`, { user_id: 'U0DEP' });
    expect(await get(id)).toMatchObject({ status: 'closed', closedBy: 'U0DEP' });
  });

  it('lets the only verifier of a group sign off their own work, and the record says so', async () => {
    const solo = { channel_id: 'C0SOLO', user_id: 'U0SOLO' };
    await h.command('setup "Solo team"', solo);
    await h.command('unit add "Only unit" key=only', solo);
    const id = idOf((await h.command('finding add only alone', solo)).json);
    await h.command(`finding done ${id}`, solo);
    const answer = allText((await h.command(`finding verify ${id}`, solo)).json);
    expect(answer).toContain('no other verifier');
    const closed = (await team().getFinding('C0SOLO', id))!;
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'U0SOLO' });
    expect(closed.history.at(-1)).toMatchObject({ step: 'verify', selfVerified: true });
  });

  it('speaks Chinese in a Chinese group: the steps, the refusals and who can', async () => {
    const zh = { channel_id: 'C0ZHONG', user_id: 'U0ZLEAD' };
    await h.command('设置 "第三指导组" lang=zh', zh);
    await h.command('成员 添加 <@U0ZA>', zh);
    await h.command('单位 添加 教育厅 key=jyt liaison=<@U0ZLIA>', zh);
    const id = idOf((await h.command('问题 添加 jyt 经费保障不到位 严重程度=高', zh)).json);
    const refused = allText((await h.command(`问题 方案 ${id} 我来改`, { ...zh, user_id: 'U0ZA' })).json);
    expect(refused).toContain(`你无权为问题 #${id} 填写整改方案`);
    expect(refused).toContain('可以办理的人：<@U0ZLIA>');
    const planned = allText(
      (await h.command(`问题 方案 ${id} 本周内印发通知`, { ...zh, user_id: 'U0ZLIA' })).json,
    );
    expect(planned).toContain('整改方案');
    const early = allText((await h.command(`问题 验收 ${id}`, zh)).json);
    expect(early).toContain('正在整改');
    expect(early).toContain(`/dudao finding done ${id}`);
    await h.command(`问题 整改 ${id} 已印发`, { ...zh, user_id: 'U0ZLIA' });
    const shown = allText((await h.command(`问题 查看 ${id}`, zh)).json);
    for (const part of ['整改经过', '提交整改方案', '标记整改完成', '待验收', '严重程度'])
      expect(shown, part).toContain(part);
  });

  it('sends a closed finding back with its reason; the owner is told; it is rectified again', async () => {
    const id = idOf((await h.command('finding add pa milestones', { user_id: 'U0A' })).json);
    await h.command(`finding done ${id}`, { user_id: 'U0LIA' });
    await h.command(`finding verify ${id}`);
    expect((await get(id)).status).toBe('closed');
    const noReason = allText((await h.command(`finding reopen ${id}`, { user_id: 'U0A' })).json);
    expect(noReason.toLowerCase()).toContain('missing');
    // Only leaders, deputies and the raiser send back.
    expect(allText((await h.command(`finding reopen ${id} no`, { user_id: 'U0B' })).json)).toContain(
      "can't send back",
    );
    await h.command(`finding reopen ${id} milestones still missing for Q2`, { user_id: 'U0A' });
    const back = await get(id);
    expect(back).toMatchObject({ status: 'rectifying', closedBy: null, closedAt: null, doneBy: null });
    expect(back.history.at(-1)).toMatchObject({
      step: 'reopen',
      by: 'U0A',
      notes: 'milestones still missing for Q2',
    });
    await h.slack.waitFor((c) => dmsTo('U0LIA', id).includes(c), 5_000);
  });

  it('moves the due date (leaders and deputies only), keeping the old one and the reason', async () => {
    const id = idOf((await h.command(`finding add pa late plan due=${due}`, { user_id: 'U0A' })).json);
    const later = addDays(due, 27);
    expect(
      allText((await h.command(`finding due ${id} ${later} budget`, { user_id: 'U0A' })).json),
    ).toContain("can't move the due date");
    const past = allText(
      (await h.command(`finding due ${id} ${addDays(today, -1)} oops`, { user_id: 'U0DEP' })).json,
    );
    expect(past).toContain('has passed');
    await h.command(`finding due ${id} ${later} waiting for the ministry's budget`, { user_id: 'U0DEP' });
    const moved = await get(id);
    expect(moved.due).toBe(later);
    expect(moved.history.at(-1)).toMatchObject({
      step: 'due',
      from: due,
      to: later,
      notes: "waiting for the ministry's budget",
    });
    const shown = allText((await h.command(`finding show ${id}`)).json);
    expect(shown).toContain(`${due} → ${later}`);
  });

  it('shows a finding and its whole history, and answers an unknown number', async () => {
    const id = idOf((await h.command('finding add pb show me', { user_id: 'U0B' })).json);
    await h.command(`finding plan ${id} step one`, { user_id: 'U0B' });
    await h.command(`finding done ${id} all fixed`, { user_id: 'U0B' });
    const shown = allText((await h.command(`finding show ${id}`)).json);
    for (const part of [
      'show me',
      'step one',
      'all fixed',
      'raised it',
      'gave a plan',
      'marked it done',
      'waiting for verification',
    ])
      expect(shown, part).toContain(part);
    expect(allText((await h.command('finding show 9999')).json)).toContain('9999');
    expect(allText((await h.command('finding done 9999')).json)).toContain('9999');
  });

  it('lists by filter: the default hides closed findings, `closed` and `waiting` pick theirs', async () => {
    const waiting = idOf((await h.command('finding add pb awaiting sign-off', { user_id: 'U0B' })).json);
    await h.command(`finding done ${waiting}`, { user_id: 'U0B' });
    const gone = idOf((await h.command('finding add pb long fixed', { user_id: 'U0B' })).json);
    await h.command(`finding done ${gone}`, { user_id: 'U0B' });
    await h.command(`finding verify ${gone}`);

    const open = allText((await h.command('finding list')).json);
    expect(open).toContain('awaiting sign-off');
    const waitingList = allText((await h.command('finding list waiting')).json);
    expect(waitingList).toContain('awaiting sign-off');
    expect(waitingList).not.toContain('plan lacks milestones');
    const closedList = allText((await h.command('finding list pb closed')).json);
    expect(closedList).toContain('long fixed');
    expect(closedList).not.toContain('awaiting sign-off');
  });
});
