import { activityTypeLabel } from './activity-types';
import type { Activity, Finding, Lang, Unit } from './types';

const COLUMNS = [
  'record',
  'id',
  'unit_key',
  'unit_name',
  'date',
  'type',
  'type_label',
  'count',
  'text',
  'user',
  'status',
  'due',
  'done_at',
  'done_by',
  'created_at',
] as const;

/**
 * One CSV cell. Quotes per RFC 4180; a leading `= + - @` (or tab/CR) is prefixed with `'` so a
 * note cannot run as a formula when the file is opened in a spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Activities and findings as one CSV (a `record` column tells them apart), with a UTF-8 byte
 * order mark so spreadsheet programs read Chinese text correctly.
 */
export function exportCsv(input: {
  activities: Activity[];
  findings: Finding[];
  units: Unit[];
  lang: Lang;
}): string {
  const names = new Map(input.units.map((u) => [u.key, u.name]));
  const rows: (string | number | null)[][] = [];
  for (const a of input.activities) {
    rows.push([
      'activity',
      a.id,
      a.unitKey,
      names.get(a.unitKey) ?? '',
      a.date,
      a.type,
      activityTypeLabel(a.type, input.lang),
      a.count,
      a.notes,
      a.userId,
      null,
      null,
      null,
      null,
      iso(a.createdAt),
    ]);
  }
  for (const f of input.findings) {
    rows.push([
      'finding',
      f.id,
      f.unitKey,
      names.get(f.unitKey) ?? '',
      null,
      null,
      null,
      null,
      f.text,
      f.createdBy,
      f.status,
      f.due,
      iso(f.doneAt),
      f.doneBy,
      iso(f.createdAt),
    ]);
  }
  const lines = [COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
