import type { ActivityType, IsoDate, Lang, LiaisonNames, PostMode, Role, Severity, Weekday } from './types';

/** Which findings `finding list` shows: `open` (the default) is every state but closed. */
export const FINDING_FILTERS = ['open', 'overdue', 'waiting', 'closed', 'all'] as const;
export type FindingFilter = (typeof FINDING_FILTERS)[number];

/** The finding subcommands that move a finding through its states. */
export type FindingMoveKind =
  | 'finding_plan'
  | 'finding_done'
  | 'finding_verify'
  | 'finding_reopen'
  | 'finding_due';

/** Subcommand keys; used for usage lines in help, metrics labels and error answers. */
export const SUBCOMMANDS = [
  'help',
  'setup',
  'member',
  'unit',
  'log',
  'undo',
  'status',
  'finding',
  'meeting',
  'digest',
  'remind',
  'coverage',
  'export',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/**
 * A `/dudao` line, parsed. Users are Slack user ids (`U…`), unit references are what the
 * user typed (resolved against the group's units by `findUnit`).
 */
export type Command =
  | { kind: 'help'; topic: Subcommand | null }
  | {
      kind: 'setup';
      /** Null when not given: required to create a group, optional when changing one. */
      name: string | null;
      tz: string | null;
      lang: Lang | null;
      posts: PostMode | null;
      liaisonNames: LiaisonNames | null;
    }
  | { kind: 'member_add'; users: string[]; role: Role }
  | { kind: 'member_remove'; user: string }
  | { kind: 'unit_add'; name: string; key: string | null; unitKind: string | null; liaisons: string[] | null }
  | { kind: 'unit_list' }
  | { kind: 'unit_import' }
  | {
      kind: 'unit_edit';
      unit: string;
      name: string | null;
      unitKind: string | null;
      liaisons: string[] | null;
    }
  | { kind: 'unit_archive'; unit: string }
  | { kind: 'log_form' }
  | { kind: 'log'; type: ActivityType; unit: string; date: IsoDate; count: number; notes: string }
  | { kind: 'undo' }
  | { kind: 'status'; unit: string | null }
  | {
      kind: 'finding_add';
      unit: string;
      text: string;
      due: IsoDate | null;
      owner: string | null;
      severity: Severity | null;
    }
  | { kind: 'finding_list'; unit: string | null; filter: FindingFilter }
  | { kind: 'finding_show'; id: number }
  | { kind: 'finding_plan'; id: number; notes: string }
  | { kind: 'finding_done'; id: number; notes: string }
  | { kind: 'finding_verify'; id: number; notes: string }
  | { kind: 'finding_reopen'; id: number; notes: string }
  | { kind: 'finding_due'; id: number; date: IsoDate; notes: string }
  | { kind: 'meeting_set'; weekday: Weekday; time: string; remindMinutes: number | null }
  | { kind: 'meeting_off' }
  | { kind: 'meeting_skip'; date: IsoDate | null }
  | { kind: 'digest_set'; weekday: Weekday; time: string }
  | { kind: 'digest_off' }
  | { kind: 'digest_now' }
  | { kind: 'remind_now' }
  | { kind: 'coverage'; days: number }
  | { kind: 'export'; from: IsoDate | null; to: IsoDate | null };

export type CommandKind = Command['kind'];

/** What the parser needs to know of the world: today's date in the group's zone. */
export interface ParseContext {
  today: IsoDate;
}

/** Maps a parsed command to its subcommand (for metrics and usage lines). */
export function subcommandOf(command: Command): Subcommand {
  const kind = command.kind;
  if (kind === 'log_form') return 'log';
  const head = kind.split('_')[0] as string;
  return (SUBCOMMANDS as readonly string[]).includes(head) ? (head as Subcommand) : 'help';
}
