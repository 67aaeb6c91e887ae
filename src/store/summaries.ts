import { dayNumber, fromDayNumber } from '../domain/dates';
import type { IsoDate, UnitSummary } from '../domain/types';
import type { StoreContext } from './context';
import { runScript } from './scripts';
import { listUnits } from './units';

/**
 * One summary per non-archived unit in two round trips whatever the number of activities:
 * the units, then one script reading per unit the top of its date index (last contact), a
 * count over the week's day range and the size of its open-findings set.
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
  const keys = units.flatMap((unit) => [
    ctx.keys.unitActivities(groupId, unit.key),
    ctx.keys.unitOpenFindings(groupId, unit.key),
  ]);
  const replies = (await runScript(ctx.redis, 'ddUnitSummaries', keys, [from, to])) as Array<string | number>;
  return units.map((unit, i) => {
    const day = replies[3 * i];
    return {
      unit,
      lastContact: day === '' || day === undefined ? null : fromDayNumber(Number(day)),
      weekCount: Number(replies[3 * i + 1]),
      openFindings: Number(replies[3 * i + 2]),
    };
  });
}
