import { isRecord } from './request-body';
import type { StateValues } from './view-state';
import type { SandboxUser, Workspace } from './workspace';

/**
 * A rich_text_input as Slack's client submits it: `rich_text_value`, a rich_text block, never a plain
 * `value`. In Slack, typing `@` and picking a person puts a user element in the text; the page's box
 * is a plain textarea, so there `@handle` or `@Real Name` of someone in the workspace stands for
 * that pick. Everything else is text as typed (Slack does not escape rich text).
 */

type Inline = { type: 'text'; text: string } | { type: 'user'; user_id: string };

/** Characters that may come right before a picked `@`, as the composer allows. */
const LEAD = /[\s,，、;；(（]/u;
/** What may come right after a name: anything that is not part of a word. */
const WORD = /[\p{L}\p{N}_.-]/u;

/** The person whose handle, real name or id `text` starts with, longest match first. */
function personAt(people: SandboxUser[], text: string): { user: SandboxUser; length: number } | null {
  const lower = text.toLowerCase();
  let best: { user: SandboxUser; length: number } | null = null;
  for (const user of people) {
    for (const candidate of [user.name, user.real_name, user.id]) {
      const c = candidate.toLowerCase();
      if (!c || !lower.startsWith(c) || WORD.test(text.charAt(c.length))) continue;
      if (!best || c.length > best.length) best = { user, length: c.length };
    }
  }
  return best;
}

/** The rich_text a person's typed text submits, with the people they named as user elements. */
export function richTextOf(ws: Workspace, typed: string): Record<string, unknown> {
  const people = [...ws.users.values()].filter((u) => !u.is_bot);
  const elements: Inline[] = [];
  let text = '';
  for (let i = 0; i < typed.length; i++) {
    const ch = typed.charAt(i);
    const picked = ch === '@' && (i === 0 || LEAD.test(typed.charAt(i - 1)));
    const person = picked ? personAt(people, typed.slice(i + 1)) : null;
    if (!person) {
      text += ch;
      continue;
    }
    if (text) elements.push({ type: 'text', text });
    text = '';
    elements.push({ type: 'user', user_id: person.user.id });
    i += person.length;
  }
  if (text) elements.push({ type: 'text', text });
  return {
    type: 'rich_text',
    elements: elements.length > 0 ? [{ type: 'rich_text_section', elements }] : [],
  };
}

/**
 * The values of a submitted view as Slack sends them: each rich_text_input's typed text (the page
 * sends it as `value`) becomes its `rich_text_value`. Other elements are left as they are.
 */
export function submittedValues(
  ws: Workspace,
  view: Record<string, unknown>,
  values: StateValues,
): StateValues {
  const out: StateValues = { ...values };
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== 'input' || !isRecord(block.element)) continue;
    if (block.element.type !== 'rich_text_input') continue;
    const blockId = String(block.block_id ?? '');
    const actionId = String(block.element.action_id ?? '');
    const given = values[blockId]?.[actionId];
    if (!given || given.rich_text_value !== undefined) continue;
    out[blockId] = {
      ...out[blockId],
      [actionId]: { type: 'rich_text_input', rich_text_value: richTextOf(ws, given.value ?? '') },
    };
  }
  return out;
}
