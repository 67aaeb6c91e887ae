import type { KnownBlock } from '@slack/types';
import type { UserError } from '../domain/errors';
import type { Lang } from '../domain/types';
import { errorParts, strings } from '../i18n/index';
import { escapeText } from '../slack/mrkdwn';
import { section } from './blocks';
import type { Message } from './message';

/** What the user got wrong, and the right form of the command when the error names one. */
export function userErrorMessage(lang: Lang, err: UserError): Message {
  const { sentence, usage } = errorParts(lang, err);
  const blocks: KnownBlock[] = [section(`:warning: ${sentence}`)];
  if (usage) blocks.push(section(usage));
  return { text: sentence, blocks };
}

/** A short apology with the reference the logs carry; never a stack trace. */
export function faultMessage(lang: Lang, ref: string): Message {
  const text = strings(lang).fault(escapeText(ref));
  return { text, blocks: [section(`:x: ${text}`)] };
}

/** Sent when the real answer will take longer than Slack's three seconds. */
export function slowMessage(lang: Lang): Message {
  const text = strings(lang).slow;
  return { text, blocks: [section(`:hourglass_flowing_sand: ${text}`)] };
}
