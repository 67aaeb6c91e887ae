import type { Command } from '../src/domain/command';
import { UserError } from '../src/domain/errors';
import type { Group } from '../src/domain/types';
import type { GroupPatch } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { type CommandContext, type Reply, reply } from './context';

/** Channels, private channels and multi-person DMs can hold a group; a 1:1 DM cannot. */
const GROUP_CHANNEL = /^[CG]/;

type SetupCommand = Extract<Command, { kind: 'setup' }>;

/**
 * `/dudao setup`: binds this channel to a new group led by the caller. Run again in the same
 * channel by its leader or deputy, it changes what it is given (the name, the time zone, the
 * language, how the reminder and digest are posted, whether liaisons are mentioned); with nothing
 * given it shows the options in effect.
 */
export async function setup(command: SetupCommand, ctx: CommandContext): Promise<Reply> {
  if (!GROUP_CHANNEL.test(ctx.channelId)) throw new UserError('not_in_channel');
  const actor = { userId: ctx.userId, now: ctx.now };
  if (command.name !== null) {
    const group = newGroup(command, command.name, ctx);
    if ((await ctx.team.createGroup(group, actor)) === 'created') {
      // Coverage pings run for every group, meeting or not.
      await ctx.deps.scheduling.syncGroup(group);
      ctx.deps.home.changed(ctx.teamId, group.id, [ctx.userId]);
      return reply(confirmMessage(group.langSet ? group.lang : ctx.lang, { kind: 'setup', group }));
    }
  }
  const existing = await ctx.team.getGroup(ctx.channelId);
  if (!existing && command.name === null) {
    throw new UserError('missing_argument', { what: 'name', usage: 'setup' });
  }
  const member = existing ? await ctx.team.getMember(existing.id, ctx.userId) : null;
  if (!existing || !member || (member.role !== 'leader' && member.role !== 'deputy')) {
    throw new UserError('channel_taken', { name: existing?.name ?? '' });
  }
  if (command.tz) ctx.deps.scheduling.checkSchedules({ ...existing, tz: command.tz }, ctx.now);
  const patch = changes(command);
  const updated =
    Object.keys(patch).length > 0 ? await ctx.team.updateGroup(existing.id, patch, actor) : existing;
  if (!updated) throw new UserError('no_group');
  // A new time zone moves every schedule of the group.
  if (updated.tz !== existing.tz) await ctx.deps.scheduling.syncGroup(updated);
  if (updated !== existing) ctx.deps.home.changed(ctx.teamId, updated.id);
  return reply(confirmMessage(updated.langSet ? updated.lang : ctx.lang, { kind: 'setup', group: updated }));
}

function newGroup(command: SetupCommand, name: string, ctx: CommandContext): Group {
  return {
    id: ctx.channelId,
    teamId: ctx.teamId,
    // Jobs find the token of a workspace served by an org-wide install through it.
    ...(ctx.enterpriseId ? { enterpriseId: ctx.enterpriseId } : {}),
    name,
    tz: command.tz ?? ctx.deps.config.DEFAULT_TZ,
    lang: command.lang ?? ctx.lang,
    langSet: command.lang !== null,
    posts: command.posts ?? 'message',
    liaisonNames: command.liaisonNames ?? 'mention',
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: ctx.userId,
    createdAt: ctx.now,
  };
}

/** What a setup run again changes: only what it was given; `lang=` also marks the language as chosen. */
function changes(command: SetupCommand): GroupPatch {
  return {
    ...(command.name !== null ? { name: command.name } : {}),
    ...(command.tz ? { tz: command.tz } : {}),
    ...(command.lang ? { lang: command.lang, langSet: true } : {}),
    ...(command.posts ? { posts: command.posts } : {}),
    ...(command.liaisonNames ? { liaisonNames: command.liaisonNames } : {}),
  };
}
