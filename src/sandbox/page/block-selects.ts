/** Block Kit's menus as native controls: `<select>`s, and a combobox with a datalist for external data. */
import {
  controlAttrs,
  dataAttrs,
  type ElementContext,
  elementId,
  isRecord,
  type Json,
  list,
  str,
  textString,
} from './block-context';
import { attrs, escapeHtml, isSafeLink } from './html';

interface Option {
  value: string;
  text: string;
  url?: string;
}

function readOption(o: unknown): Option | null {
  if (!isRecord(o)) return null;
  const value = str(o.value) ?? '';
  const url = str(o.url);
  return { value, text: textString(o.text) ?? value, ...(url && isSafeLink(url) ? { url } : {}) };
}

function readOptions(x: unknown): Option[] {
  return list(x)
    .map(readOption)
    .filter((o): o is Option => o !== null);
}

function optionHtml(o: Option, selected: ReadonlySet<string>): string {
  const a = attrs({
    value: o.value,
    selected: selected.has(o.value) ? 'selected' : undefined,
    'data-url': o.url,
  });
  return `<option${a}>${escapeHtml(o.text)}</option>`;
}

/**
 * The options (or option groups) with the chosen ones selected; a chosen option missing from
 * the list (a user, a conversation) is put first so that it shows.
 */
function optionsHtml(el: Json, chosen: Option[]): string {
  const selected = new Set(chosen.map((o) => o.value));
  const groups = list(el.option_groups).filter(isRecord);
  const all = [...readOptions(el.options), ...groups.flatMap((g) => readOptions(g.options))];
  const missing = chosen.filter((c) => !all.some((o) => o.value === c.value));
  const flat = readOptions(el.options).map((o) => optionHtml(o, selected));
  const grouped = groups.map((g) => {
    const label = attrs({ label: textString(g.label) ?? '' });
    return `<optgroup${label}>${readOptions(g.options)
      .map((o) => optionHtml(o, selected))
      .join('')}</optgroup>`;
  });
  return [...missing.map((o) => optionHtml(o, selected)), ...flat, ...grouped].join('');
}

/** What a menu of users, conversations or channels starts with. */
function initialPeople(el: Json, ctx: ElementContext): Option[] {
  const user = (id: string) => ({ value: id, text: `@${ctx.names.userName(id)}` });
  const channel = (id: string) => ({ value: id, text: `#${ctx.names.channelName(id)}` });
  const ids = (x: unknown) => list(x).filter((v): v is string => typeof v === 'string');
  const one = (x: unknown) => (typeof x === 'string' ? [x] : []);
  switch (el.type) {
    case 'users_select':
      return one(el.initial_user).map(user);
    case 'multi_users_select':
      return ids(el.initial_users).map(user);
    case 'conversations_select':
      return one(el.initial_conversation).map(channel);
    case 'multi_conversations_select':
      return ids(el.initial_conversations).map(channel);
    case 'channels_select':
      return one(el.initial_channel).map(channel);
    case 'multi_channels_select':
      return ids(el.initial_channels).map(channel);
    default:
      return [];
  }
}

const DEFAULT_LABELS: Record<string, string> = {
  static_select: 'Select an option',
  users_select: 'Select a user',
  conversations_select: 'Select a conversation',
  channels_select: 'Select a channel',
};

function nativeSelect(el: Json, ctx: ElementContext, chosen: Option[]): string {
  const type = str(el.type) ?? '';
  const multiple = type.startsWith('multi_');
  const single = type.replace(/^multi_/, '');
  const fallback = DEFAULT_LABELS[single] ?? 'Select an option';
  const placeholder = textString(el.placeholder) ?? fallback;
  const a = attrs({
    class: 'bk-select',
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, fallback),
    multiple: multiple ? 'multiple' : undefined,
    'data-placeholder': multiple ? placeholder : undefined,
    'data-max-selected-items': typeof el.max_selected_items === 'number' ? el.max_selected_items : undefined,
  });
  // A single select opens on its placeholder, as Slack's menus do before a choice is made.
  const first = multiple ? '' : `<option value="">${escapeHtml(placeholder)}</option>`;
  return `<select${a}>${first}${optionsHtml(el, chosen)}</select>`;
}

/** A menu whose options come from the app's block_suggestion answers, filled in by the page's client. */
function externalSelect(el: Json, ctx: ElementContext): string {
  const multiple = el.type === 'multi_external_select';
  const id = elementId(el, ctx);
  const chosen = multiple ? readOptions(el.initial_options) : readOptions([el.initial_option]);
  const a = attrs({
    type: 'text',
    class: 'bk-select bk-external',
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, 'Search'),
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    list: `${id}-options`,
    autocomplete: 'off',
    placeholder: textString(el.placeholder),
    'data-min-query-length': typeof el.min_query_length === 'number' ? el.min_query_length : 3,
    value: chosen.length > 0 ? chosen.map((o) => o.text).join(', ') : undefined,
    'data-selected-value': !multiple ? chosen[0]?.value : undefined,
    'data-selected-values': multiple ? JSON.stringify(chosen.map((o) => o.value)) : undefined,
    'data-multiple': multiple ? 'true' : undefined,
  });
  return `<input${a}><datalist id="${escapeHtml(id)}-options"></datalist>`;
}

function overflow(el: Json, ctx: ElementContext): string {
  const a = attrs({ class: 'bk-overflow', ...dataAttrs(el, ctx), 'aria-label': 'More actions' });
  return `<select${a}><option value="">⋯</option>${optionsHtml(el, [])}</select>`;
}

/** A menu element as HTML, or null when `el` is not a menu. */
export function selectHtml(el: Json, ctx: ElementContext): string | null {
  switch (el.type) {
    case 'static_select':
      return nativeSelect(el, ctx, readOptions([el.initial_option]));
    case 'multi_static_select':
      return nativeSelect(el, ctx, readOptions(el.initial_options));
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return nativeSelect(el, ctx, initialPeople(el, ctx));
    case 'external_select':
    case 'multi_external_select':
      return externalSelect(el, ctx);
    case 'overflow':
      return overflow(el, ctx);
    default:
      return null;
  }
}
