import { isUnitKey } from '../domain/ids';
import type { Unit } from '../domain/types';
import { AUDIT_CREATE, auditChange, auditHeader } from './audit';
import { execAll, retryOnConflict, type StoreContext } from './context';
import { isUnit, parseRecord } from './json';
import { checkId, checkUnitKey } from './keys';
import { runScript } from './scripts';
import type { Actor, UnitPatch } from './types';
import { newUnitsVersion, type UnitsAt, unitsAt } from './unit-cache';

/** A unit as stored: its JSON (for compare-and-set) and its parsed form. */
export interface StoredUnit {
  raw: string;
  unit: Unit;
}

/** All readable units of the group in creation order, with their stored JSON, read now. One round trip. */
export async function readUnits(ctx: StoreContext, groupId: string): Promise<StoredUnit[]> {
  const [all, order] = (await execAll(
    ctx.redis.pipeline().hgetall(ctx.keys.units(groupId)).lrange(ctx.keys.unitOrder(groupId), 0, -1),
  )) as [Record<string, string>, string[]];
  return parseUnits(ctx, groupId, all, order);
}

function parseUnits(
  ctx: StoreContext,
  groupId: string,
  all: Record<string, string>,
  order: string[],
): StoredUnit[] {
  const key = ctx.keys.units(groupId);
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

/**
 * How long the units version read with a group (`groupForChannel`) stands for "now" in the unit
 * reads that follow on the same team store: the rest of one request, which Slack wants answered
 * within 3 s. A team store kept longer reads the version again.
 */
const SEEN_VERSION_MS = 1_000;

/** The version of the group's units read with the group, for the reads of this request. */
export function sawUnitsVersion(ctx: StoreContext, groupId: string, version: string): void {
  if (version !== '') ctx.unitVersions.set(groupId, { version, at: performance.now() });
}

/** The version this request read with the group, unless it was read too long ago to stand for now. */
function seenVersion(ctx: StoreContext, groupId: string): string | undefined {
  const seen = ctx.unitVersions.get(groupId);
  return seen && performance.now() - seen.at <= SEEN_VERSION_MS ? seen.version : undefined;
}

/** The cached units when their version is the one this request read with the group. */
function unitsAsSeen(ctx: StoreContext, groupId: string): UnitsAt | undefined {
  const version = seenVersion(ctx, groupId);
  if (version === undefined) return undefined;
  const cached = ctx.unitCache.get(ctx.keys.group(groupId));
  return cached?.version === version ? cached : undefined;
}

/**
 * The group's units as of now: the process's cached entry when its version is the one read with
 * the group in this request, else one script that answers the current version and, unless the
 * cached entry is of that version, the units themselves.
 */
export async function currentUnits(ctx: StoreContext, groupId: string): Promise<UnitsAt> {
  const seen = unitsAsSeen(ctx, groupId);
  if (seen) return seen;
  const groupKey = ctx.keys.group(groupId);
  const cached = ctx.unitCache.get(groupKey);
  const [version, flat, order] = (await runScript(
    ctx.redis,
    'ddUnitsSince',
    [groupKey, ctx.keys.units(groupId), ctx.keys.unitOrder(groupId)],
    [cached?.version ?? '', newUnitsVersion()],
  )) as [string, string[] | undefined, string[] | undefined];
  if (cached && flat === undefined) return cached;
  const all: Record<string, string> = {};
  for (let i = 0; flat && i + 1 < flat.length; i += 2) all[flat[i]!] = flat[i + 1]!;
  const entry = unitsAt(
    version,
    parseUnits(ctx, groupId, all, order ?? []).map((s) => s.unit),
  );
  ctx.unitCache.set(groupKey, entry);
  return entry;
}

/** Before a write to the group's units through this team store: the version it read will not be now. */
export function unitsWritten(ctx: StoreContext, groupId: string): void {
  ctx.unitVersions.delete(groupId);
}

/** One unit by key, or null (also for a string that cannot be a key, such as a name with spaces). */
export async function getUnit(ctx: StoreContext, groupId: string, key: string): Promise<Unit | null> {
  if (!isUnitKey(key)) return null;
  const seen = unitsAsSeen(ctx, groupId);
  if (seen) return seen.byKey.get(key) ?? null;
  // The group was read for this request but its units are not cached yet: read them all, once.
  if (seenVersion(ctx, groupId)) return (await currentUnits(ctx, groupId)).byKey.get(key) ?? null;
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
  const units = await currentUnits(ctx, groupId);
  return [...(opts.includeArchived ? units.all : units.active)];
}

function unitScriptKeys(ctx: StoreContext, groupId: string, liaisons: string[]): string[] {
  const { keys } = ctx;
  return [
    keys.units(groupId),
    keys.unitOrder(groupId),
    keys.members(groupId),
    keys.audit(groupId),
    keys.group(groupId),
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
  unitsWritten(ctx, groupId);
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
    newUnitsVersion(),
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
  unitsWritten(ctx, groupId);
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
      newUnitsVersion(),
      ...next.liaisons,
    ]);
    if (ok === -1) return 'forbidden';
    return ok === 1 ? next : 'retry';
  });
}
