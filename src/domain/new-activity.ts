import { z } from 'zod';
import { parseIsoDate } from './dates';
import type { ErrorParams, UserErrorCode } from './errors';
import { ACTIVITY_TYPES, type ActivityType, type IsoDate } from './types';

/**
 * The rules for a new activity, whether it comes from a `/dudao log` line or from the log form:
 * the limits are declared here once and one schema checks what the user gave. Pure: `today` (in the
 * group's time zone) is a parameter.
 */

/** Bounds of an activity's count (people or sessions covered); the form's number input has the same. */
export const COUNT_MIN = 1;
export const COUNT_MAX = 1000;
/** Longest notes, in characters as counted by `characterCount`. */
export const NOTES_MAX = 2000;
/** How long `/dudao undo` can take back one's own last log; each confirmation says so. */
export const UNDO_WINDOW_MINUTES = 15;

/**
 * Characters as users count them: code points, so an emoji or a CJK character outside the BMP
 * counts as one where `String#length` would count its two UTF-16 units. Both paths, and
 * `checkLength` for the command line's other texts, count this way.
 */
function characterCount(text: string): number {
  return [...text].length;
}

/** The fields in the order a command line gives them, which is the order issues are listed in. */
export const NEW_ACTIVITY_FIELDS = ['type', 'unit', 'date', 'count', 'notes'] as const;
export type NewActivityField = (typeof NEW_ACTIVITY_FIELDS)[number];

/** The fields as the user gave them: words of a command line, or values of the form. */
export type NewActivityInput = Partial<Record<NewActivityField, string>>;

interface NewActivity {
  type: ActivityType;
  /** A unit reference as typed (key or name); whether it names an active unit is the store's to say. */
  unit: string;
  date: IsoDate;
  count: number;
  notes: string;
}

/** What is wrong with one field: the UserError code and params the command line answers with. */
export interface NewActivityIssue {
  field: NewActivityField;
  code: UserErrorCode;
  params: ErrorParams;
}

export type NewActivityCheck = { ok: true; value: NewActivity } | { ok: false; issues: NewActivityIssue[] };

/** Marks the one date issue that is not "not a date". */
const FUTURE = { future: true };

/** The one schema for the day `today` (the latest date allowed). */
function buildSchema(today: IsoDate) {
  return z.object({
    type: z.enum(ACTIVITY_TYPES),
    unit: z.string().min(1),
    date: z
      .string()
      // parseIsoDate gives back its input only for a real date already written YYYY-MM-DD.
      .refine((d) => parseIsoDate(d) === d, { abort: true })
      .refine((d) => d <= today, { params: FUTURE }),
    count: z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .pipe(z.number().min(COUNT_MIN).max(COUNT_MAX))
      .default(1),
    notes: z
      .string()
      .trim()
      .refine((n) => characterCount(n) <= NOTES_MAX)
      .default(''),
  });
}

type Schema = ReturnType<typeof buildSchema>;
/**
 * Schemas by `today`. Building a zod object costs about 150 µs, as much as the rest of a logged
 * activity, while `today` changes once a day per time zone: so each is built once and kept.
 */
const schemas = new Map<IsoDate, Schema>();
const SCHEMAS_KEPT = 64;

function schemaFor(today: IsoDate): Schema {
  let schema = schemas.get(today);
  if (!schema) {
    if (schemas.size >= SCHEMAS_KEPT) schemas.delete(schemas.keys().next().value as IsoDate);
    schema = buildSchema(today);
    schemas.set(today, schema);
  }
  return schema;
}

const missing = (field: NewActivityField): NewActivityIssue => ({
  field,
  code: 'missing_argument',
  params: { what: field, usage: 'log' },
});

/** A wrong field's answer, as the command line gives it; zod's issue only tells the date refusals apart. */
function issueOf(
  field: NewActivityField,
  value: string | undefined,
  issue: z.core.$ZodIssue,
): NewActivityIssue {
  switch (field) {
    case 'type':
      return value === undefined ? missing(field) : { field, code: 'bad_type', params: { value } };
    case 'unit':
      return missing(field);
    case 'date':
      if (value === undefined) return missing(field);
      if (issue.code === 'custom' && issue.params?.future)
        return { field, code: 'future_date', params: { value } };
      return { field, code: 'bad_date', params: { value } };
    case 'count':
      return {
        field,
        code: 'bad_number',
        params: { name: 'n', value: value ?? '', min: COUNT_MIN, max: COUNT_MAX },
      };
    case 'notes':
      return { field, code: 'text_too_long', params: { what: 'notes', max: NOTES_MAX } };
  }
}

/**
 * Checks a new activity's fields on the day `today`: the type is one of ACTIVITY_TYPES, the unit
 * reference is not empty, the date is a real `YYYY-MM-DD` no later than today, the count a whole
 * number from COUNT_MIN to COUNT_MAX (1 when not given), the notes (trimmed, '' when not given) at
 * most NOTES_MAX characters. Answers the parsed activity, or one issue per wrong field in field order.
 */
export function checkNewActivity(input: NewActivityInput, today: IsoDate): NewActivityCheck {
  const parsed = schemaFor(today).safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = NEW_ACTIVITY_FIELDS.flatMap((field) => {
    const first = parsed.error.issues.find((i) => i.path[0] === field);
    return first ? [issueOf(field, input[field], first)] : [];
  });
  return { ok: false, issues };
}
