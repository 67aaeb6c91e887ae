import { weekEnd, weekStart } from '../src/domain/dates';
import { UserError } from '../src/domain/errors';
import { buildStatus } from '../src/domain/status';
import { resolveUnit } from '../src/domain/unit-lookup';
import { statusMessage, unitStatusMessage } from '../src/views/status';
import { type GroupHandler, reply } from './context';

/** How many recent activities `/dudao status <unit>` shows. */
const TIMELINE_LENGTH = 15;

/** `/dudao status [<unit>]`: every unit, weak spots first; or one unit's timeline and findings. */
export const status: GroupHandler<'status'> = async (command, ctx) => {
  const { group, today } = ctx;
  const summaries = await ctx.team.unitSummaries(group.id, weekStart(today), weekEnd(today));
  if (summaries.length === 0) throw new UserError('no_units');
  const rows = buildStatus(summaries, today, group.coverageDays);
  if (command.unit === null) return reply(statusMessage(ctx.lang, { group, rows, today }));

  const unit = resolveUnit(
    rows.map((r) => r.unit),
    command.unit,
  );
  const row = rows.find((r) => r.unit.key === unit.key)!;
  const [activities, findings] = await Promise.all([
    ctx.team.recentActivities(group.id, unit.key, TIMELINE_LENGTH),
    ctx.team.activeFindings(group.id, [unit.key]),
  ]);
  return reply(unitStatusMessage(ctx.lang, { group, row, activities, findings, today }));
};
