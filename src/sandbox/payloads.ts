import type { StateValues } from './view-state';
import { apiMessage, type SandboxMessage, type StoredView, type Workspace } from './workspace';

/**
 * What Slack sends the app when a person acts: the fields of a slash command, and the
 * block_actions, message_action, view_submission, view_closed and block_suggestion payloads,
 * and the Events API's event_callback envelope (app_home_opened, app_uninstalled, tokens_revoked),
 * from the workspace's own team or another one (an Enterprise Grid workspace, an org-wide install).
 * Pure shapes over the workspace: the caller issues trigger_ids, response_urls and event ids.
 */

/** The workspace a payload comes from, and the verification token Slack puts in it. */
export interface Sender {
  ws: Workspace;
  verificationToken?: string;
  /** The team a person acts in; the workspace's own team when unset. */
  team?: PayloadTeam;
}

/** Which team a person acts in: a workspace, in an Enterprise Grid organization or not. */
export interface TeamChoice {
  teamId: string;
  enterpriseId?: string;
  /** The app is installed org-wide in the team's organization. */
  isEnterpriseInstall?: boolean;
}

/** What payloads say of the team a person acts in, and who the app's bot user is there. */
export interface PayloadTeam {
  id: string;
  domain: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
}

/** An installation an event is delivered for: a workspace's, or an organization's (team null). */
export interface EventInstall {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
}

/** A team's domain, from its name: what its URL (`https://DOMAIN.slack.com/`) and payloads show. */
export function teamDomain(name: string): string {
  return name.toLowerCase().replace(/\W+/g, '') || 'local';
}

/** What a team's (or, `.enterprise.`, an organization's) URL is, as auth.test answers it. */
export function workspaceUrl(name: string, kind: 'team' | 'enterprise' = 'team'): string {
  return `https://${teamDomain(name)}.${kind === 'enterprise' ? 'enterprise.' : ''}slack.com/`;
}

/** The team a payload comes from: the one chosen, or the workspace's own. */
export function teamOf(from: Sender): PayloadTeam {
  if (from.team) return from.team;
  const { identity } = from.ws;
  return {
    id: identity.teamId,
    domain: teamDomain(identity.teamName),
    enterpriseId: null,
    enterpriseName: null,
    isEnterpriseInstall: false,
    botUserId: identity.botUserId,
    botId: identity.botId,
  };
}

/** One element's action as the page reports it (the fields Slack puts in `actions[]`). */
export interface PageAction {
  action_id: string;
  block_id: string;
  type: string;
  value?: string;
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string };
  selected_date?: string;
  selected_options?: unknown[];
  text?: { type: 'plain_text'; text: string };
}

/** A press of an element: by whom, with the trigger_id issued for it and when it happened. */
export interface Press {
  userId: string;
  action: PageAction;
  triggerId: string;
  actionTs: string;
}

/** Where the pressed element was: a message (answered through its response_url) or a view. */
export type PressedIn =
  | { message: SandboxMessage; channel: string; responseUrl: string }
  | { view: StoredView };

/** The `team` object of interaction payloads; a Grid workspace's names its organization. */
function team(from: Sender) {
  const t = teamOf(from);
  const grid = t.enterpriseId ? { enterprise_id: t.enterpriseId, enterprise_name: t.enterpriseName } : {};
  return { id: t.id, domain: t.domain, ...grid };
}

function user(from: Sender, id: string) {
  const u = from.ws.users.get(id);
  return {
    id,
    username: u?.name ?? id.toLowerCase(),
    name: u?.name ?? id.toLowerCase(),
    team_id: teamOf(from).id,
  };
}

/** The `enterprise` object of interaction payloads: null outside Enterprise Grid. */
function enterprise(from: Sender) {
  const t = teamOf(from);
  return t.enterpriseId ? { id: t.enterpriseId, name: t.enterpriseName } : null;
}

function token(from: Sender): string {
  return from.verificationToken ?? 'local-verification-token';
}

function base(from: Sender) {
  return {
    token: token(from),
    api_app_id: from.ws.identity.appId,
    is_enterprise_install: teamOf(from).isEnterpriseInstall,
    enterprise: enterprise(from),
  };
}

/** Slack names a DM `directmessage` in payloads. */
function channelName(ws: Workspace, id: string): string {
  const ch = ws.channels.get(id);
  return ch?.isIm ? 'directmessage' : (ch?.name ?? id);
}

/** The form fields of a slash command; `text` is already encoded as the composer sends it. */
export function slashCommand(
  from: Sender,
  c: {
    userId: string;
    channel: string;
    command: string;
    text: string;
    responseUrl: string;
    triggerId: string;
  },
): Record<string, unknown> {
  const { ws } = from;
  const t = teamOf(from);
  return {
    token: token(from),
    team_id: t.id,
    team_domain: t.domain,
    // Only a Grid workspace's commands name the organization.
    ...(t.enterpriseId ? { enterprise_id: t.enterpriseId, enterprise_name: t.enterpriseName } : {}),
    channel_id: c.channel,
    channel_name: channelName(ws, c.channel),
    user_id: c.userId,
    user_name: user(from, c.userId).name,
    command: c.command,
    text: c.text,
    api_app_id: ws.identity.appId,
    is_enterprise_install: String(t.isEnterpriseInstall),
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  };
}

/**
 * The Events API's `event_callback` envelope around one event. `authorizations` names the
 * installation it is for: an org-wide one has no team there (`team_id` null).
 */
export function eventCallback(
  from: Sender,
  e: { install: EventInstall; teamId: string | null; eventId: string; eventTime: number; event: unknown },
): Record<string, unknown> {
  const { install } = e;
  return {
    token: token(from),
    team_id: e.teamId,
    enterprise_id: install.enterpriseId,
    context_team_id: e.teamId,
    context_enterprise_id: install.enterpriseId,
    api_app_id: from.ws.identity.appId,
    type: 'event_callback',
    event_id: e.eventId,
    event_time: e.eventTime,
    authorizations: [
      {
        enterprise_id: install.enterpriseId,
        team_id: install.isEnterpriseInstall ? null : install.teamId,
        user_id: install.botUserId,
        is_bot: true,
        is_enterprise_install: install.isEnterpriseInstall,
      },
    ],
    is_ext_shared_channel: false,
    event: e.event,
  };
}

/** The `app_home_opened` event callback, carrying the Home tab's view once the app has published one. */
export function appHomeOpened(
  from: Sender,
  e: { userId: string; eventId: string; im: string; now: number; home: StoredView | undefined },
): Record<string, unknown> {
  const t = teamOf(from);
  const install = {
    teamId: t.id,
    enterpriseId: t.enterpriseId,
    isEnterpriseInstall: t.isEnterpriseInstall,
    botUserId: t.botUserId,
  };
  return eventCallback(from, {
    install,
    teamId: t.id,
    eventId: e.eventId,
    eventTime: Math.floor(e.now / 1000),
    event: {
      type: 'app_home_opened',
      user: e.userId,
      channel: e.im,
      tab: 'home',
      event_ts: `${e.now / 1000}`,
      ...(e.home ? { view: e.home } : {}),
    },
  });
}

/**
 * block_actions for a press in a message or a view. An ephemeral message is not sent back to the
 * app, as Slack does not send it.
 */
export function blockActions(
  from: Sender,
  press: Press,
  where: PressedIn,
  values: StateValues,
): Record<string, unknown> {
  const { ws } = from;
  const common = {
    type: 'block_actions',
    ...base(from),
    user: user(from, press.userId),
    team: team(from),
    trigger_id: press.triggerId,
    actions: [{ ...press.action, action_ts: press.actionTs }],
  };
  if ('view' in where) {
    return {
      ...common,
      container: { type: 'view', view_id: where.view.id },
      view: { ...where.view, state: { values } },
    };
  }
  const { message, channel } = where;
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel,
      is_ephemeral: Boolean(message.ephemeralFor),
    },
    channel: { id: channel, name: channelName(ws, channel) },
    ...(message.ephemeralFor ? {} : { message: apiMessage(message) }),
    state: { values },
    response_url: where.responseUrl,
  };
}

/** One of the app's message shortcuts, as the manifest's `features.shortcuts` declares it (type `message`). */
export interface MessageShortcut {
  callbackId: string;
  /** What the message's "More actions" menu shows. */
  name: string;
}

/**
 * message_action: a message shortcut chosen from a message's "More actions" menu. Slack sends the
 * message whole, the channel it is in and a response_url for answers there; unlike block_actions
 * it carries no api_app_id, container or state.
 */
export function messageAction(
  from: Sender,
  s: {
    userId: string;
    callbackId: string;
    triggerId: string;
    actionTs: string;
    message: SandboxMessage;
    responseUrl: string;
  },
): Record<string, unknown> {
  const { ws } = from;
  return {
    type: 'message_action',
    token: token(from),
    action_ts: s.actionTs,
    team: team(from),
    user: user(from, s.userId),
    channel: { id: s.message.channel, name: channelName(ws, s.message.channel) },
    is_enterprise_install: teamOf(from).isEnterpriseInstall,
    enterprise: enterprise(from),
    callback_id: s.callbackId,
    trigger_id: s.triggerId,
    response_url: s.responseUrl,
    message_ts: s.message.ts,
    message: apiMessage(s.message),
  };
}

/** view_submission: the modal with the values entered in it. */
export function viewSubmission(
  from: Sender,
  s: { userId: string; triggerId: string; view: StoredView; values: StateValues },
): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...base(from),
    user: user(from, s.userId),
    team: team(from),
    trigger_id: s.triggerId,
    view: { ...s.view, state: { values: s.values } },
    response_urls: [],
  };
}

/** view_closed: the modal the person closed with its close button. */
export function viewClosed(from: Sender, userId: string, view: StoredView): Record<string, unknown> {
  return {
    type: 'view_closed',
    ...base(from),
    user: user(from, userId),
    team: team(from),
    view,
    is_cleared: false,
  };
}

/** block_suggestion: the text typed into an external select of a view. */
export function blockSuggestion(
  from: Sender,
  s: { userId: string; viewId: string; view: StoredView; blockId: string; actionId: string; value: string },
): Record<string, unknown> {
  return {
    type: 'block_suggestion',
    ...base(from),
    user: user(from, s.userId),
    team: team(from),
    container: { type: 'view', view_id: s.viewId },
    action_id: s.actionId,
    block_id: s.blockId,
    value: s.value,
    view: s.view,
  };
}
