import type { ContextBlock } from '@slack/types';
import type { Lang } from '../domain/types';
import { shortcutStrings } from '../i18n/shortcuts';
import { escapeText } from '../slack/mrkdwn';
import { context } from './blocks';

/**
 * `:link: From this message`, linked to the Slack message a record came from. The link was checked
 * by domain/message-link.ts (no `<`, `>` or `|`); `&` is escaped as mrkdwn wants.
 */
export function messageLinkLine(lang: Lang, link: string): string {
  return shortcutStrings(lang).fromMessage(escapeText(link));
}

/** The same line as a context block, for the forms the shortcuts open. */
export function messageLinkContext(lang: Lang, link: string): ContextBlock {
  return context(messageLinkLine(lang, link));
}
