import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

const MEMBER = 'U0MEM';
const DEPUTY = 'U0DEP';
const OUTSIDER = 'U0OUT';

describe('/dudao setup, member and unit', () => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('binds the channel to a new group led by the caller', async () => {
    const res = await h.command('setup "Group 14" tz=Asia/Shanghai lang=en');
    expect(res.status).toBe(200);
    expect(allText(res.json)).toContain('Group 14');
    const group = await team().getGroup(DEFAULT_CHANNEL);
    expect(group).toMatchObject({ name: 'Group 14', tz: 'Asia/Shanghai', lang: 'en' });
    expect(await team().getMember(DEFAULT_CHANNEL, DEFAULT_USER)).toMatchObject({ role: 'leader' });
  });

  it('refuses a second group in the same channel for someone who does not lead it', async () => {
    const res = await h.command('setup Other', { user_id: OUTSIDER });
    expect(res.status).toBe(200);
    expect(allText(res.json)).toContain('Group 14');
    expect((await team().getGroup(DEFAULT_CHANNEL))?.name).toBe('Group 14');
  });

  it('lets the leader add members with roles, mentions as Slack escapes them', async () => {
    const res = await h.command(`member add <@${MEMBER}|mei> role=member`);
    expect(allText(res.json)).toContain(`<@${MEMBER}>`);
    await h.command(`member add <@${DEPUTY}|du> role=deputy`);
    expect(await team().getMember(DEFAULT_CHANNEL, MEMBER)).toMatchObject({ role: 'member' });
    expect(await team().getMember(DEFAULT_CHANNEL, DEPUTY)).toMatchObject({ role: 'deputy' });
  });

  it('adds units with a key, a kind and liaisons, who become members', async () => {
    const res = await h.command(`unit add "Ministry of Commerce" key=moc kind=ministry liaison=<@U0LIA|li>`);
    expect(allText(res.json)).toContain('Ministry of Commerce');
    const units = await team().listUnits(DEFAULT_CHANNEL);
    expect(units.map((u) => u.key)).toEqual(['moc']);
    expect(units[0]?.liaisons).toEqual(['U0LIA']);
    expect(await team().getMember(DEFAULT_CHANNEL, 'U0LIA')).toMatchObject({ role: 'liaison' });
  });

  it('answers a duplicate key with the reason and keeps the first unit', async () => {
    const res = await h.command('unit add "Another" key=moc');
    expect(allText(res.json)).toMatch(/moc/);
    expect((await team().listUnits(DEFAULT_CHANNEL)).map((u) => u.name)).toEqual(['Ministry of Commerce']);
  });

  it('does not let a member add units, and writes nothing', async () => {
    const res = await h.command('unit add "Sneaky Unit" key=sneaky', { user_id: MEMBER });
    expect(res.status).toBe(200);
    expect((res.json as { response_type?: string }).response_type).toBe('ephemeral');
    expect(allText(res.json).length).toBeGreaterThan(0);
    expect((await team().listUnits(DEFAULT_CHANNEL)).map((u) => u.key)).toEqual(['moc']);
  });

  it('lets a deputy add units but not hand over the group', async () => {
    await h.command('unit add 国家发展改革委 key=ndrc kind=委员会', { user_id: DEPUTY });
    expect((await team().listUnits(DEFAULT_CHANNEL)).map((u) => u.key)).toContain('ndrc');
    await h.command(`member add <@${OUTSIDER}> role=leader`, { user_id: DEPUTY });
    expect(await team().getMember(DEFAULT_CHANNEL, OUTSIDER)).toBeNull();
  });

  it('edits and archives a unit, and lists both kinds', async () => {
    await h.command('unit edit ndrc name=“国家发展和改革委员会”');
    expect((await team().listUnits(DEFAULT_CHANNEL)).find((u) => u.key === 'ndrc')?.name).toBe(
      '国家发展和改革委员会',
    );
    await h.command('unit archive ndrc');
    const list = await h.command('unit list');
    expect(allText(list.json)).toContain('国家发展和改革委员会');
    expect((await team().listUnits(DEFAULT_CHANNEL)).map((u) => u.key)).toEqual(['moc']);
  });

  it('never removes the last leader', async () => {
    const res = await h.command(`member remove <@${DEFAULT_USER}>`);
    expect(allText(res.json).length).toBeGreaterThan(0);
    expect(await team().getMember(DEFAULT_CHANNEL, DEFAULT_USER)).toMatchObject({ role: 'leader' });
  });

  it('removes a member and takes them off their units', async () => {
    await h.command('member remove <@U0LIA>');
    expect(await team().getMember(DEFAULT_CHANNEL, 'U0LIA')).toBeNull();
    expect((await team().listUnits(DEFAULT_CHANNEL))[0]?.liaisons).toEqual([]);
  });

  it('keeps an audit trail of who changed what', async () => {
    const trail = await h.inspect.auditTrail(h.slack.identity.teamId, DEFAULT_CHANNEL, 100);
    const actions = trail.map((e) => `${e.actor} ${e.action}`);
    expect(actions.some((a) => a.startsWith(DEPUTY))).toBe(true);
    expect(trail.length).toBeGreaterThanOrEqual(8);
    expect(trail.every((e) => e.at > 0)).toBe(true);
  });
});
