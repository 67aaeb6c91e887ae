import type { Command } from '../src/domain/command';
import { UserError } from '../src/domain/errors';
import type { Group } from '../src/domain/types';
import { confirmMessage } from '../src/views/confirm';
import { type CommandContext, type Reply, reply } from './context';

/** Channels, private channels and multi-person DMs can hold a group; a 1:1 DM cannot. */
const GROUP_CHANNEL = /^[CG]/;

/**
 * `/dudao setup`: binds this channel to a new group led by the caller. Run again in the same
 * channel by its leader or deputy, it renames the group or changes its time zone or language.
 */
export async function setup(
  command: Extract<Command, { kind: 'setup' }>,
  ctx: CommandContext,
): Promise<Reply> {
  if (!GROUP_CHANNEL.test(ctx.channelId)) throw new UserError('not_in_channel');
  const actor = { userId: ctx.userId, now: ctx.now };
  const group: Group = {
    id: ctx.channelId,
    teamId: ctx.teamId,
    name: command.name,
    tz: command.tz ?? ctx.deps.config.DEFAULT_TZ,
    lang: command.lang ?? ctx.lang,
    langSet: command.lang !== null,
    posts: 'message',
    liaisonNames: 'mention',
    coverageDays: 7,
    meeting: null,
    digest: null,
    createdBy: ctx.userId,
    createdAt: ctx.now,
  };
  if ((await ctx.team.createGroup(group, actor)) === 'created') {
    // Coverage pings run for every group, meeting or not.
    await ctx.deps.scheduling.syncGroup(group);
    return reply(confirmMessage(group.langSet ? group.lang : ctx.lang, { kind: 'setup', group }));
  }
  const existing = await ctx.team.getGroup(ctx.channelId);
  const member = existing ? await ctx.team.getMember(existing.id, ctx.userId) : null;
  if (!existing || !member || (member.role !== 'leader' && member.role !== 'deputy')) {
    throw new UserError('channel_taken', { name: existing?.name ?? '' });
  }
  if (command.tz) ctx.deps.scheduling.checkSchedules({ ...existing, tz: command.tz }, ctx.now);
  const updated = await ctx.team.updateGroup(
    existing.id,
    {
      name: command.name,
      ...(command.tz ? { tz: command.tz } : {}),
      ...(command.lang ? { lang: command.lang, langSet: true } : {}),
    },
    actor,
  );
  if (!updated) throw new UserError('no_group');
  // A new time zone moves every schedule of the group.
  if (updated.tz !== existing.tz) await ctx.deps.scheduling.syncGroup(updated);
  return reply(confirmMessage(updated.langSet ? updated.lang : ctx.lang, { kind: 'setup', group: updated }));
}
