/** The rich_text block (what Slack's message composer sends) as HTML: sections, lists, quotes, code. */
import { isRecord, type Json, list, str } from './block-context';
import { emojiFor } from './emoji';
import { attrs, escapeHtml, isSafeLink } from './html';
import type { MentionNames } from './mrkdwn-html';
import { emojiSpan } from './mrkdwn-inline';
import { slackDateHtml } from './slack-date';

function styled(html: string, style: unknown): string {
  if (!isRecord(style)) return html;
  let out = html;
  if (style.code === true) out = `<code>${out}</code>`;
  if (style.strike === true) out = `<del>${out}</del>`;
  if (style.italic === true) out = `<em>${out}</em>`;
  if (style.bold === true) out = `<strong>${out}</strong>`;
  return out;
}

function text(s: string, pre: boolean): string {
  const html = escapeHtml(s);
  return pre ? html : html.replace(/\n/g, '<br>');
}

function mention(shown: string): string {
  return `<span class="mention">${escapeHtml(shown)}</span>`;
}

function emoji(el: Json): string {
  const name = str(el.name) ?? '';
  const unicode = str(el.unicode);
  const fromUnicode =
    unicode && /^[0-9a-f]{1,6}(-[0-9a-f]{1,6})*$/i.test(unicode)
      ? String.fromCodePoint(...unicode.split('-').map((h) => Number.parseInt(h, 16)))
      : null;
  const char = fromUnicode ?? emojiFor(name);
  return char ? emojiSpan(name, char) : escapeHtml(`:${name}:`);
}

function inline(el: unknown, names: MentionNames, pre: boolean): string {
  if (!isRecord(el)) return '';
  switch (el.type) {
    case 'text':
      return styled(text(str(el.text) ?? '', pre), el.style);
    case 'link': {
      const url = str(el.url) ?? '';
      const shown = text(str(el.text) || url, pre);
      if (!isSafeLink(url)) return styled(shown, el.style);
      return styled(`<a${attrs({ href: url, target: '_blank', rel: 'noopener' })}>${shown}</a>`, el.style);
    }
    case 'user':
      return styled(mention(`@${names.userName(str(el.user_id) ?? '')}`), el.style);
    case 'usergroup':
      return styled(mention(`@${str(el.usergroup_id) ?? ''}`), el.style);
    case 'channel':
      return styled(mention(`#${names.channelName(str(el.channel_id) ?? '')}`), el.style);
    case 'broadcast':
      return mention(`@${str(el.range) ?? 'here'}`);
    case 'emoji':
      return emoji(el);
    case 'date':
      return slackDateHtml(
        String(el.timestamp ?? ''),
        str(el.format) ?? '{date_short}',
        str(el.fallback) ?? '',
      );
    case 'color':
      return escapeHtml(str(el.value) ?? '');
    default:
      return '';
  }
}

function inlines(elements: unknown, names: MentionNames, pre = false): string {
  return list(elements)
    .map((el) => inline(el, names, pre))
    .join('');
}

function part(el: unknown, names: MentionNames): string {
  if (!isRecord(el)) return '';
  switch (el.type) {
    case 'rich_text_section':
      return `<div class="bk-rich-section">${inlines(el.elements, names)}</div>`;
    case 'rich_text_quote':
      return `<blockquote>${inlines(el.elements, names)}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre>${inlines(el.elements, names, true)}</pre>`;
    case 'rich_text_list': {
      const tag = el.style === 'ordered' ? 'ol' : 'ul';
      const indent =
        typeof el.indent === 'number' ? ` data-indent="${Math.max(0, Math.floor(el.indent))}"` : '';
      const items = list(el.elements)
        .filter(isRecord)
        .map((s) => `<li>${inlines(s.elements, names)}</li>`)
        .join('');
      return `<${tag}${indent}>${items}</${tag}>`;
    }
    default:
      return '';
  }
}

/** A rich_text block's body. */
export function richTextHtml(block: Json, names: MentionNames): string {
  return list(block.elements)
    .map((el) => part(el, names))
    .join('');
}
