import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppLink, Delivered } from './app-link';
import { type Fault, type FaultOptions, FaultPlan } from './faults';
import { Installs, type IssuedToken, type TeamOptions } from './installs';
import { AUTHORIZE_PATH, type OAuthOptions, OAuthServer } from './oauth';
import { type EventInstall, eventCallback } from './payloads';
import { type MessageShortcut, People, RESPONSE_URL_USES } from './people';
import {
  BODY_LIMIT_BYTES,
  BodyTooLargeError,
  isRecord,
  parseApiBody,
  readRaw,
  UPLOAD_LIMIT_BYTES,
  uploadedBytes,
} from './request-body';
import { METHODS } from './slack-methods';
import { type ResponseTarget, type SandboxIdentity, type SandboxUser, Workspace } from './workspace';

/** One request the stand-in received. Uploads are recorded as `upload`, response_url posts as `response_url`. */
export interface StandInCall {
  method: string;
  /** The arguments, with JSON fields (`blocks`, `view`, `files`…) parsed; the token is in `token`. */
  body: Record<string, unknown>;
  at: number;
  status: number;
  /** What the stand-in answered. */
  response: unknown;
  /** Set when fault injection (or a refusal set with `refuse`) answered this call instead of the method. */
  fault: Fault['kind'] | 'refused' | null;
  token: string | null;
  /**
   * The team the token belongs to (the enterprise id for an org-wide install's); for
   * oauth.v2.access, the installation the tokens it answered are for. Null without a known token.
   */
  team: string | null;
  /** For `response_url` calls: the id in the URL. */
  responseId?: string;
}

/** What a call is recorded with before it is answered. */
type CallRecord = Pick<StandInCall, 'method' | 'body' | 'token' | 'responseId'> & { team?: string | null };

/** Extra HTTP routes served on the same port (the local page); answers false when the path is not theirs. */
export type ExtraRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
) => Promise<boolean>;

export interface SlackStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /**
   * When set, only this token (and the tokens OAuth issued) is accepted; otherwise any
   * `xoxb-`/`xoxp-` token is, until OAuth is enabled. It speaks for the workspace's own team.
   */
  token?: string;
  /** OAuth enabled from the start, and again after every `reset` (see `enableOAuth`). */
  oauth?: OAuthOptions;
  /** Workspaces the app can be installed in, kept across `reset` (see `addTeam`). */
  teams?: readonly TeamOptions[];
  /** The app-level token apps.connections.open takes (Socket Mode). */
  appToken?: string;
  identity?: Partial<SandboxIdentity>;
  /** The slash commands the app declares; default `/dudao`. */
  commands?: readonly string[];
  /** The events the app subscribes to; default none. */
  events?: readonly string[];
  /** The message shortcuts the app declares; default none. */
  shortcuts?: readonly MessageShortcut[];
  /** The manifest's `messages_tab_read_only_enabled`. */
  readOnlyMessagesTab?: boolean;
  extraRoutes?: ExtraRoutes;
  /** Options for node:http's createServer (local mode gives the bot's timeouts). */
  serverOptions?: ServerOptions;
  /** Called once the server listens, to attach WebSocket handlers (Socket Mode). */
  onListen?: (server: Server) => void;
  /** Answers apps.connections.open with a WebSocket URL for this origin, or null when Socket Mode is off. */
  socketUrl?: (origin: string) => string | null;
}

/**
 * A local stand-in for the Slack Web API: answers the methods the bot uses as Slack does
 * (HTTP 200 with `{ok:true,…}` or `{ok:false,error}`), takes file uploads and response_url posts,
 * records every call, and can answer a seeded fraction of calls with 429 or 500, or not at all.
 */
export class SlackStandIn {
  readonly calls: StandInCall[] = [];
  readonly identity: SandboxIdentity;
  private state: Workspace;
  private actors: People;
  private installs: Installs;
  private oauth: OAuthServer;
  /** How the workspace reaches the app (Socket Mode or signed HTTP); set by whoever starts the app. */
  link: AppLink | null = null;
  private faults: FaultPlan | null = null;
  /** Methods answered `{ok: false, error}` for good (see `refuse`). */
  private readonly refusals = new Map<string, string>();
  /** Methods whose calls wait before they are answered (see `hold`). */
  private readonly holds = new Map<string, { released: Promise<void>; arrive(): void; release(): void }>();
  private server: Server | null = null;
  private base = '';

  constructor(private readonly opts: SlackStandInOptions = {}) {
    this.identity = {
      teamId: 'T0SANDBOX',
      teamName: 'Sandbox',
      botUserId: 'U0DUDAOBOT',
      botId: 'B0DUDAOBOT',
      appId: 'A0DUDAO',
      ...opts.identity,
    };
    this.state = new Workspace(this.identity);
    this.installs = this.makeInstalls();
    this.oauth = this.makeOAuth();
    this.actors = this.makePeople();
  }

  private makeInstalls(): Installs {
    const installs = new Installs(this.identity, this.opts.token, (id) =>
      this.state.addUser({ id, name: 'dudao', real_name: 'dudao', tz: 'UTC', is_bot: true }),
    );
    for (const team of this.opts.teams ?? []) installs.addTeam(team);
    return installs;
  }

  private makeOAuth(): OAuthServer {
    const oauth = new OAuthServer(this.installs, this.identity.appId);
    if (this.opts.oauth) oauth.enable(this.opts.oauth);
    return oauth;
  }

  private makePeople(): People {
    return new People({
      ws: this.state,
      link: () => this.link,
      origin: () => this.base,
      commands: this.opts.commands ?? ['/dudao'],
      events: this.opts.events ?? [],
      shortcuts: this.shortcuts,
      readOnlyMessagesTab: this.opts.readOnlyMessagesTab ?? false,
      teamOf: (choice) => this.installs.payloadTeam(choice),
    });
  }

  /** The message shortcuts the app declares: what a message's "More actions" menu lists. */
  get shortcuts(): readonly MessageShortcut[] {
    return this.opts.shortcuts ?? [];
  }

  /** The workspace's state: people, channels, messages, views. */
  get workspace(): Workspace {
    return this.state;
  }

  /** What people do in the workspace (commands, buttons, forms), delivered to the app. */
  get people(): People {
    return this.actors;
  }

  /** `http://HOST:PORT`, what the page and the downloads are served on. */
  get origin(): string {
    if (!this.base) throw new Error('SlackStandIn is not started');
    return this.base;
  }

  /** Listens on 127.0.0.1 and resolves with {@link url}. */
  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = createServer(this.opts.serverOptions ?? {}, (req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { ok: false, error: 'internal_error', detail: String(err) });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', resolve);
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.opts.onListen?.(server);
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** What SLACK_API_URL (or WebClient's slackApiUrl) gets: `http://127.0.0.1:PORT/api/`. */
  get url(): string {
    if (!this.base) throw new Error('SlackStandIn is not started');
    return `${this.base}/api/`;
  }

  /** A response_url served by the stand-in; posts to it are recorded as `response_url`. */
  responseUrl(id: string = randomBytes(6).toString('hex')): string {
    if (!this.base) throw new Error('SlackStandIn is not started');
    return `${this.base}/response/${id}`;
  }

  callsTo(method: string): StandInCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls of the method that were answered `ok: true`: what Slack actually delivered. */
  delivered(method: string): StandInCall[] {
    return this.calls.filter(
      (c) => c.method === method && c.status === 200 && isRecord(c.response) && c.response.ok === true,
    );
  }

  /**
   * Resolves with the matching calls once at least `minCount` have arrived; rejects after
   * `timeoutMs` naming what did arrive. A string matches calls to that method.
   */
  async waitFor(
    predicate: string | ((call: StandInCall) => boolean),
    timeoutMs = 3000,
    minCount = 1,
  ): Promise<StandInCall[]> {
    const match = typeof predicate === 'string' ? (c: StandInCall) => c.method === predicate : predicate;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter(match);
      if (found.length >= minCount) return found;
      if (Date.now() >= deadline) {
        const seen = this.calls.map((c) => `${c.method}:${c.status}`).join(', ') || 'no calls';
        throw new Error(
          `waitFor: ${found.length}/${minCount} matching calls after ${timeoutMs} ms (saw ${seen})`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Forgets calls, messages, views, uploads, faults and OAuth (its settings, teams, codes and
   * tokens, except those given as options); keeps listening on the same port.
   */
  reset(): void {
    this.calls.length = 0;
    this.state = new Workspace(this.identity);
    this.installs = this.makeInstalls();
    this.oauth = this.makeOAuth();
    this.actors = this.makePeople();
    this.faults = null;
    this.refusals.clear();
    for (const method of [...this.holds.keys()]) this.release(method);
  }

  /** The bytes uploaded for a file id, as UTF-8 text; undefined if none arrived. */
  uploadedFile(fileId: string): string | undefined {
    return this.state.uploads.get(fileId)?.bytes?.toString('utf8');
  }

  /**
   * Answers a seeded fraction of calls with 429 + Retry-After or 500, or leaves them unanswered (a
   * timeout); null turns faults off.
   */
  setFaults(opts: FaultOptions | null): void {
    this.faults = opts ? new FaultPlan(opts) : null;
  }

  /**
   * Answers every call of `method` with `{ok: false, error}` (HTTP 200), as Slack refuses a call for
   * good (`channel_not_found`, `not_in_channel`…); null answers it normally again.
   */
  refuse(method: string, error: string | null): void {
    if (error) this.refusals.set(method, error);
    else this.refusals.delete(method);
  }

  /**
   * Makes calls of `method` wait before they are answered, as a slow Slack would, until `release`.
   * `arrived` resolves once the first of them is waiting.
   */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let arrive: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, { released, arrive, release });
    return { arrived, release: () => this.release(method) };
  }

  private release(method: string): void {
    this.holds.get(method)?.release();
    this.holds.delete(method);
  }

  /**
   * Makes the workspace Slack's side of OAuth for a distributable app: the consent page at
   * {@link authorizeUrl} and `oauth.v2.access` issue per-team tokens, and from now on only those
   * (and the `token` option) are accepted.
   */
  enableOAuth(opts: OAuthOptions): void {
    this.oauth.enable(opts);
  }

  /** A workspace the app can be installed in; the workspace's own team is one already. */
  addTeam(team: TeamOptions): void {
    this.installs.addTeam(team);
  }

  /**
   * The consent page, standing in for slack.com/oauth/v2/authorize: GET with client_id, scope,
   * state, redirect_uri and user_scope as Slack takes them, plus `team=` (the workspace installed
   * in; default the first added), `org=1` (org-wide, in that team's organization), `user=` (who
   * installs) and `deny=1` (Cancel). It redirects with `code` and `state`, or `error=access_denied`.
   */
  get authorizeUrl(): string {
    return `${this.origin}${AUTHORIZE_PATH}`;
  }

  /** What the workspace knows of a token it issued: its team, bot user, expiry, revocation. */
  tokenInfo(token: string): IssuedToken | undefined {
    return this.installs.tokenInfo(token);
  }

  /**
   * Revokes every token of a team's installation (an enterprise id: of the org-wide one); calls
   * with them answer `token_revoked`. Answers how many access tokens were revoked.
   */
  revokeTokens(teamOrEnterpriseId: string): number {
    return this.installs.revoke(teamOrEnterpriseId);
  }

  /** The app uninstalled from a team (or an organization): its tokens revoked, then `app_uninstalled`. */
  async uninstall(teamOrEnterpriseId: string, opts: { eventTime?: number } = {}): Promise<Delivered> {
    const install = this.installs.eventInstall(teamOrEnterpriseId);
    this.installs.revoke(teamOrEnterpriseId);
    return this.deliverEvent(install, { type: 'app_uninstalled' }, opts.eventTime);
  }

  /**
   * `tokens_revoked` for a team (or an organization): the bot users' tokens (`bot`) and the
   * people's (`oauth`) are revoked, then the app hears of it.
   */
  async tokensRevoked(
    teamOrEnterpriseId: string,
    tokens: { oauth?: string[]; bot?: string[] },
    opts: { eventTime?: number } = {},
  ): Promise<Delivered> {
    const install = this.installs.eventInstall(teamOrEnterpriseId);
    const oauth = tokens.oauth ?? [];
    const bot = tokens.bot ?? [];
    this.installs.revoke(teamOrEnterpriseId, (t) =>
      t.kind === 'bot' ? bot.includes(t.botUserId) : t.userId !== null && oauth.includes(t.userId),
    );
    return this.deliverEvent(install, { type: 'tokens_revoked', tokens: { oauth, bot } }, opts.eventTime);
  }

  /** An app event (not one a person causes) for an installation, delivered over the link. */
  private async deliverEvent(
    install: EventInstall,
    event: Record<string, unknown>,
    eventTime = Math.floor(this.installs.now() / 1000),
  ): Promise<Delivered> {
    const link = this.link;
    if (!link) return { acked: false, reason: 'dispatch_failed' };
    const eventId = `Ev${this.state.nextId('E')}`;
    return link.deliver(
      'events_api',
      eventCallback({ ws: this.state }, { install, teamId: install.teamId, eventId, eventTime, event }),
    );
  }

  /** Defines what users.info answers for this user (others get a made-up profile). */
  setUser(user: Partial<SandboxUser> & { id: string }): void {
    this.state.addUser({
      name: user.id.toLowerCase(),
      real_name: user.id,
      tz: 'UTC',
      is_bot: false,
      ...user,
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const [, kind, name] = url.pathname.split('/');
    let raw: Buffer;
    try {
      raw = await readRaw(req, kind === 'upload' ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      // The rest of the body is never read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      return send(res, 413, { ok: false, error: 'request_too_large' });
    }
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'GET' && url.pathname === AUTHORIZE_PATH) return this.consent(url, res);
    if (kind === 'api' && name) return this.apiCall(name, url, raw, contentType, req, res);
    if (req.method === 'POST' && kind === 'upload' && name) return this.upload(name, raw, contentType, res);
    if (req.method === 'POST' && kind === 'response' && name)
      return this.response(name, raw, contentType, res);
    if (req.method === 'GET' && kind === 'files' && name) return this.download(name, res);
    if (this.opts.extraRoutes && (await this.opts.extraRoutes(req, res, url, raw))) return;
    send(res, 404, { ok: false, error: 'not_found' });
  }

  private async apiCall(
    method: string,
    url: URL,
    raw: Buffer,
    contentType: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = { ...Object.fromEntries(url.searchParams), ...(await parseApiBody(raw, contentType)) };
    } catch {
      return this.answer(res, { method, body: {}, token: null }, 200, { ok: false, error: 'invalid_json' });
    }
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
    const { token: bodyToken, ...args } = body;
    // Slack takes a token in the body only in form-encoded requests; JSON needs the header.
    const isJson = contentType.toLowerCase().startsWith('application/json');
    const token = bearer ?? (!isJson && typeof bodyToken === 'string' ? bodyToken : null);
    const call = { method, body: args, token };
    if (method === 'apps.connections.open') return this.connectionsOpen(res, call);
    // The one method called with no token: the client's id and secret stand for it.
    if (method === 'oauth.v2.access')
      return this.serve(res, call, () => this.oauth.access(args, req.headers.authorization));
    const handler = METHODS[method];
    if (!handler) return this.answer(res, call, 200, { ok: false, error: 'unknown_method' });
    if (!token) return this.answer(res, call, 200, { ok: false, error: 'not_authed' });
    const auth = this.installs.authenticate(token);
    if (!auth.ok)
      return this.answer(res, { ...call, team: auth.team }, 200, { ok: false, error: auth.error });
    return this.serve(res, { ...call, team: auth.team }, () => ({
      result: handler(args, this.state, this.base, auth.caller),
      team: auth.team,
    }));
  }

  /** Answers a call once it is released (see `hold`), unless it is refused for good or faulted. */
  private async serve(
    res: ServerResponse,
    call: CallRecord,
    run: () => { result: unknown; team: string | null },
  ): Promise<void> {
    const held = this.holds.get(call.method);
    if (held) {
      held.arrive();
      await held.released;
    }
    const refusal = this.refusals.get(call.method);
    if (refusal) return this.answer(res, call, 200, { ok: false, error: refusal }, undefined, 'refused');
    if (this.injectFault(res, call, run)) return;
    const { result, team } = run();
    this.answer(res, { ...call, team }, 200, result);
  }

  /** The consent page's answer: a redirect back to the app, or a page saying what is wrong. */
  private consent(url: URL, res: ServerResponse): void {
    const answer = this.oauth.authorize(url.searchParams);
    const call = { method: 'oauth.authorize', body: Object.fromEntries(url.searchParams), token: null };
    if (answer.status === 400) {
      this.answer(res, call, 400, answer.text, 'text/plain; charset=utf-8');
      return;
    }
    this.record(call, 302, { location: answer.location });
    res.writeHead(302, { location: answer.location, 'content-length': 0 });
    res.end();
  }

  /** Socket Mode's handshake: the app-level token (and only it) gets a fresh WebSocket URL. */
  private connectionsOpen(res: ServerResponse, call: CallRecord): void {
    if (!call.token) {
      this.answer(res, call, 200, { ok: false, error: 'not_authed' });
      return;
    }
    const valid = this.opts.appToken ? call.token === this.opts.appToken : call.token.startsWith('xapp-');
    if (!valid) {
      this.answer(res, call, 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const url = this.opts.socketUrl?.(this.base) ?? null;
    if (!url) {
      this.answer(res, call, 200, { ok: false, error: 'not_allowed_token_type' });
      return;
    }
    if (this.injectFault(res, call)) return;
    this.answer(res, call, 200, { ok: true, url });
  }

  /** An uploaded file, served back as a download (what url_private_download points to). */
  private download(fileId: string, res: ServerResponse): void {
    const upload = this.state.uploads.get(fileId);
    if (!upload?.bytes) {
      send(res, 404, 'Not Found', 'text/plain');
      return;
    }
    const type = upload.filename.endsWith('.csv')
      ? 'text/csv; charset=utf-8'
      : upload.filename.endsWith('.png')
        ? 'image/png'
        : 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': upload.bytes.length,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(upload.filename)}`,
    });
    res.end(upload.bytes);
  }

  private async upload(fileId: string, raw: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const stored = this.state.uploads.get(fileId);
    const call = { method: 'upload', body: { file_id: fileId, length: raw.length }, token: null };
    if (!stored) return this.answer(res, call, 404, 'Not Found', 'text/plain');
    if (this.injectFault(res, call)) return;
    const bytes = await uploadedBytes(raw, contentType);
    stored.bytes = bytes;
    // The upload service answers plain text, not the Web API's JSON.
    this.answer(
      res,
      { ...call, body: { ...call.body, length: bytes.length } },
      200,
      `OK - ${bytes.length}`,
      'text/plain',
    );
  }

  private async response(id: string, raw: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const body = await parseApiBody(raw, contentType || 'application/json').catch(() => ({
      raw: raw.toString(),
    }));
    const call = { method: 'response_url', body, token: null, responseId: id };
    const target = this.state.responses.get(id);
    const used = target
      ? target.uses
      : this.calls.filter((c) => c.responseId === id && c.status === 200).length;
    if (used >= RESPONSE_URL_USES || (target && Date.now() > target.expiresAt))
      return this.answer(res, call, 404, { ok: false, error: 'used_url' });
    if (this.injectFault(res, call)) return;
    if (target) {
      target.uses += 1;
      this.applyResponse(target, body);
    }
    this.answer(res, call, 200, { ok: true });
  }

  /** A response_url post shown as Slack shows it: replacing or deleting the original, or a new message. */
  private applyResponse(target: ResponseTarget, body: Record<string, unknown>): void {
    const source = target.sourceTs ? this.state.findMessage(target.channel, target.sourceTs) : undefined;
    if (source && body.delete_original === true) {
      this.state.deleteMessage(target.channel, source.ts);
      return;
    }
    if (source && body.replace_original === true) {
      this.state.updateMessage(target.channel, source.ts, {
        text: typeof body.text === 'string' ? body.text : source.text,
        blocks: body.blocks,
      });
      return;
    }
    const shown = this.actors.answer(target.user, target.channel, body);
    if (shown && !target.sourceTs) target.sourceTs = shown.ts;
  }

  /** `run`, when given, is what the call does: a timeout that takes effect runs it and never answers. */
  private injectFault(res: ServerResponse, call: CallRecord, run?: () => { team: string | null }): boolean {
    const fault = this.faults?.pick(call.method);
    if (!fault) return false;
    if (fault.kind === 'timeout') {
      const team = fault.takesEffect && run ? run().team : (call.team ?? null);
      // Recorded with status 0: no answer was ever sent.
      this.record({ ...call, team }, 0, null, fault.kind);
      const hangUp = setTimeout(() => res.destroy(), fault.hangUpAfterMs);
      res.once('close', () => clearTimeout(hangUp));
      return true;
    }
    if (fault.kind === 'ratelimited') {
      res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      this.answer(res, call, 429, { ok: false, error: 'ratelimited' }, undefined, fault.kind);
    } else {
      this.answer(res, call, 500, { ok: false, error: 'internal_error' }, undefined, fault.kind);
    }
    return true;
  }

  private answer(
    res: ServerResponse,
    call: CallRecord,
    status: number,
    response: unknown,
    type?: string,
    fault: StandInCall['fault'] = null,
  ): void {
    this.record(call, status, response, fault);
    send(res, status, response, type);
  }

  private record(
    call: CallRecord,
    status: number,
    response: unknown,
    fault: StandInCall['fault'] = null,
  ): void {
    this.calls.push({ ...call, team: call.team ?? null, at: Date.now(), status, response, fault });
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
