/** Small builders for the blocks every view uses; each keeps its text within Slack's limits. */
import type {
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  ModalView,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { HEADER_CHARS, MODAL_TITLE_CHARS, SECTION_TEXT_CHARS, TEXT_OBJECT_CHARS, truncate } from './limits';

/** plain_text, cut to `max`. Slack rejects an empty text, so an empty one becomes a space. */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, HEADER_CHARS) };
}

/** A section of mrkdwn; the text must already be escaped. */
export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_CHARS) || ' ' } };
}

/** A context line of mrkdwn; the text must already be escaped. */
export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, TEXT_OBJECT_CHARS) || ' ' }] };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** A modal's frame: its callback id, what it carries, its title and the texts of its two buttons. */
export function modal(
  frame: { callbackId: string; privateMetadata: string; title: string; submit: string; close: string },
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: frame.callbackId,
    private_metadata: frame.privateMetadata,
    title: plain(frame.title, MODAL_TITLE_CHARS),
    submit: plain(frame.submit, MODAL_TITLE_CHARS),
    close: plain(frame.close, MODAL_TITLE_CHARS),
    blocks,
  };
}
