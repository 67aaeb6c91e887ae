import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

/**
 * `/dudao remind now`: the agenda and the liaison pings, now. With a meeting, the agenda is the
 * next meeting's; without one (or when it is skipped), the week so far (jobs/reminder-content.ts).
 * `too_soon` again right after (see jobs/scheduling.ts).
 */
export const remindNow: GroupHandler<'remind_now'> = async (_command, ctx) => {
  await ctx.deps.scheduling.remindNow(ctx.group, ctx.userId);
  return reply(confirmMessage(ctx.lang, { kind: 'queued', what: 'remind' }));
};
