/**
 * Checks a message or modal against Slack's Block Kit limits, as Slack would before
 * rejecting it with `invalid_blocks`. The numbers are Slack's (Block Kit reference), written
 * out here rather than imported, so a wrong constant in src/ cannot hide a broken message.
 * Also checks that no mrkdwn text carries a broadcast or a `<…>` token other than a user
 * mention, a channel link or a URL: escaped user text never produces one.
 */
import { expect } from 'vitest';

const LIMIT = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  options: 100,
  optionText: 75,
  optionValue: 75,
  placeholder: 150,
  inputLabel: 2000,
  inputMaxLength: 3000,
  modalTitle: 24,
  privateMetadata: 3000,
  id: 255,
} as const;

/** Tokens Slack may parse that a view may legitimately produce. */
const ALLOWED_TOKEN = /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+(\|[^<>]*)?|https?:\/\/[^<>|]+(\|[^<>]*)?)>$/;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function textOf(v: unknown): string | null {
  return isNode(v) && typeof v.text === 'string' ? v.text : null;
}

/** Every problem found in `blocks`, as readable strings; empty when Slack would accept them. */
export function blockKitProblems(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string): void => {
    problems.push(`${where}: ${what}`);
  };
  if (blocks.length > maxBlocks) bad('blocks', `${blocks.length} blocks, at most ${maxBlocks}`);
  if (blocks.length === 0) bad('blocks', 'no blocks');
  const ids = new Set<string>();

  const checkText = (where: string, t: unknown, max: number) => {
    const text = textOf(t);
    if (text === null) {
      bad(where, 'missing text object');
      return;
    }
    if (text.length === 0) bad(where, 'empty text');
    if (text.length > max) bad(where, `${text.length} chars, at most ${max}`);
    if (isNode(t) && t.type === 'mrkdwn') {
      for (const token of text.match(/<[^>]*>?/g) ?? []) {
        if (!ALLOWED_TOKEN.test(token)) bad(where, `unsafe token ${token}`);
      }
    }
  };
  const checkId = (where: string, id: unknown) => {
    if (typeof id === 'string' && id.length > LIMIT.id) bad(where, 'id too long');
  };
  const checkElement = (where: string, el: unknown) => {
    if (!isNode(el)) return;
    checkId(`${where}.action_id`, el.action_id);
    if (el.placeholder !== undefined) checkText(`${where}.placeholder`, el.placeholder, LIMIT.placeholder);
    if (el.type === 'button') {
      checkText(`${where}.text`, el.text, LIMIT.buttonText);
      if (typeof el.value === 'string' && el.value.length > LIMIT.buttonValue)
        bad(where, 'button value too long');
    }
    const options = [
      ...(Array.isArray(el.options) ? el.options : []),
      ...(isNode(el.initial_option) ? [el.initial_option] : []),
    ];
    if (Array.isArray(el.options) && el.options.length > LIMIT.options)
      bad(where, `${el.options.length} options`);
    options.forEach((o, i) => {
      checkText(`${where}.options[${i}]`, isNode(o) ? o.text : null, LIMIT.optionText);
      const value = isNode(o) ? o.value : null;
      if (typeof value !== 'string' || value.length === 0 || value.length > LIMIT.optionValue)
        bad(`${where}.options[${i}]`, 'bad value');
    });
    if (typeof el.max_length === 'number' && el.max_length > LIMIT.inputMaxLength)
      bad(where, 'max_length too big');
  };

  for (const [i, block] of blocks.entries()) {
    const where = `blocks[${i}]`;
    if (!isNode(block)) {
      bad(where, 'not an object');
      continue;
    }
    if (typeof block.block_id === 'string') {
      checkId(`${where}.block_id`, block.block_id);
      if (ids.has(block.block_id)) bad(where, `duplicate block_id ${block.block_id}`);
      ids.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        checkText(`${where}.text`, block.text, LIMIT.headerText);
        if (isNode(block.text) && block.text.type !== 'plain_text')
          bad(where, 'header text must be plain_text');
        break;
      case 'section': {
        const fields = Array.isArray(block.fields) ? block.fields : null;
        if (block.text === undefined && !fields) bad(where, 'section without text or fields');
        if (block.text !== undefined) checkText(`${where}.text`, block.text, LIMIT.sectionText);
        if (fields) {
          if (fields.length > LIMIT.sectionFields) bad(where, `${fields.length} fields`);
          for (const [j, f] of fields.entries()) checkText(`${where}.fields[${j}]`, f, LIMIT.fieldText);
        }
        checkElement(`${where}.accessory`, block.accessory);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMIT.contextElements) bad(where, 'context elements');
        elements.forEach((e, j) => {
          if (isNode(e) && e.type !== 'image') checkText(`${where}.elements[${j}]`, e, LIMIT.textObject);
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMIT.actionsElements) bad(where, 'actions elements');
        for (const [j, e] of elements.entries()) checkElement(`${where}.elements[${j}]`, e);
        break;
      }
      case 'input':
        checkText(`${where}.label`, block.label, LIMIT.inputLabel);
        if (block.hint !== undefined) checkText(`${where}.hint`, block.hint, LIMIT.inputLabel);
        checkElement(`${where}.element`, block.element);
        break;
      case 'divider':
        break;
      default:
        bad(where, `unexpected block type ${String(block.type)}`);
    }
  }
  return problems;
}

/** Fails unless `message` is a message Slack accepts: a fallback text and valid blocks. */
export function assertValidBlocks(message: { text: string; blocks: unknown[] }): void {
  const problems = blockKitProblems(message.blocks, LIMIT.messageBlocks);
  if (message.text.trim().length === 0) problems.push('text: empty fallback text');
  // The fallback text is parsed like mrkdwn: it shows in notifications and may ping too.
  for (const token of message.text.match(/<[^>]*>?/g) ?? []) {
    if (!ALLOWED_TOKEN.test(token)) problems.push(`text: unsafe token ${token}`);
  }
  expect(problems).toEqual([]);
}

/** Fails unless `view` is a modal Slack accepts. */
export function assertValidModal(modal: { blocks: unknown[] }): void {
  const view = modal as unknown as Node & { blocks: unknown[] };
  const problems = blockKitProblems(view.blocks, LIMIT.viewBlocks);
  for (const key of ['title', 'submit', 'close']) {
    const text = textOf(view[key]);
    if (key === 'title' && text === null) problems.push('title: missing');
    if (text !== null && (text.length === 0 || text.length > LIMIT.modalTitle))
      problems.push(`${key}: "${text}"`);
  }
  const meta = view.private_metadata;
  if (typeof meta === 'string' && meta.length > LIMIT.privateMetadata)
    problems.push('private_metadata too long');
  if (typeof view.callback_id === 'string' && view.callback_id.length > LIMIT.id)
    problems.push('callback_id');
  const inputs = view.blocks.some((b) => isNode(b) && b.type === 'input');
  if (inputs && view.submit === undefined) problems.push('submit: required with input blocks');
  expect(problems).toEqual([]);
}
