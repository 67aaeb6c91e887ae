import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeliveryContext, deliverOnce } from '../../jobs/deliver';
import { marker } from '../../jobs/find-message';
import { ClaimBusy, RateLimited, SlackRefused } from '../../src/domain/errors';
import { createJobClient } from '../../src/slack/sender';
import { type JobsEnv, openJobsEnv, TEAM } from './support/env';
import { markerOf } from './support/slack-front';

let env: JobsEnv;
let ctx: DeliveryContext;
beforeEach(async () => {
  env = await openJobsEnv();
  ctx = {
    client: env.client,
    logger: pino({ level: 'silent' }),
    leaseMs: 2_000,
  };
});
afterEach(() => env.cleanup());

const message = { text: 'Weekly digest', blocks: [] };
const record = () =>
  env.store.forTeam(TEAM).delivery({ kind: 'digest', groupId: 'C0GROUP', occurrence: '2026-W02' });
const delivery = (channel = 'C0GROUP') => ({ record: record(), channel, build: async () => message });
const posts = () => env.slack.delivered('chat.postMessage');

describe('deliverOnce', () => {
  it('posts once, marked, and records where', async () => {
    expect(await deliverOnce(ctx, delivery())).toBe('sent');
    expect(await deliverOnce(ctx, delivery())).toBe('already_sent');
    expect(posts()).toHaveLength(1);
    expect(markerOf(posts()[0] as never)).toBe(marker(record().id).event_payload.delivery);
    expect(await record().read()).toMatchObject({ state: 'sent', channel: 'C0GROUP' });
  });

  it('five workers at once: one posts, the others are told to wait or that it is done', async () => {
    env.front.hold = (m) => (m === 'chat.postMessage' ? 300 : 0);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => deliverOnce(ctx, delivery())));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ClaimBusy);
    expect(posts()).toHaveLength(1);
  });

  it('after a holder died with the message out, finds it in Slack instead of posting again', async () => {
    await record().claim('dead-worker', 200);
    await env.client.chat.postMessage({
      channel: 'C0GROUP',
      text: 'Weekly digest',
      metadata: marker(record().id),
    });
    await new Promise((r) => setTimeout(r, 250));
    expect(await deliverOnce(ctx, delivery())).toBe('found');
    expect(posts()).toHaveLength(1);
    expect(await record().read()).toMatchObject({ state: 'sent' });
  });

  it('after a holder died before posting, posts once its lease is over', async () => {
    await record().claim('dead-worker', 200);
    await expect(deliverOnce(ctx, delivery())).rejects.toBeInstanceOf(ClaimBusy);
    await new Promise((r) => setTimeout(r, 250));
    expect(await deliverOnce(ctx, delivery())).toBe('sent');
    expect(posts()).toHaveLength(1);
  });

  it('looks for a DM in the IM channel of the user', async () => {
    const dm = env.store
      .forTeam(TEAM)
      .delivery({ kind: 'dm', dedupeKey: 'T1:C0GROUP:liaison:2026-01-12:U0LIA' });
    await dm.claim('dead-worker', 100);
    await env.client.chat.postMessage({ channel: 'U0LIA', text: 'ping', metadata: marker(dm.id) });
    await new Promise((r) => setTimeout(r, 150));
    expect(await deliverOnce(ctx, { record: dm, channel: 'U0LIA', build: async () => message })).toBe(
      'found',
    );
    expect(env.slack.callsTo('conversations.open')).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('a 429 leaves nothing claimed: the next attempt posts', async () => {
    env.slack.setFaults({ rateLimitedRatio: 1, retryAfterSeconds: 2, methods: ['chat.postMessage'] });
    const err = await deliverOnce(ctx, delivery()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(2_000);
    env.slack.setFaults(null);
    expect(await deliverOnce(ctx, delivery())).toBe('sent');
    expect(env.slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('a permanent refusal is recorded and not tried again', async () => {
    const err = await deliverOnce(ctx, delivery('')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackRefused);
    expect(await deliverOnce(ctx, delivery(''))).toBe('failed');
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when Slack will not show the history, sends rather than lose the message', async () => {
    // The stand-in itself has no conversations.history: it answers unknown_method.
    const direct = { ...ctx, client: createJobClient({ token: 'xoxb-test', slackApiUrl: env.slack.url }) };
    await record().claim('dead-worker', 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await deliverOnce(direct, delivery())).toBe('sent');
    expect(posts()).toHaveLength(1);
  });

  it('builds nothing when there is nothing to send, and remembers it', async () => {
    let built = 0;
    const build = async () => {
      built += 1;
      return null;
    };
    const empty = { record: record(), channel: 'C0GROUP', build };
    expect(await deliverOnce(ctx, empty)).toBe('nothing');
    expect(await deliverOnce(ctx, empty)).toBe('already_sent');
    expect(built).toBe(1);
    expect(posts()).toHaveLength(0);
  });
});
