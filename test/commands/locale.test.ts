import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

const ZH_USER = 'U0ZHLOC';
const EN_USER = 'U0ENLOC';
const FR_USER = 'U0FRLOC';

/** Chinese characters: a Chinese answer holds them, an English one does not. */
const HAN = /[\u4e00-\u9fff]/;

describe.each(TRANSPORTS)('answers in the reader’s Slack locale (%s)', (transport) => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);

  beforeAll(async () => {
    h = await startHarness({ transport });
    h.slack.setUser({ id: ZH_USER, locale: 'zh-CN' });
    h.slack.setUser({ id: EN_USER, locale: 'en-GB' });
    h.slack.setUser({ id: FR_USER, locale: 'fr-FR' });
    // A group set up in English words without lang=: its language was not chosen.
    await h.command('setup "Open group" tz=Asia/Shanghai', { channel_id: 'C0OPEN' });
    await h.command(`member add <@${ZH_USER}|zh> <@${EN_USER}|en> <@${FR_USER}|fr> role=member`, {
      channel_id: 'C0OPEN',
    });
    // A group whose language was chosen.
    await h.command('setup "English group" lang=en', { channel_id: 'C0FIXED' });
    await h.command(`member add <@${ZH_USER}|zh> role=member`, { channel_id: 'C0FIXED' });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('records that the language of a group set up without lang= was not chosen', async () => {
    expect(await team().getGroup('C0OPEN')).toMatchObject({ lang: 'en', langSet: false });
    expect(await team().getGroup('C0FIXED')).toMatchObject({ lang: 'en', langSet: true });
  });

  it('answers a zh-CN user in Chinese and an en-GB user in English in the same group', async () => {
    const zh = await h.command('status', { channel_id: 'C0OPEN', user_id: ZH_USER });
    const en = await h.command('status', { channel_id: 'C0OPEN', user_id: EN_USER });
    expect(allText(zh.json)).toMatch(HAN);
    expect(allText(en.json)).not.toMatch(HAN);
  });

  it('answers a user whose locale the bot does not speak in the group’s language', async () => {
    const fr = await h.command('status', { channel_id: 'C0OPEN', user_id: FR_USER });
    expect(allText(fr.json)).not.toMatch(HAN);
  });

  it('speaks a chosen group language to everyone, whatever their locale', async () => {
    const zh = await h.command('status', { channel_id: 'C0FIXED', user_id: ZH_USER });
    expect(allText(zh.json)).not.toMatch(HAN);
  });

  it('refuses in the reader’s language too', async () => {
    const res = await h.command('unit add Nope', { channel_id: 'C0OPEN', user_id: ZH_USER });
    expect(allText(res.json)).toMatch(HAN);
    expect(await team().listUnits('C0OPEN')).toEqual([]);
  });

  it('asks Slack for a locale once and then reads it from the cache', async () => {
    const before = h.slack.callsTo('users.info').filter((c) => c.body.user === EN_USER).length;
    for (let i = 0; i < 3; i++) await h.command('help', { channel_id: 'C0OPEN', user_id: EN_USER });
    const after = h.slack.callsTo('users.info').filter((c) => c.body.user === EN_USER).length;
    expect(before).toBe(1);
    expect(after).toBe(1);
    // Form-encoded, as the Web API client sends it.
    expect(
      String(h.slack.callsTo('users.info').find((c) => c.body.user === EN_USER)?.body.include_locale),
    ).toBe('true');
  });

  it('answers without the locale, in the group’s language, when users.info fails', async () => {
    h.slack.refuse('users.info', 'ratelimited');
    try {
      const res = await h.command('status', { channel_id: 'C0OPEN', user_id: 'U0NOLOC' });
      expect(res.status).toBe(200);
      expect(allText(res.json)).not.toMatch(HAN);
      expect(allText(res.json)).not.toMatch(/error|stack/i);
    } finally {
      h.slack.refuse('users.info', null);
    }
  });
});
