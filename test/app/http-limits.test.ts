import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app/http-limits';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness } from '../support/harness';
import { nowSeconds, postSigned, slashCommandBody } from '../support/signing';
import { rawExchange, slackHead } from './raw-http';

const PASSWORD = 'correct horse battery';
const MB = 1024 * 1024;

describe('the Slack-facing port under unsigned load', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  /** A signed slash command padded with an extra field to exactly `size` bytes. */
  const paddedCommand = (size: number) => {
    const body = `${slashCommandBody({
      team_id: h.slack.identity.teamId,
      channel_id: DEFAULT_CHANNEL,
      user_id: DEFAULT_USER,
      text: 'help',
    })}&pad=`;
    return body + 'x'.repeat(size - body.length);
  };

  it('refuses a body declared over 256 KB with 413 and closes, without the body being sent', async () => {
    const ex = rawExchange(
      h.app.port,
      slackHead({ secret: h.secret, body: '', timestamp: nowSeconds(), length: 4 * MB }),
    );
    expect(await ex.status).toBe(413);
    await ex.closed;
    // One byte over is refused too; the limit itself is taken.
    const over = rawExchange(
      h.app.port,
      slackHead({ secret: h.secret, body: '', timestamp: nowSeconds(), length: BODY_LIMIT_BYTES + 1 }),
    );
    expect(await over.status).toBe(413);
    await over.closed;
    const atLimit = paddedCommand(BODY_LIMIT_BYTES);
    const res = await postSigned(`${h.app.url}/slack/events`, atLimit, { secret: h.secret });
    expect(res.status).toBe(200);
    expect(res.text).toContain('/dudao');
  });

  it('cuts off a chunked body that grows past 256 KB with 413 and closes', async () => {
    const ex = rawExchange(
      h.app.port,
      slackHead({ secret: h.secret, body: 'x', timestamp: nowSeconds(), chunked: true }),
    );
    const chunk = Buffer.alloc(32 * 1024, 'a');
    let sent = 0;
    // Up to 4 MB, one chunk at a time, until the server answers.
    while (sent < 4 * MB && !ex.isClosed()) {
      ex.write(`${chunk.length.toString(16)}\r\n`);
      ex.write(chunk);
      ex.write('\r\n');
      sent += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
      if ((await Promise.race([ex.status, Promise.resolve('pending')])) !== 'pending') break;
    }
    expect(await ex.status).toBe(413);
    await ex.closed;
    expect(sent).toBeLessThan(4 * MB);
  });

  it('drops requests that take over 10 s to arrive, stays small under 50 of them, and keeps answering', async () => {
    const rssBefore = process.memoryUsage().rss;
    const declared = 200 * 1024;
    const slow = Array.from({ length: 50 }, () => {
      const ex = rawExchange(
        h.app.port,
        slackHead({ secret: h.secret, body: 'x', timestamp: nowSeconds(), length: declared }),
      );
      // All but the last kilobyte at once, then a byte every second: it never completes.
      ex.write(Buffer.alloc(declared - 1024, 'a'));
      return ex;
    });
    const drip = setInterval(() => {
      for (const ex of slow) ex.write('a');
    }, 1_000);
    try {
      const help = await h.command('help');
      expect(help.status).toBe(200);
      expect(JSON.stringify(help.json)).toContain('/dudao');
      expect(slow.filter((ex) => ex.isClosed())).toHaveLength(0);
      // Node answers 408 to each once the request timeout is over, and closes it.
      const statuses = await Promise.all(slow.map((ex) => ex.status));
      await Promise.all(slow.map((ex) => ex.closed));
      expect(new Set(statuses)).toEqual(new Set([408]));
      const grownMb = (process.memoryUsage().rss - rssBefore) / MB;
      expect(grownMb).toBeLessThan(64);
      expect((await h.command('help')).status).toBe(200);
    } finally {
      clearInterval(drip);
      for (const ex of slow) ex.socket.destroy();
    }
  }, 40_000);

  it('keeps the same limits on OPS_PORT', async () => {
    const ex = rawExchange(
      h.app.opsPort,
      `POST /admin/queues/api/queues/dm/add HTTP/1.1\r\nHost: x\r\nContent-Length: ${4 * MB}\r\n\r\n`,
    );
    expect(await ex.status).toBe(413);
    await ex.closed;
  });
});

describe('request timestamps', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('refuses a correctly signed request stamped more than 5 minutes away, either way, before reading its body', async () => {
    // A fresh trigger each time, so that no request is taken for a retry of another.
    const body = () =>
      slashCommandBody({
        team_id: h.slack.identity.teamId,
        channel_id: DEFAULT_CHANNEL,
        user_id: DEFAULT_USER,
        text: 'help',
      });
    const events = `${h.app.url}/slack/events`;
    const yearAhead = nowSeconds() + 365 * 24 * 3600;
    for (const timestamp of [yearAhead, nowSeconds() - 6 * 60, nowSeconds() + 6 * 60]) {
      expect((await postSigned(events, body(), { secret: h.secret, timestamp })).status).toBe(401);
    }
    // Answered from the headers alone: the body is never sent.
    const unread = rawExchange(
      h.app.port,
      slackHead({ secret: h.secret, body: body(), timestamp: yearAhead }),
    );
    expect(await unread.status).toBe(401);
    await unread.closed;
    // Within the window, either way, it is answered.
    for (const timestamp of [nowSeconds(), nowSeconds() - 4 * 60, nowSeconds() + 4 * 60]) {
      const res = await postSigned(events, body(), { secret: h.secret, timestamp });
      expect(res.status).toBe(200);
      expect(res.text).toContain('/dudao');
    }
  });
});
