import type { KnownBlock } from '@slack/types';

/** A Slack message: `text` is the notification and screen-reader fallback, `blocks` what is shown. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

export type { KnownBlock };
