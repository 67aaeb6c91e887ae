/** What every Block Kit renderer of the local page shares: defensive reads of unknown JSON, and ids. */
import { withEmoji } from './emoji';
import { decodeSlackEntities } from './html';
import { type MentionNames, mrkdwnToHtml, plainToHtml } from './mrkdwn-html';

export type Json = Record<string, unknown>;

export function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

export function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** A text object as HTML: mrkdwn formatted, plain_text escaped with its emoji. */
export function textHtml(t: unknown, names: MentionNames): string {
  if (!isRecord(t)) return '';
  const text = str(t.text) ?? '';
  return t.type === 'mrkdwn' ? mrkdwnToHtml(text, names) : plainToHtml(text, t.emoji !== false);
}

/**
 * A text object as a plain string, for attributes and `<option>`s (escaped by the caller);
 * mrkdwn loses Slack's entities, plain_text gets its emoji.
 */
export function textString(t: unknown): string | undefined {
  if (!isRecord(t)) return undefined;
  const text = str(t.text);
  if (text === undefined) return undefined;
  if (t.type === 'mrkdwn') return decodeSlackEntities(text);
  return t.emoji === false ? text : withEmoji(text);
}

/** Set on an element inside an input block: the form field it is. */
export interface FieldContext {
  /** `{block_id}.{action_id}`, as a view_submission's state is keyed. */
  name: string;
  required: boolean;
  invalid: boolean;
  /** Ids of the error and hint, space-separated, when there are any. */
  describedBy: string | undefined;
  dispatch: boolean;
  /** Id of the visible label, for groups of checkboxes or radio buttons. */
  labelId: string;
}

export interface ElementContext {
  names: MentionNames;
  idPrefix: string;
  blockId: string;
  /** The element's place in its block, for Slack's generated action_id when it has none. */
  index: number;
  field?: FieldContext;
}

/** An id attribute may hold anything but whitespace; ids are listed space-separated in aria-describedby. */
export function safeId(id: string): string {
  return id.replace(/\s/g, '_');
}

export function actionIdOf(el: Json, ctx: Pick<ElementContext, 'index'>): string {
  return str(el.action_id) ?? `a${ctx.index}`;
}

export function elementId(el: Json, ctx: ElementContext): string {
  return safeId(`${ctx.idPrefix}-${ctx.blockId}-${actionIdOf(el, ctx)}`);
}

/** The attributes the page's client reads on every interactive element. */
export function dataAttrs(el: Json, ctx: ElementContext): Record<string, string> {
  return {
    id: elementId(el, ctx),
    'data-element': str(el.type) ?? '',
    'data-action-id': actionIdOf(el, ctx),
    'data-block-id': ctx.blockId,
  };
}

/**
 * A control's form and accessibility attributes: in an input block its name, required, invalid
 * and description; elsewhere, with no visible label, its name from the placeholder.
 */
export function controlAttrs(el: Json, ctx: ElementContext, fallbackLabel: string): Record<string, string> {
  const f = ctx.field;
  if (!f) return { 'aria-label': textString(el.placeholder) ?? fallbackLabel };
  const out: Record<string, string> = { name: f.name };
  if (f.required) out['aria-required'] = 'true';
  if (f.invalid) out['aria-invalid'] = 'true';
  if (f.describedBy) out['aria-describedby'] = f.describedBy;
  if (f.dispatch) out['data-dispatch'] = 'true';
  return out;
}
