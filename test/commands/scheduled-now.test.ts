import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { allText } from '../support/slack-text';

describe.each(TRANSPORTS)('/dudao digest now and remind now, through the workers (over %s)', (transport) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ transport });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command('unit add "Ministry of Commerce" key=moc liaison=<@U0LIA>');
    await h.command('unit add "Quiet Bureau" key=quiet liaison=<@U0QUIET>');
    await h.command('log interview moc n=3 met the deputy director');
    await h.command('meeting mon 09:30');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  const posts = () => h.slack.delivered('chat.postMessage');

  it('posts the digest to the group channel once, even when asked twice at once', async () => {
    await Promise.all([h.command('digest now'), h.command('digest now')]);
    const [digest] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0GROUP' && c.status === 200,
      10_000,
    );
    const text = allText(digest?.body);
    expect(text).toContain('Ministry of Commerce');
    expect(text).toContain('Quiet Bureau');
    await new Promise((r) => setTimeout(r, 500));
    expect(posts().filter((c) => c.body.channel === 'C0GROUP')).toHaveLength(1);
  });

  it('posts the agenda and pings only the liaison whose unit went quiet', async () => {
    h.slack.reset();
    await h.command('remind now');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0GROUP', 10_000);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel !== 'C0GROUP', 10_000);
    await new Promise((r) => setTimeout(r, 500));
    // A DM is posted to the user's id; Slack opens the conversation with the app.
    const dms = posts().filter((c) => c.body.channel !== 'C0GROUP');
    expect(dms.map((c) => c.body.channel)).toEqual(['U0QUIET']);
    expect(allText(dms[0]?.body)).toContain('Quiet Bureau');
  });
});
