import type { WorkspaceText } from './notices';
import { isRecord } from './request-body';

/** One element's value in `view.state.values`, as Slack sends it. */
export interface ElementValue {
  type: string;
  value?: string | null;
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string } | null;
  selected_options?: unknown[];
  selected_date?: string | null;
  selected_time?: string | null;
  /** A rich_text_input's value: a rich_text block (rich-text-input.ts). */
  rich_text_value?: unknown;
  /** A file_input's files (file-input.ts). */
  files?: unknown[];
}

/** `view.state.values`: block_id → action_id → value. */
export type StateValues = Record<string, Record<string, ElementValue>>;

function isEmpty(v: ElementValue | undefined): boolean {
  if (!v) return true;
  if (Array.isArray(v.selected_options)) return v.selected_options.length === 0;
  if (Array.isArray(v.files)) return v.files.length === 0;
  const given = v.value ?? v.selected_option?.value ?? v.selected_date ?? v.selected_time ?? null;
  return given === null || given === '';
}

/**
 * The checks Slack's client makes before it sends a view_submission: a required input left empty,
 * a number out of its range or not whole, a text shorter or longer than its limits. Answers
 * block_id → the message Slack shows under the field; empty when the form may be sent.
 */
export function requiredProblems(
  view: Record<string, unknown>,
  values: StateValues,
  t: WorkspaceText,
): Record<string, string> {
  const out: Record<string, string> = {};
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== 'input' || !isRecord(block.element)) continue;
    const blockId = String(block.block_id ?? '');
    const el = block.element;
    const value = values[blockId]?.[String(el.action_id ?? '')];
    if (isEmpty(value)) {
      if (block.optional !== true) out[blockId] = t.required;
      continue;
    }
    const text = String(value?.value ?? '');
    if (el.type === 'number_input') {
      const n = Number(text);
      const decimals = el.is_decimal_allowed === true;
      const min = el.min_value === undefined ? -Infinity : Number(el.min_value);
      const max = el.max_value === undefined ? Infinity : Number(el.max_value);
      if (!Number.isFinite(n) || (!decimals && !Number.isInteger(n))) out[blockId] = t.wholeNumber;
      else if (n < min || n > max)
        out[blockId] = t.numberBetween(String(el.min_value ?? '…'), String(el.max_value ?? '…'));
    } else if (el.type === 'plain_text_input') {
      // Slack counts characters as the person sees them, not UTF-16 units.
      const length = [...text].length;
      if (typeof el.min_length === 'number' && length < el.min_length)
        out[blockId] = t.atLeast(el.min_length);
      if (typeof el.max_length === 'number' && length > el.max_length) out[blockId] = t.atMost(el.max_length);
    }
  }
  return out;
}
