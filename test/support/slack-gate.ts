import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A gate in front of the Slack stand-in's Web API, for tests that need Slack to be slow or to say
 * no at a moment they choose: it forwards every call (so the stand-in still records and answers
 * it) but can hold the calls of a method until released, or answer them `{ok:false, error}` as
 * Slack refuses a call for good. Start it, give its `url` as SLACK_API_URL, then `forwardTo` the
 * stand-in's URL once that is known; calls that arrive before wait for it.
 */
export class SlackGate {
  private server: Server | null = null;
  private base = '';
  private target: Promise<string>;
  private setTarget: (url: string) => void = () => {};
  private readonly held = new Map<string, Promise<void>>();
  private readonly refusals = new Map<string, string>();
  /** The methods of the calls that reached the gate, in order, held or not. */
  private readonly seen: string[] = [];
  /** The calls answered with a refusal, by method. */
  readonly refused: string[] = [];

  constructor() {
    this.target = new Promise((resolve) => {
      this.setTarget = resolve;
    });
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(502).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** What SLACK_API_URL gets. */
  get url(): string {
    return `${this.base}/api/`;
  }

  /** The stand-in's Web API URL (`SlackStandIn.url`). */
  forwardTo(url: string): void {
    this.setTarget(url);
  }

  /** Holds calls of `method` until the returned function is called. */
  hold(method: string): () => void {
    let release: () => void = () => {};
    this.held.set(
      method,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.held.delete(method);
      release();
    };
  }

  /** Answers calls of `method` with `{ok:false, error}` (HTTP 200, as Slack does); null forwards them again. */
  refuse(method: string, error: string | null): void {
    if (error) this.refusals.set(method, error);
    else this.refusals.delete(method);
  }

  /** Resolves once a call of `method` has reached the gate (held or not). */
  async arrived(method: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.seen.includes(method)) {
      if (Date.now() > deadline) throw new Error(`no ${method} call reached the gate in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = new URL(req.url ?? '/', this.base).pathname.replace(/^\/api\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.seen.push(method);
    await this.held.get(method);
    const refusal = this.refusals.get(method);
    if (refusal) {
      this.refused.push(method);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: refusal }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': String(req.headers['content-type'] ?? '') };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const answer = await fetch(`${await this.target}${method}`, {
      method: 'POST',
      headers,
      body: Buffer.concat(chunks),
    });
    const out: Record<string, string> = {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) out['retry-after'] = retryAfter;
    if (!res.destroyed) res.writeHead(answer.status, out).end(await answer.text());
  }
}
