import { UserError } from '../src/domain/errors';
import type { Member } from '../src/domain/types';
import type { MemberRefusal } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { type GroupHandler, reply } from './context';

// The member rules (only a leader or deputy changes members; only a leader makes, changes or
// removes a leader; a group keeps a leader) are checked by the store inside the write, on the
// roles as they are then: two leaders demoting each other at once cannot both pass a check made
// on an earlier read. Handlers only name the refusal.

/** The refusal a store answer stands for; every kind of refusal must have its message. */
function refusal(result: MemberRefusal, action: string): UserError {
  switch (result) {
    case 'forbidden':
      return new UserError('forbidden', { action });
    case 'leader_only':
      return new UserError('leader_only', { action });
    case 'last_leader':
      return new UserError('last_leader');
  }
}

/** `/dudao member add <@user>… [role=…]`: adds members or changes their roles. */
export const memberAdd: GroupHandler<'member_add'> = async (command, ctx) => {
  const added: Member[] = command.users.map((userId) => ({ userId, role: command.role }));
  const result = await ctx.team.putMembers(ctx.group.id, added, { userId: ctx.userId, now: ctx.now });
  if (result !== 'ok') throw refusal(result, `member add role=${command.role}`);
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, command.users);
  return reply(confirmMessage(ctx.lang, { kind: 'members_added', users: command.users, role: command.role }));
};

/** `/dudao member remove <@user>`: also takes them off the units they were liaison for. */
export const memberRemove: GroupHandler<'member_remove'> = async (command, ctx) => {
  const result = await ctx.team.removeMember(ctx.group.id, command.user, {
    userId: ctx.userId,
    now: ctx.now,
  });
  if (result === 'not_member') throw new UserError('not_a_member', { user: command.user });
  if (result !== 'removed') throw refusal(result, 'member remove');
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [command.user]);
  return reply(confirmMessage(ctx.lang, { kind: 'member_removed', user: command.user }));
};
