import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import { type Outcome, UserError } from '../src/domain/errors';
import type { Group, Lang, Member } from '../src/domain/types';
import { buttonStrings } from '../src/i18n/buttons';
import type { TeamStore } from '../src/store/types';
import { userErrorMessage } from '../src/views/errors';
import { userText } from '../src/views/format';
import { langFor } from './reader-lang';

/** A press on a button or a select, from a message (with a response_url) or a view (the App Home). */
export type PressArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A press that named a group the presser still belongs to. */
export interface Pressed {
  args: PressArgs;
  deps: AppDeps;
  team: TeamStore;
  group: Group;
  member: Member;
  userId: string;
  /** The presser's language for this group (reader-lang.ts). */
  lang: Lang;
  now: number;
}

/** True when the press came from a message, which Slack answers through its response_url. */
export function fromMessage(args: PressArgs): boolean {
  return typeof args.body.response_url === 'string' && args.body.response_url !== '';
}

/**
 * A short answer only the presser sees: in the message's place (ephemeral, the message kept), or,
 * for a press on the App Home (no message, no response_url), a direct message from the bot.
 */
export async function tell(args: PressArgs, text: string): Promise<void> {
  if (fromMessage(args)) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  await args.client.chat.postMessage({ channel: args.body.user.id, text });
}

/** A press whose value or block id is not one of ours (out of date, or forged): said so, nothing done. */
export async function invalidPress(
  args: PressArgs,
  deps: AppDeps,
  heard: (lang: Lang) => void,
): Promise<Outcome> {
  const teamId = args.body.team?.id ?? args.body.user.team_id;
  const lang = teamId
    ? await langFor(
        { deps, client: args.client, team: deps.store.forTeam(teamId), userId: args.body.user.id },
        null,
      )
    : deps.config.DEFAULT_LANG;
  heard(lang);
  return refuse(args, buttonStrings(lang).answer.invalid, 'user_error');
}

/**
 * The group a press names, checked against the store: it exists in the presser's team (a value
 * naming another team's group finds nothing), the press is not a repeat of one already handled
 * (same trigger_id), and the presser is still a member. Otherwise answers them in their language
 * and returns the outcome.
 */
export async function admitPress(
  args: PressArgs,
  deps: AppDeps,
  groupId: string,
  heard: (lang: Lang) => void,
): Promise<Pressed | Outcome> {
  const { body, client } = args;
  const userId = body.user.id;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) return invalidPress(args, deps, heard);
  const team = deps.store.forTeam(teamId);
  const group = await team.getGroup(groupId);
  const lang = await langFor({ deps, client, team, userId }, group);
  heard(lang);
  const s = buttonStrings(lang).answer;
  if (!group) return refuse(args, s.groupGone, 'user_error');
  // The same press delivered twice (a replay, a re-send: same trigger_id) takes effect once.
  if ((await team.guards().admit(body.trigger_id)) !== 'ok') {
    return refuse(args, userErrorMessage(lang, new UserError('duplicate_request')).text, 'user_error');
  }
  const member = await team.getMember(group.id, userId);
  if (!member) return refuse(args, s.notMember(userText(group.name, 120)), 'forbidden');
  return { args, deps, team, group, member, userId, lang, now: deps.now() };
}

async function refuse(args: PressArgs, text: string, outcome: Outcome): Promise<Outcome> {
  await tell(args, text);
  return outcome;
}

/** Runs one press; `heard` is told the presser's language as soon as it is known. */
export type PressHandler = (args: PressArgs, heard: (lang: Lang) => void) => Promise<Outcome>;

/**
 * A listener for one control: acknowledges at once, runs `handle`, counts its outcome. A failure
 * is logged and answered with a short apology in the presser's language, never a stack.
 */
export function pressListener(kind: string, deps: AppDeps, handle: PressHandler) {
  return async (args: PressArgs): Promise<void> => {
    await args.ack();
    let lang: Lang = deps.config.DEFAULT_LANG;
    let outcome: Outcome;
    try {
      outcome = await handle(args, (l) => {
        lang = l;
      });
    } catch (err) {
      outcome = 'fault';
      deps.logger.error({ err, action: kind, user: args.body.user.id }, 'button failed');
      await tell(args, buttonStrings(lang).answer.failed).catch(() => {});
    }
    deps.metrics.interactions.inc({ kind, outcome });
  };
}
