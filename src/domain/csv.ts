import { activityTypeLabel } from './activity-types';
import type { Activity, Finding, Lang } from './types';
import { localDate } from './zoned-time';

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
  /** The Slack message the record was logged or raised from, when it came from one. */
  'link',
  'owner',
  'severity',
  'plan',
  'closed_at',
  'closed_by',
] as const;

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), once a cell is trimmed and NFKC-normalised. */
const FORMULA_START = /^[=+\-@]/;
/** A tab or carriage return first makes some spreadsheets look past it for a formula. */
const CONTROL_START = /^[\t\r]/;

/**
 * Whether a spreadsheet program could run the text as a formula: a leading `= + - @`, also after
 * leading whitespace, and also in a compatibility form that NFKC folds to one (full-width `＝`,
 * small `﹦`…), or a leading tab or carriage return.
 */
function looksLikeFormula(text: string): boolean {
  return CONTROL_START.test(text) || FORMULA_START.test(text.normalize('NFKC').trimStart());
}

/**
 * One CSV cell. Every text is quoted (RFC 4180: `"` doubled), so no separator, quote or line break
 * inside it can start another cell; text a spreadsheet could run as a formula is prefixed with
 * `'`. Numbers are written as they are, and null as an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = looksLikeFormula(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The first line of an export, with a UTF-8 byte order mark so that spreadsheet programs read
 * Chinese text correctly. Rows follow, one line each ({@link activityLine}, {@link findingLine}),
 * so an export is written a page at a time and never held whole.
 */
export function csvHeader(): string {
  return `\uFEFF${COLUMNS.join(',')}\r\n`;
}

/** One activity as a CSV line (with its `\r\n`); `unitNames` maps unit keys to names. */
export function activityLine(a: Activity, unitNames: ReadonlyMap<string, string>, lang: Lang): string {
  return line([
    'activity',
    a.id,
    a.unitKey,
    unitNames.get(a.unitKey) ?? '',
    a.date,
    a.type,
    activityTypeLabel(a.type, lang),
    a.count,
    a.notes,
    a.userId,
    null,
    null,
    null,
    null,
    iso(a.createdAt),
    a.link ?? null,
    null,
    null,
    null,
    null,
    null,
  ]);
}

/** One finding as a CSV line (with its `\r\n`). */
export function findingLine(f: Finding, unitNames: ReadonlyMap<string, string>): string {
  return line([
    'finding',
    f.id,
    f.unitKey,
    unitNames.get(f.unitKey) ?? '',
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
    f.link ?? null,
    f.owner,
    f.severity,
    f.plan,
    iso(f.closedAt),
    f.closedBy,
  ]);
}

/**
 * A finding's steps after it was raised (plan, done, verify, reopen, due) as `finding_step` lines:
 * the finding's id and unit, the step's local date, the step in `type`, its notes and evidence file
 * names in `text`, who took it, a new due date in `due`, when in `created_at`; `status` says
 * `self_verified` or `legacy` for a verification that was not another person's.
 */
export function findingStepLines(f: Finding, unitNames: ReadonlyMap<string, string>, tz: string): string {
  return f.history
    .filter((e) => e.step !== 'raise')
    .map((e) => {
      const files = e.files && e.files.length > 0 ? ` [${e.files.map((x) => x.name).join(', ')}]` : '';
      return line([
        'finding_step',
        f.id,
        f.unitKey,
        unitNames.get(f.unitKey) ?? '',
        localDate(e.at, tz),
        e.step,
        null,
        null,
        `${e.notes}${files}`.trim(),
        e.by,
        e.selfVerified ? 'self_verified' : e.legacy ? 'legacy' : null,
        e.step === 'due' ? (e.to ?? null) : null,
        null,
        null,
        iso(e.at),
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    })
    .join('');
}
