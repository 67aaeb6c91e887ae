import { randomBytes } from 'node:crypto';
import type { Unit } from '../domain/types';

/**
 * The units of the groups a process serves, kept between requests, since nearly every command
 * reads them and few change them. Every script that writes a group's units also writes a new
 * version into the group hash (`unitsVer`); a cached entry is used only when the version read with
 * the group (`groupForChannel`, same script) or by the reading script itself is the entry's, so
 * no read ever returns units older than that version. See src/store/README.md, "Cached units".
 */

/** The units of one group as of one version. Shared by every reader: nothing in it is changed. */
export interface UnitsAt {
  /** `''` for units read without a version (the group is gone): such an entry is never kept. */
  version: string;
  /** Every readable unit, archived ones included, in creation order. */
  all: readonly Unit[];
  /** The units not archived, in creation order. */
  active: readonly Unit[];
  byKey: ReadonlyMap<string, Unit>;
  /** What the summaries script takes of these units, built the first time it is needed. */
  summaryKeys?: SummaryKeys;
}

/** The active units as the summaries script (`ddUnitSummaries`) takes them, in their order. */
export interface SummaryKeys {
  /** Each unit's open-findings set. */
  open: readonly string[];
  /** Each unit's activity index, given only when a tally lacks a unit. */
  indexes: readonly string[];
  /** The unit keys, space-separated (a unit key holds no space). */
  unitList: string;
}

/** Groups whose units a process keeps; past it the entry used least recently goes. */
const MAX_GROUPS = 500;

/** The cache of one store (one process). */
export class UnitCache {
  private readonly entries = new Map<string, UnitsAt>();
  /** The key used last, already last in `entries`. */
  private latest: string | undefined;

  /** The entry of the group hash `groupKey`, whatever its version. */
  get(groupKey: string): UnitsAt | undefined {
    const entry = this.entries.get(groupKey);
    // Most recently used last, so that the first is the one to drop. Moving the one already last
    // would only leave a deleted slot for the Map to compact, on nearly every command.
    if (entry && groupKey !== this.latest) {
      this.entries.delete(groupKey);
      this.entries.set(groupKey, entry);
      this.latest = groupKey;
    }
    return entry;
  }

  set(groupKey: string, entry: UnitsAt): void {
    if (entry.version === '') return;
    this.entries.delete(groupKey);
    if (this.entries.size >= MAX_GROUPS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(groupKey, entry);
    this.latest = groupKey;
  }
}

/** The units as one entry; frozen, since every later reader of the version shares them. */
export function unitsAt(version: string, units: Unit[]): UnitsAt {
  for (const unit of units) {
    Object.freeze(unit.liaisons);
    Object.freeze(unit);
  }
  return {
    version,
    all: Object.freeze(units),
    active: Object.freeze(units.filter((u) => !u.archived)),
    byKey: new Map(units.map((u) => [u.key, u])),
  };
}

const PROCESS = randomBytes(6).toString('base64url');
let written = 0;

/** A version of a group's units that no other write has used: this process's own, then a count. */
export function newUnitsVersion(): string {
  written++;
  return `${PROCESS}.${written.toString(36)}`;
}
