import { UserError } from '../src/domain/errors';
import { UNDO_WINDOW_MINUTES } from '../src/domain/new-activity';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';
import { openLogModal } from './log-form';
import { activeUnit, unitByKey } from './unit-ref';

/** `/dudao log <type> <unit> [date] [n=…] [notes…]`. */
export const log: GroupHandler<'log'> = async (command, ctx) => {
  // Most logs name the unit by its key: one read, not the whole list.
  const byKey = await ctx.team.getUnit(ctx.group.id, command.unit.toLowerCase());
  const unit =
    byKey && !byKey.archived
      ? byKey
      : activeUnit(await ctx.team.listUnits(ctx.group.id, { includeArchived: true }), command.unit);
  const activity = await ctx.team.addActivity(
    ctx.group.id,
    {
      unitKey: unit.key,
      type: command.type,
      date: command.date,
      count: command.count,
      notes: command.notes,
      userId: ctx.userId,
      createdAt: ctx.now,
    },
    // The same command delivered twice (a Slack retry, a re-sent script) logs once.
    { userId: ctx.userId, now: ctx.now, requestId: ctx.triggerId },
  );
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [...unit.liaisons, ctx.userId]);
  return reply(
    confirmMessage(ctx.lang, { kind: 'logged', activity, unit, undoMinutes: UNDO_WINDOW_MINUTES }),
  );
};

/** `/dudao log` alone: the form. Slack wants the trigger used within 3 s, so it opens right after the ack. */
export const logForm: GroupHandler<'log_form'> = async (_command, ctx) =>
  reply(null, () =>
    openLogModal(ctx.client, ctx.triggerId, {
      team: ctx.team,
      teamId: ctx.teamId,
      group: ctx.group,
      lang: ctx.lang,
      userId: ctx.userId,
      channelId: ctx.channelId,
      initialUnitKey: null,
      now: ctx.now,
    }),
  );

/** `/dudao undo`: removes the caller's own last log if it is recent enough. */
export const undo: GroupHandler<'undo'> = async (_command, ctx) => {
  const activity = await ctx.team.undoLastActivity(
    ctx.group.id,
    { userId: ctx.userId, now: ctx.now },
    UNDO_WINDOW_MINUTES * 60_000,
  );
  if (!activity) throw new UserError('nothing_to_undo', { minutes: UNDO_WINDOW_MINUTES });
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = unitByKey(units, activity.unitKey);
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [...unit.liaisons, ctx.userId]);
  return reply(confirmMessage(ctx.lang, { kind: 'undone', activity, unit }));
};
