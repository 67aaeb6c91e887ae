/**
 * One line of Slack mrkdwn to HTML: `<…>` control sequences (links, mentions, broadcasts,
 * dates), inline code, emoji shortcodes, and `*bold*` `_italic_` `~strike~` at word boundaries.
 */
import { shortcodeAt } from './emoji';
import { decodeSlackEntities, escapeHtml, isSafeLink } from './html';
import { slackDateHtml } from './slack-date';

export interface MentionNames {
  /** Display name for a user id (without '@'); return the id itself when unknown. */
  userName(id: string): string;
  /** Channel name for a channel id (without '#'). */
  channelName(id: string): string;
}

/** A character of text, or a piece already rendered (a link, a mention, code, an emoji). */
type Atom = { ch: string; html?: undefined } | { ch?: undefined; html: string };

const MARKS: Record<string, string> = { '*': 'strong', _: 'em', '~': 'del' };
const ENTITY = /&(amp|lt|gt);/y;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** An emoji as Slack shows it; the shortcode stays readable as its title. */
export function emojiSpan(name: string, char: string): string {
  return `<span class="emoji" title="${escapeHtml(`:${name}:`)}">${char}</span>`;
}

function mentionSpan(text: string, data: string): string {
  return `<span class="mention"${data}>${escapeHtml(text)}</span>`;
}

/** What a control sequence shows: a label (entities decoded), or null when it has none. */
function parts(body: string): { target: string; label: string | null } {
  const bar = body.indexOf('|');
  if (bar < 0) return { target: body, label: null };
  return { target: body.slice(0, bar), label: decodeSlackEntities(body.slice(bar + 1)) || null };
}

/** Known names win over the `|name` Slack may carry; an unknown id falls back to the label. */
function userText(id: string, label: string | null, names: MentionNames): string {
  const name = names.userName(id);
  return `@${name !== id ? name : (label?.replace(/^@/, '') ?? id)}`;
}

function channelText(id: string, label: string | null, names: MentionNames): string {
  const name = names.channelName(id);
  return `#${name !== id ? name : (label ?? id)}`;
}

/** `<!here>`, `<!subteam^S1|@team>` and the like as the text Slack shows. */
function specialText(target: string, label: string | null): string {
  const [kind = '', id = ''] = target.slice(1).split('^');
  if (kind === 'here' || kind === 'channel' || kind === 'everyone') return `@${kind}`;
  if (kind === 'subteam') return label ?? `@${id}`;
  return label ?? kind;
}

/** `<…>` without its angle brackets, rendered. */
function controlHtml(body: string, names: MentionNames): string {
  const { target, label } = parts(body);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return mentionSpan(userText(id, label, names), ` data-user-id="${escapeHtml(id)}"`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return mentionSpan(channelText(id, label, names), ` data-channel-id="${escapeHtml(id)}"`);
  }
  if (target.startsWith('!date^')) {
    const [, epoch = '', format = ''] = target.split('^');
    return slackDateHtml(epoch, decodeSlackEntities(format), label ?? '');
  }
  if (target.startsWith('!')) return mentionSpan(specialText(target, label), '');
  // Slack links only what has a scheme; anything else stays the text it was.
  if (!SCHEME.test(target)) return escapeHtml(`<${decodeSlackEntities(body)}>`);
  const url = decodeSlackEntities(target);
  const text = label ?? url.replace(/^mailto:/i, '');
  if (!isSafeLink(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>`;
}

/** The text a control sequence shows inside code, where nothing is formatted. */
function controlText(body: string, names: MentionNames): string {
  const { target, label } = parts(body);
  if (target.startsWith('@')) return userText(target.slice(1), label, names);
  if (target.startsWith('#')) return channelText(target.slice(1), label, names);
  if (target.startsWith('!date^')) return label ?? '';
  if (target.startsWith('!')) return specialText(target, label);
  if (!SCHEME.test(target)) return `<${decodeSlackEntities(body)}>`;
  return label ?? decodeSlackEntities(target);
}

/** Code and preformatted text: entities decoded, mentions and links as their text, all escaped. */
export function codeHtml(raw: string, names: MentionNames): string {
  let out = '';
  let last = 0;
  for (const m of raw.matchAll(/<([^<>]+)>/g)) {
    out += escapeHtml(decodeSlackEntities(raw.slice(last, m.index)));
    out += escapeHtml(controlText(m[1] ?? '', names));
    last = m.index + m[0].length;
  }
  return out + escapeHtml(decodeSlackEntities(raw.slice(last)));
}

function atoms(line: string, names: MentionNames): Atom[] {
  const out: Atom[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const close = c === '<' ? line.indexOf('>', i + 1) : c === '`' ? line.indexOf('`', i + 1) : -1;
    if (close > i + 1) {
      const body = line.slice(i + 1, close);
      out.push({ html: c === '<' ? controlHtml(body, names) : `<code>${codeHtml(body, names)}</code>` });
      i = close + 1;
      continue;
    }
    const emoji = shortcodeAt(line, i);
    if (emoji) {
      out.push({ html: emojiSpan(emoji.name, emoji.char) });
      i += emoji.length;
      continue;
    }
    ENTITY.lastIndex = i;
    const entity = c === '&' ? ENTITY.exec(line) : null;
    if (entity) {
      out.push({ ch: decodeSlackEntities(entity[0]) });
      i += entity[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 0xfffd);
    out.push({ ch });
    i += ch.length;
  }
  return out;
}

/** Slack formats only at word boundaries: `snake_case_word` and `2*3*4` stay as typed. */
function canOpen(list: Atom[], i: number): boolean {
  const prev = list[i - 1];
  const next = list[i + 1];
  const prevOk = !prev || prev.ch === undefined || !WORD.test(prev.ch);
  return prevOk && next !== undefined && (next.ch === undefined || !SPACE.test(next.ch));
}

function canClose(list: Atom[], j: number): boolean {
  const prev = list[j - 1];
  const next = list[j + 1];
  const prevOk = prev !== undefined && (prev.ch === undefined || !SPACE.test(prev.ch));
  return prevOk && (!next || next.ch === undefined || !WORD.test(next.ch));
}

/**
 * For each marker, the index of the nearest valid closer at or after each position (or the
 * length): one pass per marker, so a long line full of unmatched markers stays linear.
 */
function closers(list: Atom[]): Record<string, Int32Array> {
  const out: Record<string, Int32Array> = {};
  for (const mark of Object.keys(MARKS)) {
    const next = new Int32Array(list.length + 2).fill(list.length);
    for (let j = list.length - 1; j >= 0; j--)
      next[j] = list[j]?.ch === mark && canClose(list, j) ? j : (next[j + 1] ?? list.length);
    out[mark] = next;
  }
  return out;
}

function render(list: Atom[], next: Record<string, Int32Array>, from: number, to: number): string {
  let out = '';
  let i = from;
  while (i < to) {
    const atom = list[i] as Atom;
    const tag = atom.ch === undefined ? undefined : MARKS[atom.ch];
    // The nearest closer after at least one character of content.
    const j = tag && canOpen(list, i) ? (next[atom.ch as string]?.[i + 2] ?? to) : to;
    if (tag && j < to) {
      out += `<${tag}>${render(list, next, i + 1, j)}</${tag}>`;
      i = j + 1;
      continue;
    }
    out += atom.ch === undefined ? atom.html : escapeHtml(atom.ch);
    i++;
  }
  return out;
}

/** One line of mrkdwn (no newlines, no code blocks) as escaped HTML. */
export function inlineHtml(line: string, names: MentionNames): string {
  const list = atoms(line, names);
  return render(list, closers(list), 0, list.length);
}
