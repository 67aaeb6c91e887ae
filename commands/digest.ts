import { UserError } from '../src/domain/errors';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';
import { nextRunText } from './meeting';

/** `/dudao digest <weekday> <HH:mm>`: the weekly digest in the group channel. */
export const digestSet: GroupHandler<'digest_set'> = async (command, ctx) => {
  const digest = { weekday: command.weekday, time: command.time };
  ctx.deps.scheduling.checkSchedules({ ...ctx.group, digest }, ctx.now);
  const group = await ctx.team.updateGroup(ctx.group.id, { digest }, { userId: ctx.userId, now: ctx.now });
  if (!group) throw new UserError('no_group');
  await ctx.deps.scheduling.syncGroup(group);
  return reply(
    confirmMessage(ctx.lang, {
      kind: 'digest_set',
      digest,
      tz: group.tz,
      next: nextRunText(ctx, group, 'digest'),
    }),
  );
};

/** `/dudao digest off`. */
export const digestOff: GroupHandler<'digest_off'> = async (_command, ctx) => {
  const group = await ctx.team.updateGroup(
    ctx.group.id,
    { digest: null },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!group) throw new UserError('no_group');
  await ctx.deps.scheduling.syncGroup(group);
  return reply(confirmMessage(ctx.lang, { kind: 'digest_off' }));
};

/** `/dudao digest now`: queued for the workers, which post it once; `too_soon` again right after (see jobs/scheduling.ts). */
export const digestNow: GroupHandler<'digest_now'> = async (_command, ctx) => {
  await ctx.deps.scheduling.digestNow(ctx.group, ctx.userId);
  return reply(confirmMessage(ctx.lang, { kind: 'queued', what: 'digest' }));
};
