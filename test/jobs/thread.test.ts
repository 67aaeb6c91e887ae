import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeliveryContext, deliverOnce } from '../../jobs/deliver';
import { marker } from '../../jobs/find-message';
import type { ThreadPlan } from '../../jobs/thread';
import { ClaimBusy, InvalidIdError, SlackRefused, SlackUnavailable } from '../../src/domain/errors';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { createJobClient } from '../../src/slack/sender';
import { eventually, type JobsEnv, makeGroup, makeUnit, openJobsEnv, seedGroup, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(() => env.cleanup());

const GROUP = 'C0GROUP';
const groupPosts = () =>
  env.slack
    .delivered('chat.postMessage')
    .filter((c) => c.body.channel === GROUP && c.status === 200 && c.fault === null);
const tsOf = (call: StandInCall | undefined) => (call?.response as { ts?: string } | undefined)?.ts;

describe('thread mode through the workers', () => {
  /** Shanghai is UTC+8: Wednesday 2026-11-18 10:00 there (ISO week 47), and a week later. */
  const WEEK_47 = Date.UTC(2026, 10, 18, 2);
  const WEEK_48 = WEEK_47 + 7 * 86_400_000;
  let clock = WEEK_47;
  let asked = 0;

  /** A `/dudao … now` job as the web role adds it; each one its own occurrence. */
  async function now(kind: 'digest' | 'reminder'): Promise<void> {
    asked += 1;
    const data = { trigger: 'now', teamId: TEAM, groupId: GROUP, requestedBy: 'U0LEAD', requestedAt: asked };
    await env.scheduling.queue(kind).add(kind, data, { jobId: `${kind}-${asked}` });
    const count = groupPosts().length;
    await eventually(() => groupPosts().length > count, 8_000, `the ${kind} post`);
  }

  it("starts the week's thread with its first post, replies to it with the later ones, and a new week starts another", async () => {
    await seedGroup(env, makeGroup({ posts: 'thread' }), [makeUnit('moc', [])]);
    await env.startWorkers({}, () => clock);

    await now('digest');
    await now('reminder');
    await now('digest');
    clock = WEEK_48;
    await now('reminder');
    await now('digest');

    const [first, reply, again, nextWeek, nextReply] = groupPosts();
    expect(first?.body.thread_ts).toBeUndefined();
    expect(reply?.body.thread_ts).toBe(tsOf(first));
    // Form-encoded, as the Web API client sends it.
    expect(reply?.body.reply_broadcast).toBe('false');
    expect(again?.body.thread_ts).toBe(tsOf(first));
    // The reminder is the first post of week 48: a new message, which the digest then replies to.
    expect(nextWeek?.body.thread_ts).toBeUndefined();
    expect(nextReply?.body.thread_ts).toBe(tsOf(nextWeek));
    expect(groupPosts()).toHaveLength(5);
  });

  it('a group that posts new messages never replies', async () => {
    await seedGroup(env, makeGroup(), [makeUnit('moc', [])]);
    await env.startWorkers({}, () => clock);
    await now('digest');
    await now('reminder');
    expect(groupPosts().map((c) => c.body.thread_ts)).toEqual([undefined, undefined]);
  });
});

describe('thread mode, post by post', () => {
  const thread = (week = '2026-W47') => env.store.forTeam(TEAM).weekThread(GROUP, week);
  const plan: ThreadPlan = { week: '2026-W47', thread: (week) => thread(week) };
  const record = (occurrence: string) =>
    env.store
      .forTeam(TEAM)
      .delivery({ kind: occurrence.startsWith('d') ? 'digest' : 'reminder', groupId: GROUP, occurrence });
  const message = (text: string) => ({ text, blocks: [] });
  const post = (ctx: DeliveryContext, occurrence: string) =>
    deliverOnce(ctx, {
      record: record(occurrence),
      channel: GROUP,
      thread: plan,
      build: async () => message(occurrence),
    });
  const context = (timeoutMs = 10_000): DeliveryContext => ({
    client: createJobClient({ token: 'xoxb-test', slackApiUrl: env.front.url, timeoutMs }),
    logger: pino({ level: 'silent' }),
    leaseMs: 600,
  });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("the week's first post interrupted after Slack took it: the next post waits, finds it by its marker and replies to it", async () => {
    // Slack takes the first post but its answer is lost: the worker's request times out.
    env.front.hold = (method, raw) => (method === 'chat.postMessage' && raw.includes('text=d-1') ? 1_000 : 0);
    await expect(post(context(200), 'd-1')).rejects.toBeInstanceOf(SlackUnavailable);
    env.front.hold = () => 0;
    await env.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200, 3_000);
    // While the first post's claim is young, the week's next post waits rather than start a thread.
    await expect(post(context(), 'r-1')).rejects.toBeInstanceOf(ClaimBusy);
    await wait(700);
    expect(await post(context(), 'r-1')).toBe('sent');
    const [first, reply] = groupPosts();
    expect(reply?.body.thread_ts).toBe(tsOf(first));
    expect(await thread().rootTs()).toBe(tsOf(first));
    // The first post's retry finds itself instead of posting again.
    await wait(700);
    expect(await post(context(), 'd-1')).toBe('found');
    expect(groupPosts()).toHaveLength(2);
  });

  it('a first-post claim whose holder never posted is taken over: the next post starts the thread', async () => {
    await thread().claim('dead-delivery', 100);
    await wait(150);
    expect(await post(context(), 'r-1')).toBe('sent');
    const [first] = groupPosts();
    expect(first?.body.thread_ts).toBeUndefined();
    expect(await thread().rootTs()).toBe(tsOf(first));
    expect(env.front.lookups.map((l) => l.method)).toEqual(['conversations.history']);
    expect(await post(context(), 'd-1')).toBe('sent');
    expect(groupPosts()[1]?.body.thread_ts).toBe(tsOf(first));
  });

  it('a first post Slack refused for good leaves the thread to the next post, without a wait', async () => {
    env.slack.refuse('chat.postMessage', 'not_in_channel');
    await expect(post(context(), 'd-1')).rejects.toBeInstanceOf(SlackRefused);
    env.slack.refuse('chat.postMessage', null);
    expect(await post(context(), 'r-1')).toBe('sent');
    expect(groupPosts()[0]?.body.thread_ts).toBeUndefined();
  });

  it('a reply whose answer was lost is found among the replies of the thread, not posted twice', async () => {
    expect(await post(context(), 'd-1')).toBe('sent');
    env.front.hold = (method, raw) =>
      method === 'chat.postMessage' && raw.includes('thread_ts') ? 1_000 : 0;
    await expect(post(context(200), 'r-1')).rejects.toBeInstanceOf(SlackUnavailable);
    env.front.hold = () => 0;
    await env.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts !== undefined, 3_000);
    await wait(50);
    expect(await post(context(), 'r-1')).toBe('found');
    const threads = env.front.lookups.filter((l) => l.method === 'conversations.replies');
    expect(threads.map((l) => l.ts)).toEqual([tsOf(groupPosts()[0])]);
    const replies = groupPosts().filter((c) => c.body.thread_ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.metadata).toEqual(marker(record('r-1').id));
  });

  it('every attempt of a delivery keeps the week of its first one', async () => {
    const r = record('d-1');
    await r.claim('someone', 1_000);
    expect(await r.pinWeek('2026-W47')).toBe('2026-W47');
    expect(await r.pinWeek('2026-W48')).toBe('2026-W47');
    // A week goes into a key: anything but `YYYY-Www` is refused before it reaches Redis.
    expect(() => env.store.forTeam(TEAM).weekThread(GROUP, '2026-W47}:x')).toThrow(InvalidIdError);
  });
});
