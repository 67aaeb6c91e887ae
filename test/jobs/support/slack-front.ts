import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackStandIn, StandInCall } from '../../../src/sandbox/slack-stand-in';

/**
 * A front for the SlackStandIn used by the delivery tests. It forwards every Web API call to the
 * stand-in (so calls are recorded and faults injected there) and adds what those tests need:
 * `conversations.history` (the top level) and `conversations.replies` (a thread) with message
 * metadata, answered from the messages the stand-in delivered, and a way to hold a response after
 * the stand-in has taken the message, as when a worker dies between Slack posting and the worker
 * hearing back.
 */
export class SlackFront {
  private server: Server | null = null;
  private base = '';
  /** Milliseconds to hold the response of a call after the stand-in took it (0: none); `raw` is the request body. */
  hold: (method: string, raw: string) => number = () => 0;
  /** Seconds of a 429 to answer instead of forwarding (0: forward), as Slack limits one channel. */
  rateLimit: (method: string, raw: string) => number = () => 0;
  /** The history and thread look-ups this front answered itself (the stand-in never sees them). */
  readonly lookups: { method: string; channel: string; ts: string | null }[] = [];

  constructor(private readonly slack: SlackStandIn) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(502).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  get url(): string {
    return `${this.base}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** Delivered chat.postMessage calls grouped by their delivery marker. */
  deliveriesByMarker(): Map<string, StandInCall[]> {
    const out = new Map<string, StandInCall[]>();
    for (const call of this.slack.delivered('chat.postMessage')) {
      const id = markerOf(call) ?? 'unmarked';
      out.set(id, [...(out.get(id) ?? []), call]);
    }
    return out;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = new URL(req.url ?? '/', this.base).pathname.replace(/^\/api\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (method === 'conversations.history') return this.history(raw, res);
    if (method === 'conversations.replies') return this.replies(raw, res);
    const limited = this.rateLimit(method, raw.toString('utf8'));
    if (limited > 0) {
      res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': String(req.headers['content-type'] ?? '') };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const answer = await fetch(`${this.slack.url}${method}`, { method: 'POST', headers, body: raw });
    const text = await answer.text();
    const wait = this.hold(method, raw.toString('utf8'));
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const out: Record<string, string> = {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) out['retry-after'] = retryAfter;
    if (!res.destroyed) res.writeHead(answer.status, out).end(text);
  }

  /**
   * Newest first, as Slack answers, and only the top level: a reply in a thread is listed by
   * conversations.replies alone. A DM channel (`D…`) also finds messages posted to its user.
   */
  private history(raw: Buffer, res: ServerResponse): void {
    const args = new URLSearchParams(raw.toString('utf8'));
    this.lookups.push({ method: 'conversations.history', channel: args.get('channel') ?? '', ts: null });
    const messages = this.posted(args)
      .filter((m) => !m.thread_ts)
      .reverse();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, messages, has_more: false }));
  }

  /** The thread `ts`, oldest first: its replies (the parent is left out; nothing looks for it here). */
  private replies(raw: Buffer, res: ServerResponse): void {
    const args = new URLSearchParams(raw.toString('utf8'));
    const ts = args.get('ts') ?? '';
    this.lookups.push({ method: 'conversations.replies', channel: args.get('channel') ?? '', ts });
    const messages = this.posted(args).filter((m) => m.thread_ts === ts);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, messages, has_more: false }));
  }

  /** The messages the stand-in took for the call's `channel`, since its `oldest`, oldest first. */
  private posted(args: URLSearchParams): { ts: string; thread_ts?: string; metadata: unknown }[] {
    const channel = args.get('channel') ?? '';
    const oldest = Number(args.get('oldest') ?? 0);
    const names = new Set([channel]);
    for (const open of this.slack.delivered('conversations.open')) {
      const id = (open.response as { channel?: { id?: string } }).channel?.id;
      if (id === channel) names.add(String(open.body.users));
    }
    return this.slack
      .delivered('chat.postMessage')
      .filter((c) => names.has(String(c.body.channel)))
      .map((c) => ({
        ...(c.response as { message: { ts: string; thread_ts?: string } }).message,
        metadata: c.body.metadata,
      }))
      .filter((m) => Number(m.ts) >= oldest);
  }
}

/** The delivery id in a posted message's metadata, if any. */
export function markerOf(call: StandInCall): string | null {
  const meta = call.body.metadata as { event_payload?: { delivery?: unknown } } | undefined;
  return typeof meta?.event_payload?.delivery === 'string' ? meta.event_payload.delivery : null;
}
