import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../src/app/deps';
import type { Command, CommandKind } from '../src/domain/command';
import type { Group, IsoDate, Lang, Member } from '../src/domain/types';
import type { TeamStore } from '../src/store/types';
import type { Message } from '../src/views/message';

/** Who asked, where, and the group the command applies to. */
export interface CommandContext {
  deps: AppDeps;
  team: TeamStore;
  teamId: string;
  /** The Enterprise Grid org of the workspace, when it has one. */
  enterpriseId?: string | undefined;
  userId: string;
  channelId: string;
  triggerId: string;
  lang: Lang;
  now: number;
  today: IsoDate;
  client: WebClient;
  respond: RespondFn;
}

/** A command run inside a group the caller belongs to. */
export interface GroupContext extends CommandContext {
  group: Group;
  member: Member;
}

/**
 * What a handler answers: `message` goes back in the acknowledgement (no second round trip);
 * `after` runs once Slack has its acknowledgement (opening a modal, an upload).
 */
export interface Reply {
  message: Message | null;
  after?: () => Promise<void>;
}

export type GroupHandler<K extends CommandKind> = (
  command: Extract<Command, { kind: K }>,
  ctx: GroupContext,
) => Promise<Reply>;

export const reply = (message: Message | null, after?: () => Promise<void>): Reply =>
  after ? { message, after } : { message };
