import { parseIsoDate } from './dates';
import type { IsoDate } from './types';

/**
 * The rules for a new finding's text and due date, for `/dudao finding add` and the finding form.
 * Pure: `today` (in the group's time zone) is a parameter.
 */

/** Longest finding text, in characters (code points, as `checkLength` counts them). */
export const FINDING_TEXT_MAX = 1000;

export type NewFindingField = 'unit' | 'text' | 'due';

/** What is wrong with one field of the form. */
export interface NewFindingIssue {
  field: NewFindingField;
  code: 'missing' | 'too_long' | 'bad_date' | 'past_date';
}

/** The form's fields as Slack sent them (absent or null when left empty). */
export interface NewFindingInput {
  unit?: string | null;
  text?: string | null;
  due?: string | null;
}

export type NewFindingCheck =
  | { ok: true; value: { unit: string; text: string; due: IsoDate | null } }
  | { ok: false; issues: NewFindingIssue[] };

/**
 * Checks the finding form on the day `today`: a unit is chosen, the text (trimmed) is given and at
 * most FINDING_TEXT_MAX characters, the due date, when given, a real date not before today. A due
 * date in the past would make the finding overdue the moment it is raised.
 */
export function checkNewFinding(input: NewFindingInput, today: IsoDate): NewFindingCheck {
  const issues: NewFindingIssue[] = [];
  const unit = input.unit ?? '';
  if (unit === '') issues.push({ field: 'unit', code: 'missing' });
  const text = (input.text ?? '').trim();
  if (text === '') issues.push({ field: 'text', code: 'missing' });
  else if ([...text].length > FINDING_TEXT_MAX) issues.push({ field: 'text', code: 'too_long' });
  const dueText = input.due ?? '';
  const due = dueText === '' ? null : parseIsoDate(dueText);
  if (dueText !== '' && due !== dueText) issues.push({ field: 'due', code: 'bad_date' });
  else if (due !== null && due < today) issues.push({ field: 'due', code: 'past_date' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { unit, text, due } };
}
