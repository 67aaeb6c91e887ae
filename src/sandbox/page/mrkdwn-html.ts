/**
 * Slack mrkdwn and plain_text as HTML for the local page, following "Formatting text for app
 * surfaces": code blocks, quotes and lists by line, then each line's inline formatting.
 */
import { shortcodeAt } from './emoji';
import { escapeHtml } from './html';
import { codeHtml, emojiSpan, inlineHtml, type MentionNames } from './mrkdwn-inline';

export { escapeHtml } from './html';
export type { MentionNames } from './mrkdwn-inline';

const FENCE = '```';
/** `>>>` quotes the rest of the text; `>` one line. Slack sends `>` escaped, as `&gt;`. */
const QUOTE_REST = /^(?:&gt;|>){3}\s?/;
const QUOTE = /^(?:&gt;|>)\s?/;
const BULLET = /^\s*[•◦▪*-]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})\.\s+(.*)$/;

type Group =
  | { kind: 'lines' | 'quote' | 'ul'; items: string[] }
  | { kind: 'ol'; items: string[]; start: number };

function lineKind(line: string): { kind: Group['kind']; text: string; start?: number } {
  const quote = QUOTE.exec(line);
  if (quote) return { kind: 'quote', text: line.slice(quote[0].length) };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'ul', text: bullet[1] ?? '' };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { kind: 'ol', text: numbered[2] ?? '', start: Number(numbered[1]) };
  return { kind: 'lines', text: line };
}

/** Consecutive lines of one kind form one group: one quote, one list, one run of lines. */
function groups(text: string): Group[] {
  const out: Group[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const rest = QUOTE_REST.exec(line);
    if (rest) {
      out.push({ kind: 'quote', items: [line.slice(rest[0].length), ...lines.slice(i + 1)] });
      break;
    }
    const { kind, text: item, start } = lineKind(line);
    const last = out[out.length - 1];
    if (last?.kind === kind) last.items.push(item);
    else out.push(kind === 'ol' ? { kind, items: [item], start: start ?? 1 } : { kind, items: [item] });
  }
  return out;
}

function groupHtml(g: Group, names: MentionNames): string {
  const items = g.items.map((line) => inlineHtml(line, names));
  const li = () => items.map((i) => `<li>${i}</li>`).join('');
  if (g.kind === 'quote') return `<blockquote>${items.join('<br>')}</blockquote>`;
  if (g.kind === 'ul') return `<ul>${li()}</ul>`;
  if (g.kind === 'ol') return `<ol${g.start === 1 ? '' : ` start="${g.start}"`}>${li()}</ol>`;
  return items.join('<br>');
}

function textHtml(text: string, names: MentionNames): string {
  return groups(text)
    .map((g) => groupHtml(g, names))
    .join('');
}

/** Text and ```code blocks```: an unclosed fence is text. */
function segments(text: string): { pre: boolean; text: string }[] {
  const pieces = text.split(FENCE);
  const out: { pre: boolean; text: string }[] = [{ pre: false, text: pieces[0] ?? '' }];
  for (let k = 1; k < pieces.length; k += 2) {
    const code = pieces[k] ?? '';
    const after = pieces[k + 1];
    if (after === undefined) {
      (out[out.length - 1] as { text: string }).text += FENCE + code;
      break;
    }
    out.push({ pre: true, text: code.replace(/^\n/, '').replace(/\n$/, '') });
    out.push({ pre: false, text: after });
  }
  return out;
}

/** Slack mrkdwn → HTML (escaped). */
export function mrkdwnToHtml(text: string, names: MentionNames): string {
  if (typeof text !== 'string') return '';
  const parts = segments(text);
  return parts
    .map((part, i) => {
      if (part.pre) return `<pre>${codeHtml(part.text, names)}</pre>`;
      // The newline next to a fence belongs to the fence, not to a line break.
      let t = part.text;
      if (parts[i - 1]?.pre) t = t.replace(/^\n/, '');
      if (parts[i + 1]?.pre) t = t.replace(/\n$/, '');
      return t === '' ? '' : textHtml(t, names);
    })
    .join('');
}

/** Plain text → escaped HTML; with emoji=true shortcodes become emoji (Slack's plain_text `emoji: true`, the default). */
export function plainToHtml(text: string, emoji = true): string {
  if (typeof text !== 'string') return '';
  let out = '';
  let i = 0;
  while (i < text.length) {
    const found = emoji ? shortcodeAt(text, i) : null;
    out += found ? emojiSpan(found.name, found.char) : escapeHtml(text[i] ?? '');
    i += found ? found.length : 1;
  }
  return out.replace(/\n/g, '<br>');
}
