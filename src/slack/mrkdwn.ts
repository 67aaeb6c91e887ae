/**
 * Slack reads `<…>` in message text as a link, a mention or a broadcast (`<!channel>`), and
 * `&` starts an entity. Text a user typed goes through `escapeText` before it reaches mrkdwn,
 * so a note can never ping the channel or forge a mention. plain_text (headers, select
 * options, modal labels) is never parsed for mentions and is sent as typed.
 */

/** Escapes the three characters Slack treats as control characters in message text. */
export function escapeText(s: string): string {
  // Most text holds none of them; a test is cheaper than three replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NEEDS_ESCAPE = /[&<>]/;

const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * A real mention of a user id we stored. Anything that is not a Slack user id is shown
 * escaped instead, so a malformed id can never become a broadcast or a link.
 */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeText(userId);
}

/** Mentions of several users, or `none` when the list is empty. */
export function mentions(userIds: readonly string[], none: string, sep = ' '): string {
  return userIds.length === 0 ? none : userIds.map(mention).join(sep);
}
