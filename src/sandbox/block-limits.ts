import { isRecord } from './request-body';

/**
 * Block Kit limits Slack enforces on the surfaces the bot uses (see the Block Kit reference:
 * "Maximum length for the text in this field is 3000 characters" and the like). A message or
 * view the stand-in accepts would also be accepted by Slack on these counts.
 */
const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  selectOptions: 100,
  id: 255,
  viewTitle: 24,
  privateMetadata: 3000,
} as const;

/** Problems with a `blocks` array, as Slack's `[ERROR] … [json-pointer:…]` messages. */
export function blockProblems(blocks: unknown, surface: 'message' | 'view', at = '/blocks'): string[] {
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array [json-pointer:${at}]`];
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  const out: string[] = [];
  if (blocks.length > max) out.push(`[ERROR] no more than ${max} items allowed [json-pointer:${at}]`);
  blocks.forEach((block, i) => {
    out.push(...oneBlock(block, `${at}/${i}`));
  });
  return out;
}

/** Problems with a modal or Home tab view. */
export function viewProblems(view: unknown): string[] {
  if (!isRecord(view)) return ['[ERROR] must be an object [json-pointer:/view]'];
  const out: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home')
    out.push('[ERROR] invalid view type [json-pointer:/view/type]');
  for (const key of ['title', 'submit', 'close'] as const) {
    const t = textOf(view[key]);
    if (t !== null && t.length > LIMITS.viewTitle) {
      out.push(
        `[ERROR] must be less than ${LIMITS.viewTitle + 1} characters [json-pointer:/view/${key}/text]`,
      );
    }
  }
  if (view.type === 'modal' && textOf(view.title) === null) out.push('[ERROR] missing required field: title');
  const meta = view.private_metadata;
  if (typeof meta === 'string' && meta.length > LIMITS.privateMetadata) {
    out.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  out.push(...blockProblems(view.blocks, 'view', '/view/blocks'));
  return out;
}

function oneBlock(block: unknown, at: string): string[] {
  if (!isRecord(block) || typeof block.type !== 'string')
    return [`[ERROR] missing block type [json-pointer:${at}]`];
  const out: string[] = [];
  const tooLong = (v: unknown, max: number, where: string) => {
    const t = textOf(v);
    if (t !== null && t.length > max)
      out.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${where}]`);
    if (t === '') out.push(`[ERROR] must be more than 0 characters [json-pointer:${where}]`);
  };
  if (typeof block.block_id === 'string' && block.block_id.length > LIMITS.id) {
    out.push(`[ERROR] must be less than 256 characters [json-pointer:${at}/block_id]`);
  }
  if (block.type === 'section') {
    if (block.text === undefined && block.fields === undefined) {
      out.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
    }
    if (block.text !== undefined) tooLong(block.text, LIMITS.sectionText, `${at}/text/text`);
    if (Array.isArray(block.fields)) {
      if (block.fields.length > LIMITS.sectionFields) {
        out.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
      }
      block.fields.forEach((f, j) => {
        tooLong(f, LIMITS.fieldText, `${at}/fields/${j}/text`);
      });
    }
  }
  if (block.type === 'header') tooLong(block.text, LIMITS.headerText, `${at}/text/text`);
  if (block.type === 'context') countAtMost(block.elements, LIMITS.contextElements, `${at}/elements`, out);
  if (block.type === 'actions') countAtMost(block.elements, LIMITS.actionsElements, `${at}/elements`, out);
  for (const [j, el] of elementsOf(block)) {
    if (!isRecord(el)) continue;
    if (typeof el.action_id === 'string' && el.action_id.length > LIMITS.id) {
      out.push(`[ERROR] must be less than 256 characters [json-pointer:${at}/${j}/action_id]`);
    }
    countAtMost(el.options, LIMITS.selectOptions, `${at}/${j}/options`, out);
  }
  return out;
}

function elementsOf(block: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if (block.accessory !== undefined) out.push(['accessory', block.accessory]);
  if (block.element !== undefined) out.push(['element', block.element]);
  if (Array.isArray(block.elements)) {
    block.elements.forEach((el, i) => {
      out.push([`elements/${i}`, el]);
    });
  }
  return out;
}

function countAtMost(list: unknown, max: number, at: string, out: string[]): void {
  if (Array.isArray(list) && list.length > max)
    out.push(`[ERROR] no more than ${max} items allowed [json-pointer:${at}]`);
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v.text === 'string') return v.text;
  return null;
}
