import { UserError } from '../src/domain/errors';
import type { Unit } from '../src/domain/types';
import { resolveUnit, slugify, uniqueKey } from '../src/domain/unit-lookup';
import { confirmMessage } from '../src/views/confirm';
import { unitListMessage } from '../src/views/units';
import { type GroupHandler, reply } from './context';

/**
 * The caller stopped running the group between the permission check and the write (the store
 * checks the role again inside it): the same refusal as when the check itself fails.
 */
const FORBIDDEN = () => new UserError('forbidden', { action: 'unit' });

/** `/dudao unit add <name> [key=…] [kind=…] [liaison=<@user>…]`. */
export const unitAdd: GroupHandler<'unit_add'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const taken = new Set(units.map((u) => u.key));
  if (command.key && taken.has(command.key)) throw new UserError('unit_exists', { key: command.key });
  const key = command.key ?? uniqueKey(slugify(command.name) ?? `u${units.length + 1}`, taken);
  const unit: Unit = {
    key,
    name: command.name,
    kind: command.unitKind ?? '',
    liaisons: command.liaisons ?? [],
    archived: false,
    createdAt: ctx.now,
  };
  // Another leader may have taken the key between our read and this write: the store checks again.
  const added = await ctx.team.addUnit(ctx.group.id, unit, { userId: ctx.userId, now: ctx.now });
  if (added === 'exists') throw new UserError('unit_exists', { key });
  if (added === 'forbidden') throw FORBIDDEN();
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, unit.liaisons);
  return reply(confirmMessage(ctx.lang, { kind: 'unit_added', unit }));
};

/** `/dudao unit list`: active units, then archived ones. */
export const unitList: GroupHandler<'unit_list'> = async (_command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  return reply(
    unitListMessage(
      ctx.lang,
      units.filter((u) => !u.archived),
      units.filter((u) => u.archived),
    ),
  );
};

/** `/dudao unit edit <unit> [name=…] [kind=…] [liaison=…]`. */
export const unitEdit: GroupHandler<'unit_edit'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = resolveUnit(units, command.unit);
  const updated = await ctx.team.updateUnit(
    ctx.group.id,
    unit.key,
    {
      ...(command.name !== null ? { name: command.name } : {}),
      ...(command.unitKind !== null ? { kind: command.unitKind } : {}),
      ...(command.liaisons !== null ? { liaisons: command.liaisons } : {}),
    },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!updated) throw new UserError('unknown_unit', { ref: command.unit });
  if (updated === 'forbidden') throw FORBIDDEN();
  // Liaisons taken off the unit see it go from their Home; new ones see it come.
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [...unit.liaisons, ...updated.liaisons]);
  return reply(confirmMessage(ctx.lang, { kind: 'unit_edited', unit: updated }));
};

/** `/dudao unit archive <unit>`: hidden from status and the log form; its history stays. */
export const unitArchive: GroupHandler<'unit_archive'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id);
  const unit = resolveUnit(units, command.unit);
  const updated = await ctx.team.updateUnit(
    ctx.group.id,
    unit.key,
    { archived: true },
    { userId: ctx.userId, now: ctx.now },
  );
  if (!updated) throw new UserError('unknown_unit', { ref: command.unit });
  if (updated === 'forbidden') throw FORBIDDEN();
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, updated.liaisons);
  return reply(confirmMessage(ctx.lang, { kind: 'unit_archived', unit: updated }));
};
