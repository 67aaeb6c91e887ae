import type { Subcommand } from '../domain/command';
import type { ErrorParams, UserErrorCode } from '../domain/errors';
import type { Role, Weekday } from '../domain/types';

/** One form of a subcommand: its syntax and what it does. */
export interface UsageForm {
  syntax: string;
  what: string;
}

/** How a subcommand is written, with worked examples (the first one is shown in the overview). */
export interface UsageText {
  forms: UsageForm[];
  examples: string[];
}

/**
 * Error sentences get their params already made safe for mrkdwn (escaped, user ids as
 * mentions); a missing param reads as `?`, never `undefined`.
 */
export type ErrorTexts = Record<UserErrorCode, (p: ErrorParams) => string>;

/** Names of the arguments a `missing_argument` or `text_too_long` error may point at. */
export const ARG_NAMES = [
  'unit',
  'user',
  'name',
  'text',
  'type',
  'date',
  'id',
  'days',
  'weekday',
  'time',
  'notes',
  'plan',
  'reason',
] as const;
export type ArgName = (typeof ARG_NAMES)[number];

export type UsageTexts = Record<Subcommand, UsageText>;
export type RoleTexts = Record<Role, string>;
export type WeekdayTexts = Record<Weekday, string>;
