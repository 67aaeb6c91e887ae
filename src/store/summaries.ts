import { dayNumber, fromDayNumber } from '../domain/dates';
import type { IsoDate, UnitSummary } from '../domain/types';
import { WEEK_COUNTS_TTL_MS, weekOf, weekStartDay } from './activity-form';
import type { StoreContext } from './context';
import { runScript } from './scripts';
import type { SummaryKeys, UnitsAt } from './unit-cache';
import { currentUnits, unitsWritten } from './units';

/**
 * One summary per non-archived unit whatever the number of activities: one script reading the units'
 * last contacts and this week's counts from their tallies (lua-parts.ts UNIT_TALLIES) and the size
 * of each unit's open-findings set. The units come from the process's cache; the script checks their version
 * itself, and only when they have changed are they read again (one more round trip) before it runs again.
 * The units' indexes go along only when the units were just read (they may be new to the tallies),
 * when the range is not a week (the tallies count weeks), or when the script says a tally lacks a
 * unit (a new week: one more round trip then).
 */
export async function unitSummaries(
  ctx: StoreContext,
  groupId: string,
  weekStart: IsoDate,
  weekEnd: IsoDate,
): Promise<UnitSummary[]> {
  const from = dayNumber(weekStart);
  const to = dayNumber(weekEnd);
  const week = weekOf(from);
  // The week's counts per unit hold Monday to Sunday; another range is counted from the indexes.
  const weekly = from === weekStartDay(week) && to === from + 6;
  let indexed = !weekly;
  // Cached units are checked by the script itself, unless there are none to run it on.
  let units = ctx.unitCache.get(ctx.keys.group(groupId));
  let current = false;
  let refused = 0;
  for (;;) {
    if (!units || (units.active.length === 0 && !current)) {
      units = await currentUnits(ctx, groupId);
      current = true;
    }
    if (units.active.length === 0) return [];
    // Units just read may be new to the tallies: their indexes go along from the start.
    if (current) indexed = true;
    const perUnit = unitKeys(ctx, groupId, units);
    const keys = [
      ctx.keys.group(groupId),
      ctx.keys.unitLastContacts(groupId),
      ctx.keys.unitWeekCounts(groupId, week),
      ...perUnit.open,
      ...(indexed ? perUnit.indexes : []),
    ];
    const reply = (await runScript(ctx.redis, 'ddUnitSummaries', keys, [
      from,
      to,
      units.version,
      weekly ? '1' : '',
      WEEK_COUNTS_TTL_MS,
      perUnit.unitList,
    ])) as string | 0 | null;
    if (typeof reply === 'string') return summaries(units, reply.split(','));
    if (reply === 0) {
      indexed = true;
      continue;
    }
    // Changed since the cached version: read them again, then (changed yet again) run unchecked on
    // what was just read.
    unitsWritten(ctx, groupId);
    units = await currentUnits(ctx, groupId);
    current = true;
    if (refused++ > 0) units = { ...units, version: '' };
  }
}

/** Each active unit's open-findings set and index, and their keys in one argument, as the script takes them. */
function unitKeys(ctx: StoreContext, groupId: string, units: UnitsAt): SummaryKeys {
  if (units.summaryKeys) return units.summaryKeys;
  const keys: SummaryKeys = {
    open: units.active.map((u) => ctx.keys.unitOpenFindings(groupId, u.key)),
    indexes: units.active.map((u) => ctx.keys.unitActivities(groupId, u.key)),
    unitList: units.active.map((u) => u.key).join(' '),
  };
  // The entry is shared; the keys of a version never change, so the first reader builds them for all.
  if (units.version !== '') (units as { summaryKeys?: SummaryKeys }).summaryKeys = keys;
  return keys;
}

function summaries(units: UnitsAt, replies: string[]): UnitSummary[] {
  return units.active.map((unit, i) => {
    const day = replies[3 * i];
    return {
      unit,
      lastContact: day === '' || day === undefined ? null : fromDayNumber(Number(day)),
      weekCount: Number(replies[3 * i + 1]),
      openFindings: Number(replies[3 * i + 2]),
    };
  });
}
