/**
 * A message's "More actions" menu: the app's message shortcuts, as Slack lists them in a message's
 * context menu. A menu button that opens a `menu` of `menuitem`s (WAI-ARIA's menu button): arrows,
 * Home and End move between items, Enter or a click chooses one, Escape or Tab closes it, and focus
 * goes back to the button.
 */
import { api } from './api';

/** One of the app's message shortcuts, as `/page/state` lists them. */
export interface PageShortcut {
  callbackId: string;
  name: string;
}

interface Anchor {
  channel: string;
  ts: string;
}

/** Room kept between the button and the menu, and between the menu and the window's edge. */
const GAP_PX = 4;

export class MessageMenu {
  private readonly menu = document.createElement('div');
  private anchor: Anchor | null = null;
  private buttonIds = 0;

  constructor(
    private readonly user: () => string,
    private readonly shortcuts: () => readonly PageShortcut[],
    private readonly appName: () => string,
    /** Tells the person what went wrong (the page's status line). */
    private readonly say: (text: string) => void,
  ) {
    this.menu.className = 'msg-menu';
    this.menu.setAttribute('role', 'menu');
    this.menu.hidden = true;
    document.body.append(this.menu);
    document.addEventListener('click', (e) => this.onClick(e), true);
    this.menu.addEventListener('keydown', (e) => this.onKey(e));
    // The list scrolls under a fixed menu: keep it by its button, or close it when the button is gone.
    document.addEventListener('scroll', () => this.place(), true);
    window.addEventListener('resize', () => this.place());
  }

  get isOpen(): boolean {
    return this.anchor !== null;
  }

  /** The "More actions" button of the message the menu is for, as drawn now (messages are redrawn). */
  private button(): HTMLButtonElement | null {
    if (!this.anchor) return null;
    const { channel, ts } = this.anchor;
    const article = document.querySelector(
      `article[data-channel="${CSS.escape(channel)}"][data-ts="${CSS.escape(ts)}"]`,
    );
    return article?.querySelector<HTMLButtonElement>(':scope > .msg-actions > .msg-more') ?? null;
  }

  private items(): HTMLButtonElement[] {
    return [...this.menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')];
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const item = target.closest<HTMLButtonElement>('[role="menuitem"]');
    if (item && this.menu.contains(item)) {
      void this.choose(item.dataset.callbackId ?? '');
      return;
    }
    const button = target.closest<HTMLButtonElement>('button.msg-more');
    if (button) {
      const same = this.isOpen && this.button() === button;
      this.close(false);
      if (!same) this.open(button, 'first');
      return;
    }
    if (this.isOpen && !this.menu.contains(target)) this.close(false);
  }

  /** Opens the menu for the message of `button`, focusing its first (or last) item. */
  open(button: HTMLButtonElement, focus: 'first' | 'last'): void {
    const article = button.closest<HTMLElement>('article[data-ts]');
    const { channel, ts } = article?.dataset ?? {};
    if (!channel || !ts) return;
    this.anchor = { channel, ts };
    button.id ||= `msg-more-${++this.buttonIds}`;
    this.menu.setAttribute('aria-labelledby', button.id);
    this.menu.replaceChildren(...this.entries());
    this.menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    article?.classList.add('menu-open');
    this.place();
    const items = this.items();
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
  }

  /** The app's name over its shortcuts, as Slack groups them; a note when it declares none. */
  private entries(): HTMLElement[] {
    const heading = document.createElement('div');
    heading.className = 'msg-menu-app';
    heading.setAttribute('aria-hidden', 'true');
    heading.textContent = this.appName();
    const shortcuts = this.shortcuts();
    if (shortcuts.length === 0) {
      const none = document.createElement('button');
      none.type = 'button';
      none.setAttribute('role', 'menuitem');
      none.disabled = true;
      none.textContent = 'No message shortcuts';
      return [heading, none];
    }
    return [
      heading,
      ...shortcuts.map((s) => {
        const item = document.createElement('button');
        item.type = 'button';
        item.setAttribute('role', 'menuitem');
        item.tabIndex = -1;
        item.dataset.callbackId = s.callbackId;
        item.textContent = s.name;
        return item;
      }),
    ];
  }

  /** Closes the menu; focus goes back to its button when the person was in it. */
  close(refocus: boolean): void {
    const button = this.button();
    this.anchor = null;
    this.menu.hidden = true;
    this.menu.replaceChildren();
    for (const open of document.querySelectorAll('button.msg-more[aria-expanded="true"]'))
      open.setAttribute('aria-expanded', 'false');
    for (const article of document.querySelectorAll('article.menu-open'))
      article.classList.remove('menu-open');
    if (refocus) button?.focus();
  }

  private async choose(callbackId: string): Promise<void> {
    const anchor = this.anchor;
    this.close(true);
    if (!anchor || !callbackId) return;
    try {
      await api('/page/shortcut', { user: this.user(), channel: anchor.channel, ts: anchor.ts, callbackId });
    } catch (err) {
      this.say(String(err));
    }
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(true);
        break;
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(-1);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  /** Puts the menu under its button (above it when there is no room below), inside the window. */
  private place(): void {
    if (!this.anchor) return;
    const button = this.button();
    if (!button) {
      this.close(false);
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    button.closest('article')?.classList.add('menu-open');
    const at = button.getBoundingClientRect();
    const { offsetWidth: width, offsetHeight: height } = this.menu;
    const below = at.bottom + GAP_PX;
    const top = below + height > window.innerHeight ? Math.max(GAP_PX, at.top - GAP_PX - height) : below;
    const left = Math.min(Math.max(GAP_PX, at.right - width), window.innerWidth - width - GAP_PX);
    this.menu.style.top = `${top}px`;
    this.menu.style.left = `${left}px`;
  }
}
