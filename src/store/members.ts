import { InvalidDataError } from '../domain/errors';
import type { Member, Role } from '../domain/types';
import { auditChange, auditHeader } from './audit';
import { retryOnConflict, type StoreContext } from './context';
import { checkId } from './keys';
import { runScript } from './scripts';
import type { Actor, MemberRefusal } from './types';
import { newUnitsVersion } from './unit-cache';
import { readUnits, unitsWritten } from './units';

const ROLES: readonly Role[] = ['leader', 'deputy', 'member', 'liaison'];
export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** Members by role (leaders first), then by user id; entries with an unknown role are skipped. */
export async function getMembers(ctx: StoreContext, groupId: string): Promise<Member[]> {
  const key = ctx.keys.members(groupId);
  const all = await ctx.redis.hgetall(key);
  const members: Member[] = [];
  for (const [userId, role] of Object.entries(all)) {
    if (isRole(role)) members.push({ userId, role });
    else ctx.onCorrupt(key, userId);
  }
  return members.sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.userId.localeCompare(b.userId),
  );
}

/** The member, or null when the user is not in the group. */
export async function getMember(ctx: StoreContext, groupId: string, userId: string): Promise<Member | null> {
  const role = await ctx.redis.hget(ctx.keys.members(groupId), checkId('user', userId));
  return role !== null && isRole(role) ? { userId, role } : null;
}

/**
 * Adds members or changes their roles, atomically, auditing each actual change. Refused whole
 * when it would leave the group without a leader, or when it makes, changes or unmakes a leader
 * and the actor (as stored now) is not a leader.
 */
export async function putMembers(
  ctx: StoreContext,
  groupId: string,
  members: Member[],
  actor: Actor,
): Promise<'ok' | MemberRefusal> {
  checkId('user', actor.userId);
  // The last role given for a user wins, as if the members were put one after another.
  const roles = new Map(members.map((m) => [m.userId, m.role]));
  if (roles.size === 0) return 'ok';
  for (const role of roles.values())
    if (!isRole(role)) throw new InvalidDataError(`store: unknown role ${role}`);
  const { keys } = ctx;
  const result = await runScript(
    ctx.redis,
    'ddPutMembers',
    [keys.members(groupId), keys.audit(groupId), ...[...roles.keys()].map((u) => keys.userGroups(u))],
    [...auditHeader(ctx, actor), groupId, ...[...roles].flat()],
  );
  return memberReply(result, ['ok', 'forbidden', 'leader_only', 'last_leader'] as const);
}

/**
 * Removes the member and takes them off every unit they were liaison for. Refused when the
 * member is a leader and the actor (as stored now) is not, or when they are the last leader.
 */
export function removeMember(
  ctx: StoreContext,
  groupId: string,
  userId: string,
  actor: Actor,
): Promise<'removed' | 'not_member' | MemberRefusal> {
  checkId('user', actor.userId);
  const { keys } = ctx;
  unitsWritten(ctx, groupId);
  return retryOnConflict('member', async () => {
    const changes: string[] = [];
    for (const { raw, unit } of await readUnits(ctx, groupId)) {
      if (!unit.liaisons.includes(userId)) continue;
      const next = { ...unit, liaisons: unit.liaisons.filter((u) => u !== userId) };
      changes.push(unit.key, raw, JSON.stringify(next), ...auditChange(unit, next));
    }
    const result = await runScript(
      ctx.redis,
      'ddRemoveMember',
      [
        keys.members(groupId),
        keys.userGroups(userId),
        keys.units(groupId),
        keys.audit(groupId),
        keys.group(groupId),
      ],
      [...auditHeader(ctx, actor), groupId, userId, newUnitsVersion(), ...changes],
    );
    return memberReply(result, [
      'removed',
      'not_member',
      'forbidden',
      'leader_only',
      'last_leader',
      'retry',
    ] as const);
  });
}

function memberReply<T extends string>(result: unknown, expected: readonly T[]): T {
  if (typeof result === 'string' && (expected as readonly string[]).includes(result)) return result as T;
  throw new InvalidDataError(`store: unexpected reply to a membership write: ${String(result)}`);
}
