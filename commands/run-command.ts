import { type Command, type CommandKind, type Subcommand, subcommandOf } from '../src/domain/command';
import { notMemberError, UserError } from '../src/domain/errors';
import { parseCommand } from '../src/domain/parse';
import { actionOf, can } from '../src/domain/permissions';
import type { Group, IsoDate, Lang, Member } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { helpMessage } from '../src/views/help';
import type { CommandContext, GroupContext, GroupHandler, Reply } from './context';
import { coverage } from './coverage';
import { digestNow, digestOff, digestSet } from './digest';
import { exportData } from './export';
import { findingAdd, findingList, findingMove, findingShow } from './finding';
import { log, logForm, undo } from './log';
import { meetingOff, meetingSet, meetingSkip } from './meeting';
import { memberAdd, memberRemove } from './member';
import { langFor } from './reader-lang';
import { remindNow } from './remind';
import { setup } from './setup';
import { status } from './status';
import { unitAdd, unitArchive, unitEdit, unitList } from './unit';
import { unitImport } from './unit-import';

type GroupKind = Exclude<CommandKind, 'help' | 'setup'>;

/** Every subcommand that runs inside a group, by kind: a kind without a handler fails typecheck. */
const groupHandlers: { [K in GroupKind]: GroupHandler<K> } = {
  member_add: memberAdd,
  member_remove: memberRemove,
  unit_add: unitAdd,
  unit_list: unitList,
  unit_import: unitImport,
  unit_edit: unitEdit,
  unit_archive: unitArchive,
  log_form: logForm,
  log,
  undo,
  status,
  finding_add: findingAdd,
  finding_list: findingList,
  finding_show: findingShow,
  finding_plan: findingMove,
  finding_done: findingMove,
  finding_verify: findingMove,
  finding_reopen: findingMove,
  finding_due: findingMove,
  meeting_set: meetingSet,
  meeting_off: meetingOff,
  meeting_skip: meetingSkip,
  digest_set: digestSet,
  digest_off: digestOff,
  digest_now: digestNow,
  remind_now: remindNow,
  coverage,
  export: exportData,
};

export type GroupLookup =
  | { kind: 'found'; group: Group; member: Member | null }
  | { kind: 'none' }
  | { kind: 'several'; groupIds: string[] };

/** The group a command applies to: the channel's, else the caller's only group. Reads only. */
export async function lookupGroup(ctx: CommandContext): Promise<GroupLookup> {
  // The common case, a command in the group's channel, costs one round trip.
  const here = await ctx.team.groupForChannel(ctx.channelId, ctx.userId);
  if (here) return { kind: 'found', ...here };
  const groupId = await soleGroupOf(ctx);
  if (Array.isArray(groupId))
    return groupId.length === 0 ? { kind: 'none' } : { kind: 'several', groupIds: groupId };
  const [group, member] = await Promise.all([
    ctx.team.getGroup(groupId),
    ctx.team.getMember(groupId, ctx.userId),
  ]);
  return group ? { kind: 'found', group, member } : { kind: 'none' };
}

async function soleGroupOf(ctx: CommandContext): Promise<string | string[]> {
  const ids = await ctx.team.groupsOfUser(ctx.userId);
  return ids.length === 1 ? ids[0]! : ids;
}

/** `ctx` in its group, answered in `lang`, for a member. */
async function requireMember(
  ctx: CommandContext,
  lookup: GroupLookup,
  lang: Lang,
  today: IsoDate,
): Promise<GroupContext> {
  if (lookup.kind === 'none') throw new UserError('no_group');
  if (lookup.kind === 'several') {
    throw new UserError('which_group', { channels: lookup.groupIds.map((id) => `<#${id}>`).join(', ') });
  }
  const { group, member } = lookup;
  if (!member) {
    const leader = (await ctx.team.getMembers(group.id)).find((m) => m.role === 'leader');
    throw notMemberError(group.name, leader?.userId ?? group.createdBy);
  }
  return { ...ctx, lang, today, group, member };
}

/** The language to answer `text` in: the group's when it was chosen, else the caller's (reader-lang.ts). */
function langOf(text: string, ctx: CommandContext, lookup: GroupLookup): Promise<Lang> {
  return langFor(ctx, lookup.kind === 'found' ? lookup.group : null, text);
}

/** The language to answer `text` in without running it, given the command's group (`lookupGroup`). */
export async function answerLang(
  text: string,
  ctx: CommandContext,
  group: Promise<GroupLookup>,
): Promise<Lang> {
  return langOf(text, ctx, await group);
}

/**
 * Parses, checks permissions and runs one `/dudao` line, in the group `lookupGroup` found for it.
 * User mistakes are thrown as UserError.
 */
export async function runCommand(
  text: string,
  ctx: CommandContext,
  group: Promise<GroupLookup>,
  onParsed: (sub: Subcommand, lang: Lang) => void,
): Promise<Reply> {
  const lookup = await group;
  const found = lookup.kind === 'found' ? lookup.group : null;
  // A group's chosen language needs no lookup (langFor's first answer), nor the promise of one.
  const lang = found?.langSet ? found.lang : await langOf(text, ctx, lookup);
  const today = localDate(ctx.now, found ? found.tz : ctx.deps.config.DEFAULT_TZ);
  onParsed('help', lang);
  const command: Command = parseCommand(text, { today });
  onParsed(subcommandOf(command), lang);
  if (command.kind === 'help') return { message: helpMessage(lang, command.topic) };
  if (command.kind === 'setup') return setup(command, { ...ctx, lang, today });

  const gctx = await requireMember(ctx, lookup, lang, today);
  // Who may move a finding depends on the finding: its handler checks that on the stored record.
  const who = { role: gctx.member.role, userId: ctx.userId };
  if (!can(actionOf(command), who)) {
    throw new UserError('forbidden', { action: subcommandOf(command) });
  }
  // The table above pairs each kind with its handler; TypeScript cannot correlate the two here.
  const handler = groupHandlers[command.kind] as GroupHandler<typeof command.kind>;
  return handler(command as never, gctx);
}
