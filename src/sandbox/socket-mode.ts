import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { AppLink, EnvelopeType } from './app-link';
import { isRecord } from './request-body';

export type DeliveryResult =
  | { acked: true; payload: Record<string, unknown> | undefined; ms: number }
  | { acked: false; reason: 'timeout' | 'no_connection' | 'closed' };

export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

export interface SocketModeHubOptions {
  appId: string;
  /** Slack gives an app 3 s to acknowledge an envelope. */
  ackTimeoutMs?: number;
  /** How often the server pings each socket; Slack pings about every 10 s. */
  pingIntervalMs?: number;
  /** URL path the sockets connect to. */
  path?: string;
  /** How long a URL from {@link SocketModeHub.openUrl} stays usable (60 s by default). */
  ticketTtlMs?: number;
}

/** How long a socket told to disconnect may take to close by itself before the server closes it. */
const REFRESH_GRACE_MS = 1000;

interface Pending {
  socket: WebSocket;
  sentAt: number;
  settle(result: DeliveryResult): void;
}

/**
 * The Slack side of Socket Mode: hands out single-use connection URLs (what apps.connections.open
 * answers), greets each socket with `hello`, sends envelopes round robin over an app's sockets and
 * waits for their acks, pings, and recycles or drops connections as Slack does.
 */
export class SocketModeHub implements AppLink {
  private readonly appId: string;
  private readonly ackTimeoutMs: number;
  private readonly pingIntervalMs: number;
  private readonly path: string;
  private readonly ticketTtlMs: number;
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: false });
  /** Ticket → when it expires. */
  private readonly tickets = new Map<string, number>();
  /** Sockets that were sent hello, in connection order. */
  private readonly sockets: WebSocket[] = [];
  private readonly lastPongAt = new Map<WebSocket, number>();
  /** Sockets told to disconnect: they get no new envelopes while they close. */
  private readonly draining = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<() => void>();
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private readonly detachers: Array<() => void> = [];
  private pinger: NodeJS.Timeout | null = null;
  private turn = 0;
  private closed = false;

  constructor(opts: SocketModeHubOptions) {
    if (!opts.appId) throw new Error('SocketModeHub: appId is required');
    this.appId = opts.appId;
    this.ackTimeoutMs = positive('ackTimeoutMs', opts.ackTimeoutMs ?? 3000);
    this.pingIntervalMs = positive('pingIntervalMs', opts.pingIntervalMs ?? 10_000);
    this.ticketTtlMs = positive('ticketTtlMs', opts.ticketTtlMs ?? 60_000);
    this.path = opts.path ?? '/socket';
    if (!this.path.startsWith('/')) {
      throw new Error(`SocketModeHub: path must start with "/" (got "${this.path}")`);
    }
  }

  /** Takes the HTTP upgrade requests for our path; other paths are refused unless another handler is attached. */
  attach(server: Server): void {
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      if (url.pathname !== this.path) {
        if (server.listenerCount('upgrade') === 1) refuse(socket, 400, 'Bad Request');
        return;
      }
      const ticket = url.searchParams.get('ticket') ?? '';
      const expiresAt = this.tickets.get(ticket);
      this.tickets.delete(ticket);
      if (this.closed || expiresAt === undefined || expiresAt < Date.now()) {
        refuse(socket, 401, 'Unauthorized');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    };
    server.on('upgrade', onUpgrade);
    this.detachers.push(() => server.off('upgrade', onUpgrade));
  }

  /** What apps.connections.open answers: a fresh single-use `ws://` URL on `origin` (e.g. `http://127.0.0.1:3000`). */
  openUrl(origin: string): string {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`SocketModeHub.openUrl: origin must be http(s) (got "${origin}")`);
    }
    const now = Date.now();
    for (const [ticket, expiresAt] of this.tickets) if (expiresAt < now) this.tickets.delete(ticket);
    const ticket = randomBytes(16).toString('hex');
    this.tickets.set(ticket, now + this.ticketTtlMs);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = this.path;
    url.search = new URLSearchParams({ ticket, app_id: this.appId }).toString();
    return url.toString();
  }

  /**
   * Sends one envelope to one socket and waits for its ack. Never rejects. With no socket open it
   * waits up to ackTimeoutMs for one (a reconnect in progress keeps the envelope); an envelope whose
   * socket closes before the ack is not resent, as Slack does not resend slash commands.
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    extra: { retry_attempt?: number; retry_reason?: string } = {},
  ): Promise<DeliveryResult> {
    let socket = this.pick();
    // No socket now may mean a reconnect in progress: give it the ack window to come back.
    if (!socket && (await this.waitUntil(() => this.connections > 0, this.ackTimeoutMs))) {
      socket = this.pick();
    }
    if (!socket) return { acked: false, reason: 'no_connection' };
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      // Only slash commands and interactions can be answered in the ack itself.
      accepts_response_payload: type !== 'events_api',
      retry_attempt: extra.retry_attempt ?? 0,
      retry_reason: extra.retry_reason ?? '',
    };
    return new Promise<DeliveryResult>((resolve) => {
      const settle = (result: DeliveryResult) => {
        if (!this.pending.delete(envelopeId)) return;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => settle({ acked: false, reason: 'timeout' }), this.ackTimeoutMs);
      this.pending.set(envelopeId, { socket, sentAt: Date.now(), settle });
      socket.send(JSON.stringify(envelope), (err) => {
        if (err) settle({ acked: false, reason: 'closed' });
      });
    });
  }

  /** Open sockets that were sent hello and are not being recycled. */
  get connections(): number {
    return this.live().length;
  }

  /** Resolves once at least `n` sockets are open; rejects after `timeoutMs`. */
  async waitForConnections(n = 1, timeoutMs = 5000): Promise<void> {
    if (await this.waitUntil(() => this.connections >= n, timeoutMs)) return;
    throw new Error(`waitForConnections: ${this.connections}/${n} sockets open after ${timeoutMs} ms`);
  }

  /** Recycles every socket as Slack does: `disconnect`, then a close if the client has not closed within ~1 s. */
  refreshAll(reason: DisconnectReason = 'refresh_requested'): void {
    const targets = this.live();
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'sandbox' } });
    for (const ws of targets) {
      this.draining.add(ws);
      ws.send(message);
    }
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      for (const ws of targets) if (ws.readyState === WebSocket.OPEN) ws.close(1001, reason);
    }, REFRESH_GRACE_MS);
    timer.unref();
    this.graceTimers.add(timer);
  }

  /** Drops every socket without a close frame, as a network failure would. */
  dropAll(): void {
    for (const ws of [...this.sockets]) ws.terminate();
  }

  /** Closes every socket, settles what is pending as `closed`, stops the timers and detaches from servers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pinger) clearInterval(this.pinger);
    for (const timer of this.graceTimers) clearTimeout(timer);
    this.graceTimers.clear();
    for (const detach of this.detachers.splice(0)) detach();
    this.tickets.clear();
    for (const wake of [...this.waiters]) wake();
    for (const p of [...this.pending.values()]) p.settle({ acked: false, reason: 'closed' });
    const closing = this.sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    this.dropAll();
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    if (this.closed) {
      ws.terminate();
      return;
    }
    this.sockets.push(ws);
    this.lastPongAt.set(ws, Date.now());
    ws.on('pong', () => this.lastPongAt.set(ws, Date.now()));
    ws.on('message', (data, isBinary) => this.receive(ws, data, isBinary));
    // 'close' follows every 'error'; the listener keeps a socket error from being thrown.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.forget(ws));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections,
        debug_info: { host: 'sandbox', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.startPinging();
    for (const wake of [...this.waiters]) wake();
  }

  private receive(ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.envelope_id !== 'string') return;
    const pending = this.pending.get(message.envelope_id);
    // An ack only counts on the socket that carried the envelope; a late one finds nothing pending.
    if (!pending || pending.socket !== ws) return;
    const payload = isRecord(message.payload) ? message.payload : undefined;
    pending.settle({ acked: true, payload, ms: Date.now() - pending.sentAt });
  }

  private forget(ws: WebSocket): void {
    const i = this.sockets.indexOf(ws);
    if (i >= 0) this.sockets.splice(i, 1);
    this.lastPongAt.delete(ws);
    this.draining.delete(ws);
    for (const p of [...this.pending.values()]) {
      if (p.socket === ws) p.settle({ acked: false, reason: 'closed' });
    }
  }

  private live(): WebSocket[] {
    return this.sockets.filter((ws) => ws.readyState === WebSocket.OPEN && !this.draining.has(ws));
  }

  /** Round robin over the live sockets, as Slack spreads envelopes over an app's connections. */
  private pick(): WebSocket | undefined {
    const live = this.live();
    if (live.length === 0) return undefined;
    const ws = live[this.turn % live.length];
    this.turn += 1;
    return ws;
  }

  /** Resolves true once `ready()` holds (checked whenever a socket is greeted), false on timeout or close. */
  private waitUntil(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(ok);
      };
      const wake = () => {
        if (this.closed) done(false);
        else if (ready()) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }

  private startPinging(): void {
    if (this.pinger) return;
    this.pinger = setInterval(() => {
      const now = Date.now();
      for (const ws of [...this.sockets]) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        if (now - (this.lastPongAt.get(ws) ?? now) > 2 * this.pingIntervalMs) ws.terminate();
        else ws.ping();
      }
    }, this.pingIntervalMs);
    this.pinger.unref();
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`SocketModeHub: ${name} must be a positive number of ms (got ${value})`);
  }
  return value;
}

/** Answers an upgrade request with a plain HTTP error instead of switching protocols. */
function refuse(socket: Duplex, status: number, text: string): void {
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
