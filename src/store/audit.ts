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
