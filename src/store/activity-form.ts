import { dayNumber, fromDayNumber } from '../domain/dates';
import type { Activity, ActivityType } from '../domain/types';
import { type CorruptHandler, isActivity, parseRecord } from './json';

/**
 * How an activity is stored, and read back in either of the forms it has had. See src/store/README.md,
 * "What an activity stores".
 *
 * The record, in the group's `acts` hash under its zero-padded id, is a JSON array:
 * `[unitKey, type code, day number, userId, createdAt − start of that day (ms), notes, count, link]`,
 * where trailing fields equal to their defaults (`''`, `1`, no link) are left out. The id is the
 * hash field, so the record does not repeat it. Records written before this form are the JSON object
 * of the whole activity (`{"id":…,"unitKey":…}`); they are read as they are and never rewritten.
 */

/** One letter per type; a type without a letter here would fail typecheck. Never reuse a letter. */
const TYPE_CODES: Record<ActivityType, string> = {
  plan_review: 'p',
  interview: 'i',
  symposium: 's',
  research: 'r',
  meeting: 'm',
  feedback: 'f',
  study: 't',
  other: 'o',
};
const TYPES_BY_CODE = new Map(Object.entries(TYPE_CODES).map(([type, code]) => [code, type]));

const MS_PER_DAY = 86_400_000;

/** The hash field (and sorted-set member) of an activity id: 12 digits, so that members sort by id. */
export const paddedId = (id: number): string => String(id).padStart(12, '0');

/** The stored form of a new activity (see above). */
export function storedActivity(a: Omit<Activity, 'id'>): string {
  const day = dayNumber(a.date);
  const fields = [
    a.unitKey,
    TYPE_CODES[a.type],
    day,
    a.userId,
    a.createdAt - day * MS_PER_DAY,
    a.notes,
    a.count,
    a.link,
  ];
  // Trailing defaults say nothing: the reader puts them back.
  let length = fields.length;
  if (a.link === undefined) length = a.count !== 1 ? 7 : a.notes !== '' ? 6 : 5;
  return JSON.stringify(fields.slice(0, length));
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

function fromArray(v: unknown[], id: number): Activity | null {
  const [unitKey, code, day, userId, offset, notes = '', count = 1, link] = v;
  if (!isStr(unitKey) || !isStr(code) || !isInt(day) || !isStr(userId) || !isInt(offset)) return null;
  if (!isStr(notes) || !isInt(count) || (link !== undefined && !isStr(link)) || v.length > 8) return null;
  const activity: Activity = {
    id,
    unitKey,
    // A letter this version does not know is kept as it was written, as a name.
    type: (TYPES_BY_CODE.get(code) ?? code) as ActivityType,
    date: fromDayNumber(day),
    count,
    notes,
    userId,
    createdAt: day * MS_PER_DAY + offset,
  };
  if (link !== undefined) activity.link = link;
  return activity;
}

/**
 * The activity stored as `raw` under `id`, in either form; null when missing, and null plus a
 * report when damaged.
 */
export function readActivity(
  raw: string | null | undefined,
  id: number,
  where: { key: string; field: string; onCorrupt: CorruptHandler },
): Activity | null {
  if (raw == null) return null;
  // The earlier form: the activity's JSON object, id included.
  if (raw.startsWith('{')) return parseRecord(raw, isActivity, where);
  let value: unknown = null;
  try {
    value = JSON.parse(raw);
  } catch {}
  const activity = Array.isArray(value) ? fromArray(value, id) : null;
  if (!activity) where.onCorrupt(where.key, where.field);
  return activity;
}

/**
 * The date index: one set per week (Monday to Sunday) of integer members `weekday offset × 10^8 +
 * id`, which Redis keeps as a compact sorted intset up to 512 members, sorted by date then id.
 * Day numbers count from 1970-01-01, a Thursday: day 4 is the first Monday.
 */
export const weekOf = (day: number): number => Math.floor((day + 3) / 7);
/** The day number of the Monday that starts `week`. */
export const weekStartDay = (week: number): number => week * 7 - 3;
/** Ids stay below this (a group's 100,000,000th activity), so that a member is `offset × this + id`. */
export const WEEK_MEMBER_FACTOR = 100_000_000;
/** The week-set member of activity `id` dated on `day`. */
export const weekMember = (day: number, id: number): number =>
  (day - weekStartDay(weekOf(day))) * WEEK_MEMBER_FACTOR + id;
/**
 * How long a week's counts per unit (keys.ts `unitWeekCounts`) outlive their last change: status
 * reads this week's; an older week's are counted again from the indexes when asked for.
 */
export const WEEK_COUNTS_TTL_MS = 35 * 86_400_000;
