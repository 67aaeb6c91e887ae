import { dayNumber, fromDayNumber } from '../domain/dates';
import type { IsoDate, UnitSummary } from '../domain/types';
import { execAll, type StoreContext } from './context';
import { listUnits } from './units';

/**
 * One summary per non-archived unit in two round trips whatever the number of activities:
 * the units, then per unit the top of its date index (last contact), a count over the week's
 * day range and the size of its open-findings set.
 */
export async function unitSummaries(
  ctx: StoreContext,
  groupId: string,
  weekStart: IsoDate,
  weekEnd: IsoDate,
): Promise<UnitSummary[]> {
  const units = await listUnits(ctx, groupId);
  if (units.length === 0) return [];
  const from = dayNumber(weekStart);
  const to = dayNumber(weekEnd);
  const pipe = ctx.redis.pipeline();
  for (const unit of units) {
    const index = ctx.keys.unitActivities(groupId, unit.key);
    pipe
      .zrevrange(index, 0, 0, 'WITHSCORES')
      .zcount(index, from, to)
      .scard(ctx.keys.unitOpenFindings(groupId, unit.key));
  }
  const replies = await execAll(pipe);
  return units.map((unit, i) => {
    const top = replies[3 * i] as string[];
    const day = top[1];
    return {
      unit,
      lastContact: day === undefined ? null : fromDayNumber(Number(day)),
      weekCount: replies[3 * i + 1] as number,
      openFindings: replies[3 * i + 2] as number,
    };
  });
}
