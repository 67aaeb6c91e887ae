/**
 * The local page's script: who you are, the sidebar, the message list kept live over
 * server-sent events, the composer, messages' "More actions" menus, and modals. Everything shown
 * is rendered by the server (render-page.ts); this file only fetches it, places it, and reports
 * what the person did.
 */
import { act } from './actions';
import { api, byId } from './api';
import { MessageMenu, type PageShortcut } from './message-menu';
import { Modal } from './modal';

interface PageUser {
  id: string;
  name: string;
  title: string;
  locale: string;
}
interface PageChannel {
  id: string;
  name: string;
  kind: 'channel' | 'im';
  topic: string;
}
interface PageState {
  team: string;
  /** The app's name, as its DM and its shortcuts are listed. */
  app: string;
  me: string | null;
  users: PageUser[];
  channels: PageChannel[];
  shortcuts: PageShortcut[];
}
type Change =
  | { scope: 'channel'; channel: string; ts?: string; op?: 'add' | 'update' | 'delete' }
  | { scope: 'modal' }
  | { scope: 'home' }
  | { scope: 'channels' };

const HOME = 'home';
const RECONNECTING = 'Reconnecting to the local workspace…';
/** How long the page waits before drawing everything again after a failed fetch. */
const RESYNC_MS = 1_000;
const $ = byId;
const userSelect = $<HTMLSelectElement>('user-select');
const nav = $<HTMLElement>('channels');
const messages = $<HTMLElement>('messages');
const title = $<HTMLElement>('pane-title');
const topic = $<HTMLElement>('pane-topic');
const composer = $<HTMLFormElement>('composer');
const box = $<HTMLTextAreaElement>('message');
const modalRoot = $<HTMLElement>('modal-root');
const status = $<HTMLElement>('page-status');

let state: PageState = { team: '', app: '', me: null, users: [], channels: [], shortcuts: [] };
let current = localStorage.getItem('dudao.channel') ?? '';
let events: EventSource | null = null;

const me = () => state.me ?? '';
const modal = new Modal(modalRoot, me, () => box.focus());
const menu = new MessageMenu(
  me,
  () => state.shortcuts,
  () => state.app,
  say,
);
const q = (path: string) => `${path}${path.includes('?') ? '&' : '?'}user=${encodeURIComponent(me())}`;

function say(text: string): void {
  status.textContent = text;
}

async function loadState(user: string | null): Promise<void> {
  state = await api<PageState>(`/page/state${user ? `?user=${encodeURIComponent(user)}` : ''}`);
  userSelect.replaceChildren(
    ...state.users.map((u) => {
      const option = new Option(u.title ? `${u.name} · ${u.title}` : u.name, u.id);
      option.selected = u.id === state.me;
      return option;
    }),
  );
  const { me: id } = state;
  if (id) localStorage.setItem('dudao.user', id);
  const lang = state.users.find((u) => u.id === id)?.locale.startsWith('zh') ? 'zh' : 'en';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  showTip(lang);
  renderNav();
}

/** The line under the composer, in the reader's language: what to try, and how Enter works. */
const TIPS = {
  en: {
    lead: 'Try ',
    commands: ['/dudao help', '/dudao status', '/dudao log', '/dudao digest now'],
    sep: ', ',
    tail: '. Enter sends; Shift+Enter starts a new line.',
  },
  zh: {
    lead: '试试 ',
    commands: ['/dudao 帮助', '/dudao 状态', '/dudao 记录', '/dudao digest now'],
    sep: '、',
    tail: '。回车发送，Shift+回车换行。',
  },
} as const;

function showTip(lang: 'en' | 'zh'): void {
  const tip = TIPS[lang];
  const parts: (string | HTMLElement)[] = [tip.lead];
  tip.commands.forEach((c, i) => {
    const code = document.createElement('code');
    code.textContent = c;
    parts.push(...(i > 0 ? [tip.sep] : []), code);
  });
  parts.push(tip.tail);
  byId('tip').replaceChildren(...parts);
}

function renderNav(): void {
  const link = (id: string, label: string, prefix: string) => {
    const a = document.createElement('a');
    a.href = `#${id}`;
    a.dataset.channel = id;
    a.textContent = `${prefix}${label}`;
    if (id === current) a.setAttribute('aria-current', 'page');
    const li = document.createElement('li');
    li.append(a);
    return li;
  };
  const section = (heading: string, items: HTMLLIElement[]) => {
    const h = document.createElement('h2');
    h.textContent = heading;
    const ul = document.createElement('ul');
    ul.append(...items);
    return [h, ul];
  };
  const channels = state.channels.filter((c) => c.kind === 'channel');
  const ims = state.channels.filter((c) => c.kind === 'im');
  nav.replaceChildren(
    ...section(
      'Channels',
      channels.map((c) => link(c.id, c.name, '# ')),
    ),
    ...section(
      'Direct messages',
      ims.map((c) => link(c.id, c.name, '')),
    ),
    ...section('Apps', [link(HOME, 'Home', '')]),
  );
}

async function show(channel: string): Promise<void> {
  menu.close(false);
  const valid = channel === HOME || state.channels.some((c) => c.id === channel);
  current = valid ? channel : (state.channels[0]?.id ?? HOME);
  localStorage.setItem('dudao.channel', current);
  for (const a of nav.querySelectorAll<HTMLAnchorElement>('a[data-channel]')) {
    if (a.dataset.channel === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Opening the tab is what Slack reports (app_home_opened); a republished Home only redraws it.
  if (current === HOME) void api('/page/home-opened', { user: me() });
  await refreshPane();
}

async function refreshPane(): Promise<void> {
  if (current === HOME) {
    const home = await api<{ html: string }>(q('/page/home'));
    title.textContent = 'Home';
    topic.textContent = 'dudao';
    messages.innerHTML = home.html;
    composer.hidden = true;
    return;
  }
  const ch = await api<{ title: string; topic: string; html: string; isIm: boolean }>(
    q(`/page/channel/${encodeURIComponent(current)}`),
  );
  title.textContent = ch.title;
  topic.textContent = ch.topic;
  messages.innerHTML = ch.html;
  composer.hidden = false;
  box.placeholder = `Message ${ch.title}`;
  messages.scrollTop = messages.scrollHeight;
}

/** Puts one new or changed message in place, without drawing the whole channel again. */
async function refreshMessage(channel: string, ts: string, op: 'add' | 'update' | 'delete'): Promise<void> {
  if (op === 'delete') {
    const gone = messages.querySelector(`article[data-ts="${CSS.escape(ts)}"]`);
    if (gone?.parentElement === messages) gone.remove();
    else await refreshPane();
    return;
  }
  const { message } = await api<{ message: { ts: string; html: string } | null }>(
    q(`/page/message/${encodeURIComponent(channel)}/${encodeURIComponent(ts)}`),
  );
  if (!message || channel !== current) return;
  const holder = document.createElement('div');
  holder.innerHTML = message.html;
  const fresh = holder.firstElementChild;
  if (!fresh) return;
  const existing = [...messages.children].find((el) => (el as HTMLElement).dataset.ts === message.ts);
  if (existing) {
    existing.replaceWith(fresh);
    return;
  }
  messages.querySelector(':scope > .empty')?.remove();
  messages.append(fresh);
  messages.scrollTop = messages.scrollHeight;
}

/**
 * Changes are applied one after another, so a late answer never overwrites a newer one. When one
 * cannot be fetched (the workspace restarting, the network gone), the page draws everything again
 * a moment later, and keeps trying until it can.
 */
let applying: Promise<void> = Promise.resolve();
let resyncing = false;
function apply(work: () => Promise<void>): void {
  applying = applying.then(work).catch((err: unknown) => {
    say(`${RECONNECTING} (${String(err)})`);
    if (resyncing) return;
    resyncing = true;
    window.setTimeout(() => {
      resyncing = false;
      apply(async () => {
        await refreshPane();
        await modal.refresh();
        say('');
      });
    }, RESYNC_MS);
  });
}

function listen(): void {
  events?.close();
  events = new EventSource(q('/page/events'));
  events.addEventListener('change', (e) => {
    const change = JSON.parse((e as MessageEvent<string>).data) as Change;
    if (change.scope === 'channel' && change.channel === current) {
      const { ts, op, channel } = change;
      apply(() => (ts && op ? refreshMessage(channel, ts, op) : refreshPane()));
    } else if (change.scope === 'home' && current === HOME) apply(refreshPane);
    else if (change.scope === 'modal') apply(() => modal.refresh());
    else if (change.scope === 'channels') apply(() => loadState(me()));
  });
  let lost = false;
  events.addEventListener('open', () => {
    if (status.textContent?.startsWith(RECONNECTING)) say('');
    // Changes made while the stream was down were never told: draw what is there now.
    if (lost) {
      apply(refreshPane);
      apply(() => modal.refresh());
    }
    lost = false;
  });
  events.addEventListener('error', () => {
    lost = true;
    say(RECONNECTING);
  });
}

/** Acts as `user` from now on; the previous person's stream is closed first, so none of their changes land after. */
async function become(user: string | null): Promise<void> {
  events?.close();
  events = null;
  await loadState(user);
  listen();
  await show(current);
  await modal.refresh();
}

document.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const button = target.closest<HTMLButtonElement>('button[data-action-id]');
  if (button) void act(button, me(), modalRoot);
  const link = target.closest<HTMLAnchorElement>('a[data-channel]');
  if (link?.dataset.channel) {
    e.preventDefault();
    void show(link.dataset.channel);
  }
});

document.addEventListener('change', (e) => {
  const el = e.target as HTMLElement;
  if (!el.dataset.actionId || el.dataset.element === 'external_select') return;
  // Inputs of a modal's input blocks are read on submit, unless they ask to dispatch at once.
  if (el.closest('.bk-input') && el.dataset.dispatch !== 'true') return;
  void act(el, me(), modalRoot);
});

document.addEventListener('keydown', (e) => {
  // A menu button opens its menu with the arrow keys too: down on the first item, up on the last.
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button.msg-more');
  if (!button || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
  e.preventDefault();
  menu.close(false);
  menu.open(button, e.key === 'ArrowDown' ? 'first' : 'last');
});

composer.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = box.value;
  if (!text.trim() || current === HOME) return;
  box.value = '';
  void api('/page/send', { user: me(), channel: current, text }).catch((err: unknown) => say(String(err)));
});

box.addEventListener('keydown', (e) => {
  // Enter sends, Shift+Enter starts a new line; a composing IME (Chinese input) keeps its Enter.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    composer.requestSubmit();
  }
});

userSelect.addEventListener('change', () => apply(() => become(userSelect.value)));

document.getElementById('reset')?.addEventListener('click', async () => {
  if (!window.confirm('Reset the demo? Everything typed since the first start is removed.')) return;
  say('Resetting the demo…');
  await api('/page/reset', {});
  say('The demo is as it was first seeded.');
  apply(() => become(me()));
});

window.addEventListener('hashchange', () => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && id !== current) void show(id);
});

if (location.hash.length > 1) current = decodeURIComponent(location.hash.slice(1));
apply(() => become(localStorage.getItem('dudao.user')).then(() => box.focus()));
