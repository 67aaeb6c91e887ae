import type { IncomingMessage, RequestListener } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import { readBody, refuse } from './http-body';
import { BODY_LIMIT_BYTES, TIMESTAMP_WINDOW_SECONDS, UNSIGNED_BODY_LIMIT_BYTES } from './http-limits';

/** Where Slack posts commands, interactions and events (Bolt's default endpoint). */
const SLACK_EVENTS_PATH = '/slack/events';

export function isSlackEvents(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url ?? '').split('?')[0] === SLACK_EVENTS_PATH;
}

/**
 * True when `header` is a Unix time in seconds within the window of `nowMs` in either direction.
 * Bolt refuses only old timestamps; one far ahead would let a captured request be replayed later.
 */
function timestampFresh(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= TIMESTAMP_WINDOW_SECONDS;
}

/**
 * `POST /slack/events` in front of Bolt's receiver: a stale or future timestamp is refused (401)
 * before the body is read, the body is read within the limit (413 past it), and the receiver is
 * handed the buffered request (`rawBody`), which it then verifies and dispatches as usual.
 * Requests without signature headers can only be Slack's ssl_check; they get a tiny limit.
 */
export function slackEventsListener(receiver: HTTPReceiver): RequestListener {
  return (req, res) => {
    const timestamp = req.headers['x-slack-request-timestamp'];
    const signed = timestamp !== undefined || req.headers['x-slack-signature'] !== undefined;
    // The signature is checked against the real clock, whatever clock the handlers are given.
    if (signed && !timestampFresh(timestamp, Date.now())) return refuse(req, res, 401);
    void readBody(req, res, signed ? BODY_LIMIT_BYTES : UNSIGNED_BODY_LIMIT_BYTES).then((rawBody) => {
      if (rawBody) receiver.requestListener(Object.assign(req, { rawBody }), res);
    });
  };
}
