import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

describe('/dudao finding', () => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Audit team"');
    await h.command('member add <@U0A> <@U0B>');
    await h.command('unit add "Province A" key=pa liaison=<@U0LIA>');
    await h.command('unit add "Province B" key=pb');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('adds a finding with a due date and shows its number', async () => {
    const res = await h.command('finding add pa plan lacks milestones due=2026-12-15', { user_id: 'U0A' });
    const [finding] = await team().listFindings(DEFAULT_CHANNEL, { status: 'open' });
    expect(finding).toMatchObject({
      unitKey: 'pa',
      text: 'plan lacks milestones',
      due: '2026-12-15',
      createdBy: 'U0A',
    });
    expect(allText(res.json)).toContain(`#${finding?.id}`);
  });

  it('lists open findings for the group and per unit', async () => {
    await h.command('finding add pb reporting duplicated', { user_id: 'U0B' });
    const all = allText((await h.command('finding list')).json);
    expect(all).toContain('plan lacks milestones');
    expect(all).toContain('reporting duplicated');
    const pa = allText((await h.command('finding list pa')).json);
    expect(pa).toContain('plan lacks milestones');
    expect(pa).not.toContain('reporting duplicated');
  });

  it('lets a member close only their own findings, and liaisons those of their units', async () => {
    const open = await team().listFindings(DEFAULT_CHANNEL, { status: 'open' });
    const byA = open.find((f) => f.createdBy === 'U0A')!;
    const byB = open.find((f) => f.createdBy === 'U0B')!;

    await h.command(`finding done ${byB.id}`, { user_id: 'U0A' });
    expect((await team().getFinding(DEFAULT_CHANNEL, byB.id))?.status).toBe('open');

    await h.command(`finding done #${byA.id} 已整改`, { user_id: 'U0LIA' });
    expect(await team().getFinding(DEFAULT_CHANNEL, byA.id)).toMatchObject({
      status: 'done',
      doneBy: 'U0LIA',
      doneNotes: '已整改',
    });

    const again = await h.command(`finding done ${byA.id}`);
    expect(allText(again.json)).toContain(`${byA.id}`);
    expect((await team().getFinding(DEFAULT_CHANNEL, byA.id))?.doneBy).toBe('U0LIA');
  });

  it('answers an unknown finding number', async () => {
    const res = await h.command('finding done 9999');
    expect(allText(res.json)).toContain('9999');
  });
});
