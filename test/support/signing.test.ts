import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionBody, nowSeconds, postSigned, sign, slashCommandBody } from './signing';

// The example in Slack's "Verifying requests from Slack".
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('sign', () => {
  it('reproduces the signature in Slack’s documentation', () => {
    expect(sign(DOC_SECRET, DOC_BODY, 1531420618)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('slashCommandBody', () => {
  it('carries Slack’s fields in Slack’s order, with overrides', () => {
    const body = slashCommandBody({ text: 'log interview moc n=3', user_id: 'U0ALICE' });
    const params = new URLSearchParams(body);
    expect([...params.keys()]).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
    expect(params.get('command')).toBe('/dudao');
    expect(params.get('text')).toBe('log interview moc n=3');
    expect(params.get('user_id')).toBe('U0ALICE');
    expect(new URLSearchParams(slashCommandBody({ enterprise_id: 'E1' })).get('enterprise_id')).toBe('E1');
  });

  it('gives each command its own trigger_id', () => {
    const a = new URLSearchParams(slashCommandBody()).get('trigger_id');
    expect(a).not.toBe(new URLSearchParams(slashCommandBody()).get('trigger_id'));
  });
});

describe('postSigned', () => {
  const secret = 'a-signing-secret-for-tests';
  let server: Server;
  let url = '';
  const seen: string[] = [];

  beforeAll(async () => {
    // Answers as Bolt does: 401 when its own verifier rejects the request.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        const headers = {
          'x-slack-signature': String(req.headers['x-slack-signature']),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        };
        const ok = isValidSlackRequest({ signingSecret: secret, body, headers });
        seen.push(body);
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(ok ? JSON.stringify({ text: 'ok' }) : '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is accepted by Bolt’s verifier and returns the parsed answer', async () => {
    const res = await postSigned(url, slashCommandBody({ text: 'status' }), { secret });
    expect(res).toEqual({ status: 200, json: { text: 'ok' }, text: '{"text":"ok"}' });
  });

  it('is refused with a wrong secret, a forged signature or a stale timestamp', async () => {
    const body = interactionBody({ type: 'block_actions', actions: [] });
    expect((await postSigned(url, body, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await postSigned(url, body, { secret, signature: 'v0=00' })).status).toBe(401);
    expect((await postSigned(url, body, { secret, timestamp: nowSeconds() - 6 * 60 })).status).toBe(401);
    expect((await postSigned(url, body, { secret })).status).toBe(200);
  });

  it('sends interactions as payload=<JSON>', async () => {
    const payload = { type: 'view_submission', view: { callback_id: 'log_activity' } };
    await postSigned(url, interactionBody(payload), { secret });
    expect(JSON.parse(new URLSearchParams(seen.at(-1)).get('payload') ?? '')).toEqual(payload);
  });
});
