import { blockProblems, viewProblems } from './block-limits';
import { isRecord } from './request-body';

/** Who the stand-in says the bot is (what auth.test answers). */
export interface SandboxIdentity {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** A user as users.info answers it; only the fields the bot reads. */
export interface SandboxUser {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  is_bot: boolean;
}

export interface StoredUpload {
  filename: string;
  length: number;
  bytes: Buffer | null;
}

/** What the stand-in remembers between calls, so later calls can be answered as Slack would. */
export interface SandboxState {
  identity: SandboxIdentity;
  seq: number;
  messages: Map<string, Record<string, unknown>>;
  views: Map<string, Record<string, unknown>>;
  usedTriggers: Set<string>;
  uploads: Map<string, StoredUpload>;
  users: Map<string, SandboxUser>;
  dms: Map<string, string>;
}

export type ApiResult = { ok: boolean } & Record<string, unknown>;
type Handler = (args: Record<string, unknown>, s: SandboxState, origin: string) => ApiResult;

/** Slack caps a message's text at 40,000 characters (chat.postMessage, "msg_too_long"). */
const MAX_TEXT = 40_000;

export function createState(identity: SandboxIdentity): SandboxState {
  return {
    identity,
    seq: 0,
    messages: new Map(),
    views: new Map(),
    usedTriggers: new Set(),
    uploads: new Map(),
    users: new Map(),
    dms: new Map(),
  };
}

const fail = (error: string, messages?: string[]): ApiResult =>
  messages?.length ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function nextId(s: SandboxState, prefix: string): string {
  s.seq += 1;
  return `${prefix}0SB${s.seq.toString(36).toUpperCase().padStart(6, '0')}`;
}

/** Message timestamps look like Slack's (`1700000000.000123`) and are unique per stand-in. */
function nextTs(s: SandboxState): string {
  s.seq += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(s.seq % 1_000_000).padStart(6, '0')}`;
}

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

function storeView(s: SandboxState, view: Record<string, unknown>, id?: string): Record<string, unknown> {
  const stored = {
    ...view,
    id: id ?? nextId(s, 'V'),
    team_id: s.identity.teamId,
    app_id: s.identity.appId,
    bot_id: s.identity.botId,
    hash: `${Date.now()}.${nextId(s, 'h')}`,
    state: { values: {} },
  };
  s.views.set(stored.id, stored);
  return stored;
}

function openView(args: Record<string, unknown>, s: SandboxState): ApiResult {
  const trigger = str(args.trigger_id);
  if (!trigger || !isRecord(args.view)) return fail('invalid_arguments');
  // A trigger_id opens one view only, and Slack says so.
  if (s.usedTriggers.has(trigger)) return fail('exchanged_trigger_id');
  const problems = viewProblems(args.view);
  if (problems.length) return fail('invalid_arguments', problems);
  s.usedTriggers.add(trigger);
  return { ok: true, view: storeView(s, args.view) };
}

function defaultUser(id: string, s: SandboxState): SandboxUser | null {
  if (id === s.identity.botUserId) return { id, name: 'dudao', real_name: 'dudao', tz: 'UTC', is_bot: true };
  if (!/^[UW][A-Z0-9]+$/.test(id)) return null;
  return { id, name: id.toLowerCase(), real_name: `User ${id}`, tz: 'UTC', is_bot: false };
}

export const METHODS: Record<string, Handler> = {
  'auth.test': (_a, s) => ({
    ok: true,
    url: `https://${s.identity.teamName.toLowerCase()}.slack.com/`,
    team: s.identity.teamName,
    user: 'dudao',
    team_id: s.identity.teamId,
    user_id: s.identity.botUserId,
    bot_id: s.identity.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, s) => {
    const problem = messageProblem(args, true);
    if (problem) return problem;
    const channel = String(args.channel);
    const ts = nextTs(s);
    const message = {
      type: 'message',
      text: args.text ?? '',
      blocks: args.blocks,
      user: s.identity.botUserId,
      bot_id: s.identity.botId,
      ts,
    };
    s.messages.set(`${channel}/${ts}`, message);
    return { ok: true, channel, ts, message };
  },

  'chat.postEphemeral': (args, s) => {
    const problem = messageProblem(args, true);
    if (problem) return problem;
    if (!str(args.user)) return fail('user_not_found');
    return { ok: true, message_ts: nextTs(s) };
  },

  'chat.update': (args, s) => {
    const problem = messageProblem(args, false);
    if (problem) return problem;
    const key = `${String(args.channel)}/${String(args.ts)}`;
    const before = s.messages.get(key);
    if (!before) return fail('message_not_found');
    const message = { ...before, text: args.text ?? before.text, blocks: args.blocks ?? before.blocks };
    s.messages.set(key, message);
    return { ok: true, channel: args.channel, ts: args.ts, text: message.text, message };
  },

  'chat.delete': (args, s) => {
    const key = `${String(args.channel)}/${String(args.ts)}`;
    if (!s.messages.delete(key)) return fail('message_not_found');
    return { ok: true, channel: args.channel, ts: args.ts };
  },

  'views.open': openView,
  'views.push': openView,

  'views.update': (args, s) => {
    const id = str(args.view_id) ?? [...s.views.values()].find((v) => v.external_id === args.external_id)?.id;
    if (typeof id !== 'string' || !isRecord(args.view)) return fail('invalid_arguments');
    const current = s.views.get(id);
    if (!current) return fail('not_found');
    if (str(args.hash) && args.hash !== current.hash) return fail('hash_conflict');
    const problems = viewProblems(args.view);
    if (problems.length) return fail('invalid_arguments', problems);
    return { ok: true, view: storeView(s, args.view, id) };
  },

  'views.publish': (args, s) => {
    if (!str(args.user_id) || !isRecord(args.view)) return fail('invalid_arguments');
    const problems = viewProblems(args.view);
    if (args.view.type !== 'home') problems.push('[ERROR] a published view must be of type home');
    if (problems.length) return fail('invalid_arguments', problems);
    return { ok: true, view: storeView(s, args.view) };
  },

  'conversations.open': (args, s) => {
    if (str(args.channel)) return { ok: true, channel: { id: args.channel } };
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    const key = users.sort().join(',');
    let id = s.dms.get(key);
    if (!id) {
      id = nextId(s, users.length === 1 ? 'D' : 'G');
      s.dms.set(key, id);
    }
    return { ok: true, channel: { id } };
  },

  'users.info': (args, s) => {
    const id = str(args.user);
    const user = id ? (s.users.get(id) ?? defaultUser(id, s)) : null;
    if (!user) return fail('user_not_found');
    const profile = { real_name: user.real_name, display_name: user.name };
    return { ok: true, user: { ...user, team_id: s.identity.teamId, deleted: false, tz_offset: 0, profile } };
  },

  'files.getUploadURLExternal': (args, s, origin) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
    const fileId = nextId(s, 'F');
    s.uploads.set(fileId, { filename, length, bytes: null });
    return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
  },

  'files.completeUploadExternal': (args, s) => {
    if (!Array.isArray(args.files) || args.files.length === 0) return fail('invalid_arguments');
    const files: Record<string, unknown>[] = [];
    for (const f of args.files) {
      const id = isRecord(f) ? str(f.id) : null;
      const upload = id ? s.uploads.get(id) : undefined;
      // An id never handed out, or whose bytes never arrived, is not a file Slack knows.
      if (!id || !upload?.bytes) return fail('file_not_found');
      const title = isRecord(f) && str(f.title) ? f.title : upload.filename;
      const channels = str(args.channel_id) ? [args.channel_id] : [];
      files.push({ id, name: upload.filename, title, size: upload.bytes.length, channels });
    }
    return { ok: true, files };
  },
};
