import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekStart } from '../../src/domain/dates';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import type { RedisClient } from '../../src/store/redis';
import { DEFAULT_CHANNEL, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { testRedis } from '../support/redis';
import { allText } from '../support/slack-text';

/** Polls `check` until it holds; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(TRANSPORTS)('/dudao remind now in a group without a meeting (over %s)', (transport) => {
  let h: Harness;
  let redis: RedisClient;
  let reminders: Queue;
  let dms: Queue;
  // The group's zone is UTC: its calendar is the test's.
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await startHarness({ transport });
    redis = testRedis({ maxRetriesPerRequest: null });
    reminders = new Queue('reminder', { connection: redis, prefix: `{${h.prefix}}` });
    dms = new Queue('dm', { connection: redis, prefix: `{${h.prefix}}` });
    await h.command('setup "Group 9" tz=UTC');
    await h.command('unit add "Active Ministry" key=active liaison=<@U0ACT>');
    await h.command('unit add "Old Office" key=old liaison=<@U0OLD>');
    await h.command('unit add "New Desk" key=new liaison=<@U0NEW>');
    await h.command('log interview active met the director');
    // Ten days without contact: past the threshold of 7.
    await h.command(`log interview old ${addDays(today, -10)}`);
  });
  afterAll(async () => {
    await reminders?.close();
    await dms?.close();
    redis?.disconnect();
    await h?.stop();
    await h?.cleanup();
  });

  const posted = (pred: (c: StandInCall) => boolean) =>
    h.slack.delivered('chat.postMessage').filter((c) => c.status === 200 && pred(c));

  it('posts the agenda of the week so far and pings only the liaisons of units quiet past the threshold', async () => {
    const answer = await h.command('remind now');
    expect(allText(answer.json)).toContain('The agenda and the liaison pings are on their way.');
    await eventually(async () => (await reminders.getCompletedCount()) === 1, 10_000);
    // The reminder job queues its DMs before it completes: once they are all done, nothing more comes.
    await eventually(async () => {
      const pending = await dms.getJobCounts('waiting', 'delayed', 'active', 'paused');
      return Object.values(pending).every((n) => n === 0);
    }, 10_000);

    const [agenda, ...more] = posted((c) => c.body.channel === DEFAULT_CHANNEL);
    expect(more).toEqual([]);
    const text = allText(agenda?.body);
    expect(text).toContain('Agenda of the week so far · Group 9');
    expect(text).toContain(`covers the week so far, *${weekStart(today)}* to *${today}*`);
    expect(text).toContain('• *Active Ministry* (1): interview ×1');
    expect(text).toContain('*Old Office*');
    expect(text).not.toContain('weekly meeting');
    // The old unit's liaison only: the new unit was added today, the active one had contact.
    const pinged = posted((c) => c.body.channel !== DEFAULT_CHANNEL);
    expect(pinged.map((c) => c.body.channel)).toEqual(['U0OLD']);
    expect(allText(pinged[0]?.body)).toContain('*Old Office*');
    expect(allText(pinged[0]?.body)).toContain('no contact for 7 days or more');
  });

  it('is still refused a second time within 10 minutes', async () => {
    const again = await h.command('remind now');
    expect(allText(again.json)).toContain('The meeting reminder was asked for a short while ago');
    const pending = await reminders.getJobCounts('waiting', 'delayed', 'active', 'paused');
    expect(Object.values(pending).every((n) => n === 0)).toBe(true);
    expect(await reminders.getCompletedCount()).toBe(1);
  });
});
