import type { Group, Member } from '../domain/types';
import { auditChange, auditHeader } from './audit';
import { retryOnConflict, type StoreContext } from './context';
import { parseGroup } from './json';
import { checkId } from './keys';
import { isRole } from './members';
import { scanKeys } from './scan';
import { runScript } from './scripts';
import type { Actor, GroupPatch } from './types';
import { sawUnitsVersion } from './units';

const RECORD = 'record';

/**
 * Group records parsed lately, by their stored JSON: every command reads its group, which seldom
 * changes, and the same JSON always reads as the same group. Frozen, since requests share them.
 */
const parsedGroups = new Map<string, Group>();
const PARSED_GROUPS = 1_000;

function rememberGroup(raw: string, group: Group): void {
  if (parsedGroups.has(raw)) return;
  if (parsedGroups.size >= PARSED_GROUPS) parsedGroups.delete(parsedGroups.keys().next().value as string);
  parsedGroups.set(raw, Object.freeze(group));
}

/**
 * The channel's group and the user's role in it, read together in one script, with the version of
 * the group's units that this team store's unit reads then take as current (units.ts).
 */
export async function groupForChannel(
  ctx: StoreContext,
  channelId: string,
  userId: string,
): Promise<{ group: Group; member: Member | null } | null> {
  const { keys } = ctx;
  const [bound, raw, role, unitsVersion] = (await runScript(
    ctx.redis,
    'ddGroupForChannel',
    [keys.channel(channelId), keys.group(channelId), keys.members(channelId)],
    [checkId('user', userId)],
  )) as [string, string, string, string];
  if (bound === '') return null;
  if (bound !== channelId) {
    // Not written by this version (a group's id is its channel); read it the long way.
    const group = await getGroup(ctx, bound);
    if (!group) return null;
    const other = await ctx.redis.hget(keys.members(bound), userId);
    return { group, member: other !== null && isRole(other) ? { userId, role: other } : null };
  }
  const group =
    parsedGroups.get(raw) ??
    parseGroup(raw === '' ? null : raw, {
      key: keys.group(channelId),
      field: RECORD,
      onCorrupt: ctx.onCorrupt,
    });
  if (!group) return null;
  rememberGroup(raw, group);
  sawUnitsVersion(ctx, channelId, unitsVersion);
  return { group, member: role !== '' && isRole(role) ? { userId, role } : null };
}

async function readGroup(ctx: StoreContext, groupId: string): Promise<{ raw: string; group: Group } | null> {
  const key = ctx.keys.group(groupId);
  const raw = await ctx.redis.hget(key, RECORD);
  const group = parseGroup(raw, { key, field: RECORD, onCorrupt: ctx.onCorrupt });
  return raw !== null && group ? { raw, group } : null;
}

/** The group, or null when unknown (or unreadable). */
export async function getGroup(ctx: StoreContext, groupId: string): Promise<Group | null> {
  return (await readGroup(ctx, groupId))?.group ?? null;
}

/** Every group of the team, by a SCAN of its channel bindings (the team's keys only); sorted by id. */
export async function listGroups(ctx: StoreContext): Promise<Group[]> {
  const ids = new Set<string>();
  for await (const keys of scanKeys(ctx.redis, ctx.keys.channelPattern(), 500)) {
    for (const id of await ctx.redis.mget(...keys)) if (id) ids.add(id);
  }
  const groups = await Promise.all([...ids].sort().map((id) => getGroup(ctx, id)));
  return groups.filter((g): g is Group => g !== null);
}

/** Group ids the user belongs to, sorted. */
export async function groupsOfUser(ctx: StoreContext, userId: string): Promise<string[]> {
  return (await ctx.redis.smembers(ctx.keys.userGroups(userId))).sort();
}

/** Binds `group.id` (the channel) to the group and makes its creator the leader, unless the channel is taken. */
export async function createGroup(
  ctx: StoreContext,
  group: Group,
  actor: Actor,
): Promise<'created' | 'channel_taken'> {
  const { keys } = ctx;
  checkId('user', actor.userId);
  const stored: Group = { ...group, teamId: keys.teamId };
  const created = await runScript(
    ctx.redis,
    'ddCreateGroup',
    [
      keys.channel(group.id),
      keys.group(group.id),
      keys.members(group.id),
      keys.userGroups(group.createdBy),
      keys.audit(group.id),
    ],
    [...auditHeader(ctx, actor), group.id, JSON.stringify(stored), group.createdBy],
  );
  return created === 1 ? 'created' : 'channel_taken';
}

/** Applies the patch; null when the group is unknown. */
export function updateGroup(
  ctx: StoreContext,
  groupId: string,
  patch: GroupPatch,
  actor: Actor,
): Promise<Group | null> {
  checkId('user', actor.userId);
  return retryOnConflict('group', async () => {
    const current = await readGroup(ctx, groupId);
    if (!current) return null;
    const next: Group = { ...current.group, ...definedOnly(patch) };
    const raw = JSON.stringify(next);
    const ok = await runScript(
      ctx.redis,
      'ddCasField',
      [ctx.keys.group(groupId), ctx.keys.audit(groupId)],
      [
        ...auditHeader(ctx, actor),
        RECORD,
        current.raw,
        raw,
        'group_update',
        `group:${groupId}`,
        ...auditChange(current.group, next),
      ],
    );
    return ok === 1 ? next : 'retry';
  });
}

/** Drops keys whose value is `undefined`, so a patch cannot erase a field by naming it. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
