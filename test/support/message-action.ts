import { randomBytes } from 'node:crypto';
import type { SandboxMessage } from '../../src/sandbox/workspace';
import type { Harness } from './harness';

/** A view as views.open or a `response_action: update` carries it, as far as the tests read it. */
export interface OpenedView {
  id?: string;
  callback_id: string;
  private_metadata: string;
  title?: { text: string };
  blocks: Array<{
    type: string;
    block_id?: string;
    element?: {
      type?: string;
      initial_value?: string;
      options?: Array<{ value: string; text: { text: string } }>;
    };
  }>;
}

/** A message someone posted in the stand-in's workspace, so that chat.getPermalink finds it. */
export function postMessage(h: Harness, channel: string, user: string, text: string): SandboxMessage {
  return h.slack.workspace.post({ channel, user, text });
}

/**
 * A message shortcut as Slack sends it (type `message_action`, api.slack.com/reference/
 * interaction-payloads/shortcuts): the message whole, its channel, a response_url; no api_app_id
 * container or state. Team, token and trigger_id are filled in by `harness.interact`.
 */
export function messageAction(
  h: Harness,
  callbackId: string,
  s: { user: string; message: SandboxMessage; channelName?: string; responseId?: string },
): Record<string, unknown> {
  const responseId = s.responseId ?? randomBytes(6).toString('hex');
  return {
    type: 'message_action',
    action_ts: `${Math.floor(Date.now() / 1000)}.${randomBytes(3).readUIntBE(0, 3)}`,
    user: {
      id: s.user,
      username: s.user.toLowerCase(),
      name: s.user.toLowerCase(),
      team_id: h.slack.identity.teamId,
    },
    channel: { id: s.message.channel, name: s.channelName ?? 'directmessage' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    response_url: h.slack.responseUrl(responseId),
    message_ts: s.message.ts,
    message: {
      client_msg_id: randomBytes(8).toString('hex'),
      type: 'message',
      text: s.message.text,
      user: s.message.user,
      ts: s.message.ts,
      team: h.slack.identity.teamId,
      blocks: [
        {
          type: 'rich_text',
          block_id: 'Zx1',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: s.message.text }] }],
        },
      ],
    },
  };
}

/** Submits a view the app opened, with `values`; each call is a view of its own unless `viewId` names one. */
export function submitView(
  h: Harness,
  view: OpenedView,
  values: Record<string, Record<string, unknown>>,
  opts: { user?: string; viewId?: string; privateMetadata?: string } = {},
) {
  return h.interact({
    type: 'view_submission',
    user: { id: opts.user ?? 'U0LEAD', team_id: h.slack.identity.teamId },
    view: {
      id: opts.viewId ?? `V0${randomBytes(5).toString('hex').toUpperCase()}`,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: opts.privateMetadata ?? view.private_metadata,
      state: { values },
    },
  });
}

/** The value of a static select, as Slack sends it in a submission. */
export const selected = (action: string, value: string | null) => ({
  [action]: { type: 'static_select', selected_option: value === null ? null : { value } },
});

/** A text input's value, as Slack sends it. */
export const typed = (action: string, value: string | null) => ({
  [action]: { type: 'plain_text_input', value },
});

/** A datepicker's value, as Slack sends it. */
export const picked = (action: string, date: string | null) => ({
  [action]: { type: 'datepicker', selected_date: date },
});
