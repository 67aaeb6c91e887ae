import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ActionContainer, PageAction } from '../people';
import { UPLOAD_LIMIT_BYTES } from '../request-body';
import { METHODS } from '../slack-methods';
import type { SlackStandIn } from '../slack-stand-in';
import type { StateValues } from '../view-state';
import type { WorkspaceChange } from '../workspace';
import { clientScript, pageCss, pageHtml } from './assets';
import { renderChannel, renderHome, renderMessage, renderModalOf } from './render-page';

export interface PageOptions {
  /** What "Reset demo" does; the control is shown only when given. */
  onReset?: () => Promise<void>;
  /** The user the page acts as on a first visit. */
  defaultUser?: string;
}

/** Bodies the page posts; anything else is refused with 400. */
const sendSchema = z.object({ user: z.string(), channel: z.string(), text: z.string().max(40_000) });
const stateSchema = z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }).loose()));
const actionSchema = z.object({
  user: z.string(),
  container: z.union([
    z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
    z.object({ type: z.literal('view'), viewId: z.string() }),
  ]),
  action: z.object({ action_id: z.string(), block_id: z.string(), type: z.string() }).loose(),
  values: stateSchema.optional(),
});
const submitSchema = z.object({ user: z.string(), viewId: z.string(), values: stateSchema });
const closeSchema = z.object({ user: z.string(), viewId: z.string() });
const uploadSchema = z.object({
  user: z.string(),
  filename: z.string().min(1).max(255),
  length: z.number().int().min(0).max(UPLOAD_LIMIT_BYTES),
});
const shortcutSchema = z.object({
  user: z.string(),
  channel: z.string(),
  ts: z.string(),
  callbackId: z.string(),
});
const suggestSchema = z.object({
  user: z.string(),
  viewId: z.string(),
  blockId: z.string(),
  actionId: z.string(),
  value: z.string().max(1000),
});

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function asset(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/**
 * Requests from another site are refused: the page's API answers only when the Host is this
 * machine's loopback name (no DNS rebinding) and a POST is JSON (so a cross-site form cannot send it).
 */
function trusted(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return false;
  const origin = req.headers.origin;
  if (origin && new URL(origin).hostname.replace(/^\[|\]$/g, '') !== host.replace(/^\[|\]$/g, ''))
    return false;
  if (req.method === 'POST') return (req.headers['content-type'] ?? '').startsWith('application/json');
  return true;
}

/** Whether `user` should hear of a change (SSE): what they can see changed. */
function concerns(change: WorkspaceChange, user: string, standIn: SlackStandIn): boolean {
  if (change.scope === 'channels') return !change.user || change.user === user;
  if (change.scope !== 'channel') return change.user === user;
  if (change.user && change.user !== user) return false;
  const ch = standIn.workspace.channels.get(change.channel);
  return !ch || ch.members.includes(user) || ch.user === user;
}

/**
 * The local page and its API, served by the workspace on its own port: the shell, the script and
 * style, what a user sees (`/page/state`, `/page/channel/:id`, `/page/home`, `/page/modal`), what
 * they do (`/page/send`, `/page/action`, `/page/shortcut`, `/page/submit`, `/page/close`,
 * `/page/suggest`, `/page/upload`, `/page/reset`), and `/page/events`, a stream of changes (server-sent events).
 */
export function pageRoutes(getStandIn: () => SlackStandIn, opts: PageOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<boolean> => {
    const path = url.pathname;
    if (path !== '/' && !path.startsWith('/page/')) return false;
    if (!trusted(req)) {
      json(res, 403, { ok: false, error: 'forbidden' });
      return true;
    }
    const standIn = getStandIn();
    const ws = standIn.workspace;
    const user = url.searchParams.get('user') ?? '';
    const known = (id: string) => ws.users.has(id) && !ws.users.get(id)?.is_bot;
    if (req.method === 'GET') {
      if (path === '/') asset(res, 'text/html', pageHtml({ reset: Boolean(opts.onReset) }));
      else if (path === '/page/app.css') asset(res, 'text/css', pageCss());
      else if (path === '/page/app.js') asset(res, 'text/javascript', await clientScript());
      else if (path === '/page/state') json(res, 200, pageState(standIn, user, opts.defaultUser));
      else if (!known(user)) json(res, 404, { ok: false, error: 'user_not_found' });
      else if (path.startsWith('/page/message/')) {
        const [channel = '', ts = ''] = path
          .slice('/page/message/'.length)
          .split('/')
          .map(decodeURIComponent);
        json(res, 200, { message: renderMessage(ws, channel, ts, user) });
      } else if (path.startsWith('/page/channel/')) {
        const channel = decodeURIComponent(path.slice('/page/channel/'.length));
        json(res, 200, renderChannel(ws, ws.resolveChannel(channel), user));
      } else if (path === '/page/home') json(res, 200, renderHome(ws, user));
      else if (path === '/page/modal') json(res, 200, renderModalOf(ws, user));
      else if (path === '/page/events') events(req, res, standIn, user);
      else json(res, 404, { ok: false, error: 'not_found' });
      return true;
    }
    if (req.method !== 'POST') {
      json(res, 405, { ok: false, error: 'method_not_allowed' });
      return true;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      json(res, 400, { ok: false, error: 'invalid_json' });
      return true;
    }
    await post(path, body, standIn, known, opts, res);
    return true;
  };
}

async function post(
  path: string,
  body: unknown,
  standIn: SlackStandIn,
  known: (id: string) => boolean,
  opts: PageOptions,
  res: ServerResponse,
): Promise<void> {
  const people = standIn.people;
  const bad = () => json(res, 400, { ok: false, error: 'invalid_arguments' });
  const who = (b: unknown) =>
    typeof b === 'object' && b !== null ? String((b as { user?: unknown }).user) : '';
  if (path === '/page/reset') {
    if (!opts.onReset) return json(res, 404, { ok: false, error: 'not_found' });
    await opts.onReset();
    return json(res, 200, { ok: true });
  }
  if (!known(who(body))) return json(res, 404, { ok: false, error: 'user_not_found' });
  switch (path) {
    case '/page/send': {
      const b = sendSchema.safeParse(body);
      if (!b.success) return bad();
      await people.send(b.data.user, b.data.channel, b.data.text);
      return json(res, 200, { ok: true });
    }
    case '/page/action': {
      const b = actionSchema.safeParse(body);
      if (!b.success) return bad();
      await people.act(
        b.data.user,
        b.data.container as ActionContainer,
        b.data.action as PageAction,
        (b.data.values ?? {}) as StateValues,
      );
      return json(res, 200, { ok: true });
    }
    case '/page/shortcut': {
      const b = shortcutSchema.safeParse(body);
      if (!b.success) return bad();
      await people.shortcut(b.data.user, b.data.channel, b.data.ts, b.data.callbackId);
      return json(res, 200, { ok: true });
    }
    case '/page/submit': {
      const b = submitSchema.safeParse(body);
      if (!b.success) return bad();
      await people.submit(b.data.user, b.data.viewId, b.data.values as StateValues);
      return json(res, 200, { ok: true });
    }
    case '/page/upload': {
      // A file picked in a form's file_input: an upload as files.getUploadURLExternal makes one; the
      // page then posts the bytes to /upload/<id>, and names the id when it submits the form.
      const b = uploadSchema.safeParse(body);
      if (!b.success) return bad();
      const ws = standIn.workspace;
      const made = METHODS['files.getUploadURLExternal']?.(b.data, ws, standIn.origin);
      const fileId = typeof made?.file_id === 'string' ? made.file_id : null;
      const upload = fileId ? ws.uploads.get(fileId) : undefined;
      if (!fileId || !upload) return bad();
      upload.user = b.data.user;
      return json(res, 200, { ok: true, fileId });
    }
    case '/page/close': {
      const b = closeSchema.safeParse(body);
      if (!b.success) return bad();
      await people.close(b.data.user, b.data.viewId);
      return json(res, 200, { ok: true });
    }
    case '/page/home-opened': {
      const b = closeSchema.pick({ user: true }).safeParse(body);
      if (!b.success) return bad();
      await people.openHome(b.data.user);
      return json(res, 200, { ok: true });
    }
    case '/page/suggest': {
      const b = suggestSchema.safeParse(body);
      if (!b.success) return bad();
      const options = await people.suggest(
        b.data.user,
        b.data.viewId,
        b.data.blockId,
        b.data.actionId,
        b.data.value,
      );
      return json(res, 200, { ok: true, options });
    }
    default:
      return json(res, 404, { ok: false, error: 'not_found' });
  }
}

/** Who is in the workspace, what the chosen user sees in the sidebar, and the app's message shortcuts. */
function pageState(standIn: SlackStandIn, requested: string, fallback: string | undefined) {
  const ws = standIn.workspace;
  const people = [...ws.users.values()].filter((u) => !u.is_bot);
  const me = people.find((u) => u.id === requested) ?? people.find((u) => u.id === fallback) ?? people[0];
  const app = ws.users.get(ws.identity.botUserId)?.real_name ?? 'dudao';
  const channels = me
    ? ws.channelsOf(me.id).map((c) => ({
        id: c.id,
        name: c.isIm ? app : c.name,
        kind: c.isIm ? 'im' : 'channel',
        topic: c.topic ?? '',
      }))
    : [];
  return {
    team: ws.identity.teamName,
    app,
    me: me?.id ?? null,
    users: people.map((u) => ({
      id: u.id,
      name: u.real_name,
      title: u.title ?? '',
      locale: u.locale ?? 'en-US',
    })),
    channels,
    shortcuts: standIn.shortcuts.map(({ callbackId, name }) => ({ callbackId, name })),
  };
}

/** A stream of the changes that concern `user`; the page fetches what changed. */
function events(req: IncomingMessage, res: ServerResponse, standIn: SlackStandIn, user: string): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  const listener = (change: WorkspaceChange) => {
    if (concerns(change, user, standIn)) res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  };
  const changes = standIn.workspace.changes;
  changes.on('change', listener);
  // Proxies and browsers drop a silent stream; a comment every 20 s keeps it open.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
  keepAlive.unref();
  req.on('close', () => {
    clearInterval(keepAlive);
    changes.off('change', listener);
  });
}
