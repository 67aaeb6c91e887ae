/** Block Kit elements (accessories, actions, inputs) as accessible HTML controls. */
import {
  controlAttrs,
  dataAttrs,
  type ElementContext,
  elementId,
  isRecord,
  type Json,
  list,
  str,
  textHtml,
  textString,
} from './block-context';
import { selectHtml } from './block-selects';
import { attrs, escapeHtml, isSafeImage, isSafeLink } from './html';

const num = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** A confirm dialog's texts as plain strings, for the page's client to ask with. */
function confirmJson(c: unknown): string | undefined {
  if (!isRecord(c)) return undefined;
  return JSON.stringify({
    title: textString(c.title) ?? 'Are you sure?',
    text: textString(c.text) ?? '',
    confirm: textString(c.confirm) ?? 'Yes',
    deny: textString(c.deny) ?? 'Cancel',
  });
}

function button(el: Json, ctx: ElementContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? ` bk-${el.style}` : '';
  const url = str(el.url);
  const a = attrs({
    type: 'button',
    class: `bk-button${style}`,
    ...dataAttrs(el, ctx),
    'data-value': str(el.value),
    'data-url': url && isSafeLink(url) ? url : undefined,
    'data-confirm': confirmJson(el.confirm),
    'aria-label': str(el.accessibility_label),
  });
  return `<button${a}>${textHtml(el.text, ctx.names) || 'Button'}</button>`;
}

/** Slack's `initial_date_time` is epoch seconds; the control wants `YYYY-MM-DDTHH:mm` (UTC here). */
function localDateTime(x: unknown): string | undefined {
  const d = typeof x === 'number' ? new Date(x * 1000) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 16) : undefined;
}

function picker(el: Json, ctx: ElementContext): string {
  const [type, value, label] =
    el.type === 'datepicker'
      ? ['date', DATE.test(str(el.initial_date) ?? '') ? str(el.initial_date) : undefined, 'Select a date']
      : el.type === 'timepicker'
        ? ['time', TIME.test(str(el.initial_time) ?? '') ? str(el.initial_time) : undefined, 'Select a time']
        : ['datetime-local', localDateTime(el.initial_date_time), 'Select a date and time'];
  const a = attrs({
    type,
    class: `bk-${type}`,
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, label),
    value,
  });
  return `<input${a}>`;
}

function textInput(el: Json, ctx: ElementContext): string {
  const kind = el.type === 'email_text_input' ? 'email' : el.type === 'url_text_input' ? 'url' : 'text';
  const initial = str(el.initial_value);
  const common = {
    class: 'bk-text-input',
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, 'Text'),
    placeholder: textString(el.placeholder),
    minlength: num(el.min_length),
    maxlength: num(el.max_length),
  };
  if (el.multiline === true || el.type === 'rich_text_input')
    return `<textarea${attrs({ rows: 4, ...common })}>${escapeHtml(initial ?? '')}</textarea>`;
  return `<input${attrs({ type: kind, ...common, value: initial })}>`;
}

function numberInput(el: Json, ctx: ElementContext): string {
  const decimal = el.is_decimal_allowed === true;
  const a = attrs({
    type: 'number',
    class: 'bk-number-input',
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, 'Number'),
    inputmode: decimal ? 'decimal' : 'numeric',
    step: decimal ? 'any' : '1',
    min: num(el.min_value),
    max: num(el.max_value),
    placeholder: textString(el.placeholder),
    value: num(el.initial_value),
  });
  return `<input${a}>`;
}

/**
 * Checkboxes or radio buttons: a labelled group whose inputs share one name, so the browser
 * keeps one radio checked. The client reads the group's data attributes.
 */
function choices(el: Json, ctx: ElementContext): string {
  const radio = el.type === 'radio_buttons';
  const chosen = radio ? [el.initial_option] : list(el.initial_options);
  const selected = new Set(chosen.filter(isRecord).map((o) => str(o.value)));
  const { name, 'aria-required': required, ...group } = controlAttrs(el, ctx, '');
  const field = ctx.field;
  const a = attrs({
    role: radio ? 'radiogroup' : 'group',
    class: radio ? 'bk-radio-buttons' : 'bk-checkboxes',
    ...dataAttrs(el, ctx),
    ...group,
    'aria-label': undefined,
    'aria-labelledby': field?.labelId,
    // aria-required is defined for a radiogroup, not for a group of checkboxes.
    'aria-required': radio ? required : undefined,
  });
  const inputName = name ?? elementId(el, ctx);
  const items = list(el.options)
    .filter(isRecord)
    .map((o) => {
      const value = str(o.value) ?? '';
      const input = attrs({
        type: radio ? 'radio' : 'checkbox',
        name: inputName,
        value,
        checked: selected.has(value) ? 'checked' : undefined,
      });
      const description = isRecord(o.description)
        ? `<span class="bk-option-description">${textHtml(o.description, ctx.names)}</span>`
        : '';
      const text = `<span class="bk-option-text">${textHtml(o.text, ctx.names)}</span>`;
      return `<label class="bk-option"><input${input}>${text}${description}</label>`;
    });
  return `<div${a}>${items.join('')}</div>`;
}

/**
 * A file_input: the browser's file picker, several files when `max_files` allows, the extensions
 * of `filetypes` offered. The page uploads what was picked when the form is sent (client/modal.ts).
 */
function fileInput(el: Json, ctx: ElementContext): string {
  const max = typeof el.max_files === 'number' ? el.max_files : 10;
  const types = list(el.filetypes).filter((t): t is string => typeof t === 'string' && /^\w+$/.test(t));
  const a = attrs({
    type: 'file',
    class: 'bk-file-input',
    ...dataAttrs(el, ctx),
    ...controlAttrs(el, ctx, 'Files'),
    multiple: max > 1 ? 'multiple' : undefined,
    accept: types.length > 0 ? types.map((t) => `.${t}`).join(',') : undefined,
    'data-max-files': String(max),
  });
  return `<input${a}>`;
}

/** An image element: small, beside text or in a context line. */
export function imageHtml(el: Json, className: string): string {
  const url = str(el.image_url) ?? (isRecord(el.slack_file) ? str(el.slack_file.url) : undefined);
  const alt = str(el.alt_text) ?? '';
  if (!url || !isSafeImage(url))
    return `<span class="${className} bk-image-missing">${escapeHtml(alt)}</span>`;
  return `<img${attrs({ class: className, src: url, alt, loading: 'lazy' })}>`;
}

/** Any element; an unknown or malformed one is a small note, never an exception. */
export function elementHtml(el: unknown, ctx: ElementContext): string {
  if (!isRecord(el)) return '';
  const select = selectHtml(el, ctx);
  if (select !== null) return select;
  switch (el.type) {
    case 'button':
    case 'workflow_button':
      return button(el, ctx);
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker':
      return picker(el, ctx);
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'rich_text_input':
      return textInput(el, ctx);
    case 'number_input':
      return numberInput(el, ctx);
    case 'file_input':
      return fileInput(el, ctx);
    case 'checkboxes':
    case 'radio_buttons':
      return choices(el, ctx);
    case 'image':
      return imageHtml(el, 'bk-image');
    default:
      return `<span class="bk-unsupported">unsupported element: ${escapeHtml(str(el.type) ?? 'unknown')}</span>`;
  }
}

/** Whether an element is a group of inputs, labelled by reference rather than by `<label for>`. */
export function isGroup(el: unknown): boolean {
  return isRecord(el) && (el.type === 'checkboxes' || el.type === 'radio_buttons');
}
