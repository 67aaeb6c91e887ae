import type { Command } from './command';
import type { Role } from './types';

/** What a command needs permission for; see the "Who may do what" table of the spec. */
export type Action =
  | 'setup'
  | 'manage'
  | 'log'
  | 'undo'
  | 'status'
  | 'finding_add'
  | 'finding_list'
  | 'export'
  | 'finding_change';

export interface Who {
  /** The caller's role in the group; null when they are not a member. */
  role: Role | null;
  userId: string;
}

const MEMBER_ACTIONS: ReadonlySet<Action> = new Set([
  'log',
  'undo',
  'status',
  'finding_add',
  'finding_list',
  'finding_change',
  'export',
]);

/**
 * Whether `who` may do `action`. Setup is open to anyone: it binds a channel that has no group
 * yet, so nobody holds a role there (in a bound channel the store answers `channel_taken`).
 * Everything else needs membership; managing the group needs a leader or deputy. Moving a finding
 * (`finding_change`) needs membership here; who may take which step on which finding is the
 * state machine's rule (finding-states.ts `mayMove`), judged on the finding as stored.
 */
export function can(action: Action, who: Who): boolean {
  if (action === 'setup') return true;
  if (who.role === null) return false;
  if (action === 'manage') return who.role === 'leader' || who.role === 'deputy';
  return MEMBER_ACTIONS.has(action);
}

/**
 * The permission a command needs. Help is open to anyone, as setup is, so it maps to `setup`.
 * Listing units is a read like status (every member needs the keys to log), so it needs
 * `status`, not `manage`.
 */
export function actionOf(command: Command): Action {
  switch (command.kind) {
    case 'help':
    case 'setup':
      return 'setup';
    case 'log':
    case 'log_form':
      return 'log';
    case 'undo':
      return 'undo';
    case 'status':
    case 'unit_list':
      return 'status';
    case 'finding_add':
      return 'finding_add';
    case 'finding_list':
    case 'finding_show':
      return 'finding_list';
    case 'finding_plan':
    case 'finding_done':
    case 'finding_verify':
    case 'finding_reopen':
    case 'finding_due':
      return 'finding_change';
    case 'export':
      return 'export';
    case 'member_add':
    case 'member_remove':
    case 'unit_add':
    case 'unit_import':
    case 'unit_edit':
    case 'unit_archive':
    case 'meeting_set':
    case 'meeting_off':
    case 'meeting_skip':
    case 'digest_set':
    case 'digest_off':
    case 'digest_now':
    case 'remind_now':
    case 'coverage':
      return 'manage';
  }
}
