/** What a person reads in an answer, and what must never be in it. */

/** A stack frame (`    at parse (/app/src/x.ts:1:2)`) or an error's own name and message. */
const STACK_TRACE = /^\s*at .+:\d+(:\d+)?\)?$|\b[A-Z]\w*Error\b: |\bUserError\b/m;

/** The stack trace text found in `shown`, or null. */
export function stackTraceIn(shown: string): string | null {
  return STACK_TRACE.exec(shown)?.[0] ?? null;
}

/** Chinese characters: an answer in Chinese has some of its own. */
export const CJK = /[\u4e00-\u9fff]/;

/**
 * Every `<…>` Slack would read as a live token in mrkdwn: a mention, a channel, a broadcast
 * (`<!here>`), a link. An opening `<` without a closing one is reported too: the next `>` of the
 * message, wherever it is, would close it.
 */
export function liveTokens(mrkdwn: string): string[] {
  return mrkdwn.match(/<[^>]*>?/g) ?? [];
}

/** Slack's own unescaping of message text: the three entities it defines, in one pass. */
export function slackUnescape(s: string): string {
  return s.replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name] as string);
}

/** The mrkdwn a message or view carries: its fallback `text` and every mrkdwn text object in it. */
export function mrkdwnTexts(message: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, top: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, false);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.text === 'string' && (top || obj.type === 'mrkdwn')) out.push(obj.text);
    for (const [key, value] of Object.entries(obj))
      if (key !== 'text' || typeof value !== 'string') walk(value, false);
  };
  walk(message, true);
  return out;
}
