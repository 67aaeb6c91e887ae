import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

/** `/dudao remind now`: the meeting reminder and liaison pings, now. */
export const remindNow: GroupHandler<'remind_now'> = async (_command, ctx) => {
  await ctx.deps.scheduling.remindNow(ctx.group, ctx.userId);
  return reply(confirmMessage(ctx.group.lang, { kind: 'queued', what: 'remind' }));
};
