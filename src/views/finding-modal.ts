import type { KnownBlock, View } from '@slack/types';
import { FINDING_TEXT_MAX } from '../domain/new-finding';
import { type Lang, SEVERITIES, type Unit } from '../domain/types';
import { findingStrings } from '../i18n/findings';
import { shortcutStrings } from '../i18n/shortcuts';
import { modal, plain } from './blocks';
import { FINDING_MODAL_BLOCKS as B, FINDING_MODAL } from './ids';
import { INPUT_LABEL_CHARS, OPTION_TEXT_CHARS, PLACEHOLDER_CHARS } from './limits';
import { messageLinkContext } from './message-link';
import { unitSelectBlock } from './unit-select';

/** The severities, in order, named in the form's language. */
function severityOptions(lang: Lang) {
  const names = findingStrings(lang).severity;
  return SEVERITIES.map((sev) => ({ text: plain(names[sev], OPTION_TEXT_CHARS), value: sev }));
}

export interface FindingModalInput {
  units: Unit[];
  initialUnitKey: string | null;
  privateMetadata: string;
  /** The finding's text filled in (a message's text, from the "Raise a finding" shortcut). */
  initialText?: string;
  /** The permalink of the message the form was opened from, shown as a context line. */
  link?: string | null;
  /** The units this user is liaison for come first in the select. */
  preferUnitsOf?: string | null;
}

/**
 * The finding form: unit, the finding's text (required, as long as `finding add` takes), an
 * optional due date and owner, and the severity (medium unless changed); above them, when it was
 * opened from a message, a line linking to it.
 */
export function findingModal(lang: Lang, input: FindingModalInput): View {
  const s = shortcutStrings(lang).finding;
  const severityChoices = severityOptions(lang);
  const linkLine: KnownBlock[] = input.link ? [messageLinkContext(lang, input.link)] : [];
  const text = input.initialText ? { initial_value: input.initialText } : {};
  const frame = {
    callbackId: FINDING_MODAL,
    privateMetadata: input.privateMetadata,
    title: s.title,
    submit: s.submit,
    close: s.close,
  };
  return modal(frame, [
    ...linkLine,
    unitSelectBlock(lang, {
      units: input.units,
      initialUnitKey: input.initialUnitKey,
      preferUnitsOf: input.preferUnitsOf ?? null,
      blockId: B.unit,
      actionId: B.unitAction,
    }),
    {
      type: 'input',
      block_id: B.text,
      label: plain(s.text, INPUT_LABEL_CHARS),
      element: {
        type: 'plain_text_input',
        action_id: B.textAction,
        multiline: true,
        max_length: FINDING_TEXT_MAX,
        placeholder: plain(s.textPlaceholder, PLACEHOLDER_CHARS),
        ...text,
      },
    },
    {
      type: 'input',
      block_id: B.due,
      optional: true,
      label: plain(s.due, INPUT_LABEL_CHARS),
      hint: plain(s.dueHint, INPUT_LABEL_CHARS),
      element: { type: 'datepicker', action_id: B.dueAction },
    },
    {
      type: 'input',
      block_id: B.owner,
      optional: true,
      label: plain(s.owner, INPUT_LABEL_CHARS),
      hint: plain(s.ownerHint, INPUT_LABEL_CHARS),
      element: { type: 'users_select', action_id: B.ownerAction },
    },
    {
      type: 'input',
      block_id: B.severity,
      label: plain(s.severity, INPUT_LABEL_CHARS),
      element: {
        type: 'static_select',
        action_id: B.severityAction,
        options: severityChoices,
        initial_option: severityChoices[1],
      },
    },
  ]);
}
