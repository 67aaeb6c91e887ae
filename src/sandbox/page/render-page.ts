import { type SandboxMessage, SLACKBOT, type StoredView, type Workspace } from '../workspace';
import { escapeHtml, type MentionNames, mrkdwnToHtml } from './mrkdwn-html';
import { renderBlocks, renderModal } from './render-blocks';

/** What the page shows in the message list of one channel, for one viewer. */
export interface RenderedChannel {
  id: string;
  title: string;
  topic: string;
  isIm: boolean;
  html: string;
}

function names(ws: Workspace): MentionNames {
  return {
    userName: (id) => ws.users.get(id)?.real_name ?? id,
    channelName: (id) => ws.channels.get(id)?.name ?? id,
  };
}

/** `HH:mm` of a message timestamp in the viewer's zone, and the ISO instant for `<time>`. */
function clock(ts: string, tz: string): { shown: string; iso: string } {
  const at = new Date(Math.floor(Number(ts) * 1000));
  let shown: string;
  try {
    shown = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(at);
  } catch {
    shown = at.toISOString().slice(11, 16);
  }
  return { shown, iso: at.toISOString() };
}

function initials(name: string): string {
  const word = name.trim();
  // A Chinese name is shown by its family name, a Latin one by its first letter.
  return escapeHtml(([...word][0] ?? '?').toUpperCase());
}

function filesHtml(ws: Workspace, ids: string[] | undefined): string {
  if (!ids?.length) return '';
  const items = ids.map((id) => {
    const upload = ws.uploads.get(id);
    if (!upload) return '';
    const href = `/files/${encodeURIComponent(id)}/${encodeURIComponent(upload.filename)}`;
    const title = escapeHtml(upload.title ?? upload.filename);
    if (/\.(png|jpe?g|gif|webp)$/i.test(upload.filename)) {
      return `<figure class="file-image"><img src="${href}" alt="${title}"><figcaption><a href="${href}" download>${title}</a></figcaption></figure>`;
    }
    const size = upload.bytes ? `${Math.max(1, Math.round(upload.bytes.length / 1024))} KB` : '';
    return `<a class="file" href="${href}" download="${escapeHtml(upload.filename)}"><span class="file-icon" aria-hidden="true">📄</span> <span class="file-name">${title}</span> <span class="file-size">${size}</span></a>`;
  });
  return `<div class="files">${items.join('')}</div>`;
}

/**
 * One message as an `article`; an ephemeral one says "Only visible to you", any other has a
 * "More actions" button (the app's message shortcuts).
 */
function messageHtml(ws: Workspace, m: SandboxMessage, viewer: string, replies: SandboxMessage[]): string {
  const author = ws.users.get(m.user);
  const isBot = Boolean(m.bot_id) || m.user === SLACKBOT;
  const name = m.user === SLACKBOT ? 'Slackbot' : (author?.real_name ?? m.user);
  const tz = ws.users.get(viewer)?.tz ?? 'UTC';
  const time = clock(m.ts, tz);
  const key = `m${m.ts.replace('.', '-')}`;
  const zh = ws.users.get(viewer)?.locale?.startsWith('zh');
  const only = m.ephemeralFor
    ? `<span class="only-you">Only visible to you${zh ? ' · 仅你可见' : ''}</span>`
    : '';
  const body =
    Array.isArray(m.blocks) && m.blocks.length > 0
      ? renderBlocks(m.blocks, { ...names(ws), surface: 'message', idPrefix: key })
      : `<div class="mrkdwn">${mrkdwnToHtml(m.text, names(ws))}</div>`;
  const thread = replies.length
    ? `<div class="thread" role="group" aria-label="Thread: ${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}">${replies.map((r) => messageHtml(ws, r, viewer, [])).join('')}</div>`
    : '';
  const classes = ['msg', m.ephemeralFor ? 'ephemeral' : '', isBot ? 'from-app' : '']
    .filter(Boolean)
    .join(' ');
  // Slack offers no message actions on an ephemeral message: it only lives in one person's client.
  const more = m.ephemeralFor
    ? ''
    : '<div class="msg-actions"><button type="button" class="msg-more" aria-label="More actions" aria-haspopup="menu" aria-expanded="false" title="More actions">⋮</button></div>';
  return `<article class="${classes}" aria-labelledby="${key}-author" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}">${more}
<div class="avatar${isBot ? ' bot' : ''}" aria-hidden="true">${initials(name)}</div>
<div class="msg-main"><header><span class="author" id="${key}-author">${escapeHtml(name)}</span>${isBot && m.user !== SLACKBOT ? '<span class="badge">APP</span>' : ''}<time datetime="${time.iso}">${time.shown}</time>${m.edited ? '<span class="edited">(edited)</span>' : ''}${only}</header>
<div class="msg-body">${body}</div>${filesHtml(ws, m.files)}${thread}</div></article>`;
}

/** A channel shows its latest messages, as Slack's client loads a page of history. */
const HISTORY_SHOWN = 100;

const isReply = (m: SandboxMessage) => Boolean(m.thread_ts && m.thread_ts !== m.ts);

/**
 * One message as `viewer` sees it, or null when they cannot. A reply is shown inside its thread,
 * so the thread's first message is rendered again with it (`ts` names the article to replace).
 */
export function renderMessage(
  ws: Workspace,
  channel: string,
  ts: string,
  viewer: string,
): { ts: string; html: string } | null {
  const message = ws.findMessage(channel, ts);
  if (!message || (message.ephemeralFor && message.ephemeralFor !== viewer)) return null;
  const parent = isReply(message) ? ws.findMessage(channel, message.thread_ts as string) : undefined;
  const top = parent ?? message;
  const replies = ws.messagesOf(channel, viewer).filter((m) => isReply(m) && m.thread_ts === top.ts);
  return { ts: top.ts, html: messageHtml(ws, top, viewer, replies) };
}

/** The latest messages `viewer` sees in `channel`, replies under their thread's first message. */
export function renderChannel(ws: Workspace, channel: string, viewer: string): RenderedChannel {
  const ch = ws.channels.get(channel);
  const all = ws.messagesOf(channel, viewer);
  const replies = new Map<string, SandboxMessage[]>();
  for (const m of all) {
    if (isReply(m)) replies.set(m.thread_ts as string, [...(replies.get(m.thread_ts as string) ?? []), m]);
  }
  const tops = new Set(all.filter((m) => !isReply(m)).map((m) => m.ts));
  const top = all.filter((m) => !isReply(m) || !tops.has(m.thread_ts as string)).slice(-HISTORY_SHOWN);
  const html = top.map((m) => messageHtml(ws, m, viewer, replies.get(m.ts) ?? [])).join('\n');
  const bot = ws.users.get(ws.identity.botUserId)?.real_name ?? 'dudao';
  return {
    id: channel,
    title: ch?.isIm ? bot : `#${ch?.name ?? channel}`,
    topic: ch?.topic ?? '',
    isIm: Boolean(ch?.isIm),
    html: html || emptyChannel(ws, viewer, Boolean(ch?.isIm)),
  };
}

/** What an empty conversation says: where to start, in the reader's language. */
function emptyChannel(ws: Workspace, viewer: string, isIm: boolean): string {
  const zh = ws.users.get(viewer)?.locale?.startsWith('zh');
  const hint = zh
    ? isIm
      ? 'dudao 会在这里私信你（例如提醒你联系的单位）。斜杠命令在这里也能用。'
      : '在下方输入 <code>/dudao 状态</code> 查看各单位情况，或输入 <code>/dudao 帮助</code>。'
    : isIm
      ? 'dudao writes to you here (for example when a unit you are liaison for went quiet). Slash commands work here too.'
      : 'Type <code>/dudao status</code> below to see the units, or <code>/dudao help</code>.';
  return `<p class="empty">No messages yet. ${hint}</p>`;
}

/**
 * The viewer's Home tab as the app last published it. When the app did not answer a press on it,
 * Slack says so above the view (the `''` error a failed action leaves), until the next publish.
 */
export function renderHome(ws: Workspace, user: string): { viewId: string | null; html: string } {
  const home = ws.views.home(user);
  if (!home)
    return { viewId: null, html: '<p class="empty">The app has not published a Home tab for you yet.</p>' };
  const { '': trouble, ...fieldErrors } = home.errors ?? {};
  const banner = trouble ? `<p class="bk-banner" role="alert">${escapeHtml(trouble)}</p>` : '';
  return {
    viewId: home.id,
    html: `<div class="home-view" data-view-id="${escapeHtml(home.id)}">${banner}${renderBlocks(home.blocks, {
      ...names(ws),
      surface: 'home',
      idPrefix: `h${home.id}`,
      errors: fieldErrors,
    })}</div>`,
  };
}

/** The modal on top of the user's stack, as a dialog, with the values its last submission kept. */
export function renderModalOf(
  ws: Workspace,
  user: string,
): { viewId: string | null; html: string; values: unknown; banner: string | null } {
  const view: StoredView | undefined = ws.views.topModal(user);
  if (!view) return { viewId: null, html: '', values: null, banner: null };
  const errors = view.errors ?? {};
  const { '': banner, ...fieldErrors } = errors;
  return {
    viewId: view.id,
    html: renderModal(view, { ...names(ws), idPrefix: `v${view.id}`, viewId: view.id, errors: fieldErrors }),
    values: (view.state as { values?: unknown } | undefined)?.values ?? null,
    banner: banner ?? null,
  };
}
