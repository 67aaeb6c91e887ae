import type { StoreContext } from './context';
import type { Actor } from './types';

/**
 * The audit trail: one Redis stream per group, written inside the same script as the change it
 * records. An entry says who (`actor`), when (`at`), what (`action`, `target`) and what changed,
 * never a second copy of what the record itself keeps:
 * - a create has `before` and `after` null: the created record is the target, and every later
 *   change to it is audited with its old values, so its content at creation can be read back;
 * - an update has the changed top-level fields only, their old values in `before` and their new
 *   ones in `after` (a field that appeared or went is null on the side where it is missing);
 * - a delete keeps the whole removed record in `before`.
 * Membership entries are the exception: a role lives in no record, so `member_add` has it in `after`.
 */

/**
 * Entries kept per group stream; older ones are trimmed by the write that adds a new one. About
 * 75 bytes an entry, so at most some 7.5 MB a group: years of a busy group's work. Operators who
 * must keep more export the stream before it fills (src/store/README.md, "Audit trail").
 */
export const AUDIT_MAX_ENTRIES = 100_000;

/** `ARGV[1..3]` of every auditing script: the stream's cap, when, and who (see lua-parts.ts AUDIT). */
export function auditHeader(ctx: StoreContext, actor: Actor): (string | number)[] {
  return [ctx.auditMaxEntries, actor.now, actor.userId];
}

/** An audit entry's `before` and `after` for an update: the fields that differ, as JSON. */
export function auditChange(before: object, after: object): [before: string, after: string] {
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const a = JSON.stringify(old[field] ?? null);
    const b = JSON.stringify(next[field] ?? null);
    if (a === b) continue;
    was[field] = old[field] ?? null;
    is[field] = next[field] ?? null;
  }
  return [JSON.stringify(was), JSON.stringify(is)];
}

/** `before` and `after` of a create: nothing beyond the record itself. */
export const AUDIT_CREATE: [before: string, after: string] = ['null', 'null'];
