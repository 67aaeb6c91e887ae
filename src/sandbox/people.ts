import { randomBytes } from 'node:crypto';
import type { AppLink, Delivered } from './app-link';
import { encodeMentions } from './composer';
import { fileInputProblems, submittedFiles } from './file-input';
import { workspaceText } from './notices';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  type MessageShortcut,
  messageAction,
  type PageAction,
  type PayloadTeam,
  type Sender,
  slashCommand,
  type TeamChoice,
  teamOf,
  viewClosed,
  viewSubmission,
} from './payloads';
import { isRecord } from './request-body';
import { submittedValues } from './rich-text-input';
import { requiredProblems, type StateValues } from './view-state';
import {
  type ResponseTarget,
  type SandboxMessage,
  SLACKBOT,
  type StoredView,
  type Workspace,
} from './workspace';

export type { MessageShortcut, PageAction } from './payloads';

/** A response_url takes five answers within 30 minutes. */
export const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

/** Where an action was taken: a message, a modal, or the user's Home tab. */
export type ActionContainer =
  | { type: 'message'; channel: string; ts: string }
  | { type: 'view'; viewId: string };

export interface PeopleOptions {
  ws: Workspace;
  link: () => AppLink | null;
  /** The origin response_urls and uploads are served on. */
  origin: () => string;
  /** The slash commands the app declares (its manifest). */
  commands: readonly string[];
  /** The events the app subscribes to (its manifest's bot_events). */
  events?: readonly string[];
  /** The message shortcuts the app declares (its manifest's `features.shortcuts` of type message). */
  shortcuts?: readonly MessageShortcut[];
  /** The manifest's `messages_tab_read_only_enabled`: people cannot write to the app in its DM. */
  readOnlyMessagesTab?: boolean;
  verificationToken?: string;
  /** The team these people act in (see {@link People.inTeam}); the workspace's own when unset. */
  team?: TeamChoice;
  /** What payloads say of a chosen team: its domain, organization, and the app's bot user there. */
  teamOf?: (choice: TeamChoice) => PayloadTeam;
}

/**
 * What a person does in the workspace, turned into what Slack sends the app: a typed slash
 * command, a pressed button, a message shortcut, a submitted or closed modal, a search in an
 * external select. The app's acknowledgement is applied as Slack applies it, and a missing one is
 * shown as Slack shows it.
 */
export class People {
  constructor(private readonly opts: PeopleOptions) {}

  private get ws(): Workspace {
    return this.opts.ws;
  }

  /**
   * The same workspace (people, channels, messages) acting from another team: commands, presses,
   * forms and events carry that team, its organization and whether the app is installed org-wide.
   * Like `standIn.people`, it acts on the workspace of its time: take it anew after a `reset`.
   */
  inTeam(choice: TeamChoice): People {
    return new People({ ...this.opts, team: choice });
  }

  /** Who the payloads come from; the team is looked up when they are sent, so an install made since shows. */
  private get sender(): Sender {
    const { ws, verificationToken, team, teamOf: lookUp } = this.opts;
    return { ws, verificationToken, team: team && lookUp ? lookUp(team) : undefined };
  }

  /** A response_url for answers to `user` in `channel`. */
  responseUrl(user: string, channel: string, sourceTs?: string): string {
    return this.openResponse(user, channel, sourceTs).url;
  }

  /** A response_url and where its answers go (a command learns its first answer's ts later). */
  private openResponse(user: string, channel: string, sourceTs?: string) {
    const id = randomBytes(9).toString('hex');
    const target: ResponseTarget = {
      user,
      channel,
      ...(sourceTs ? { sourceTs } : {}),
      uses: 0,
      expiresAt: Date.now() + RESPONSE_URL_TTL_MS,
    };
    this.ws.addResponse(id, target);
    return { url: `${this.opts.origin()}/response/${id}`, target };
  }

  private notice(user: string, channel: string, text: string): void {
    this.ws.post({ channel, user: SLACKBOT, text, ephemeralFor: user });
  }

  private async deliver(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>) {
    const link = this.opts.link();
    if (!link) return { acked: false, reason: 'dispatch_failed' } satisfies Delivered;
    return link.deliver(type, payload);
  }

  /**
   * What the composer sends: a `/command …` runs the command, anything else is posted as the
   * user's message. Mentions typed as `@name` become `<@U…|name>`, as Slack's composer makes them.
   */
  async send(userId: string, channelId: string, typed: string): Promise<void> {
    const text = typed.trim();
    if (!text) return;
    const channel = this.ws.resolveChannel(channelId);
    const slash = /^(\/[^\s]+)(?:\s+([\s\S]*))?$/.exec(text);
    const lang = this.lang(userId);
    if (!slash) {
      if (this.opts.readOnlyMessagesTab && this.ws.channels.get(channel)?.isIm) {
        this.notice(userId, channel, workspaceText(lang).readOnlyApp);
        return;
      }
      this.ws.post({ channel, user: userId, text: encodeMentions(this.ws, text) });
      return;
    }
    const command = slash[1] as string;
    if (!this.opts.commands.includes(command)) {
      this.notice(userId, channel, workspaceText(lang).unknownCommand(command));
      return;
    }
    const response = this.openResponse(userId, channel);
    const result = await this.deliver(
      'slash_commands',
      slashCommand(this.sender, {
        userId,
        channel,
        command,
        text: encodeMentions(this.ws, slash[2] ?? ''),
        responseUrl: response.url,
        triggerId: this.ws.issueTrigger(userId),
      }),
    );
    if (!result.acked) {
      this.notice(userId, channel, workspaceText(lang).commandFailed(command, reasonOf(result.reason)));
      return;
    }
    const shown = this.answer(userId, channel, result.payload);
    if (shown) response.target.sourceTs = shown.ts;
  }

  /** Applies an acknowledgement or a response_url post that carries a message. */
  answer(user: string, channel: string, body: Record<string, unknown> | undefined): SandboxMessage | null {
    if (!body || (typeof body.text !== 'string' && body.blocks === undefined)) return null;
    const inChannel = body.response_type === 'in_channel';
    const bot = teamOf(this.sender);
    return this.ws.post({
      channel,
      user: bot.botUserId,
      bot_id: bot.botId,
      text: typeof body.text === 'string' ? body.text : '',
      blocks: body.blocks,
      ...(inChannel ? {} : { ephemeralFor: user }),
    });
  }

  /** The person opened the app's Home tab: `app_home_opened`, when the app subscribes to it. */
  async openHome(userId: string): Promise<void> {
    if (!this.opts.events?.includes('app_home_opened')) return;
    const link = this.opts.link();
    if (!link) return;
    const now = Date.now();
    const home = this.ws.views.home(userId);
    const eventId = `Ev${this.ws.nextId('E')}`;
    await link.deliver(
      'events_api',
      appHomeOpened(this.sender, { userId, eventId, im: this.ws.imOf(userId), now, home }),
    );
  }

  /** A button pressed, an option chosen, a date picked: block_actions. */
  async act(userId: string, container: ActionContainer, action: PageAction, values: StateValues = {}) {
    const press = {
      userId,
      action,
      triggerId: this.ws.issueTrigger(userId),
      actionTs: `${Date.now() / 1000}`,
    };
    if (container.type === 'message') {
      const message = this.ws.findMessage(container.channel, container.ts);
      if (!message) return;
      const where = {
        message,
        channel: container.channel,
        responseUrl: this.responseUrl(userId, container.channel, message.ts),
      };
      const result = await this.deliver('interactive', blockActions(this.sender, press, where, values));
      if (!result.acked) this.actionFailed(userId, container.channel, result.reason);
      return;
    }
    const view = this.ws.views.get(container.viewId);
    if (!view) return;
    const result = await this.deliver('interactive', blockActions(this.sender, press, { view }, values));
    if (!result.acked) this.viewError(userId, view, reasonOf(result.reason));
  }

  /**
   * A message shortcut chosen from a message's "More actions" menu: message_action. Slack offers
   * only the shortcuts the app declares, and only on a message the person sees that is not an
   * ephemeral one; anything else does nothing. The acknowledgement carries nothing Slack shows.
   */
  async shortcut(userId: string, channelId: string, messageTs: string, callbackId: string): Promise<void> {
    if (!this.opts.shortcuts?.some((s) => s.callbackId === callbackId)) return;
    const message = this.ws.visibleMessage(channelId, messageTs, userId);
    if (!message || message.ephemeralFor) return;
    const payload = messageAction(this.sender, {
      userId,
      callbackId,
      triggerId: this.ws.issueTrigger(userId),
      actionTs: `${Date.now() / 1000}`,
      message,
      // Answers go to the person in that channel, as a command's do: the message is not the app's to replace.
      responseUrl: this.responseUrl(userId, message.channel),
    });
    const result = await this.deliver('interactive', payload);
    if (!result.acked) this.actionFailed(userId, message.channel, result.reason);
  }

  /** What Slack shows the person when the app did not acknowledge an action in time. */
  private actionFailed(userId: string, channel: string, reason: string): void {
    this.notice(userId, channel, workspaceText(this.lang(userId)).actionFailed(reasonOf(reason)));
  }

  private viewError(userId: string, view: StoredView, _reason: string): void {
    view.errors = { '': workspaceText(this.lang(userId)).viewTrouble };
    this.ws.emit({ scope: view.type === 'home' ? 'home' : 'modal', user: userId });
  }

  /** The modal's submit button: checks required fields as Slack's client does, then view_submission. */
  async submit(userId: string, viewId: string, values: StateValues): Promise<void> {
    const view = this.ws.views.get(viewId);
    if (!view || this.ws.views.topModal(userId)?.id !== viewId) return;
    const t = workspaceText(this.lang(userId));
    const problems = { ...requiredProblems(view, values, t), ...fileInputProblems(this.ws, view, values, t) };
    if (Object.keys(problems).length > 0) {
      view.errors = problems;
      view.state = { values };
      this.ws.emit({ scope: 'modal', user: userId });
      return;
    }
    delete view.errors;
    const result = await this.deliver(
      'interactive',
      viewSubmission(this.sender, {
        userId,
        triggerId: this.ws.issueTrigger(userId),
        view,
        values: submittedFiles(
          this.ws,
          view,
          submittedValues(this.ws, view, values),
          userId,
          this.opts.origin(),
        ),
      }),
    );
    if (!result.acked) return this.viewError(userId, view, reasonOf(result.reason));
    const ack = result.payload ?? {};
    switch (ack.response_action) {
      case 'errors':
        view.errors = isRecord(ack.errors) ? stringValues(ack.errors) : {};
        view.state = { values };
        this.ws.emit({ scope: 'modal', user: userId });
        return;
      case 'update':
        if (isRecord(ack.view)) this.ws.views.replace(viewId, ack.view);
        return;
      case 'push':
        if (isRecord(ack.view)) this.ws.views.openModal(userId, this.ws.views.save(ack.view), true);
        return;
      case 'clear':
        this.ws.views.closeModal(userId, true);
        return;
      default:
        this.ws.views.closeModal(userId);
    }
  }

  /** The modal's close button; the app hears of it only when the view asked (`notify_on_close`). */
  async close(userId: string, viewId: string): Promise<void> {
    const view = this.ws.views.get(viewId);
    if (!view || this.ws.views.topModal(userId)?.id !== viewId) return;
    this.ws.views.closeModal(userId);
    if (view.notify_on_close !== true) return;
    await this.deliver('interactive', viewClosed(this.sender, userId, view));
  }

  /** What an external select shows for the typed text: block_suggestion, answered with options. */
  async suggest(userId: string, viewId: string, blockId: string, actionId: string, value: string) {
    const view = this.ws.views.get(viewId);
    if (!view) return [];
    const result = await this.deliver(
      'interactive',
      blockSuggestion(this.sender, { userId, viewId, view, blockId, actionId, value }),
    );
    if (!result.acked || !result.payload) return [];
    const { options, option_groups: groups } = result.payload;
    if (Array.isArray(options)) return options;
    if (Array.isArray(groups))
      return groups.flatMap((g) => (isRecord(g) && Array.isArray(g.options) ? g.options : []));
    return [];
  }

  private lang(userId: string): 'en' | 'zh' {
    return this.ws.users.get(userId)?.locale?.startsWith('zh') ? 'zh' : 'en';
  }
}

/** Slack names the failure of an unanswered request by its own error codes. */
function reasonOf(reason: string): string {
  if (reason === 'timeout') return 'operation_timeout';
  if (reason.startsWith('http_')) return 'http_service_error';
  return 'dispatch_failed';
}

function stringValues(errors: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)]));
}
