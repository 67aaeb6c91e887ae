/**
 * A Slack message's `text` as a person would type it in a note: Slack's markup (`<@U1|li>`,
 * `<https://x|label>`, `<#C1|general>`, `<!here>`, `&amp;`) turned into plain words, cut to a
 * field's limit. Pure: the names of mentioned people, when the caller looked them up, are a parameter.
 */

/** What ends a cut text. */
const ELLIPSIS = '…';

/** A `<…>` token of Slack's message format: its target and its optional label after `|`. */
const TOKEN = /<([^<>|]*)(?:\|([^<>]*))?>/g;

/** The three entities Slack escapes in message text (docs: "Formatting text for app surfaces"). */
function unescapeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The user ids the text mentions, in order of appearance, each once. */
export function mentionedUsers(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g)) ids.add(m[1] as string);
  return [...ids];
}

/** One token as plain text. */
function tokenText(target: string, label: string | undefined, names: ReadonlyMap<string, string>): string {
  const shown = label === undefined ? undefined : unescapeEntities(label);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${shown || names.get(id) || id}`;
  }
  if (target.startsWith('#')) return `#${shown || target.slice(1)}`;
  if (target.startsWith('!')) {
    // `<!here>`, `<!channel>`, `<!subteam^S1|@team>`, `<!date^1700000000^{date}|Nov 14>`.
    if (shown) return shown;
    return `@${target.slice(1).split('^')[0]}`;
  }
  const url = unescapeEntities(target);
  const bare = url.replace(/^mailto:/, '');
  if (!shown || shown === url || shown === bare) return bare;
  return `${shown} (${bare})`;
}

/** Cuts `text` to at most `max` characters (code points), ending with `…` when anything was cut. */
export function cutText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max < 1) return '';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}${ELLIPSIS}`;
}

/**
 * The message's text as plain notes: mentions as `@name` (the label Slack gave, else `names`, else
 * the id), channels as `#name`, links as `label (url)`, broadcasts as `@here`, entities unescaped;
 * trimmed, then cut to `max` characters (as `characterCount` counts them) with an ellipsis.
 */
export function plainMessageText(
  text: string,
  max: number,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += unescapeEntities(text.slice(last, m.index));
    out += tokenText(m[1] ?? '', m[2], names);
    last = m.index + m[0].length;
  }
  out += unescapeEntities(text.slice(last));
  return cutText(out.trim(), max);
}
