import { type Activity, type Finding, GROUP_OPTION_DEFAULTS, type Group, type Unit } from '../domain/types';

/** Called with the key and field of a stored record that could not be read; the record is skipped. */
export type CorruptHandler = (key: string, field: string) => void;

type Guard<T> = (value: Record<string, unknown>) => value is Record<string, unknown> & T;

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Enough of a shape check to keep a damaged record from reaching the views; not a full schema. */
const isGroup: Guard<Group> = (v): v is Record<string, unknown> & Group =>
  isStr(v.id) && isStr(v.name) && isStr(v.tz) && isStr(v.lang) && isNum(v.coverageDays);

export const isUnit: Guard<Unit> = (v): v is Record<string, unknown> & Unit =>
  isStr(v.key) &&
  isStr(v.name) &&
  Array.isArray(v.liaisons) &&
  v.liaisons.every(isStr) &&
  typeof v.archived === 'boolean';

export const isActivity: Guard<Activity> = (v): v is Record<string, unknown> & Activity =>
  isNum(v.id) && isStr(v.unitKey) && isStr(v.type) && isStr(v.date) && isNum(v.count) && isStr(v.userId);

export const isFinding: Guard<Finding> = (v): v is Record<string, unknown> & Finding =>
  isNum(v.id) && isStr(v.unitKey) && isStr(v.text) && (v.status === 'open' || v.status === 'done');

/** Parses a JSON value; null (not a throw) when it is not valid JSON. */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Parses a stored record; null when missing, and null plus a report when damaged. */
export function parseRecord<T>(
  raw: string | null | undefined,
  guard: Guard<T>,
  where: { key: string; field: string; onCorrupt: CorruptHandler },
): T | null {
  if (raw == null) return null;
  const value = parseJson(raw);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (guard(obj)) return obj;
  }
  where.onCorrupt(where.key, where.field);
  return null;
}

/** A stored group, with the options a record written before they existed lacks filled in. */
export function parseGroup(
  raw: string | null | undefined,
  where: { key: string; field: string; onCorrupt: CorruptHandler },
): Group | null {
  const group = parseRecord(raw, isGroup, where);
  return group ? { ...GROUP_OPTION_DEFAULTS, ...group } : null;
}
