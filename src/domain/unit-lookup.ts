import { UserError } from './errors';
import type { Unit } from './types';

export type UnitMatch =
  | { kind: 'found'; unit: Unit }
  | { kind: 'ambiguous'; candidates: Unit[] }
  | { kind: 'none' };

/** How many candidates an ambiguous answer names; the rest are summed up as `…`. */
const MAX_CANDIDATES = 10;
const KEY_MAX = 32;

function fold(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function oneOrMany(units: Unit[]): UnitMatch {
  if (units.length === 0) return { kind: 'none' };
  if (units.length === 1) return { kind: 'found', unit: units[0] as Unit };
  return { kind: 'ambiguous', candidates: units };
}

/**
 * The unit a user means by `ref`: its key (any case), else its exact name (any case and
 * spacing), else the one unit whose key or name starts with `ref` (`发改` finds `发改委`).
 */
export function findUnit(units: Unit[], ref: string): UnitMatch {
  const r = fold(ref);
  if (r === '') return { kind: 'none' };
  const byKey = units.find((u) => u.key.toLowerCase() === r);
  if (byKey) return { kind: 'found', unit: byKey };
  const byName = units.filter((u) => fold(u.name) === r);
  if (byName.length > 0) return oneOrMany(byName);
  return oneOrMany(units.filter((u) => u.key.toLowerCase().startsWith(r) || fold(u.name).startsWith(r)));
}

/** Like `findUnit`, but answers the user when there is no single unit. */
export function resolveUnit(units: Unit[], ref: string): Unit {
  const match = findUnit(units, ref);
  if (match.kind === 'found') return match.unit;
  if (match.kind === 'none') throw new UserError('unknown_unit', { ref });
  const shown = match.candidates.slice(0, MAX_CANDIDATES).map((u) => `${u.name} (${u.key})`);
  if (match.candidates.length > MAX_CANDIDATES) shown.push('…');
  throw new UserError('ambiguous_unit', { ref, candidates: shown.join(', ') });
}

/**
 * A key derived from an ASCII name (`Ministry of Commerce` → `ministry-of-commerce`, at most 32
 * characters); null for a name with other characters, or one with no letter or digit.
 */
export function slugify(name: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "anything outside ASCII".
  if (/[^\x00-\x7f]/.test(name)) return null;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, KEY_MAX)
    .replace(/-+$/, '');
  return slug === '' ? null : slug;
}

/** `base` if free, else `base-2`, `base-3`, … shortened so the key stays within 32 characters. */
export function uniqueKey(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const key = `${base.slice(0, KEY_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(key)) return key;
  }
}

/** Names shorter than this are too likely to appear by chance in a message (`IT`, `税`). */
const NAMED_MIN_CHARS = 2;

/**
 * The unit a message is about, for a form opened from it: the one active unit whose name appears
 * in `text` (any case and spacing) or whose key appears as a word of its own; null when none or
 * several do, so that the person chooses.
 */
export function unitNamedIn(units: Unit[], text: string): string | null {
  const t = fold(text);
  if (t === '') return null;
  const words = new Set(t.split(/[^a-z0-9_-]+/));
  const named = units.filter((u) => {
    if (u.archived) return false;
    const name = fold(u.name);
    return (name.length >= NAMED_MIN_CHARS && t.includes(name)) || words.has(u.key.toLowerCase());
  });
  return named.length === 1 ? (named[0] as Unit).key : null;
}
