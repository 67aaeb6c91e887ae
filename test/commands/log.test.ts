import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/zoned-time';
import { DEFAULT_CHANNEL, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

describe.each(TRANSPORTS)('/dudao log, undo and status (over %s)', (transport) => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  const today = () => localDate(Date.now(), 'Asia/Shanghai');

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command('unit add "Ministry of Commerce" key=moc');
    await h.command('unit add 国家发展改革委 key=ndrc');
    await h.command('member add <@U0MEM>');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('logs an activity in one line and confirms it', async () => {
    const res = await h.command('log interview moc 2026-11-20 n=3 met the deputy director');
    expect(res.status).toBe(200);
    const text = allText(res.json);
    expect(text).toContain('Ministry of Commerce');
    expect(text).toContain('/dudao undo');
    const [activity] = await team().recentActivities(DEFAULT_CHANNEL, 'moc', 5);
    expect(activity).toMatchObject({
      type: 'interview',
      date: '2026-11-20',
      count: 3,
      notes: 'met the deputy director',
      userId: 'U0LEAD',
    });
  });

  it('refuses a non-member and writes nothing', async () => {
    const before = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const res = await h.command('log interview moc notes', { user_id: 'U0STRANGER' });
    expect(res.status).toBe(200);
    expect(allText(res.json)).toMatch(/member/i);
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(before);
  });

  it('escapes a note that tries to ping the channel or forge a mention', async () => {
    const res = await h.command('log feedback moc <!channel> see <@U0BOSS|boss> & co', { user_id: 'U0MEM' });
    const text = allText(res.json);
    const status = allText((await h.command('status moc')).json);
    for (const shown of [status]) {
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<@U0BOSS');
      expect(shown).toContain('&lt;!channel&gt;');
    }
    expect(text).not.toContain('<!channel>');
  });

  it('accepts Chinese words, names and full-width punctuation', async () => {
    const res = await h.command('记录　座谈会　国家发展改革委　n＝5　与处室负责人座谈');
    expect(res.status).toBe(200);
    const [activity] = await team().recentActivities(DEFAULT_CHANNEL, 'ndrc', 1);
    expect(activity).toMatchObject({ type: 'symposium', count: 5, notes: '与处室负责人座谈', date: today() });
    expect(allText(res.json)).toContain('国家发展改革委');
  });

  it('answers a malformed line with what was wrong and the right form, writing nothing', async () => {
    const before = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const res = await h.command('log interview');
    expect(allText(res.json)).toContain('/dudao log');
    const future = await h.command('log interview moc 2999-01-01');
    expect(allText(future.json)).toContain('2999-01-01');
    const unknown = await h.command('log interview nowhere');
    expect(allText(unknown.json)).toContain('nowhere');
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(before);
  });

  it('undoes only your own last log', async () => {
    await h.command('log research moc 走访二级公司', { user_id: 'U0MEM' });
    const before = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    const res = await h.command('undo', { user_id: 'U0MEM' });
    expect(allText(res.json)).toContain('Ministry of Commerce');
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(before - 1);
    const latest = await team().recentActivities(DEFAULT_CHANNEL, 'moc', 10);
    expect(latest.some((a) => a.notes === '走访二级公司')).toBe(false);
    // The leader's own log is still there after the member's undo.
    expect(latest.some((a) => a.userId === 'U0LEAD')).toBe(true);
  });

  it('shows status with the units past the coverage threshold first', async () => {
    await h.command('unit add "Quiet Bureau" key=quiet');
    const res = await h.command('status');
    const text = allText(res.json);
    const quiet = text.indexOf('Quiet Bureau');
    const ndrc = text.indexOf('国家发展改革委');
    expect(quiet).toBeGreaterThanOrEqual(0);
    expect(ndrc).toBeGreaterThan(quiet);
  });

  it('shows one unit timeline with its findings', async () => {
    await h.command('finding add moc 方案未细化到二级单位 due=2026-12-31');
    const res = await h.command('status moc');
    const text = allText(res.json);
    expect(text).toContain('met the deputy director');
    expect(text).toContain('方案未细化到二级单位');
  });

  it('answers an ambiguous unit with the candidates', async () => {
    await h.command('unit add "Ministry of Culture" key=moct');
    const res = await h.command('status Ministry');
    const text = allText(res.json);
    expect(text).toContain('Ministry of Commerce');
    expect(text).toContain('Ministry of Culture');
  });
});
