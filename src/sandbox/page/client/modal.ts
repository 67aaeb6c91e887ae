/** The modal on top of the person's stack, drawn as a dialog: submit, close, external-select search. */
import { api } from './api';
import { collectValues, restoreValues, type StateValues } from './values';

interface ModalAnswer {
  viewId: string | null;
  html: string;
  values: StateValues | null;
  banner: string | null;
}

/** A file the page uploaded for a file_input, named when the form is sent. */
interface Attached {
  id: string;
  name: string;
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
  /** Files uploaded for the open view's file inputs (`block.action`), kept while it is drawn again. */
  private readonly attached = new Map<string, Attached[]>();

  constructor(
    private readonly root: HTMLElement,
    private readonly user: () => string,
    /** Where focus goes when the modal closes: the composer. */
    private readonly onClosed: () => void,
  ) {
    root.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.viewId) void this.send(this.viewId);
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    root.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button[data-modal="close"]')) this.close();
    });
    root.addEventListener('input', (e) => this.search(e.target as HTMLInputElement));
  }

  /** Sends the form, once the files picked in its file inputs are uploaded, as Slack's client does. */
  private async send(viewId: string): Promise<void> {
    const values = collectValues(this.root);
    const pickers = this.root.querySelectorAll<HTMLInputElement>(
      'input[type="file"][data-element="file_input"]',
    );
    for (const input of pickers) {
      const { blockId, actionId } = input.dataset;
      if (!blockId || !actionId) continue;
      const key = `${blockId}.${actionId}`;
      if (input.files && input.files.length > 0) this.attached.set(key, await this.upload(input.files));
      const files = this.attached.get(key) ?? [];
      values[blockId] = { ...(values[blockId] ?? {}), [actionId]: { type: 'file_input', files } };
    }
    await api('/page/submit', { user: this.user(), viewId, values });
  }

  /** Each file into the workspace: an upload made for it, then its bytes, as files.uploadV2 sends them. */
  private async upload(files: FileList): Promise<Attached[]> {
    const out: Attached[] = [];
    for (const file of files) {
      const { fileId } = await api<{ fileId: string }>('/page/upload', {
        user: this.user(),
        filename: file.name,
        length: file.size,
      });
      const res = await fetch(`/upload/${encodeURIComponent(fileId)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      if (!res.ok) throw new Error(`upload: HTTP ${res.status}`);
      out.push({ id: fileId, name: file.name });
    }
    return out;
  }

  /** Under each file input, the files already uploaded for it (a picker cannot be given them back). */
  private showAttached(): void {
    for (const input of this.root.querySelectorAll<HTMLInputElement>(
      'input[type="file"][data-element="file_input"]',
    )) {
      const files = this.attached.get(`${input.dataset.blockId}.${input.dataset.actionId}`);
      if (!files?.length) continue;
      const note = document.createElement('p');
      note.className = 'bk-hint bk-attached';
      note.textContent = `Attached: ${files.map((f) => f.name).join(', ')}`;
      input.after(note);
    }
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
    if (!sameView) this.attached.clear();
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
    this.showAttached();
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
