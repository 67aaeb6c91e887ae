import {
  WebAPIHTTPError,
  WebAPIRateLimitedError,
  type WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { webClient } from './web-client';

const standIn = new SlackStandIn();
const client = (opts: WebClientOptions = {}): WebClient => webClient(standIn, opts);
/** Retries immediately, so the tests spend no time waiting. */
const fastRetries = { retries: 30, minTimeout: 0, maxTimeout: 1 };

beforeAll(async () => {
  await standIn.start();
});
afterAll(async () => {
  await standIn.stop();
});
beforeEach(() => {
  standIn.reset();
});

describe('SlackStandIn fault injection', () => {
  it('answers 429 with Retry-After and ratelimited, which WebClient can surface', async () => {
    standIn.setFaults({ rateLimitedRatio: 1, retryAfterSeconds: 7 });
    const err = await client({ rejectRateLimitedCalls: true })
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(7);
    const raw = await fetch(`${standIn.url}chat.postMessage`, {
      method: 'POST',
      body: 'channel=C1&text=x',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('answers HTTP 500 for server errors', async () => {
    standIn.setFaults({ serverErrorRatio: 1 });
    const err = await client({ retryConfig: { retries: 0 } })
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebAPIHTTPError);
    expect((err as WebAPIHTTPError).statusCode).toBe(500);
    expect(standIn.callsTo('chat.postMessage')[0]).toMatchObject({ status: 500, fault: 'server_error' });
  });

  it('with retries, every message is delivered exactly once despite 429s and 500s', async () => {
    standIn.setFaults({ rateLimitedRatio: 0.3, serverErrorRatio: 0.1, retryAfterSeconds: 0, seed: 42 });
    const web = client({ retryConfig: fastRetries });
    const texts = Array.from({ length: 30 }, (_, i) => `digest ${i}`);
    await Promise.all(texts.map((text) => web.chat.postMessage({ channel: 'C1', text })));
    const delivered = standIn.delivered('chat.postMessage').map((c) => c.body.text);
    expect(delivered.sort()).toEqual([...texts].sort());
    const faulted = standIn.callsTo('chat.postMessage').filter((c) => c.fault !== null);
    expect(faulted.some((c) => c.status === 429)).toBe(true);
    expect(faulted.some((c) => c.status === 500)).toBe(true);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(30 + faulted.length);
  });

  it('faults only the listed methods, and the same seed faults the same calls', async () => {
    const web = client({ retryConfig: fastRetries });
    const run = async () => {
      standIn.reset();
      standIn.setFaults({
        rateLimitedRatio: 0.5,
        retryAfterSeconds: 0,
        methods: ['chat.postMessage'],
        seed: 7,
      });
      for (let i = 0; i < 10; i++) {
        await web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
        await web.chat.postMessage({ channel: 'C1', text: `m${i}` });
      }
      return standIn.calls.map((c) => `${c.method}:${c.status}`);
    };
    const first = await run();
    expect(first.filter((s) => s === 'views.publish:200')).toHaveLength(10);
    expect(first.filter((s) => s.startsWith('views.publish:4'))).toHaveLength(0);
    expect(first.filter((s) => s === 'chat.postMessage:429').length).toBeGreaterThan(0);
    expect(await run()).toEqual(first);
  });

  it('turns faults off with null', async () => {
    standIn.setFaults({ rateLimitedRatio: 1 });
    standIn.setFaults(null);
    expect((await client().chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
  });
});
