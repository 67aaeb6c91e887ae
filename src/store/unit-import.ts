import { InvalidDataError } from '../domain/errors';
import type { Unit } from '../domain/types';
import { auditHeader } from './audit';
import type { StoreContext } from './context';
import { notMemberRefusal, REQUEST_TTL_MS } from './create-once';
import { checkId, checkUnitKey } from './keys';
import { runScript } from './scripts';
import type { Actor, ImportOutcome } from './types';
import { newUnitsVersion } from './unit-cache';
import { unitsWritten } from './units';

/**
 * Adds all the units or none, in one script, once per `actor.requestId`. Judged at the moment of the
 * write: the actor must be a leader or a deputy (a member who is not answers 'forbidden'; someone
 * not in the group is refused with UserError('not_member')), and no key may be taken, archived
 * units included. Each unit is audited as `addUnit` audits it; liaisons who are not members join as
 * `liaison`.
 */
export async function importUnits(
  ctx: StoreContext,
  groupId: string,
  units: Unit[],
  actor: Actor & { requestId: string },
): Promise<ImportOutcome> {
  const { keys } = ctx;
  checkId('user', actor.userId);
  unitsWritten(ctx, groupId);
  const pairs: string[] = [];
  const seen = new Set<string>();
  const liaisons = new Set<string>();
  for (const unit of units) {
    if (seen.has(checkUnitKey(unit.key))) throw new InvalidDataError(`store: unit key ${unit.key} twice`);
    seen.add(unit.key);
    const own = [...new Set(unit.liaisons)];
    for (const l of own) liaisons.add(l);
    pairs.push(unit.key, JSON.stringify({ ...unit, liaisons: own }));
  }
  const reply = await runScript(
    ctx.redis,
    'ddImportUnits',
    [
      keys.units(groupId),
      keys.unitOrder(groupId),
      keys.members(groupId),
      keys.audit(groupId),
      keys.group(groupId),
      keys.request(actor.requestId),
      ...[...liaisons].map((u) => keys.userGroups(u)),
    ],
    [
      ...auditHeader(ctx, actor),
      groupId,
      REQUEST_TTL_MS,
      newUnitsVersion(),
      units.length,
      ...pairs,
      ...liaisons,
    ],
  );
  if (!Array.isArray(reply)) throw new InvalidDataError('store: unexpected reply to an import');
  const [kind, ...rest] = reply as unknown[];
  switch (kind) {
    case 'created':
    case 'repeat':
    case 'forbidden':
      return { kind };
    case 'taken':
      return { kind, keys: rest.map(String) };
    case 'not_member':
      throw notMemberRefusal(ctx, groupId, rest[0], rest[1]);
    default:
      throw new InvalidDataError(`store: unexpected reply to an import: ${String(kind)}`);
  }
}
