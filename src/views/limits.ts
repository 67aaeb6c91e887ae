/**
 * Slack's Block Kit limits, from the Block Kit reference (docs.slack.dev/reference/block-kit)
 * and the field docs of @slack/types. Lengths are counted in UTF-16 code units, which is
 * never less than what Slack counts, so staying under them in JS terms is safe.
 */

/** Blocks in one message (chat.postMessage, response_url, ephemeral). */
export const MESSAGE_BLOCKS = 50;
/** Blocks in a modal or a Home tab view. */
export const VIEW_BLOCKS = 100;
/** `text` of a section block. */
export const SECTION_TEXT_CHARS = 3000;
/** plain_text of a header block. */
export const HEADER_CHARS = 150;
/** Any text object (context elements included). */
export const TEXT_OBJECT_CHARS = 3000;
/** Button text. */
export const BUTTON_TEXT_CHARS = 75;
/** Options in a static select, or returned for an external select. */
export const SELECT_OPTIONS = 100;
/** plain_text of an option. */
export const OPTION_TEXT_CHARS = 75;
/** Placeholder text of an element. */
export const PLACEHOLDER_CHARS = 150;
/** Label and hint of an input block. */
export const INPUT_LABEL_CHARS = 2000;
/** Modal title, submit and close texts. */
export const MODAL_TITLE_CHARS = 24;
/**
 * An error shown under a modal's field (`response_action: errors`). Slack documents no cap; it
 * shows the text in full under the field, so it is held to what a label may carry.
 */
export const FIELD_ERROR_CHARS = 2000;
/** A view's `private_metadata`. */
export const PRIVATE_METADATA_CHARS = 3000;
/** Slack truncates a message's top-level `text` beyond this. */
export const MESSAGE_TEXT_CHARS = 40_000;

const ELLIPSIS = '…';

/**
 * Shortens `s` to at most `max` characters, ending with `…`. Never cuts inside a `<…>`
 * token (a mention would break into visible markup) nor inside an entity such as `&amp;`,
 * nor between the two halves of a surrogate pair.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max < ELLIPSIS.length) return '';
  let cut = max - ELLIPSIS.length;
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp !== -1) {
    const entity = /^&[a-zA-Z0-9#]+;/.exec(s.slice(amp, amp + 12));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  const open = s.lastIndexOf('<', cut - 1);
  if (open !== -1 && s.indexOf('>', open) >= cut) cut = open;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return s.slice(0, cut) + ELLIPSIS;
}

/**
 * Packs lines into as few texts of at most `maxChars` as it can, one line per line; a line
 * longer than `maxChars` on its own is truncated. Each text fits one section block.
 */
export function packLines(lines: string[], maxChars = SECTION_TEXT_CHARS): string[] {
  const texts: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, maxChars);
    if (current && current.length + 1 + line.length > maxChars) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) texts.push(current);
  return texts;
}

/**
 * Packs lines into at most `maxTexts` texts. When they do not all fit, the lines that fit
 * are kept in order and the last text ends with `more(hidden)`.
 */
export function packWithin(
  lines: string[],
  maxTexts: number,
  more: (hidden: number) => string,
  maxChars = SECTION_TEXT_CHARS,
): string[] {
  const all = packLines(lines, maxChars);
  if (all.length <= maxTexts) return all;
  if (maxTexts < 1) return [];
  // The hidden count only shrinks from lines.length, so this reserve is always enough.
  const reserve = more(lines.length).length + 1;
  const texts: string[] = [];
  let current = '';
  let shown = 0;
  for (const raw of lines) {
    const line = truncate(raw, maxChars);
    const last = texts.length === maxTexts - 1;
    const room = (last ? maxChars - reserve : maxChars) - (current ? current.length + 1 : 0);
    if (line.length <= room) {
      current = current ? `${current}\n${line}` : line;
      shown++;
      continue;
    }
    if (last) break;
    texts.push(current);
    current = '';
    if (texts.length === maxTexts - 1 && line.length > maxChars - reserve) break;
    current = line;
    shown++;
  }
  const tail = more(lines.length - shown);
  texts.push(current ? `${current}\n${tail}` : tail);
  return texts;
}
