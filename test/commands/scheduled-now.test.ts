import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/redis';
import { type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { testRedis } from '../support/redis';
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

  it('posts the digest to the group channel once, even when asked twice at once; the second is told why', async () => {
    const answers = await Promise.all([h.command('digest now'), h.command('digest now')]);
    const texts = answers.map((a) => allText(a.json));
    expect(texts.filter((t) => t.includes('on its way'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('not posted again so soon'))).toHaveLength(1);
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

  it('refuses another digest now once it is out, says when to try again, and posts nothing more', async () => {
    const again = await h.command('digest now');
    expect(allText(again.json)).toMatch(/not posted again so soon\. Try again in (10|9) minutes/);
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
    const again = await h.command('remind now');
    expect(allText(again.json)).toContain('The meeting reminder was asked for a short while ago');
  });
});

describe('/dudao digest now after a digest that Slack refused for good (over http)', () => {
  let h: Harness;
  let redis: RedisClient;
  let digests: Queue;

  beforeAll(async () => {
    h = await startHarness();
    // The digest queue as the workers see it: where a job Slack refused for good ends up, failed.
    redis = testRedis({ maxRetriesPerRequest: null });
    digests = new Queue('digest', { connection: redis, prefix: `{${h.prefix}}` });
    await h.command('setup "Group 14" tz=Asia/Shanghai');
    await h.command('unit add "Ministry of Commerce" key=moc');
  });
  afterAll(async () => {
    await digests?.close();
    redis?.disconnect();
    await h?.stop();
    await h?.cleanup();
  });

  it('may be asked for again at once, and that one is posted', async () => {
    h.slack.refuse('chat.postMessage', 'channel_not_found');
    const first = await h.command('digest now');
    expect(allText(first.json)).toContain('on its way');
    await eventually(async () => (await digests.getFailedCount()) === 1, 10_000);
    expect(h.slack.callsTo('chat.postMessage').map((c) => c.fault)).toContain('refused');
    expect(h.slack.delivered('chat.postMessage')).toEqual([]);

    h.slack.refuse('chat.postMessage', null);
    const second = await h.command('digest now');
    expect(allText(second.json)).toContain('on its way');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200, 10_000);
    const third = await h.command('digest now');
    expect(allText(third.json)).toContain('not posted again so soon');
  });
});

/** Polls `check` until it holds; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
