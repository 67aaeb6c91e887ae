/**
 * What the "Log" and "Mark done" controls carry: their button values (documented with the action
 * ids in ids.ts) and the block ids that tell a press where it came from. Handlers validate both;
 * the formats are written and read here only.
 */

/** A status line's "Log" button: `{"g": groupId, "u": unitKey}`. */
export function statusLogValue(groupId: string, unitKey: string): string {
  return JSON.stringify({ g: groupId, u: unitKey });
}

/** A finding's "Mark done" (or "Verify") button: `{"g": groupId, "f": findingId}`. */
export function findingValue(groupId: string, findingId: number): string {
  return JSON.stringify({ g: groupId, f: findingId });
}

// Unit keys never hold `:` (domain/ids.ts UNIT_KEY) and Slack ids never do, so `:` separates.
const STATUS_PICK = 'status_log';
const FINDING_ROW = 'finding';

/**
 * The block of a "Log for…" select listing several units: the option values are unit keys (an
 * option value holds at most 75 characters, too few for the group too), so the group rides here.
 */
export function statusPickBlockId(groupId: string, index: number): string {
  return `${STATUS_PICK}:${groupId}:${index}`;
}

/** The group a "Log for…" select belongs to, or null when the block id is not one of ours. */
export function groupOfStatusPick(blockId: string): string | null {
  const [kind, groupId, index, ...rest] = blockId.split(':');
  return kind === STATUS_PICK && groupId && index && rest.length === 0 ? groupId : null;
}

/**
 * The section of one finding in `/dudao finding list`, naming the list it is in (a unit's key,
 * or '' for the whole group): an ephemeral message is never sent back with a press, so the list
 * is drawn again from this.
 */
export function findingRowBlockId(findingId: number, listUnitKey: string | null): string {
  return `${FINDING_ROW}:${findingId}:${listUnitKey ?? ''}`;
}

/** The finding and list scope a row's block id names, or null when it is not one of ours. */
export function parseFindingRowBlockId(blockId: string): { id: number; unitKey: string | null } | null {
  const parts = blockId.split(':');
  if (parts.length !== 3 || parts[0] !== FINDING_ROW || !/^[1-9]\d{0,14}$/.test(parts[1] ?? '')) return null;
  return { id: Number(parts[1]), unitKey: parts[2] || null };
}

/** The App Home's "Log activity" button of one group: `{"g": groupId}`. */
export function homeLogValue(groupId: string): string {
  return JSON.stringify({ g: groupId });
}
