/** What a person does to an interactive element, reported as Slack's block_actions would carry it. */
import { api } from './api';
import { collectValues } from './values';

type Container = { type: 'message'; channel: string; ts: string } | { type: 'view'; viewId: string };

/** Where an element sits: a message, or a view (the modal or Home). */
function containerOf(el: Element): Container | null {
  const view = el.closest<HTMLElement>('[data-view-id]');
  if (view?.dataset.viewId) return { type: 'view', viewId: view.dataset.viewId };
  const msg = el.closest<HTMLElement>('article[data-ts]');
  if (msg?.dataset.ts && msg.dataset.channel)
    return { type: 'message', channel: msg.dataset.channel, ts: msg.dataset.ts };
  return null;
}

/** The `actions[]` entry for an element, from the data attributes the renderer puts on it. */
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

/** Reports the element's action for `user`; a button waits, disabled, until the workspace has it. */
export async function act(el: HTMLElement, user: string, form: HTMLElement): Promise<void> {
  const container = containerOf(el);
  const action = actionOf(el);
  if (!container || !action) return;
  const confirmText = el.dataset.confirm
    ? (JSON.parse(el.dataset.confirm) as { text?: string }).text
    : undefined;
  if (confirmText && !window.confirm(confirmText)) return;
  if (el.dataset.url) window.open(el.dataset.url, '_blank', 'noopener');
  // A view's values are those of its own inputs: the modal's, or the Home tab's.
  const values =
    container.type === 'view' ? collectValues(el.closest<HTMLElement>('[data-view-id]') ?? form) : {};
  if (el instanceof HTMLButtonElement) el.disabled = true;
  try {
    await api('/page/action', { user, container, action, values });
  } finally {
    if (el instanceof HTMLButtonElement) el.disabled = false;
  }
}
