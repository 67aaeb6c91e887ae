import { InvalidDataError, notMemberError } from '../domain/errors';
import type { StoreContext } from './context';
import { parseGroup } from './json';
import type { Actor } from './types';

/**
 * What the scripts that create a record (ADD_ACTIVITY, ADD_FINDING) share: the request key that
 * makes a create take effect once per request, and the reading of their reply.
 */

/**
 * How long a request id is remembered. Slack retries a request within about a minute and ioredis
 * re-sends a script right after it reconnects; an hour covers both with room to spare.
 */
export const REQUEST_TTL_MS = 60 * 60 * 1000;

/** The script's last KEYS entry: the request key, when the write carries a request id. */
export function requestKeys(ctx: StoreContext, actor: Actor): string[] {
  return actor.requestId === undefined ? [] : [ctx.keys.request(actor.requestId)];
}

/** A create that happened now, or the record an earlier delivery of the same request created. */
export type Created = { kind: 'created'; id: number } | { kind: 'repeat'; id: number; stored: string | null };

/**
 * Reads a create script's reply. A refusal because the actor is not (or no longer) a member of
 * the group is thrown as the same `not_member` refusal run-command gives.
 */
export function readCreated(ctx: StoreContext, groupId: string, reply: unknown): Created {
  if (!Array.isArray(reply)) throw new InvalidDataError('store: unexpected reply to a create');
  const [kind, a, b] = reply as [unknown, unknown, unknown];
  if (kind === 'created') return { kind, id: Number(a) };
  if (kind === 'repeat') return { kind, id: Number(a), stored: typeof b === 'string' && b !== '' ? b : null };
  if (kind === 'not_member') throw notMemberRefusal(ctx, groupId, a, b);
  throw new InvalidDataError(`store: unexpected reply to a create: ${String(kind)}`);
}

/**
 * The `not_member` refusal of a script that checks membership (lua-parts.ts MEMBERS_ONLY), from the
 * group record and the leader it answered with: the same refusal run-command gives.
 */
export function notMemberRefusal(ctx: StoreContext, groupId: string, record: unknown, leaderId: unknown) {
  const key = ctx.keys.group(groupId);
  const group = parseGroup(typeof record === 'string' && record !== '' ? record : null, {
    key,
    field: 'record',
    onCorrupt: ctx.onCorrupt,
  });
  const leader = typeof leaderId === 'string' && leaderId !== '' ? leaderId : (group?.createdBy ?? '');
  return notMemberError(group?.name ?? groupId, leader);
}
