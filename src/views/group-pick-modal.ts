import type { View } from '@slack/types';
import type { Group, Lang } from '../domain/types';
import { shortcutStrings } from '../i18n/shortcuts';
import { modal, plain, section } from './blocks';
import { GROUP_PICK_BLOCKS as B, GROUP_PICK_MODAL } from './ids';
import { INPUT_LABEL_CHARS, OPTION_TEXT_CHARS, PLACEHOLDER_CHARS, SELECT_OPTIONS } from './limits';
import type { Message } from './message';

export interface GroupPickInput {
  /** The groups to choose from, in the order shown; at most 100 fit. */
  groups: Pick<Group, 'id' | 'name'>[];
  /** What the form after it is for. */
  kind: 'log' | 'finding';
  privateMetadata: string;
}

/**
 * The question a shortcut asks first when it was used outside a group's channel by someone in
 * several groups: which group. Its submission is answered with the form of the chosen group.
 */
export function groupPickModal(lang: Lang, input: GroupPickInput): View {
  const s = shortcutStrings(lang).pick;
  const frame = {
    callbackId: GROUP_PICK_MODAL,
    privateMetadata: input.privateMetadata,
    title: s.title,
    submit: s.submit,
    close: s.close,
  };
  return modal(frame, [
    section(s.intro(input.kind)),
    {
      type: 'input',
      block_id: B.group,
      label: plain(s.group, INPUT_LABEL_CHARS),
      element: {
        type: 'static_select',
        action_id: B.groupAction,
        placeholder: plain(s.groupPlaceholder, PLACEHOLDER_CHARS),
        // Group names are plain_text here, which Slack never parses: shown as typed.
        options: input.groups.slice(0, SELECT_OPTIONS).map((g) => ({
          text: plain(g.name, OPTION_TEXT_CHARS),
          value: g.id,
        })),
      },
    },
  ]);
}

/** The answer to a shortcut used by someone in no group: how to start one or join one. */
export function noGroupMessage(lang: Lang): Message {
  const text = shortcutStrings(lang).noGroup;
  return { text, blocks: [section(`:information_source: ${text}`)] };
}
