import type { Command } from './command';
import type { Finding, Role, Unit } from './types';

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
  | 'finding_done';

export interface Who {
  /** The caller's role in the group; null when they are not a member. */
  role: Role | null;
  userId: string;
}

export interface PermissionContext {
  finding?: Finding;
  /** The group's units, to tell whether the caller is a liaison of the finding's unit. */
  units?: Unit[];
}

const MEMBER_ACTIONS: ReadonlySet<Action> = new Set([
  'log',
  'undo',
  'status',
  'finding_add',
  'finding_list',
  'export',
]);

function ownsFinding(userId: string, ctx: PermissionContext): boolean {
  const finding = ctx.finding;
  if (!finding) return false;
  if (finding.createdBy === userId) return true;
  const unit = ctx.units?.find((u) => u.key === finding.unitKey);
  return unit?.liaisons.includes(userId) ?? false;
}

/**
 * Whether `who` may do `action`. Setup is open to anyone: it binds a channel that has no group
 * yet, so nobody holds a role there (in a bound channel the store answers `channel_taken`).
 * Everything else needs membership; managing the group needs a leader or deputy; closing a
 * finding needs a leader or deputy, its author, or a liaison of its unit (pass the finding and the
 * units in `ctx`).
 */
export function can(action: Action, who: Who, ctx: PermissionContext = {}): boolean {
  if (action === 'setup') return true;
  if (who.role === null) return false;
  const leads = who.role === 'leader' || who.role === 'deputy';
  if (action === 'manage') return leads;
  if (action === 'finding_done') return leads || ownsFinding(who.userId, ctx);
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
      return 'finding_list';
    case 'finding_done':
      return 'finding_done';
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
