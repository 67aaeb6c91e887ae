import {
  type Activity,
  FINDING_STATUSES,
  type Finding,
  type FindingEvent,
  type FindingStatus,
  GROUP_OPTION_DEFAULTS,
  type Group,
  type Unit,
} from '../domain/types';

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

const FINDING_STATES: ReadonlySet<unknown> = new Set([...FINDING_STATUSES, 'done']);

/** A finding as stored now, or as stored before rectification existed (`open` or `done`). */
const isStoredFinding: Guard<StoredFinding> = (v): v is Record<string, unknown> & StoredFinding =>
  isNum(v.id) && isStr(v.unitKey) && isStr(v.text) && isStr(v.createdBy) && FINDING_STATES.has(v.status);

/** What a finding record may hold: today's fields, or only those it had before rectification. */
type StoredFinding = Omit<Finding, 'status'> & { status: FindingStatus | 'done' };

/**
 * A stored finding in today's shape. A record written before rectification existed has no owner,
 * severity or history: its raiser owns it, it is of medium severity, its history is its raising
 * and, when it was done, that done and a closing nobody signed off (`legacy`): "done" then closed it.
 */
function upgradeFinding(v: StoredFinding): Finding {
  if (Array.isArray(v.history) && v.status !== 'done') return v as Finding;
  const raise: FindingEvent = { step: 'raise', by: v.createdBy, at: v.createdAt, notes: '' };
  const history: FindingEvent[] = [raise];
  const wasDone = v.status === 'done';
  const doneBy = v.doneBy ?? null;
  const doneAt = v.doneAt ?? null;
  if (wasDone && doneBy !== null && doneAt !== null) {
    history.push({ step: 'done', by: doneBy, at: doneAt, notes: v.doneNotes ?? '' });
    history.push({ step: 'verify', by: doneBy, at: doneAt, notes: '', legacy: true });
  }
  return {
    ...v,
    owner: v.owner ?? v.createdBy,
    severity: v.severity ?? 'medium',
    status: v.status === 'done' ? 'closed' : v.status,
    plan: v.plan ?? null,
    doneBy,
    doneAt,
    doneNotes: v.doneNotes ?? null,
    closedBy: v.closedBy ?? (wasDone ? doneBy : null),
    closedAt: v.closedAt ?? (wasDone ? doneAt : null),
    history: Array.isArray(v.history) ? v.history : history,
  };
}

/** Parses a stored finding (see upgradeFinding); null when missing, null plus a report when damaged. */
export function parseFinding(
  raw: string | null | undefined,
  where: { key: string; field: string; onCorrupt: CorruptHandler },
): Finding | null {
  const stored = parseRecord(raw, isStoredFinding, where);
  return stored ? upgradeFinding(stored) : null;
}

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
