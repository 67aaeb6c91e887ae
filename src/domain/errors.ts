/**
 * Every error the bot raises, in one module. Two kinds:
 * - a **UserError** is the user's to fix: shown to them in their language, with the right form of
 *   the command, and counted in the metrics as its `outcome` (`user_error` or `forbidden`);
 * - a **Fault** is ours or the world's (a bad setting, an id that must never reach a key, Redis
 *   or Slack failing): logged, retried where that helps, answered with a short apology, never
 *   with a stack trace. Each fault has a `code` for logs and a class callers can test for.
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
  'bad_choice', // {name, value, choices, usage} an option given a value it does not take (posts=, mention=)
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
  'leader_only', // {action} making, changing or removing a leader
  'unknown_unit', // {ref}
  'ambiguous_unit', // {ref, candidates: string}
  'unit_exists', // {key}
  'unit_archived', // {name}
  'unknown_finding', // {id}
  'finding_state', // {id, status, step} the step does not apply to the finding's state
  'not_your_finding', // {id, step, who} someone else takes this step on this finding
  'self_verify', // {id, who} marked done by the caller: another verifier signs it off
  'past_due', // {value} a new due date before today
  'same_due', // {value} the finding is already due then
  'history_full', // {id, max} the finding has had as many changes as it keeps
  'owner_not_member', // {user} owner= names someone outside the group
  'nothing_to_undo', // {minutes}
  'last_leader', // {} cannot remove or demote the only leader
  'not_a_member', // {user}
  'no_units', // {} the group has no units yet
  'no_meeting', // {}
  'export_too_large', // {max}
  'export_busy', // {} another export of this group is running
  'slow_down', // {limit} more than COMMANDS_PER_MINUTE commands in a minute
  'too_soon', // {what: digest|remind, minutes} digest now / remind now ran less than 10 minutes ago
  'duplicate_request', // {} the same trigger_id (or a Slack retry) delivered again
  'skipped_by_dst', // {what: reminder|digest, weekday: 1-7, time, tz} cron would miss a week at a clock change
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

/** How a request ended, as the metrics count it. */
export type Outcome = 'ok' | 'user_error' | 'forbidden' | 'fault';

/** User errors that are refusals (the user may not do this) rather than mistakes. */
const FORBIDDEN: ReadonlySet<UserErrorCode> = new Set([
  'forbidden',
  'leader_only',
  'not_member',
  'not_your_finding',
]);

/** A mistake the user can fix; its message is rendered from the code in the user's language. */
export class UserError extends Error {
  override name = 'UserError';
  readonly code: UserErrorCode;
  readonly params: ErrorParams;

  constructor(code: UserErrorCode, params: ErrorParams = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.code = code;
    this.params = params;
  }

  /** What the metrics count this error as. */
  get outcome(): 'user_error' | 'forbidden' {
    return FORBIDDEN.has(this.code) ? 'forbidden' : 'user_error';
  }
}

/** "You are not a member of this group: ask its leader", however the refusal was found out. */
export function notMemberError(groupName: string, leaderId: string): UserError {
  return new UserError('not_member', { group: groupName, leader: leaderId });
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The reference a fault's apology shows the user and its log line carries, to find one from the other. */
export function faultRef(): string {
  return Math.random().toString(36).slice(2, 10);
}

export type FaultCode =
  | 'config'
  | 'invalid_id'
  | 'invalid_data'
  | 'store_conflict'
  | 'slack_rate_limited'
  | 'slack_unavailable'
  | 'slack_refused'
  | 'delivery_busy'
  | 'dm_paced'
  | 'not_installed';

/** Not the user's doing: logged with its code, never shown as it is. */
export abstract class Fault extends Error {
  abstract readonly code: FaultCode;
}

/** A bad or missing setting, or an environment the bot cannot start in; its message is the one line shown at start-up. */
export class ConfigError extends Fault {
  override name = 'ConfigError';
  readonly code = 'config';
}

/** An id that may not go into a key or a job: a fault of the caller, never shown to users as such. */
export class InvalidIdError extends Fault {
  override name = 'InvalidIdError';
  readonly code = 'invalid_id';
  constructor(kind: string, value: string) {
    super(`invalid ${kind} id: ${JSON.stringify(value)}`);
  }
}

/** A value in the wrong shape where our own code produced it (a stored record, an internal date). */
export class InvalidDataError extends Fault {
  override name = 'InvalidDataError';
  readonly code = 'invalid_data';
}

/** A check-and-write kept losing to concurrent writers, or a transaction was aborted. */
export class StoreConflict extends Fault {
  override name = 'StoreConflict';
  readonly code = 'store_conflict';
}

/** Nothing went wrong but the moment: try again no sooner than `retryAfterMs` from now. Not a failed attempt. */
export abstract class RetryLater extends Fault {
  constructor(
    readonly retryAfterMs: number,
    what: string,
  ) {
    super(`${what}: retry after ${retryAfterMs} ms`);
  }
}

/** Slack answered 429. */
export class RateLimited extends RetryLater {
  override name = 'RateLimited';
  readonly code = 'slack_rate_limited';
  constructor(retryAfterMs: number) {
    super(retryAfterMs, 'Slack rate limit');
  }
}

/**
 * Slack or the network failed (HTTP 5xx, a transient `ok:false`, a timeout, a reset connection):
 * retry with backoff. `maybeDelivered` is false only when the request certainly had no effect
 * (the connection was never made).
 */
export class SlackUnavailable extends Fault {
  override name = 'SlackUnavailable';
  readonly code = 'slack_unavailable';
  constructor(
    message: string,
    readonly maybeDelivered: boolean,
  ) {
    super(message);
  }
}

/** Slack refused the call for good (`channel_not_found`, `not_in_channel`, `account_inactive`…): do not retry. */
export class SlackRefused extends Fault {
  override name = 'SlackRefused';
  readonly code = 'slack_refused';
  constructor(readonly error: string) {
    super(`Slack refused the call: ${error}`);
  }
}

/** Another worker holds a delivery's lease: try again when it ends. */
export class ClaimBusy extends RetryLater {
  override name = 'ClaimBusy';
  readonly code = 'delivery_busy';
  constructor(retryAfterMs: number) {
    super(retryAfterMs, 'delivery claimed by another worker');
  }
}

/**
 * The workspace's DM pace has no room now (src/store/dm-pace.ts): this DM's place comes in
 * `retryAfterMs`. Our own pacing, kept under Slack's per-workspace limit; not a 429 from Slack.
 */
export class DmPaced extends RetryLater {
  override name = 'DmPaced';
  readonly code = 'dm_paced';
  constructor(retryAfterMs: number) {
    super(retryAfterMs, "the workspace's DM pace");
  }
}

/**
 * The workspace has no active installation of the app (never installed, uninstalled, or its token
 * was revoked): its work stops until it is installed again, with no retries.
 */
export class NotInstalled extends Fault {
  override name = 'NotInstalled';
  readonly code = 'not_installed';
  constructor(readonly ref: { teamId?: string | undefined; enterpriseId?: string | undefined }) {
    super(
      `no active installation for ${ref.teamId ?? '-'}${ref.enterpriseId ? ` in ${ref.enterpriseId}` : ''}`,
    );
  }
}
