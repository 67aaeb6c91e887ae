import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { HttpLink } from '../../src/sandbox/app-link';
import { SlackStandIn, type SlackStandInOptions } from '../../src/sandbox/slack-stand-in';
import { SocketModeHub } from '../../src/sandbox/socket-mode';
import type { Transport } from '../support/harness';
import { quiet } from './web-client';

/** What the app was sent: every message shortcut and every block action, as Bolt handed them over. */
export interface Received {
  shortcuts: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}

export interface BoltSandbox {
  standIn: SlackStandIn;
  app: App;
  received: Received;
  stop(): Promise<void>;
}

export interface BoltSandboxOptions {
  /** How long the workspace waits for an acknowledgement (Slack's 3 s by default). */
  ackTimeoutMs?: number;
  /** Callback ids and action ids the app takes but never acknowledges. */
  unanswered?: readonly string[];
}

/**
 * A workspace (the stand-in, with `opts`) and a small Bolt app as the app it talks to, over signed
 * HTTP or over Socket Mode: Bolt checks the signature or the socket, parses what Slack sends, and
 * would refuse a payload it cannot route. The app records every message shortcut and block action
 * and acknowledges them, except those named in `unanswered`.
 */
export async function startBoltSandbox(
  transport: Transport,
  opts: SlackStandInOptions = {},
  { ackTimeoutMs, unanswered = [] }: BoltSandboxOptions = {},
): Promise<BoltSandbox> {
  const socket = transport === 'socket';
  const appToken = `xapp-test-${randomBytes(6).toString('hex')}`;
  const hub = socket
    ? new SocketModeHub({ appId: 'A0DUDAO', ...(ackTimeoutMs ? { ackTimeoutMs } : {}) })
    : null;
  const standIn = new SlackStandIn({
    ...opts,
    ...(hub
      ? { appToken, onListen: (server) => hub.attach(server), socketUrl: (origin) => hub.openUrl(origin) }
      : {}),
  });
  await standIn.start();
  const secret = randomBytes(16).toString('hex');
  const app = new App({
    token: 'xoxb-test',
    ...(socket ? { appToken, socketMode: true } : { signingSecret: secret }),
    logger: quiet,
    logLevel: LogLevel.ERROR,
    // With both ids given and verification off, Bolt never calls auth.test.
    tokenVerificationEnabled: false,
    botId: standIn.identity.botId,
    botUserId: standIn.identity.botUserId,
    clientOptions: { slackApiUrl: standIn.url },
  });
  const received: Received = { shortcuts: [], actions: [] };
  app.shortcut({ type: 'message_action', callback_id: /.*/ }, async ({ shortcut, ack }) => {
    received.shortcuts.push(shortcut as unknown as Record<string, unknown>);
    if (!unanswered.includes(shortcut.callback_id)) await ack();
  });
  app.action(/.*/, async ({ body, action, ack }) => {
    received.actions.push(body as unknown as Record<string, unknown>);
    const id = 'action_id' in action ? action.action_id : '';
    if (!unanswered.includes(id)) await ack();
  });
  try {
    const started = (await app.start(0)) as unknown;
    if (hub) {
      await hub.waitForConnections(1, 10_000);
      standIn.link = hub;
    } else {
      const port = ((started as Server).address() as AddressInfo).port;
      standIn.link = new HttpLink(`http://127.0.0.1:${port}/slack/events`, secret, ackTimeoutMs);
    }
  } catch (err) {
    await hub?.close();
    await standIn.stop();
    throw err;
  }
  return {
    standIn,
    app,
    received,
    async stop() {
      await app.stop();
      await hub?.close();
      await standIn.stop();
    },
  };
}
