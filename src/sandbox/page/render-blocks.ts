/**
 * Slack Block Kit as accessible HTML for the local page: messages, App Home and modals. Input is
 * whatever the app sent, so every shape is checked; nothing here throws.
 */
import {
  actionIdOf,
  type ElementContext,
  elementId,
  type FieldContext,
  isRecord,
  type Json,
  list,
  safeId,
  str,
  textHtml,
} from './block-context';
import { elementHtml, imageHtml, isGroup } from './block-elements';
import { attrs, escapeHtml, isSafeLink } from './html';
import { type MentionNames, plainToHtml } from './mrkdwn-html';
import { richTextHtml } from './rich-text';

export type Surface = 'message' | 'modal' | 'home';

export interface RenderOptions extends MentionNames {
  surface: Surface;
  /** Errors from a view_submission `response_action: errors`: block_id → message. */
  errors?: Record<string, string>;
  /** Prefix for element ids, unique per rendered view/message, so two forms on a page never share an id. */
  idPrefix: string;
}

export interface RenderedModal {
  title: string;
  html: string;
}

interface BlockContext {
  opts: RenderOptions;
  names: MentionNames;
  blockId: string;
}

function elementContext(c: BlockContext, index: number, field?: FieldContext): ElementContext {
  return {
    names: c.names,
    idPrefix: c.opts.idPrefix,
    blockId: c.blockId,
    index,
    ...(field ? { field } : {}),
  };
}

function unsupported(type: string): string {
  return `<div class="bk-unsupported">unsupported block: ${escapeHtml(type)}</div>`;
}

function section(b: Json, c: BlockContext): string {
  const text = isRecord(b.text) ? `<div class="bk-text">${textHtml(b.text, c.names)}</div>` : '';
  const fields = list(b.fields)
    .filter(isRecord)
    .map((f) => `<div class="bk-field">${textHtml(f, c.names)}</div>`);
  const grid = fields.length > 0 ? `<div class="bk-fields">${fields.join('')}</div>` : '';
  const acc = isRecord(b.accessory) ? b.accessory : null;
  const accessory = !acc
    ? ''
    : `<div class="bk-accessory">${acc.type === 'image' ? imageHtml(acc, 'bk-accessory-image') : elementHtml(acc, elementContext(c, 0))}</div>`;
  return `<div class="bk-section"><div class="bk-section-body">${text}${grid}</div>${accessory}</div>`;
}

function context(b: Json, c: BlockContext): string {
  const parts = list(b.elements)
    .filter(isRecord)
    .map((el) =>
      el.type === 'image'
        ? imageHtml(el, 'bk-context-image')
        : `<span class="bk-context-text">${textHtml(el, c.names)}</span>`,
    );
  return `<div class="bk-context">${parts.join('')}</div>`;
}

function actions(b: Json, c: BlockContext): string {
  const elements = list(b.elements).map((el, i) => elementHtml(el, elementContext(c, i)));
  return `<div class="bk-actions">${elements.join('')}</div>`;
}

/**
 * A labelled form field: the label names the control, a missing `optional: true` makes it
 * required, and an error from the app describes the control and marks it invalid.
 */
function input(b: Json, c: BlockContext): string {
  const el = isRecord(b.element) ? b.element : {};
  const base = elementContext(c, 0);
  const id = elementId(el, base);
  const stem = safeId(`${c.opts.idPrefix}-${c.blockId}`);
  const error = c.opts.errors?.[c.blockId];
  const hint = isRecord(b.hint) ? textHtml(b.hint, c.names) : '';
  const required = b.optional !== true;
  const describedBy = [error ? `${stem}-error` : '', hint ? `${stem}-hint` : ''].filter(Boolean).join(' ');
  const field: FieldContext = {
    name: `${c.blockId}.${actionIdOf(el, base)}`,
    required,
    invalid: Boolean(error),
    describedBy: describedBy || undefined,
    dispatch: b.dispatch_action === true,
    labelId: `${id}-label`,
  };
  const optional = required ? '' : ' <span class="bk-optional">(optional)</span>';
  const labelText = `${textHtml(b.label, c.names)}${optional}`;
  // A group of checkboxes or radios is named by reference: a <label> may only name one control.
  const label = isGroup(el)
    ? `<span class="bk-label" id="${escapeHtml(field.labelId)}">${labelText}</span>`
    : `<label class="bk-label"${attrs({ for: id, id: field.labelId })}>${labelText}</label>`;
  const control = elementHtml(el, elementContext(c, 0, field));
  const errorHtml = error
    ? `<div class="bk-error" id="${escapeHtml(stem)}-error">${escapeHtml(error)}</div>`
    : '';
  const hintHtml = hint ? `<div class="bk-hint" id="${escapeHtml(stem)}-hint">${hint}</div>` : '';
  return `<div class="bk-input">${label}${control}${errorHtml}${hintHtml}</div>`;
}

function image(b: Json, c: BlockContext): string {
  const caption = isRecord(b.title) ? `<figcaption>${textHtml(b.title, c.names)}</figcaption>` : '';
  return `<figure class="bk-image-block">${imageHtml(b, 'bk-image-full')}${caption}</figure>`;
}

/** A video block as a link to it: the page plays nothing itself. */
function video(b: Json, c: BlockContext): string {
  const url = str(b.title_url) ?? str(b.video_url) ?? '';
  const title = textHtml(b.title, c.names) || escapeHtml(str(b.alt_text) ?? 'Video');
  const link = isSafeLink(url)
    ? `<a${attrs({ href: url, target: '_blank', rel: 'noopener' })}>${title}</a>`
    : title;
  return `<figure class="bk-video">${imageHtml({ image_url: b.thumbnail_url, alt_text: b.alt_text }, 'bk-image-full')}<figcaption>${link}</figcaption></figure>`;
}

function block(b: unknown, index: number, opts: RenderOptions, names: MentionNames): string {
  if (!isRecord(b)) return '';
  const type = str(b.type) ?? 'unknown';
  // Slack gives a block without a block_id one of its own; a stable one keeps re-renders aligned.
  const c: BlockContext = { opts, names, blockId: str(b.block_id) || `b${index}` };
  switch (type) {
    case 'section':
      return section(b, c);
    case 'header':
      return `<h3 class="bk-header">${textHtml(b.text, names)}</h3>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'context':
      return context(b, c);
    case 'actions':
      return actions(b, c);
    case 'input':
      return input(b, c);
    case 'image':
      return image(b, c);
    case 'video':
      return video(b, c);
    case 'rich_text':
      return `<div class="bk-rich-text">${richTextHtml(b, names)}</div>`;
    case 'markdown':
      return `<div class="bk-markdown">${plainToHtml(str(b.text) ?? '', false)}</div>`;
    default:
      return unsupported(type);
  }
}

/** Renders a blocks array (unknown input: validate shape defensively, skip or show a small "unsupported block: X" note for unknown types, never throw). */
export function renderBlocks(blocks: unknown, opts: RenderOptions): string {
  // Bound to `opts`, which may be a class instance whose methods a spread would lose.
  const names: MentionNames = {
    userName: (id) => opts.userName(id),
    channelName: (id) => opts.channelName(id),
  };
  return list(blocks)
    .map((b, i) => {
      try {
        return block(b, i, opts, names);
      } catch {
        // A name lookup that throws must not take the whole message down with it.
        return unsupported(isRecord(b) ? (str(b.type) ?? 'unknown') : 'unknown');
      }
    })
    .join('');
}

function modalParts(view: Json, opts: RenderOptions): RenderedModal {
  return { title: textHtml(view.title, opts) || 'Untitled', html: renderBlocks(view.blocks, opts) };
}

/** A modal view (type 'modal') as a dialog labelled by its title, with its close and submit buttons. */
export function renderModal(
  view: unknown,
  opts: Omit<RenderOptions, 'surface'> & { viewId: string },
): string {
  const v = isRecord(view) ? view : {};
  const render: RenderOptions = {
    surface: 'modal',
    idPrefix: opts.idPrefix,
    userName: (id) => opts.userName(id),
    channelName: (id) => opts.channelName(id),
    ...(opts.errors ? { errors: opts.errors } : {}),
  };
  const { title, html } = modalParts(v, render);
  const titleId = safeId(`${opts.idPrefix}-title`);
  const dialog = attrs({
    class: 'bk-modal',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': titleId,
    'data-view-id': opts.viewId,
    'data-callback-id': str(v.callback_id) ?? '',
  });
  const close = textHtml(v.close, render) || 'Cancel';
  const submit = isRecord(v.submit)
    ? `<button type="submit" class="bk-button bk-primary" data-modal="submit">${textHtml(v.submit, render) || 'Submit'}</button>`
    : '';
  return `<div${dialog}><form class="bk-modal-form" novalidate><h2 id="${escapeHtml(titleId)}">${title}</h2><div class="bk-modal-body">${html}</div><div class="bk-modal-actions"><button type="button" class="bk-button bk-close" data-modal="close">${close}</button>${submit}</div></form></div>`;
}
