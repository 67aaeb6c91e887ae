import { createHmac } from 'node:crypto';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What came of handing one request to the app. */
export type Delivered =
  | { acked: true; payload: Record<string, unknown> | undefined; ms: number }
  | { acked: false; reason: string };

/** How the workspace reaches the app: over Socket Mode or over signed HTTP, as the app is configured. */
export interface AppLink {
  deliver(type: EnvelopeType, payload: Record<string, unknown>): Promise<Delivered>;
}

/** Slack gives an app 3 s to answer a request. */
const ACK_TIMEOUT_MS = 3_000;

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signRequest(secret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The body Slack posts for each kind of request: slash commands as a form, interactions as `payload=`, events as JSON. */
function encode(type: EnvelopeType, payload: Record<string, unknown>): { body: string; contentType: string } {
  if (type === 'events_api') return { body: JSON.stringify(payload), contentType: 'application/json' };
  if (type === 'interactive') {
    return {
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(payload)) if (v !== undefined && v !== null) form.append(k, String(v));
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/**
 * Delivery over HTTP as Slack does it: a POST to the app's request URL, signed with the signing
 * secret; the answer's body is the acknowledgement. No answer within 3 s counts as a timeout.
 */
export class HttpLink implements AppLink {
  constructor(
    private readonly requestUrl: string,
    private readonly signingSecret: string,
    private readonly ackTimeoutMs = ACK_TIMEOUT_MS,
  ) {}

  async deliver(type: EnvelopeType, payload: Record<string, unknown>): Promise<Delivered> {
    const { body, contentType } = encode(type, payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    try {
      const res = await fetch(this.requestUrl, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signRequest(this.signingSecret, body, timestamp),
        },
        body,
        signal: AbortSignal.timeout(this.ackTimeoutMs),
      });
      const text = await res.text();
      if (res.status !== 200) return { acked: false, reason: `http_${res.status}` };
      return { acked: true, payload: parseAck(text), ms: performance.now() - started };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return { acked: false, reason: timedOut ? 'timeout' : 'unreachable' };
    }
  }
}

/** An HTTP acknowledgement's body: JSON as it is, plain text as Slack reads it (the answer's text). */
function parseAck(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { text };
  } catch {
    return { text };
  }
}
