import type { KnownBlock, View } from '@slack/types';
import { activityTypeLabel } from '../domain/activity-types';
import { COUNT_MAX, COUNT_MIN, NOTES_MAX } from '../domain/new-activity';
import { ACTIVITY_TYPES, type IsoDate, type Lang, type Unit } from '../domain/types';
import { strings } from '../i18n/index';
import { modal, plain } from './blocks';
import { LOG_MODAL_BLOCKS as B, LOG_MODAL } from './ids';
import { INPUT_LABEL_CHARS, OPTION_TEXT_CHARS, PLACEHOLDER_CHARS } from './limits';
import { messageLinkContext } from './message-link';
import { unitSelectBlock } from './unit-select';

export interface LogModalInput {
  units: Unit[];
  today: IsoDate;
  initialUnitKey: string | null;
  privateMetadata: string;
  /** The notes filled in (a message's text, from the "Log as activity" shortcut). */
  initialNotes?: string;
  /** The permalink of the message the form was opened from, shown as a context line. */
  link?: string | null;
  /** The units this user is liaison for come first in the select. */
  preferUnitsOf?: string | null;
}

/**
 * The log form: unit, type, date (today by default), count and notes; above them, when it was
 * opened from a message, a line linking to it. The unit field is a static select up to 100 units,
 * a search beyond (see unit-select.ts).
 */
export function logModal(lang: Lang, input: LogModalInput): View {
  const s = strings(lang).modal;
  const linkLine: KnownBlock[] = input.link ? [messageLinkContext(lang, input.link)] : [];
  const notes = input.initialNotes ? { initial_value: input.initialNotes } : {};
  const frame = {
    callbackId: LOG_MODAL,
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
      block_id: B.type,
      label: plain(s.type, INPUT_LABEL_CHARS),
      element: {
        type: 'static_select',
        action_id: B.typeAction,
        placeholder: plain(s.typePlaceholder, PLACEHOLDER_CHARS),
        options: ACTIVITY_TYPES.map((t) => ({
          text: plain(activityTypeLabel(t, lang), OPTION_TEXT_CHARS),
          value: t,
        })),
      },
    },
    {
      type: 'input',
      block_id: B.date,
      label: plain(s.date, INPUT_LABEL_CHARS),
      element: { type: 'datepicker', action_id: B.dateAction, initial_date: input.today },
    },
    {
      type: 'input',
      block_id: B.count,
      optional: true,
      label: plain(s.count, INPUT_LABEL_CHARS),
      hint: plain(s.countHint, INPUT_LABEL_CHARS),
      element: {
        type: 'number_input',
        action_id: B.countAction,
        is_decimal_allowed: false,
        min_value: String(COUNT_MIN),
        max_value: String(COUNT_MAX),
      },
    },
    {
      type: 'input',
      block_id: B.notes,
      optional: true,
      label: plain(s.notes, INPUT_LABEL_CHARS),
      element: {
        type: 'plain_text_input',
        action_id: B.notesAction,
        multiline: true,
        max_length: NOTES_MAX,
        placeholder: plain(s.notesPlaceholder, PLACEHOLDER_CHARS),
        ...notes,
      },
    },
  ]);
}
