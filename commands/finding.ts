import { UserError } from '../src/domain/errors';
import { can } from '../src/domain/permissions';
import { resolveUnit } from '../src/domain/unit-lookup';
import { confirmMessage } from '../src/views/confirm';
import { findingListMessage } from '../src/views/findings';
import { type GroupHandler, reply } from './context';
import { activeUnit, unitByKey } from './unit-ref';

/** `/dudao finding add <unit> <text> [due=YYYY-MM-DD]`. */
export const findingAdd: GroupHandler<'finding_add'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = activeUnit(units, command.unit);
  const finding = await ctx.team.addFinding(
    ctx.group.id,
    { unitKey: unit.key, text: command.text, due: command.due, createdBy: ctx.userId, createdAt: ctx.now },
    { userId: ctx.userId, now: ctx.now, requestId: ctx.triggerId },
  );
  return reply(confirmMessage(ctx.lang, { kind: 'finding_added', finding, unit }));
};

/** `/dudao finding list [<unit>]`: open ones first, overdue marked. */
export const findingList: GroupHandler<'finding_list'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = command.unit === null ? null : resolveUnit(units, command.unit);
  const findings = await ctx.team.listFindings(ctx.group.id, {
    status: 'all',
    ...(unit ? { unitKey: unit.key } : {}),
  });
  return reply(findingListMessage(ctx.lang, { findings, units, today: ctx.today, unit }));
};

/** `/dudao finding done <id> [notes…]`: leaders, the finding's author, or the unit's liaisons. */
export const findingDone: GroupHandler<'finding_done'> = async (command, ctx) => {
  const finding = await ctx.team.getFinding(ctx.group.id, command.id);
  if (!finding) throw new UserError('unknown_finding', { id: command.id });
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  if (!can('finding_done', { role: ctx.member.role, userId: ctx.userId }, { finding, units })) {
    throw new UserError('not_your_finding', { id: command.id });
  }
  const closed = await ctx.team.closeFinding(ctx.group.id, command.id, command.notes, {
    userId: ctx.userId,
    now: ctx.now,
  });
  if (closed === 'not_found') throw new UserError('unknown_finding', { id: command.id });
  if (closed === 'already_done') throw new UserError('finding_closed', { id: command.id });
  const unit = unitByKey(units, closed.unitKey);
  return reply(confirmMessage(ctx.lang, { kind: 'finding_done', finding: closed, unit }));
};
