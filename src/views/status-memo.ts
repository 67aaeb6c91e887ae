import type { KnownBlock } from '@slack/types';
import type { StatusRow } from '../domain/status';
import type { Group, IsoDate, Lang, Unit } from '../domain/types';
import type { Message } from './message';

/** What `/dudao status` shows of a group (src/views/status.ts). */
export interface StatusInput {
  group: Group;
  /** Sorted as shown: coverage gaps first. */
  rows: StatusRow[];
  today: IsoDate;
}

/**
 * The last status message of each group and what it was made of. Status is asked again and again
 * between two changes of its figures (people in a meeting, a dashboard), and the same group, units,
 * figures, day and language always make the same message; its blocks are then shared rather than
 * rendered anew. Kept only for a frozen group and frozen units (the store's, which never change:
 * a change is a new object), and frozen itself, since answers share it.
 */
interface RenderedStatus {
  group: Group;
  lang: Lang;
  today: IsoDate;
  units: readonly Unit[];
  /** Per row, what its line and the totals show: see `figures`. */
  figures: readonly number[];
  text: string;
  blocks: readonly KnownBlock[];
}
const lastStatus = new Map<string, RenderedStatus>();
/** Groups whose last status is kept (a 50-unit status holds about 30 KB); past it the oldest goes. */
const LAST_STATUS_GROUPS = 100;

/** All of a row the status shows besides its unit: the days since its last contact, its counts, its mark. */
export function figures(r: StatusRow): number[] {
  return [r.daysSince ?? -1, r.weekCount, r.openFindings, r.gap ? 1 : 0];
}

/** True when `known`, from `at` on, holds the figures of `r` (see `figures`). */
export function sameFigures(known: readonly number[], at: number, r: StatusRow): boolean {
  return (
    known[at] === (r.daysSince ?? -1) &&
    known[at + 1] === r.weekCount &&
    known[at + 2] === r.openFindings &&
    known[at + 3] === (r.gap ? 1 : 0)
  );
}

function sameStatus(known: RenderedStatus, lang: Lang, input: StatusInput): boolean {
  const { rows } = input;
  if (known.group !== input.group || known.lang !== lang || known.today !== input.today) return false;
  if (known.units.length !== rows.length) return false;
  return rows.every((r, i) => known.units[i] === r.unit && sameFigures(known.figures, 4 * i, r));
}

/** `value` and everything it holds, frozen: what answers share must not change. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The status last rendered for this input, if nothing it shows has changed since; blocks shared. */
export function rememberedStatus(lang: Lang, input: StatusInput): Message | null {
  const known = lastStatus.get(input.group.id);
  if (!known || !sameStatus(known, lang, input)) return null;
  return { text: known.text, blocks: known.blocks.slice() };
}

/** Keeps `message` as the group's last status, when its group and units are the store's (frozen). */
export function rememberStatus(lang: Lang, input: StatusInput, message: Message): void {
  if (!Object.isFrozen(input.group) || !input.rows.every((r) => Object.isFrozen(r.unit))) return;
  lastStatus.delete(input.group.id);
  if (lastStatus.size >= LAST_STATUS_GROUPS) lastStatus.delete(lastStatus.keys().next().value as string);
  lastStatus.set(input.group.id, {
    group: input.group,
    lang,
    today: input.today,
    units: input.rows.map((r) => r.unit),
    figures: input.rows.flatMap(figures),
    text: message.text,
    blocks: deepFreeze(message.blocks.slice()),
  });
}
