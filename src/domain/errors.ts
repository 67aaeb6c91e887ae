/**
 * Two kinds of failure. A UserError is the user's to fix: it is shown to them, in their
 * language, with the right form of the command. Anything else is a fault: logged, counted,
 * answered with a short apology, never with a stack trace.
 */

export const USER_ERROR_CODES = [
  'unknown_command', // {word}
  'usage', // {usage: subcommand key} the command was malformed; show its form
  'missing_argument', // {what, usage}
  'bad_date', // {value}
  'future_date', // {value}
  'bad_range', // {from, to}
  'bad_time', // {value}
  'bad_weekday', // {value}
  'bad_number', // {name, value, min, max}
  'bad_tz', // {value}
  'bad_lang', // {value}
  'bad_role', // {value}
  'bad_key', // {value}
  'bad_type', // {value}
  'bad_user', // {value}
  'unknown_option', // {name, usage}
  'text_too_long', // {what, max}
  'no_group', // {} channel not set up and the user is in no group
  'which_group', // {channels: string} several groups; run in the group's channel
  'channel_taken', // {name}
  'not_in_channel', // {} setup outside a channel (DM)
  'not_member', // {group, leader}
  'forbidden', // {action}
  'unknown_unit', // {ref}
  'ambiguous_unit', // {ref, candidates: string}
  'unit_exists', // {key}
  'unit_archived', // {name}
  'unknown_finding', // {id}
  'finding_closed', // {id}
  'not_your_finding', // {id}
  'nothing_to_undo', // {minutes}
  'last_leader', // {} cannot remove or demote the only leader
  'not_a_member', // {user}
  'no_units', // {} the group has no units yet
  'no_meeting', // {}
  'export_too_large', // {max}
  'skipped_by_dst', // {what: reminder|digest, weekday: 1-7, time, tz} cron would miss a week at a clock change
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

/** A mistake the user can fix; its message is rendered from the code in the user's language. */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly params: ErrorParams;

  constructor(code: UserErrorCode, params: ErrorParams = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UserError';
    this.code = code;
    this.params = params;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
