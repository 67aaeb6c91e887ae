import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { AppDeps } from '../src/app/deps';
import { Fault, faultRef, notMemberError, type Outcome } from '../src/domain/errors';
import { messageLink } from '../src/domain/message-link';
import { mentionedUsers, plainMessageText } from '../src/domain/message-text';
import { NOTES_MAX } from '../src/domain/new-activity';
import { FINDING_TEXT_MAX } from '../src/domain/new-finding';
import type { Group, Lang } from '../src/domain/types';
import type { TeamStore } from '../src/store/types';
import { faultMessage, userErrorMessage } from '../src/views/errors';
import { groupPickModal, noGroupMessage } from '../src/views/group-pick-modal';
import { SHORTCUTS } from '../src/views/ids';
import type { Message } from '../src/views/message';
import { readerOf } from './form-parts';
import { type PendingForm, pickMetadata, registerGroupPick, shortcutFormView } from './group-pick';
import { langFor } from './reader-lang';
import type { Routes } from './routes';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type Kind = PendingForm['kind'];

/**
 * How long the permalink and the names of mentioned people are waited for. The trigger_id opens a
 * view only within 3 s of the click; past this the form opens without them.
 */
const LOOKUP_MS = 1_000;
/** Mentions whose names are looked up; a message mentioning more shows the rest as ids. */
const NAMES_LOOKED_UP = 10;

/** Where a shortcut was used, as far as groups go. */
type Place =
  | { kind: 'group'; group: Group; inChannel: boolean }
  | { kind: 'not_member'; group: Group }
  | { kind: 'none' }
  | { kind: 'several'; groups: Group[] };

/** The channel's group; elsewhere (a DM, another channel) the user's only group, or their groups. */
async function placeOf(team: TeamStore, channelId: string, userId: string): Promise<Place> {
  const here = await team.groupForChannel(channelId, userId);
  if (here) {
    return here.member
      ? { kind: 'group', group: here.group, inChannel: true }
      : { kind: 'not_member', group: here.group };
  }
  const ids = await team.groupsOfUser(userId);
  const groups = (await Promise.all(ids.map((id) => team.getGroup(id)))).filter((g): g is Group => !!g);
  const [only] = groups;
  if (!only) return { kind: 'none' };
  if (groups.length === 1) return { kind: 'group', group: only, inChannel: false };
  return { kind: 'several', groups: groups.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** `work`'s answer, or null when it fails or takes longer than `ms`. */
async function within<T>(work: Promise<T>, ms: number, logger: Logger, what: string): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  const settled = work.catch((err: unknown) => {
    logger.warn({ err }, `${what} failed`);
    return null;
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message's permalink (chat.getPermalink), or null: the form then opens without a link. */
async function permalinkOf(client: WebClient, body: MessageShortcut, logger: Logger): Promise<string | null> {
  const res = await within(
    client.chat.getPermalink({ channel: body.channel.id, message_ts: body.message.ts }),
    LOOKUP_MS,
    logger,
    'chat.getPermalink',
  );
  return messageLink(res?.permalink);
}

/** Names for the people a message mentions without a label (`<@U1>`), as Slack shows them. */
async function namesOf(client: WebClient, text: string, logger: Logger): Promise<Map<string, string>> {
  const ids = mentionedUsers(text).slice(0, NAMES_LOOKED_UP);
  // One person Slack cannot tell about (deactivated, another workspace) stays an id; the rest get names.
  const lookups = ids.map(async (id): Promise<[string, string] | null> => {
    const res = await client.users.info({ user: id }).catch(() => null);
    const name = res?.user?.profile?.display_name || res?.user?.profile?.real_name || res?.user?.name;
    return name ? [id, name] : null;
  });
  const found = await within(Promise.all(lookups), LOOKUP_MS, logger, 'users.info');
  return new Map((found ?? []).filter((e): e is [string, string] => e !== null));
}

/** An answer only the user sees, through the shortcut's response_url, else as a direct message. */
async function tell(args: Args, deps: AppDeps, message: Message): Promise<void> {
  try {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  } catch (err) {
    deps.logger.warn({ err }, 'could not answer a shortcut through response_url; sending a DM');
    await args.client.chat.postMessage({ channel: args.body.user.id, ...message });
  }
}

/** Finds the group, opens its form filled in from the message, or says why not. */
async function fromMessage(
  kind: Kind,
  args: Args,
  deps: AppDeps,
  setLang: (l: Lang) => void,
): Promise<Outcome> {
  const { body, client } = args;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) return 'user_error';
  const team = deps.store.forTeam(teamId);
  // The same click delivered twice (a retry, a replay: same trigger_id) opens one form; the second
  // could not open one anyway, its trigger being spent.
  if ((await team.guards().admit(body.trigger_id)) !== 'ok') return 'user_error';
  const userId = body.user.id;
  const reader = readerOf(deps, client, team, userId);
  const raw = body.message.text ?? '';
  // Slack's answers are awaited side by side with the store's, so the trigger is used well in time.
  const looked = Promise.all([permalinkOf(client, body, deps.logger), namesOf(client, raw, deps.logger)]);
  const place = await placeOf(team, body.channel.id, userId);
  const group = place.kind === 'group' || place.kind === 'not_member' ? place.group : null;
  const [lang, [link, names]] = await Promise.all([langFor(reader, group), looked]);
  setLang(lang);
  const pending: PendingForm = {
    kind,
    text: plainMessageText(raw, kind === 'log' ? NOTES_MAX : FINDING_TEXT_MAX, names),
    link,
  };
  switch (place.kind) {
    case 'group': {
      const view = await shortcutFormView(pending, {
        team,
        teamId,
        group: place.group,
        lang,
        userId,
        // Confirmed ephemerally in the group's channel; from anywhere else, by direct message.
        channelId: place.inChannel ? place.group.id : null,
        initialUnitKey: null,
        now: deps.now(),
        preferUnitsOf: userId,
      });
      await client.views.open({ trigger_id: body.trigger_id, view });
      return 'ok';
    }
    case 'several': {
      const view = groupPickModal(lang, {
        groups: place.groups,
        kind,
        privateMetadata: pickMetadata(teamId, pending),
      });
      await client.views.open({ trigger_id: body.trigger_id, view });
      return 'ok';
    }
    case 'not_member': {
      const leader = (await team.getMembers(place.group.id)).find((m) => m.role === 'leader');
      const refusal = notMemberError(place.group.name, leader?.userId ?? place.group.createdBy);
      await tell(args, deps, userErrorMessage(lang, refusal));
      return 'forbidden';
    }
    case 'none':
      await tell(args, deps, noGroupMessage(lang));
      return 'user_error';
  }
}

/** One message shortcut: acknowledged at once, then the form; never a stack trace. */
function messageShortcut(kind: Kind, deps: AppDeps) {
  const metric = kind === 'log' ? SHORTCUTS.logActivity : SHORTCUTS.raiseFinding;
  return async (args: Args): Promise<void> => {
    await args.ack();
    let lang: Lang = deps.config.DEFAULT_LANG;
    let outcome: Outcome;
    try {
      outcome = await fromMessage(kind, args, deps, (l) => {
        lang = l;
      });
    } catch (err) {
      outcome = 'fault';
      const ref = faultRef();
      const code = err instanceof Fault ? err.code : 'unexpected';
      deps.logger.error({ err, code, ref, shortcut: metric, user: args.body.user.id }, 'shortcut failed');
      await tell(args, deps, faultMessage(lang, ref)).catch(() => {});
    }
    deps.metrics.interactions.inc({ kind: metric, outcome });
  };
}

/** Registers "Log as activity" and "Raise a finding" on messages, and the group question they may ask. */
export function registerShortcuts(routes: Routes, deps: AppDeps): void {
  routes.messageShortcut(SHORTCUTS.logActivity, messageShortcut('log', deps));
  routes.messageShortcut(SHORTCUTS.raiseFinding, messageShortcut('finding', deps));
  registerGroupPick(routes, deps);
}
