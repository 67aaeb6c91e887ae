import { isUnitKey } from '../domain/ids';
import type { Unit } from '../domain/types';
import { AUDIT_CREATE, auditChange, auditHeader } from './audit';
import { execAll, retryOnConflict, type StoreContext } from './context';
import { isUnit, parseRecord } from './json';
import { checkId, checkUnitKey } from './keys';
import { runScript } from './scripts';
import type { Actor, UnitPatch } from './types';

/** A unit as stored: its JSON (for compare-and-set) and its parsed form. */
export interface StoredUnit {
  raw: string;
  unit: Unit;
}

/** All readable units of the group in creation order, with their stored JSON. One round trip. */
export async function readUnits(ctx: StoreContext, groupId: string): Promise<StoredUnit[]> {
  const key = ctx.keys.units(groupId);
  const [all, order] = (await execAll(
    ctx.redis.pipeline().hgetall(key).lrange(ctx.keys.unitOrder(groupId), 0, -1),
  )) as [Record<string, string>, string[]];
  // Keys missing from the order list (which only a damaged database has) still show, last.
  const keysInOrder = [...new Set([...order.filter((k) => k in all), ...Object.keys(all)])];
  const units: StoredUnit[] = [];
  for (const field of keysInOrder) {
    const raw = all[field]!;
    const unit = parseRecord(raw, isUnit, { key, field, onCorrupt: ctx.onCorrupt });
    if (unit) units.push({ raw, unit });
  }
  return units;
}

/** One unit by key, or null (also for a string that cannot be a key, such as a name with spaces). */
export async function getUnit(ctx: StoreContext, groupId: string, key: string): Promise<Unit | null> {
  if (!isUnitKey(key)) return null;
  const hash = ctx.keys.units(groupId);
  const raw = await ctx.redis.hget(hash, key);
  return parseRecord(raw, isUnit, { key: hash, field: key, onCorrupt: ctx.onCorrupt });
}

/** Units in creation order; archived ones only when asked. */
export async function listUnits(
  ctx: StoreContext,
  groupId: string,
  opts: { includeArchived?: boolean } = {},
): Promise<Unit[]> {
  const units = (await readUnits(ctx, groupId)).map((s) => s.unit);
  return opts.includeArchived ? units : units.filter((u) => !u.archived);
}

function unitScriptKeys(ctx: StoreContext, groupId: string, liaisons: string[]): string[] {
  const { keys } = ctx;
  return [
    keys.units(groupId),
    keys.unitOrder(groupId),
    keys.members(groupId),
    keys.audit(groupId),
    ...liaisons.map((u) => keys.userGroups(u)),
  ];
}

/**
 * Adds the unit unless its key is taken; liaisons who are not members join as `liaison`.
 * 'forbidden' when the actor, at the moment of the write, is not a leader or deputy of the group.
 */
export async function addUnit(
  ctx: StoreContext,
  groupId: string,
  unit: Unit,
  actor: Actor,
): Promise<'created' | 'exists' | 'forbidden'> {
  checkUnitKey(unit.key);
  checkId('user', actor.userId);
  const liaisons = [...new Set(unit.liaisons)];
  const raw = JSON.stringify({ ...unit, liaisons });
  const created = await runScript(ctx.redis, 'ddPutUnit', unitScriptKeys(ctx, groupId, liaisons), [
    ...auditHeader(ctx, actor),
    unit.key,
    '',
    raw,
    groupId,
    'unit_add',
    `unit:${unit.key}`,
    ...AUDIT_CREATE,
    ...liaisons,
  ]);
  if (created === -1) return 'forbidden';
  return created === 1 ? 'created' : 'exists';
}

/**
 * Applies the patch; liaisons who are not members join as `liaison`. Null when the unit is unknown;
 * 'forbidden' when the actor, at the moment of the write, is not a leader or deputy of the group.
 */
export function updateUnit(
  ctx: StoreContext,
  groupId: string,
  key: string,
  patch: UnitPatch,
  actor: Actor,
): Promise<Unit | null | 'forbidden'> {
  checkUnitKey(key);
  checkId('user', actor.userId);
  return retryOnConflict('unit', async () => {
    const unitsKey = ctx.keys.units(groupId);
    const current = await ctx.redis.hget(unitsKey, key);
    const unit = parseRecord(current, isUnit, { key: unitsKey, field: key, onCorrupt: ctx.onCorrupt });
    if (current === null || !unit) return null;
    const next: Unit = { ...unit };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.kind !== undefined) next.kind = patch.kind;
    if (patch.archived !== undefined) next.archived = patch.archived;
    if (patch.liaisons !== undefined) next.liaisons = [...new Set(patch.liaisons)];
    const raw = JSON.stringify(next);
    const ok = await runScript(ctx.redis, 'ddPutUnit', unitScriptKeys(ctx, groupId, next.liaisons), [
      ...auditHeader(ctx, actor),
      key,
      current,
      raw,
      groupId,
      'unit_update',
      `unit:${key}`,
      ...auditChange(unit, next),
      ...next.liaisons,
    ]);
    if (ok === -1) return 'forbidden';
    return ok === 1 ? next : 'retry';
  });
}
