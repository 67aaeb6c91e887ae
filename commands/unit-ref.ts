import { UserError } from '../src/domain/errors';
import type { Unit } from '../src/domain/types';
import { findUnit, resolveUnit } from '../src/domain/unit-lookup';

/**
 * Resolves a unit that takes new records: only active units do, and naming an archived one
 * says so rather than "unknown".
 */
export function activeUnit(all: Unit[], ref: string): Unit {
  if (all.length === 0) throw new UserError('no_units');
  const active = all.filter((u) => !u.archived);
  if (findUnit(active, ref).kind === 'none') {
    const archived = findUnit(
      all.filter((u) => u.archived),
      ref,
    );
    if (archived.kind === 'found') throw new UserError('unit_archived', { name: archived.unit.name });
  }
  return resolveUnit(active, ref);
}

/** The unit a record points at; a record can outlive its unit's listing, so never fails. */
export function unitByKey(all: Unit[], key: string): Unit {
  return (
    all.find((u) => u.key === key) ?? { key, name: key, kind: '', liaisons: [], archived: true, createdAt: 0 }
  );
}
