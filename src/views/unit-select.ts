import type { InputBlock } from '@slack/types';
import type { Lang, Unit } from '../domain/types';
import { strings } from '../i18n/index';
import { plain } from './blocks';
import { INPUT_LABEL_CHARS, OPTION_TEXT_CHARS, PLACEHOLDER_CHARS, SELECT_OPTIONS, truncate } from './limits';

/** One unit in a form's select, as Slack's options take it. */
export interface UnitOption {
  text: { type: 'plain_text'; text: string };
  value: string;
}

export interface UnitSelectInput {
  units: Unit[];
  initialUnitKey: string | null;
  /** The units this user is liaison for come first. */
  preferUnitsOf?: string | null;
  blockId: string;
  actionId: string;
}

/** Units of `userId` first, the others after, each in their own order. */
function preferredFirst(units: Unit[], userId: string | null | undefined): Unit[] {
  if (!userId) return units;
  const own = (u: Unit) => u.liaisons.includes(userId);
  return [...units.filter(own), ...units.filter((u) => !own(u))];
}

/**
 * The unit field of a form. Up to 100 units fit a static select; beyond that the unit is searched
 * through an external select, whose options come from `unitOptions`.
 */
export function unitSelectBlock(lang: Lang, input: UnitSelectInput): InputBlock {
  const s = strings(lang).modal;
  const units = preferredFirst(
    input.units.filter((u) => !u.archived),
    input.preferUnitsOf,
  );
  const initial = units.find((u) => u.key === input.initialUnitKey);
  const initialOption = initial ? { initial_option: unitOption(initial) } : {};
  const placeholder = plain(s.unitPlaceholder, PLACEHOLDER_CHARS);
  const label = plain(s.unit, INPUT_LABEL_CHARS);
  if (units.length <= SELECT_OPTIONS) {
    return {
      type: 'input',
      block_id: input.blockId,
      label,
      element: {
        type: 'static_select',
        action_id: input.actionId,
        placeholder,
        options: units.map(unitOption),
        ...initialOption,
      },
    };
  }
  return {
    type: 'input',
    block_id: input.blockId,
    label,
    hint: plain(s.unitSearchHint, INPUT_LABEL_CHARS),
    element: {
      type: 'external_select',
      action_id: input.actionId,
      placeholder,
      min_query_length: 0,
      ...initialOption,
    },
  };
}

/**
 * Options for the unit search: units whose key or name starts with the query first, then
 * those containing it, case-insensitive, `preferUnitsOf`'s own units first within each; at most
 * 100 (Slack's cap). An empty query lists the first 100.
 */
export function unitOptions(units: Unit[], query: string, preferUnitsOf?: string | null): UnitOption[] {
  const q = query.trim().toLowerCase();
  const active = preferredFirst(
    units.filter((u) => !u.archived),
    preferUnitsOf,
  );
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
