import { UserError } from '../src/domain/errors';
import type { Member } from '../src/domain/types';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

// The leader rules (a group keeps a leader; only a leader makes, changes or removes a leader) are
// checked by the store inside the write, on the roles as they are then: two leaders demoting each
// other at once cannot both pass a check made on an earlier read. Handlers only name the refusal.

/** `/dudao member add <@user>… [role=…]`: adds members or changes their roles. */
export const memberAdd: GroupHandler<'member_add'> = async (command, ctx) => {
  const added: Member[] = command.users.map((userId) => ({ userId, role: command.role }));
  const result = await ctx.team.putMembers(ctx.group.id, added, { userId: ctx.userId, now: ctx.now });
  if (result === 'forbidden')
    throw new UserError('leader_only', { action: `member add role=${command.role}` });
  if (result === 'last_leader') throw new UserError('last_leader');
  return reply(
    confirmMessage(ctx.group.lang, { kind: 'members_added', users: command.users, role: command.role }),
  );
};

/** `/dudao member remove <@user>`: also takes them off the units they were liaison for. */
export const memberRemove: GroupHandler<'member_remove'> = async (command, ctx) => {
  const result = await ctx.team.removeMember(ctx.group.id, command.user, {
    userId: ctx.userId,
    now: ctx.now,
  });
  if (result === 'not_member') throw new UserError('not_a_member', { user: command.user });
  if (result === 'forbidden') throw new UserError('leader_only', { action: 'member remove' });
  if (result === 'last_leader') throw new UserError('last_leader');
  return reply(confirmMessage(ctx.group.lang, { kind: 'member_removed', user: command.user }));
};
