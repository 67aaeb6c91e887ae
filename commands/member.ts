import { UserError } from '../src/domain/errors';
import type { Member } from '../src/domain/types';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

/** `/dudao member add <@user>… [role=…]`: adds members or changes their roles. */
export const memberAdd: GroupHandler<'member_add'> = async (command, ctx) => {
  // Only a leader makes another leader; a deputy runs the group but cannot hand it over.
  if (command.role === 'leader' && ctx.member.role !== 'leader') {
    throw new UserError('forbidden', { action: 'member add role=leader' });
  }
  const members = await ctx.team.getMembers(ctx.group.id);
  const leaders = members.filter((m) => m.role === 'leader').map((m) => m.userId);
  if (command.role !== 'leader' && leaders.length > 0 && leaders.every((id) => command.users.includes(id))) {
    throw new UserError('last_leader');
  }
  const added: Member[] = command.users.map((userId) => ({ userId, role: command.role }));
  await ctx.team.putMembers(ctx.group.id, added, { userId: ctx.userId, now: ctx.now });
  return reply(
    confirmMessage(ctx.group.lang, { kind: 'members_added', users: command.users, role: command.role }),
  );
};

/** `/dudao member remove <@user>`: also takes them off the units they were liaison for. */
export const memberRemove: GroupHandler<'member_remove'> = async (command, ctx) => {
  const members = await ctx.team.getMembers(ctx.group.id);
  const target = members.find((m) => m.userId === command.user);
  if (!target) throw new UserError('not_a_member', { user: command.user });
  if (target.role === 'leader' && members.filter((m) => m.role === 'leader').length === 1) {
    throw new UserError('last_leader');
  }
  if (target.role === 'leader' && ctx.member.role !== 'leader') {
    throw new UserError('forbidden', { action: 'member remove' });
  }
  await ctx.team.removeMember(ctx.group.id, command.user, { userId: ctx.userId, now: ctx.now });
  return reply(confirmMessage(ctx.group.lang, { kind: 'member_removed', user: command.user }));
};
