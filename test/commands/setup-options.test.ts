import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

const DEPUTY = 'U0DEP';
const MEMBER = 'U0MEM';

describe('/dudao setup: how the reminder and digest are posted, and how liaisons are written', () => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  const group = () => team().getGroup(DEFAULT_CHANNEL);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('takes the options when the group is created, and its answer states them', async () => {
    const res = await h.command('setup "Group 14" tz=Asia/Shanghai posts=thread mention=off');
    expect(await group()).toMatchObject({
      name: 'Group 14',
      posts: 'thread',
      liaisonNames: 'name',
      langSet: false,
    });
    const text = allText(res.json);
    expect(text).toContain('in a thread of the week’s first post (posts=thread)');
    expect(text).toContain('named without being notified (mention=off)');
    await h.command(`member add <@${DEPUTY}> role=deputy`);
    await h.command(`member add <@${MEMBER}>`);
  });

  it('run again by the leader without a name, changes only what it is given', async () => {
    const res = await h.command('setup posts=new');
    expect(await group()).toMatchObject({ name: 'Group 14', posts: 'message', liaisonNames: 'name' });
    const text = allText(res.json);
    expect(text).toContain('posted as new messages (posts=new)');
    expect(text).toContain('(mention=off)');
  });

  it('takes Chinese words, from a deputy, and answers in Chinese', async () => {
    const res = await h.command('设置 发帖=线程 提及=开', { user_id: DEPUTY });
    expect(await group()).toMatchObject({ name: 'Group 14', posts: 'thread', liaisonNames: 'mention' });
    const text = allText(res.json);
    expect(text).toContain('本周首条帖子的线程中回复（posts=thread）');
    expect(text).toContain('以 @ 提及并通知（mention=on）');
  });

  it('alone, shows the options in effect and changes nothing', async () => {
    const before = await h.inspect.auditTrail(h.slack.identity.teamId, DEFAULT_CHANNEL, 100);
    const text = allText((await h.command('setup')).json);
    expect(text).toContain('(posts=thread)');
    expect(text).toContain('(mention=on)');
    expect(await h.inspect.auditTrail(h.slack.identity.teamId, DEFAULT_CHANNEL, 100)).toHaveLength(
      before.length,
    );
  });

  it('refuses a member, and writes nothing', async () => {
    const res = await h.command('setup posts=new mention=off', { user_id: MEMBER });
    expect((res.json as { response_type?: string }).response_type).toBe('ephemeral');
    expect(allText(res.json)).toContain('Group 14');
    expect(await group()).toMatchObject({ posts: 'thread', liaisonNames: 'mention' });
  });

  it('answers a bad value with the choices and the right form, in the words of the one who asked', async () => {
    const en = allText((await h.command('setup posts=sideways mention=off')).json);
    expect(en).toContain('`posts=` does not take `sideways`. Use one of: new, thread.');
    expect(en).toContain('/dudao setup [&lt;new name&gt;]');
    const zh = allText((await h.command('设置 提及=也许')).json);
    expect(zh).toContain('`提及=` 不能取值 `也许`');
    expect(zh).toContain('[发帖=新消息|线程] [提及=开|关]');
    // Nothing of a refused line is applied, not even its good option.
    expect(await group()).toMatchObject({ posts: 'thread', liaisonNames: 'mention' });
  });

  it('needs a name to create a group', async () => {
    const res = await h.command('setup posts=thread', { channel_id: 'C0OTHER' });
    expect(allText(res.json)).toContain('Missing: the name');
    expect(await team().getGroup('C0OTHER')).toBeNull();
  });

  it('lang= marks the language as chosen', async () => {
    await h.command('setup lang=zh');
    expect(await group()).toMatchObject({ lang: 'zh', langSet: true, name: 'Group 14' });
  });
});
