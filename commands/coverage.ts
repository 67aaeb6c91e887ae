import { UserError } from '../src/domain/errors';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

/** `/dudao coverage <days>`: after how many days without contact a unit counts as a gap. */
export const coverage: GroupHandler<'coverage'> = async (command, ctx) => {
  const group = await ctx.team.updateGroup(
    ctx.group.id,
    { coverageDays: command.days },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!group) throw new UserError('no_group');
  await ctx.deps.scheduling.syncGroup(group);
  // Every member's coverage marks move with the threshold.
  ctx.deps.home.changed(ctx.teamId, group.id);
  return reply(confirmMessage(ctx.lang, { kind: 'coverage_set', days: command.days }));
};
