/** `view.state.values` as Slack sends it: block_id → action_id → the element's value. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const option = (text: string, value: string) => ({ text: { type: 'plain_text', text, emoji: true }, value });

/** The value of one input-block control, in Slack's shape for its element type. */
function controlValue(el: HTMLElement, type: string): Record<string, unknown> | null {
  if (el instanceof HTMLSelectElement) {
    const chosen = [...el.selectedOptions].filter((o) => o.value !== '');
    if (el.multiple) return { type, selected_options: chosen.map((o) => option(o.text, o.value)) };
    const first = chosen[0];
    return { type, selected_option: first ? option(first.text, first.value) : null };
  }
  // Picked files are uploaded when the form is sent (modal.ts), which fills in their ids.
  if (type === 'file_input') return { type, files: [] };
  if (el instanceof HTMLInputElement && type === 'external_select') {
    const value = el.dataset.selectedValue;
    return { type, selected_option: value && el.value ? option(el.value, value) : null };
  }
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (type === 'datepicker') return { type, selected_date: el.value || null };
    if (type === 'timepicker') return { type, selected_time: el.value || null };
    return { type, value: el.value === '' ? null : el.value };
  }
  // checkboxes and radio_buttons: a group of inputs inside the element's container.
  const boxes = [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')];
  const checked = boxes
    .filter((b) => b.checked)
    .map((b) => option(b.labels?.[0]?.textContent?.trim() ?? b.value, b.value));
  if (type === 'radio_buttons') return { type, selected_option: checked[0] ?? null };
  return { type, selected_options: checked };
}

/** Every input block's value in the form under `root`. */
export function collectValues(root: HTMLElement): StateValues {
  const out: StateValues = {};
  for (const el of root.querySelectorAll<HTMLElement>('.bk-input [data-action-id][data-element]')) {
    const { blockId, actionId, element } = el.dataset;
    if (!blockId || !actionId || !element) continue;
    // A checkbox inside a group is read through its group.
    if (
      el instanceof HTMLInputElement &&
      (el.type === 'checkbox' || el.type === 'radio') &&
      el.parentElement?.closest('[data-element]')
    )
      continue;
    const value = controlValue(el, element);
    if (!value) continue;
    out[blockId] = { ...(out[blockId] ?? {}), [actionId]: value };
  }
  return out;
}

/** Puts back what the person had typed, after the form was drawn again (with its errors). */
export function restoreValues(root: HTMLElement, values: StateValues): void {
  for (const el of root.querySelectorAll<HTMLElement>('.bk-input [data-action-id][data-element]')) {
    const { blockId, actionId } = el.dataset;
    const v = blockId && actionId ? values[blockId]?.[actionId] : undefined;
    if (!v) continue;
    const selected = v.selected_option as { value?: string; text?: { text?: string } } | null | undefined;
    if (el instanceof HTMLSelectElement) {
      if (selected?.value !== undefined) el.value = selected.value;
    } else if (el instanceof HTMLInputElement && el.dataset.element === 'external_select') {
      if (selected?.value) {
        el.value = selected.text?.text ?? '';
        el.dataset.selectedValue = selected.value;
      }
    } else if (el instanceof HTMLInputElement && el.type === 'file') {
      // A file picker cannot be given files; modal.ts shows what was attached instead.
    } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const text = v.value ?? v.selected_date ?? v.selected_time;
      if (typeof text === 'string') (el as Control).value = text;
    }
  }
}
