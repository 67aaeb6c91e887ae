/** The modal on top of the person's stack, drawn as a dialog: submit, close, external-select search. */
import { api } from './api';
import { collectValues, restoreValues, type StateValues } from './values';

interface ModalAnswer {
  viewId: string | null;
  html: string;
  values: StateValues | null;
  banner: string | null;
}

interface SuggestedOption {
  text: { text: string };
  value: string;
}

/** How long typing in an external select pauses before the app is asked for options. */
const SUGGEST_DELAY_MS = 150;

export class Modal {
  viewId: string | null = null;
  private suggestTimer: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly user: () => string,
    /** Where focus goes when the modal closes: the composer. */
    private readonly onClosed: () => void,
  ) {
    root.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.viewId)
        void api('/page/submit', { user: user(), viewId: this.viewId, values: collectValues(root) });
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    root.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button[data-modal="close"]')) this.close();
    });
    root.addEventListener('input', (e) => this.search(e.target as HTMLInputElement));
  }

  close(): void {
    if (this.viewId) void api('/page/close', { user: this.user(), viewId: this.viewId });
  }

  /**
   * Draws what the workspace holds for the person. The same view drawn again (with its errors)
   * keeps what was typed; focus goes to the first field in error, or into a newly opened form.
   */
  async refresh(): Promise<void> {
    const modal = await api<ModalAnswer>(`/page/modal?user=${encodeURIComponent(this.user())}`);
    const sameView = modal.viewId !== null && modal.viewId === this.viewId;
    const kept = sameView ? collectValues(this.root) : null;
    this.viewId = modal.viewId;
    if (!modal.viewId) {
      this.root.hidden = true;
      this.root.replaceChildren();
      this.onClosed();
      return;
    }
    this.root.innerHTML = modal.html;
    this.root.hidden = false;
    const values = kept ?? modal.values;
    if (values) restoreValues(this.root, values);
    if (modal.banner) {
      const banner = document.createElement('p');
      banner.className = 'bk-banner';
      banner.setAttribute('role', 'alert');
      banner.textContent = modal.banner;
      this.root.querySelector('form')?.prepend(banner);
    }
    const firstError = this.root.querySelector<HTMLElement>('[aria-invalid="true"]');
    const first = firstError ?? this.root.querySelector<HTMLElement>('input, select, textarea, button');
    if (!sameView || firstError) first?.focus();
  }

  /** An external select: the chosen option's value is kept, and the app is asked for options as one types. */
  private search(el: HTMLInputElement): void {
    if (el.dataset.element !== 'external_select' || !this.viewId) return;
    delete el.dataset.selectedValue;
    const list = document.getElementById(el.getAttribute('list') ?? '');
    const chosen = [...(list?.querySelectorAll('option') ?? [])].find((o) => o.value === el.value);
    if (chosen?.dataset.value) el.dataset.selectedValue = chosen.dataset.value;
    window.clearTimeout(this.suggestTimer);
    const viewId = this.viewId;
    this.suggestTimer = window.setTimeout(async () => {
      const { options } = await api<{ options: SuggestedOption[] }>('/page/suggest', {
        user: this.user(),
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
    }, SUGGEST_DELAY_MS);
  }
}
