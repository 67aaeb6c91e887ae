import type { AuditEntry } from '../domain/types';
import type { StoreContext } from './context';
import { parseJson } from './json';
import type { Actor } from './types';

/** The stream fields of one audit entry, for XADD inside a MULTI. */
export function auditFields(
  actor: Actor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): string[] {
  return [
    'at',
    String(actor.now),
    'actor',
    actor.userId,
    'action',
    action,
    'target',
    target,
    'before',
    JSON.stringify(before ?? null),
    'after',
    JSON.stringify(after ?? null),
  ];
}

/** `at, actor, action, target, before, after` as script arguments, in the order the scripts expect. */
export function auditArgs(
  actor: Actor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): string[] {
  return auditFields(actor, action, target, before, after).filter((_, i) => i % 2 === 1);
}

/** The group's audit entries, newest first; unreadable entries are skipped. */
export async function auditTrail(ctx: StoreContext, groupId: string, limit: number): Promise<AuditEntry[]> {
  const key = ctx.keys.audit(groupId);
  const count = Math.max(0, Math.floor(limit));
  if (count === 0) return [];
  const rows = await ctx.redis.xrevrange(key, '+', '-', 'COUNT', count);
  const entries: AuditEntry[] = [];
  for (const [id, flat] of rows) {
    const f = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
    const at = Number(f.get('at'));
    const before = parseJson(f.get('before') ?? '');
    const after = parseJson(f.get('after') ?? '');
    const actor = f.get('actor');
    const action = f.get('action');
    const target = f.get('target');
    // A missing field or a value that is not JSON (parseJson gives null; the literal `null` stays 'null').
    const damaged =
      !Number.isFinite(at) ||
      !actor ||
      !action ||
      !target ||
      (before === null && f.get('before') !== 'null') ||
      (after === null && f.get('after') !== 'null');
    if (damaged) {
      ctx.onCorrupt(key, id);
      continue;
    }
    entries.push({ at, actor, action, target, before, after });
  }
  return entries;
}
