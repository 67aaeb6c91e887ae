/**
 * The link a record keeps to the Slack message it came from (chat.getPermalink's answer). It
 * travels in a form's private_metadata and ends up inside mrkdwn links (`<url|from this message>`),
 * so only a plain web address of reasonable length is kept.
 */

/**
 * Longest link kept. A Slack permalink is about 80 characters (`https://team.slack.com/archives/
 * C…/p…`), a thread reply's about 150 with its `?thread_ts=…&cid=…`.
 */
export const MESSAGE_LINK_MAX = 500;

/** Hosts local mode's workspace serves permalinks on, over plain http. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The link when it is an https URL (or http on this machine, local mode's workspace) of at most
 * MESSAGE_LINK_MAX characters, with nothing that could end a mrkdwn link (`<`, `>`, `|`, spaces);
 * null otherwise.
 */
export function messageLink(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MESSAGE_LINK_MAX) return null;
  if (/[\s<>|"]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const secure = url.protocol === 'https:';
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  return secure || local ? raw : null;
}
