import { UserError } from '../src/domain/errors';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

/**
 * `/dudao remind now`: the meeting reminder and liaison pings, now. The agenda needs a meeting;
 * `too_soon` again right after (see jobs/scheduling.ts).
 */
export const remindNow: GroupHandler<'remind_now'> = async (_command, ctx) => {
  if (!ctx.group.meeting) throw new UserError('no_meeting');
  await ctx.deps.scheduling.remindNow(ctx.group, ctx.userId);
  return reply(confirmMessage(ctx.lang, { kind: 'queued', what: 'remind' }));
};
