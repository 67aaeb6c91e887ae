/**
 * Slack sends users, with `should_escape: true`, as `<@U123|name>` (or `<@U123>`, `<@W123>` on
 * Enterprise Grid). Channels (`<#C…>`), special mentions (`<!channel>`) and a typed `@name` are
 * not users.
 */
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** The user id of a user mention, or null when the text is anything else. */
export function parseMention(token: string): string | null {
  const match = USER_MENTION.exec(token.trim());
  return match ? (match[1] as string) : null;
}

/**
 * The parts of a word that lists users: mentions may be glued together or separated by `,`,
 * `，` or `、` (`<@U1>、<@U2>`). Empty parts are dropped; parts that are not mentions are
 * returned as they are so the caller can name them in its answer.
 */
export function splitMentionList(word: string): string[] {
  return (
    word
      .match(/<[^>]*>|[^,，、<]+/g)
      ?.map((part) => part.trim())
      .filter((part) => part !== '') ?? []
  );
}
