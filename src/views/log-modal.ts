import type { InputBlock, View } from '@slack/types';
import { activityTypeLabel } from '../domain/activity-types';
import { COUNT_MAX, COUNT_MIN, NOTES_MAX } from '../domain/new-activity';
import { ACTIVITY_TYPES, type IsoDate, type Lang, type Unit } from '../domain/types';
import { strings } from '../i18n/index';
import { plain } from './blocks';
import { LOG_MODAL_BLOCKS as B, LOG_MODAL } from './ids';
import {
  INPUT_LABEL_CHARS,
  MODAL_TITLE_CHARS,
  OPTION_TEXT_CHARS,
  PLACEHOLDER_CHARS,
  SELECT_OPTIONS,
  truncate,
} from './limits';

/** One unit in the form's select, as Slack's options take it. */
export interface UnitOption {
  text: { type: 'plain_text'; text: string };
  value: string;
}

export interface LogModalInput {
  units: Unit[];
  today: IsoDate;
  initialUnitKey: string | null;
  privateMetadata: string;
}

/**
 * The log form: unit, type, date (today by default), count and notes. Up to 100 units fit a
 * static select; beyond that the unit is searched through an external select, whose options
 * come from `unitOptions`.
 */
export function logModal(lang: Lang, input: LogModalInput): View {
  const s = strings(lang).modal;
  const units = input.units.filter((u) => !u.archived);
  const initial = units.find((u) => u.key === input.initialUnitKey);
  const initialOption = initial ? { initial_option: unitOption(initial) } : {};
  const placeholder = plain(s.unitPlaceholder, PLACEHOLDER_CHARS);
  const unitBlock: InputBlock =
    units.length <= SELECT_OPTIONS
      ? {
          type: 'input',
          block_id: B.unit,
          label: plain(s.unit, INPUT_LABEL_CHARS),
          element: {
            type: 'static_select',
            action_id: B.unitAction,
            placeholder,
            options: units.map(unitOption),
            ...initialOption,
          },
        }
      : {
          type: 'input',
          block_id: B.unit,
          label: plain(s.unit, INPUT_LABEL_CHARS),
          hint: plain(s.unitSearchHint, INPUT_LABEL_CHARS),
          element: {
            type: 'external_select',
            action_id: B.unitAction,
            placeholder,
            min_query_length: 0,
            ...initialOption,
          },
        };
  return {
    type: 'modal',
    callback_id: LOG_MODAL,
    private_metadata: input.privateMetadata,
    title: plain(s.title, MODAL_TITLE_CHARS),
    submit: plain(s.submit, MODAL_TITLE_CHARS),
    close: plain(s.close, MODAL_TITLE_CHARS),
    blocks: [
      unitBlock,
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
        },
      },
    ],
  };
}

/**
 * Options for the unit search: units whose key or name starts with the query first, then
 * those containing it, case-insensitive; at most 100 (Slack's cap). An empty query lists
 * the first 100.
 */
export function unitOptions(units: Unit[], query: string): UnitOption[] {
  const q = query.trim().toLowerCase();
  const active = units.filter((u) => !u.archived);
  const starts = (u: Unit) => u.key.toLowerCase().startsWith(q) || u.name.toLowerCase().startsWith(q);
  const contains = (u: Unit) => u.key.toLowerCase().includes(q) || u.name.toLowerCase().includes(q);
  const ranked = q ? [...active.filter(starts), ...active.filter((u) => !starts(u) && contains(u))] : active;
  return ranked.slice(0, SELECT_OPTIONS).map(unitOption);
}

/**
 * `Ministry of Commerce (moc)`: the name is cut so the key always shows. Option text is
 * plain_text, which Slack never parses for mentions, so it is shown as typed.
 */
function unitOption(unit: Unit): UnitOption {
  const suffix = ` (${unit.key})`;
  const name = truncate(unit.name, Math.max(1, OPTION_TEXT_CHARS - suffix.length));
  return {
    text: { type: 'plain_text', text: truncate(`${name}${suffix}`, OPTION_TEXT_CHARS) },
    value: unit.key,
  };
}
