/**
 * The local page's script: who you are, the sidebar, the message list kept live over
 * server-sent events, the composer, and modals. Everything shown is rendered by the server
 * (render-page.ts); this file only fetches it, places it, and reports what the person did.
 */
import { collectValues, restoreValues, type StateValues } from './values';

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
  me: string | null;
  users: PageUser[];
  channels: PageChannel[];
}
type Change =
  | { scope: 'channel'; channel: string; ts?: string; op?: 'add' | 'update' | 'delete' }
  | { scope: 'modal' }
  | { scope: 'home' }
  | { scope: 'channels' };

const HOME = 'home';
const RECONNECTING = 'Reconnecting to the local workspace…';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const userSelect = $<HTMLSelectElement>('user-select');
const nav = $<HTMLElement>('channels');
const messages = $<HTMLElement>('messages');
const title = $<HTMLElement>('pane-title');
const topic = $<HTMLElement>('pane-topic');
const composer = $<HTMLFormElement>('composer');
const box = $<HTMLTextAreaElement>('message');
const modalRoot = $<HTMLElement>('modal-root');
const status = $<HTMLElement>('page-status');

let state: PageState = { team: '', me: null, users: [], channels: [] };
let current = localStorage.getItem('dudao.channel') ?? '';
let modalViewId: string | null = null;
let events: EventSource | null = null;

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

const me = () => state.me ?? '';
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
  renderNav();
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

async function refreshModal(): Promise<void> {
  const modal = await api<{
    viewId: string | null;
    html: string;
    values: StateValues | null;
    banner: string | null;
  }>(q('/page/modal'));
  const sameView = modal.viewId !== null && modal.viewId === modalViewId;
  const kept = sameView ? collectValues(modalRoot) : null;
  modalViewId = modal.viewId;
  if (!modal.viewId) {
    modalRoot.hidden = true;
    modalRoot.replaceChildren();
    box.focus();
    return;
  }
  modalRoot.innerHTML = modal.html;
  modalRoot.hidden = false;
  const values = kept ?? modal.values;
  if (values) restoreValues(modalRoot, values);
  if (modal.banner) {
    const banner = document.createElement('p');
    banner.className = 'bk-banner';
    banner.setAttribute('role', 'alert');
    banner.textContent = modal.banner;
    modalRoot.querySelector('form')?.prepend(banner);
  }
  const firstError = modalRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
  const first = firstError ?? modalRoot.querySelector<HTMLElement>('input, select, textarea, button');
  if (!sameView || firstError) first?.focus();
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

/** Changes are applied one after another, so a late answer never overwrites a newer one. */
let applying: Promise<void> = Promise.resolve();
function apply(work: () => Promise<void>): void {
  applying = applying.then(work, work).catch((err: unknown) => say(String(err)));
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
    else if (change.scope === 'modal') apply(refreshModal);
    else if (change.scope === 'channels') apply(() => loadState(me()));
  });
  events.addEventListener('open', () => {
    if (status.textContent === RECONNECTING) say('');
  });
  events.addEventListener('error', () => say(RECONNECTING));
}

/** Acts as `user` from now on; the previous person's stream is closed first, so none of their changes land after. */
async function become(user: string | null): Promise<void> {
  events?.close();
  events = null;
  await loadState(user);
  listen();
  await show(current);
  await refreshModal();
}

/** Where an element sits: a message, the modal, or Home. */
function containerOf(
  el: Element,
): { type: 'message'; channel: string; ts: string } | { type: 'view'; viewId: string } | null {
  const view = el.closest<HTMLElement>('[data-view-id]');
  if (view?.dataset.viewId) return { type: 'view', viewId: view.dataset.viewId };
  const msg = el.closest<HTMLElement>('article[data-ts]');
  if (msg?.dataset.ts && msg.dataset.channel)
    return { type: 'message', channel: msg.dataset.channel, ts: msg.dataset.ts };
  return null;
}

function actionOf(el: HTMLElement): Record<string, unknown> | null {
  const { actionId, blockId, element, value } = el.dataset;
  if (!actionId || !blockId || !element) return null;
  const action: Record<string, unknown> = { action_id: actionId, block_id: blockId, type: element };
  if (el instanceof HTMLButtonElement) {
    action.text = { type: 'plain_text', text: el.textContent?.trim() ?? '' };
    if (value !== undefined) action.value = value;
  } else if (el instanceof HTMLSelectElement) {
    const option = el.selectedOptions[0];
    if (!option || option.value === '') return null;
    action.selected_option = { text: { type: 'plain_text', text: option.text }, value: option.value };
  } else if (el instanceof HTMLInputElement) {
    if (el.type === 'date') action.selected_date = el.value;
    else if (el.type === 'time') action.selected_time = el.value;
    else action.value = el.value;
  }
  return action;
}

async function act(el: HTMLElement): Promise<void> {
  const container = containerOf(el);
  const action = actionOf(el);
  if (!container || !action) return;
  const confirmText = el.dataset.confirm
    ? (JSON.parse(el.dataset.confirm) as { text?: string }).text
    : undefined;
  if (confirmText && !window.confirm(confirmText)) return;
  if (el.dataset.url) window.open(el.dataset.url, '_blank', 'noopener');
  const values = container.type === 'view' ? collectValues(modalRoot) : {};
  if (el instanceof HTMLButtonElement) el.disabled = true;
  try {
    await api('/page/action', { user: me(), container, action, values });
  } finally {
    if (el instanceof HTMLButtonElement) el.disabled = false;
  }
}

document.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const modalButton = target.closest<HTMLButtonElement>('button[data-modal="close"]');
  if (modalButton && modalViewId) {
    void api('/page/close', { user: me(), viewId: modalViewId });
    return;
  }
  const button = target.closest<HTMLButtonElement>('button[data-action-id]');
  if (button) void act(button);
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
  void act(el);
});

let suggestTimer: number | undefined;
document.addEventListener('input', (e) => {
  const el = e.target as HTMLInputElement;
  if (el.dataset.element !== 'external_select' || !modalViewId) return;
  delete el.dataset.selectedValue;
  const list = document.getElementById(el.getAttribute('list') ?? '');
  const chosen = [...(list?.querySelectorAll('option') ?? [])].find((o) => o.value === el.value);
  if (chosen?.dataset.value) el.dataset.selectedValue = chosen.dataset.value;
  window.clearTimeout(suggestTimer);
  const viewId = modalViewId;
  suggestTimer = window.setTimeout(async () => {
    const { options } = await api<{ options: { text: { text: string }; value: string }[] }>('/page/suggest', {
      user: me(),
      viewId,
      blockId: el.dataset.blockId,
      actionId: el.dataset.actionId,
      value: el.value,
    });
    list?.replaceChildren(
      ...options.map((o) => {
        const option = document.createElement('option');
        option.value = o.text.text;
        option.dataset.value = o.value;
        return option;
      }),
    );
    const exact = options.find((o) => o.text.text === el.value);
    if (exact) el.dataset.selectedValue = exact.value;
  }, 150);
});

modalRoot.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!modalViewId) return;
  void api('/page/submit', { user: me(), viewId: modalViewId, values: collectValues(modalRoot) });
});

modalRoot.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && modalViewId) void api('/page/close', { user: me(), viewId: modalViewId });
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
