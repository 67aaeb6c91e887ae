import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimited, SlackRefused, SlackUnavailable } from '../../src/domain/errors';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { createJobClient, send } from '../../src/slack/sender';

const slack = new SlackStandIn();

beforeAll(async () => {
  await slack.start();
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const client = () => createJobClient({ token: 'xoxb-test', slackApiUrl: slack.url, timeoutMs: 2_000 });
const post = (c = client()) => send(c, (w) => w.chat.postMessage({ channel: 'C1', text: 'hello' }));

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('send', () => {
  it('posts and returns what Slack answered', async () => {
    const res = await post();
    expect(res.ok).toBe(true);
    expect(slack.delivered('chat.postMessage')).toHaveLength(1);
  });

  it('turns a 429 into RateLimited with the Retry-After, after one call and no sleeping', async () => {
    slack.setFaults({ rateLimitedRatio: 1, retryAfterSeconds: 3 });
    const started = Date.now();
    const err = await failure(post());
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('turns a 500 into SlackUnavailable that may have been delivered, without retrying itself', async () => {
    slack.setFaults({ serverErrorRatio: 1 });
    const err = await failure(post());
    expect(err).toBeInstanceOf(SlackUnavailable);
    expect((err as SlackUnavailable).maybeDelivered).toBe(true);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('turns a permanent ok:false into SlackRefused with the error', async () => {
    const err = await failure(send(client(), (w) => w.chat.postMessage({ channel: '', text: 'x' })));
    expect(err).toBeInstanceOf(SlackRefused);
    expect((err as SlackRefused).error).toBe('channel_not_found');
  });

  it('knows a refused connection sent nothing', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const c = createJobClient({ token: 'xoxb-test', slackApiUrl: `http://127.0.0.1:${port}/api/` });
    const err = await failure(post(c));
    expect(err).toBeInstanceOf(SlackUnavailable);
    expect((err as SlackUnavailable).maybeDelivered).toBe(false);
  });

  it('gives up on a hanging request at the timeout, as maybe delivered', async () => {
    const hanging: Server = createServer(() => {});
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const port = (hanging.address() as AddressInfo).port;
    const c = createJobClient({
      token: 'xoxb-test',
      slackApiUrl: `http://127.0.0.1:${port}/api/`,
      timeoutMs: 200,
    });
    try {
      const err = await failure(post(c));
      expect(err).toBeInstanceOf(SlackUnavailable);
      expect((err as SlackUnavailable).maybeDelivered).toBe(true);
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });
});
