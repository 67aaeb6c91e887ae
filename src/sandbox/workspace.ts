import { EventEmitter } from 'node:events';
import { type StoredView, type ViewChange, Views } from './views';

export type { StoredView } from './views';

/** Who the workspace says the bot is (what auth.test answers). */
export interface SandboxIdentity {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** A person (or the bot) of the workspace, with the fields users.info answers. */
export interface SandboxUser {
  id: string;
  /** The handle: what `@name` in the composer matches and what mentions show when no real name is set. */
  name: string;
  real_name: string;
  tz: string;
  is_bot: boolean;
  /** Slack's `locale` (users.info with include_locale), e.g. `en-US`, `zh-CN`. */
  locale?: string;
  title?: string;
}

export interface SandboxChannel {
  id: string;
  name: string;
  /** A direct message between `user` and the bot. */
  isIm: boolean;
  user?: string;
  topic?: string;
  members: string[];
}

export interface StoredUpload {
  filename: string;
  title?: string;
  length: number;
  bytes: Buffer | null;
  /** Where completeUploadExternal shared it. */
  channels: string[];
  /** Who uploaded it from the page (a file_input); the app's own uploads have none. */
  user?: string;
}

/** A message as the workspace keeps it; an ephemeral one is seen by `ephemeralFor` only. */
export interface SandboxMessage {
  ts: string;
  channel: string;
  /** The author: a user id, the bot user, or `USLACKBOT` for the workspace's own notices. */
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown;
  thread_ts?: string;
  metadata?: unknown;
  files?: string[];
  ephemeralFor?: string;
  edited?: boolean;
}

/** Where the answers posted to one response_url go. */
export interface ResponseTarget {
  user: string;
  channel: string;
  /** The message an action came from, or a command's first answer: what `replace_original` replaces. */
  sourceTs?: string;
  uses: number;
  expiresAt: number;
}

/** What the page listens to: something a user may be looking at changed. */
export type WorkspaceChange =
  | { scope: 'channel'; channel: string; user?: string; ts?: string; op?: 'add' | 'update' | 'delete' }
  | ViewChange
  | { scope: 'channels'; user?: string };

/** What survives a restart of local mode (see {@link Workspace.snapshot}). */
export interface WorkspaceSnapshot {
  version: 1;
  seq: number;
  messages: SandboxMessage[];
  homes: [string, StoredView][];
  dms: [string, string][];
  /** Uploaded files with their bytes in base64, so an export's link still downloads after a restart. */
  uploads: [string, Omit<StoredUpload, 'bytes'> & { base64: string | null }][];
}

/** Slack's own user, who speaks for the workspace (errors of an app, unknown commands). */
export const SLACKBOT = 'USLACKBOT';

/** How long a handed-out trigger_id is remembered (it is usable for 3 s). */
const TRIGGER_MEMORY_MS = 60_000;
/** A channel keeps its latest messages; older ones are dropped, as a long local session would otherwise grow forever. */
const CHANNEL_HISTORY = 2_000;

/**
 * The state of the local workspace: people, channels, messages (with threads and ephemerals),
 * modals per user, Home tabs, uploads. The Web API methods and the page both read and change it;
 * every change is announced on `changes` so the page can refresh what a user sees.
 */
export class Workspace {
  readonly changes = new EventEmitter();
  readonly users = new Map<string, SandboxUser>();
  readonly channels = new Map<string, SandboxChannel>();
  readonly uploads = new Map<string, StoredUpload>();
  /** Sorted key `user,…` → the IM channel id conversations.open gave out. */
  readonly dms = new Map<string, string>();
  /** Modals on each person's stack and their Home tabs. */
  readonly views: Views;
  /** trigger_id → the user it was given to (page actions), and whether a view already used it. */
  readonly triggers = new Map<string, { user: string | null; used: boolean; issuedAt: number }>();
  /** response_url id → where its answers go; ids the workspace did not hand out are only recorded. */
  readonly responses = new Map<string, ResponseTarget>();
  private readonly messages = new Map<string, SandboxMessage[]>();
  seq = 0;

  constructor(readonly identity: SandboxIdentity) {
    this.changes.setMaxListeners(0);
    this.views = new Views({ identity, nextId: (prefix) => this.nextId(prefix), emit: (c) => this.emit(c) });
    this.users.set(identity.botUserId, {
      id: identity.botUserId,
      name: 'dudao',
      real_name: 'dudao',
      tz: 'UTC',
      is_bot: true,
    });
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0SB${this.seq.toString(36).toUpperCase().padStart(6, '0')}`;
  }

  /** Message timestamps look like Slack's (`1700000000.000123`), unique and increasing. */
  nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq % 1_000_000).padStart(6, '0')}`;
  }

  emit(change: WorkspaceChange): void {
    this.changes.emit('change', change);
  }

  addUser(user: SandboxUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: Omit<SandboxChannel, 'isIm'> & { isIm?: boolean }): void {
    this.channels.set(channel.id, { isIm: false, ...channel });
    this.emit({ scope: 'channels' });
  }

  /** The IM channel between the bot and `userId`, opened on first use. */
  imOf(userId: string): string {
    const key = userId;
    let id = this.dms.get(key);
    if (!id) {
      id = this.nextId('D');
      this.dms.set(key, id);
    }
    if (!this.channels.has(id)) {
      this.channels.set(id, { id, name: userId, isIm: true, user: userId, members: [userId] });
      this.emit({ scope: 'channels', user: userId });
    }
    return id;
  }

  /** A channel id as Slack resolves a `channel` argument: a user id means their DM with the bot. */
  resolveChannel(channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.imOf(channel) : channel;
  }

  post(message: Omit<SandboxMessage, 'ts'> & { ts?: string }): SandboxMessage {
    const stored: SandboxMessage = { ...message, ts: message.ts ?? this.nextTs() };
    const list = this.messages.get(stored.channel) ?? [];
    list.push(stored);
    if (list.length > CHANNEL_HISTORY) list.splice(0, list.length - CHANNEL_HISTORY);
    this.messages.set(stored.channel, list);
    this.emit({
      scope: 'channel',
      channel: stored.channel,
      ts: stored.ts,
      op: 'add',
      ...(stored.ephemeralFor ? { user: stored.ephemeralFor } : {}),
    });
    return stored;
  }

  findMessage(channel: string, ts: string): SandboxMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  /** Replaces fields of a stored message in place; undefined when there is no such message. */
  updateMessage(
    channel: string,
    ts: string,
    patch: Partial<Pick<SandboxMessage, 'text' | 'blocks' | 'metadata'>>,
  ): SandboxMessage | undefined {
    const message = this.findMessage(channel, ts);
    if (!message) return undefined;
    Object.assign(message, patch, { edited: true });
    this.emit({
      scope: 'channel',
      channel,
      ts,
      op: 'update',
      ...(message.ephemeralFor ? { user: message.ephemeralFor } : {}),
    });
    return message;
  }

  deleteMessage(channel: string, ts: string): boolean {
    const list = this.messages.get(channel);
    const at = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || at < 0) return false;
    const [gone] = list.splice(at, 1);
    this.emit({
      scope: 'channel',
      channel,
      ts,
      op: 'delete',
      ...(gone?.ephemeralFor ? { user: gone.ephemeralFor } : {}),
    });
    return true;
  }

  /** The messages of a channel that `viewer` can see (everyone's, and the ephemerals meant for them), oldest first. */
  messagesOf(channel: string, viewer?: string): SandboxMessage[] {
    const all = this.messages.get(channel) ?? [];
    return viewer === undefined ? all : all.filter((m) => !m.ephemeralFor || m.ephemeralFor === viewer);
  }

  /**
   * The message as `viewer` sees it, or undefined when they cannot: it is gone, it is another
   * person's ephemeral, or it is in a known channel they are not in (a channel the workspace was
   * never told of is open to all, as the page's change stream treats it).
   */
  visibleMessage(channel: string, ts: string, viewer: string): SandboxMessage | undefined {
    const message = this.findMessage(channel, ts);
    if (!message || (message.ephemeralFor && message.ephemeralFor !== viewer)) return undefined;
    const ch = this.channels.get(channel);
    if (ch && !ch.members.includes(viewer) && ch.user !== viewer) return undefined;
    return message;
  }

  /** The channels a person sees in the sidebar: those they are in, then their DM with the bot. */
  channelsOf(userId: string): SandboxChannel[] {
    const im = this.imOf(userId);
    const joined = [...this.channels.values()].filter((c) => !c.isIm && c.members.includes(userId));
    return [...joined, this.channels.get(im) as SandboxChannel];
  }

  /** Registers a trigger_id the workspace handed out with an interaction of `user`. */
  issueTrigger(user: string): string {
    this.seq += 1;
    const now = Date.now();
    // A trigger is good for 3 s; forgetting it after a minute keeps a long local session small.
    for (const [key, { issuedAt }] of this.triggers) {
      if (now - issuedAt < TRIGGER_MEMORY_MS) break;
      this.triggers.delete(key);
    }
    const trigger = `${now}.${this.seq}.${Math.random().toString(16).slice(2, 18)}`;
    this.triggers.set(trigger, { user, used: false, issuedAt: now });
    return trigger;
  }

  /** Remembers where a response_url's answers go, forgetting those that expired. */
  addResponse(id: string, target: ResponseTarget): void {
    const now = Date.now();
    for (const [key, old] of this.responses) {
      if (old.expiresAt > now) break;
      this.responses.delete(key);
    }
    this.responses.set(id, target);
  }

  /** What local mode keeps across restarts: the conversations and Home tabs, not open modals. */
  snapshot(): WorkspaceSnapshot {
    return {
      version: 1,
      seq: this.seq,
      messages: [...this.messages.values()].flat().filter((m) => !m.ephemeralFor),
      homes: this.views.homes(),
      dms: [...this.dms],
      uploads: [...this.uploads].map(([id, { bytes, ...rest }]) => [
        id,
        { ...rest, base64: bytes ? bytes.toString('base64') : null },
      ]),
    };
  }

  restore(snapshot: WorkspaceSnapshot): void {
    if (snapshot.version !== 1) return;
    this.seq = Math.max(this.seq, snapshot.seq);
    for (const [user, im] of snapshot.dms) {
      this.dms.set(user, im);
      this.channels.set(im, { id: im, name: user, isIm: true, user, members: [user] });
    }
    for (const m of snapshot.messages) {
      const list = this.messages.get(m.channel) ?? [];
      list.push(m);
      this.messages.set(m.channel, list);
    }
    for (const [id, { base64, ...rest }] of snapshot.uploads ?? []) {
      this.uploads.set(id, { ...rest, bytes: base64 === null ? null : Buffer.from(base64, 'base64') });
    }
    for (const [user, view] of snapshot.homes) this.views.restoreHome(user, view);
    this.emit({ scope: 'channels' });
  }

  /** Forgets every conversation, view and upload; keeps the people and channels. */
  clearConversations(): void {
    this.messages.clear();
    this.views.clear();
    this.uploads.clear();
    this.triggers.clear();
    this.responses.clear();
    this.emit({ scope: 'channels' });
  }
}

/** A message as the Web API shows it (history, postMessage's `message`, block_actions' `message`). */
export function apiMessage(m: SandboxMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: m.user,
    ...(m.bot_id ? { bot_id: m.bot_id } : {}),
    text: m.text,
    ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.metadata !== undefined ? { metadata: m.metadata } : {}),
    ...(m.files ? { files: m.files.map((id) => ({ id })) } : {}),
    ts: m.ts,
  };
}
