import { blockProblems, viewProblems } from './block-limits';
import { workspaceUrl } from './payloads';
import { isRecord } from './request-body';
import { apiMessage, type SandboxMessage, type SandboxUser, type Workspace } from './workspace';

export type ApiResult = { ok: boolean } & Record<string, unknown>;

/**
 * Who a call's token speaks for: a workspace, or an organization for an org-wide install (no
 * team then), and who the token acts as there, the author of what the call posts.
 */
export interface Caller {
  teamId: string | null;
  /** The workspace's name, or the organization's for an org-wide install. */
  teamName: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** The installation's bot user, or the person a user token is for. */
  userId: string;
  /** Null for a user token. */
  botId: string | null;
  /** What auth.test answers as `url`. */
  url: string;
}

/** A handler called without a caller (the local page's own uploads) acts for the workspace's own team. */
type Handler = (args: Record<string, unknown>, ws: Workspace, origin: string, as?: Caller) => ApiResult;

function ownCaller(ws: Workspace): Caller {
  const { identity } = ws;
  return {
    teamId: identity.teamId,
    teamName: identity.teamName,
    enterpriseId: null,
    isEnterpriseInstall: false,
    userId: identity.botUserId,
    botId: identity.botId,
    url: workspaceUrl(identity.teamName),
  };
}

/** Who a posted message is from: the caller, with the bot id when it is the app's bot user. */
const author = (as: Caller) => ({ user: as.userId, ...(as.botId ? { bot_id: as.botId } : {}) });

/** Slack caps a message's text at 40,000 characters (chat.postMessage, "msg_too_long"). */
const MAX_TEXT = 40_000;
/** A trigger_id is good for 3 seconds ("expired_trigger_id"). */
const TRIGGER_TTL_MS = 3_000;
/** conversations.history answers at most this many messages a page. */
const HISTORY_PAGE = 200;

const fail = (error: string, messages?: string[]): ApiResult =>
  messages?.length ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The checks chat.postMessage, chat.postEphemeral and chat.update share. */
function messageProblem(args: Record<string, unknown>, requireContent: boolean): ApiResult | null {
  if (!str(args.channel)) return fail('channel_not_found');
  const hasContent = str(args.text) !== null || args.blocks !== undefined || args.attachments !== undefined;
  if (requireContent && !hasContent) return fail('no_text');
  if (typeof args.text === 'string' && args.text.length > MAX_TEXT) return fail('msg_too_long');
  if (args.blocks !== undefined) {
    const problems = blockProblems(args.blocks, 'message');
    if (problems.length) return fail('invalid_blocks', problems);
  }
  return null;
}

function openView(push: boolean): Handler {
  return (args, ws) => {
    const trigger = str(args.trigger_id);
    if (!trigger || !isRecord(args.view)) return fail('invalid_arguments');
    const known = ws.triggers.get(trigger);
    // A trigger_id opens one view only, and Slack says so.
    if (known?.used) return fail('exchanged_trigger_id');
    if (known && Date.now() - known.issuedAt > TRIGGER_TTL_MS) return fail('expired_trigger_id');
    const problems = viewProblems(args.view);
    if (problems.length) return fail('invalid_arguments', problems);
    ws.triggers.set(trigger, {
      user: known?.user ?? null,
      used: true,
      issuedAt: known?.issuedAt ?? Date.now(),
    });
    const view = ws.views.save(args.view);
    if (ws.views.openModal(known?.user ?? null, view, push) === 'push_limit_reached')
      return fail('push_limit_reached');
    return { ok: true, view };
  };
}

function userInfo(user: SandboxUser, teamId: string, withLocale: boolean): Record<string, unknown> {
  const profile = { real_name: user.real_name, display_name: user.name, title: user.title ?? '' };
  return {
    id: user.id,
    name: user.name,
    real_name: user.real_name,
    tz: user.tz,
    is_bot: user.is_bot,
    team_id: teamId,
    deleted: false,
    tz_offset: 0,
    profile,
    ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
  };
}

/** A reply in a thread (a thread's parent carries no thread_ts of another message). */
const isReply = (m: SandboxMessage): boolean => Boolean(m.thread_ts && m.thread_ts !== m.ts);

/** One page of `messages` (from `oldest` on), with Slack's cursor pagination. */
function historyPage(args: Record<string, unknown>, messages: SandboxMessage[]): ApiResult {
  const oldest = Number(args.oldest ?? 0);
  const limit = Math.min(Number(args.limit ?? 100) || 100, HISTORY_PAGE);
  const start = Number(str(args.cursor) ?? 0) || 0;
  const listed = messages.filter((m) => Number(m.ts) >= oldest);
  const page = listed.slice(start, start + limit);
  const more = start + limit < listed.length;
  return {
    ok: true,
    messages: page.map(apiMessage),
    has_more: more,
    response_metadata: { next_cursor: more ? String(start + limit) : '' },
  };
}

function defaultUser(id: string): SandboxUser | null {
  if (!/^[UW][A-Z0-9]+$/.test(id)) return null;
  return { id, name: id.toLowerCase(), real_name: `User ${id}`, tz: 'UTC', is_bot: false };
}

/** The Web API methods the bot calls, answered as Slack answers them. */
export const METHODS: Record<string, Handler> = {
  // An org-wide token answers for its organization: its id stands where a team's would.
  'auth.test': (_a, ws, _origin, as = ownCaller(ws)) => ({
    ok: true,
    url: as.url,
    team: as.teamName,
    user: ws.users.get(as.userId)?.name ?? as.userId.toLowerCase(),
    team_id: as.teamId ?? as.enterpriseId,
    user_id: as.userId,
    ...(as.botId ? { bot_id: as.botId } : {}),
    ...(as.enterpriseId ? { enterprise_id: as.enterpriseId } : {}),
    is_enterprise_install: as.isEnterpriseInstall,
  }),

  'chat.postMessage': (args, ws, _origin, as = ownCaller(ws)) => {
    const problem = messageProblem(args, true);
    if (problem) return problem;
    const channel = ws.resolveChannel(String(args.channel));
    const message = ws.post({
      channel,
      ...author(as),
      text: typeof args.text === 'string' ? args.text : '',
      blocks: args.blocks,
      ...(str(args.thread_ts) ? { thread_ts: String(args.thread_ts) } : {}),
      ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
    });
    return { ok: true, channel, ts: message.ts, message: apiMessage(message) };
  },

  'chat.postEphemeral': (args, ws, _origin, as = ownCaller(ws)) => {
    const problem = messageProblem(args, true);
    if (problem) return problem;
    const user = str(args.user);
    if (!user) return fail('user_not_found');
    const message = ws.post({
      channel: ws.resolveChannel(String(args.channel)),
      ...author(as),
      text: typeof args.text === 'string' ? args.text : '',
      blocks: args.blocks,
      ephemeralFor: user,
    });
    return { ok: true, message_ts: message.ts };
  },

  'chat.update': (args, ws) => {
    const problem = messageProblem(args, false);
    if (problem) return problem;
    const channel = ws.resolveChannel(String(args.channel));
    const before = ws.findMessage(channel, String(args.ts));
    if (!before || before.ephemeralFor) return fail('message_not_found');
    const message = ws.updateMessage(channel, before.ts, {
      text: typeof args.text === 'string' ? args.text : before.text,
      blocks: args.blocks ?? before.blocks,
    }) as SandboxMessage;
    return { ok: true, channel, ts: message.ts, text: message.text, message: apiMessage(message) };
  },

  'chat.delete': (args, ws) => {
    const channel = ws.resolveChannel(String(args.channel));
    if (!ws.deleteMessage(channel, String(args.ts))) return fail('message_not_found');
    return { ok: true, channel, ts: args.ts };
  },

  'chat.getPermalink': (args, ws, origin) => {
    const channel = str(args.channel);
    const ts = str(args.message_ts);
    if (!channel || !ts || !ws.findMessage(channel, ts)) return fail('message_not_found');
    return { ok: true, channel, permalink: `${origin}/archives/${channel}/p${ts.replace('.', '')}` };
  },

  'views.open': openView(false),
  'views.push': openView(true),

  'views.update': (args, ws) => {
    const id = str(args.view_id) ?? ws.views.byExternalId(args.external_id)?.id;
    if (typeof id !== 'string' || !isRecord(args.view)) return fail('invalid_arguments');
    const current = ws.views.get(id);
    if (!current) return fail('not_found');
    if (str(args.hash) && args.hash !== current.hash) return fail('hash_conflict');
    const problems = viewProblems(args.view);
    if (problems.length) return fail('invalid_arguments', problems);
    return { ok: true, view: ws.views.replace(id, args.view) };
  },

  'views.publish': (args, ws) => {
    const user = str(args.user_id);
    if (!user || !isRecord(args.view)) return fail('invalid_arguments');
    const problems = viewProblems(args.view);
    if (args.view.type !== 'home') problems.push('[ERROR] a published view must be of type home');
    if (problems.length) return fail('invalid_arguments', problems);
    const current = ws.views.home(user);
    if (current && str(args.hash) && args.hash !== current.hash) return fail('hash_conflict');
    return { ok: true, view: ws.views.publishHome(user, args.view) };
  },

  'conversations.open': (args, ws) => {
    if (str(args.channel)) return { ok: true, channel: { id: args.channel } };
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length === 1) return { ok: true, channel: { id: ws.imOf(users[0] as string) } };
    const key = users.sort().join(',');
    let id = ws.dms.get(key);
    if (!id) {
      id = ws.nextId('G');
      ws.dms.set(key, id);
    }
    return { ok: true, channel: { id } };
  },

  // The channel's top level, newest first: replies in threads are not in it (conversations.replies lists them).
  'conversations.history': (args, ws) => {
    const channel = str(args.channel);
    if (!channel) return fail('channel_not_found');
    const newestFirst = ws
      .messagesOf(channel)
      .filter((m) => !m.ephemeralFor && !isReply(m))
      .reverse();
    return historyPage(args, newestFirst);
  },

  // A thread, oldest first: its parent, then its replies.
  'conversations.replies': (args, ws) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (!channel) return fail('channel_not_found');
    if (!ts) return fail('invalid_arguments');
    const parent = ws.findMessage(channel, ts);
    if (!parent || parent.ephemeralFor) return fail('thread_not_found');
    const replies = ws.messagesOf(channel).filter((m) => !m.ephemeralFor && isReply(m) && m.thread_ts === ts);
    return historyPage(args, [parent, ...replies]);
  },

  'users.info': (args, ws, _origin, as = ownCaller(ws)) => {
    const id = str(args.user);
    const user = id ? (ws.users.get(id) ?? defaultUser(id)) : null;
    if (!user) return fail('user_not_found');
    const withLocale = args.include_locale === true || args.include_locale === 'true';
    return { ok: true, user: userInfo(user, as.teamId ?? ws.identity.teamId, withLocale) };
  },

  'files.getUploadURLExternal': (args, ws, origin) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
    const fileId = ws.nextId('F');
    ws.uploads.set(fileId, { filename, length, bytes: null, channels: [] });
    return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
  },

  'files.completeUploadExternal': (args, ws, origin, as = ownCaller(ws)) => {
    if (!Array.isArray(args.files) || args.files.length === 0) return fail('invalid_arguments');
    const files: Record<string, unknown>[] = [];
    const channel = str(args.channel_id);
    for (const f of args.files) {
      const id = isRecord(f) ? str(f.id) : null;
      const upload = id ? ws.uploads.get(id) : undefined;
      // An id never handed out, or whose bytes never arrived, is not a file Slack knows.
      if (!id || !upload?.bytes) return fail('file_not_found');
      upload.title = isRecord(f) && str(f.title) ? String(f.title) : upload.filename;
      if (channel) upload.channels.push(channel);
      const url = `${origin}/files/${id}/${encodeURIComponent(upload.filename)}`;
      files.push({
        id,
        name: upload.filename,
        title: upload.title,
        size: upload.bytes.length,
        channels: channel ? [channel] : [],
        url_private: url,
        url_private_download: url,
      });
    }
    if (channel) {
      ws.post({
        channel: ws.resolveChannel(channel),
        ...author(as),
        text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
        files: files.map((f) => String(f.id)),
        ...(str(args.thread_ts) ? { thread_ts: String(args.thread_ts) } : {}),
      });
    }
    return { ok: true, files };
  },
};
