import { mention } from '../slack/mrkdwn';
import { userText } from './format';

/**
 * How a channel post writes a person. A `<@U…>` mention always notifies them, whatever else the
 * text says; a group that chose `mention=off` gets names instead, looked up before the post
 * (jobs/people.ts). A person whose name is not known is shown by their id, never mentioned.
 */
export type People = { mode: 'mention' } | { mode: 'name'; names: ReadonlyMap<string, string> };

export const MENTIONS: People = { mode: 'mention' };

/** Names are short; this only guards a line's length against whatever a profile holds. */
const NAME_CHARS = 80;

/** The person as the post writes them: a mention, or their escaped name (their id when unknown). */
export function person(people: People, userId: string): string {
  if (people.mode === 'mention') return mention(userId);
  const name = people.names.get(userId);
  return userText(name ? name : userId, NAME_CHARS);
}

/** Several people, or `none` when there are none. */
export function persons(people: People, userIds: readonly string[], none: string, sep = ' '): string {
  return userIds.length === 0 ? none : userIds.map((id) => person(people, id)).join(sep);
}
