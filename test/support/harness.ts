import { randomBytes } from 'node:crypto';
import { type RunningApp, startApp } from '../../src/app/start';
import { loadConfig } from '../../src/config';
import { HttpLink } from '../../src/sandbox/app-link';
import type { TeamOptions } from '../../src/sandbox/installs';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { SocketModeHub } from '../../src/sandbox/socket-mode';
import { type Inspector, inspect } from './inspect';
import { deleteKeys, REDIS_ENV, REDIS_TARGET } from './redis';
import { interactionBody, postSigned, type SlashCommandFields, slashCommandBody } from './signing';

export { deleteKeys, REDIS_URL } from './redis';

export interface HarnessOptions {
  /** Data key prefix; default a fresh `t-<pid>-<random>`. */
  prefix?: string;
  /** Extra settings for loadConfig, e.g. `{ ROLE: 'web' }` or `{ DEFAULT_LANG: 'zh' }`. */
  env?: Record<string, string>;
  /**
   * How Slack reaches the app: signed HTTP to /slack/events (default), or Socket Mode over the
   * stand-in's WebSocket, as local mode and a Socket Mode deployment run it.
   */
  transport?: Transport;
  /**
   * Installable in many workspaces: the app gets the OAuth settings instead of SLACK_BOT_TOKEN, and
   * the stand-in plays Slack's OAuth with these workspaces (see test/support/oauth.ts to install).
   */
  oauth?: { teams: readonly TeamOptions[]; rotation?: boolean; tokenLifetimeSeconds?: number };
}

/** The app's OAuth settings in harnesses with `oauth`. */
const OAUTH_APP = {
  clientId: '1111111111.2222222222',
  clientSecret: 'client-secret-for-tests',
  stateSecret: 'state-secret-for-tests-0123456789',
} as const;

export type Transport = 'http' | 'socket';
/** The main flows run over both ways Slack delivers requests. */
export const TRANSPORTS: readonly Transport[] = ['http', 'socket'];

export interface CommandResult {
  status: number;
  /** The acknowledgement's body: `{ response_type, text, blocks }` when the answer was inline. */
  json: unknown;
  /** The response_url given to this command; later answers are `slack.callsTo('response_url')` with its id. */
  responseUrl: string;
  responseId: string;
}

export interface Harness {
  app: RunningApp;
  slack: SlackStandIn;
  secret: string;
  prefix: string;
  /** Reads what the store wrote (activity counts, the audit trail) straight from Redis. */
  inspect: Inspector;
  /** Sends `/dudao <text>` signed as Slack would, from U0LEAD in C0GROUP of the stand-in's team unless told otherwise. */
  command(
    text: string,
    fields?: Partial<SlashCommandFields>,
  ): Promise<{ status: number; json: unknown } & CommandResult>;
  /** Sends an interaction payload signed; team, user, api_app_id, token and trigger_id are filled in when missing. */
  interact(payload: Record<string, unknown>): Promise<{ status: number; json: unknown; text: string }>;
  stop(): Promise<void>;
  /** Deletes the prefix's data keys and its queues' keys (SCAN + UNLINK, never FLUSHDB). */
  cleanup(): Promise<void>;
}

export const DEFAULT_USER = 'U0LEAD';
export const DEFAULT_CHANNEL = 'C0GROUP';

/** A fresh prefix, unique per process and call. */
function uniquePrefix(): string {
  return `t-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * The whole bot over real HTTP: a SlackStandIn for the Web API, the app on a random port with a
 * random signing secret, and its data under a fresh key prefix in the local Redis.
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const socket = opts.transport === 'socket';
  const appToken = `xapp-test-${randomBytes(6).toString('hex')}`;
  const hub = socket ? new SocketModeHub({ appId: 'A0DUDAO' }) : null;
  const slack = new SlackStandIn({
    ...(hub
      ? { appToken, onListen: (server) => hub.attach(server), socketUrl: (origin) => hub.openUrl(origin) }
      : {}),
    ...(opts.oauth
      ? {
          oauth: {
            clientId: OAUTH_APP.clientId,
            clientSecret: OAUTH_APP.clientSecret,
            ...(opts.oauth.rotation !== undefined ? { rotation: opts.oauth.rotation } : {}),
            ...(opts.oauth.tokenLifetimeSeconds
              ? { tokenLifetimeSeconds: opts.oauth.tokenLifetimeSeconds }
              : {}),
          },
          teams: opts.oauth.teams,
        }
      : {}),
  });
  await slack.start();
  slack.link = hub;
  const secret = randomBytes(16).toString('hex');
  const prefix = opts.prefix ?? uniquePrefix();
  const queuePrefix = `{${prefix}}`;
  const config = loadConfig({
    ...(opts.oauth
      ? {
          SLACK_CLIENT_ID: OAUTH_APP.clientId,
          SLACK_CLIENT_SECRET: OAUTH_APP.clientSecret,
          SLACK_STATE_SECRET: OAUTH_APP.stateSecret,
        }
      : { SLACK_BOT_TOKEN: 'xoxb-test' }),
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: slack.url,
    ...REDIS_ENV,
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
    ...(socket ? { SLACK_APP_TOKEN: appToken } : {}),
    ...opts.env,
  });
  let app: RunningApp;
  try {
    app = await startApp({ config, prefix, queuePrefix });
    await hub?.waitForConnections(1, 10_000);
  } catch (err) {
    await hub?.close();
    await slack.stop();
    throw err;
  }
  if (opts.oauth) {
    // The redirect URL the app's settings at Slack name, now that the app's port is known.
    slack.enableOAuth({
      clientId: OAUTH_APP.clientId,
      clientSecret: OAUTH_APP.clientSecret,
      ...(opts.oauth.rotation !== undefined ? { rotation: opts.oauth.rotation } : {}),
      ...(opts.oauth.tokenLifetimeSeconds ? { tokenLifetimeSeconds: opts.oauth.tokenLifetimeSeconds } : {}),
      redirectUri: `${app.url}/slack/oauth_redirect`,
    });
  }
  const events = `http://127.0.0.1:${app.port}/slack/events`;
  // What a person does in the stand-in's workspace reaches the app the same way the test's own requests do.
  slack.link = hub ?? new HttpLink(events, secret);
  const inspector = inspect(REDIS_TARGET, prefix);
  const teamId = slack.identity.teamId;

  return {
    app,
    slack,
    secret,
    prefix,
    inspect: inspector,
    async command(text, fields = {}) {
      const responseId = randomBytes(6).toString('hex');
      const responseUrl = slack.responseUrl(responseId);
      const body = slashCommandBody({
        team_id: teamId,
        channel_id: DEFAULT_CHANNEL,
        user_id: DEFAULT_USER,
        response_url: responseUrl,
        ...fields,
        text,
      });
      if (hub) {
        const res = await hub.deliver('slash_commands', Object.fromEntries(new URLSearchParams(body)));
        return {
          status: res.acked ? 200 : 0,
          json: res.acked ? (res.payload ?? null) : null,
          responseUrl,
          responseId,
        };
      }
      const res = await postSigned(events, body, { secret });
      return { status: res.status, json: res.json, responseUrl, responseId };
    },
    async interact(payload) {
      const filled = {
        token: 'verification-token',
        api_app_id: slack.identity.appId,
        team: { id: teamId, domain: 'sandbox' },
        user: { id: DEFAULT_USER, team_id: teamId },
        trigger_id: `${Date.now()}.${randomBytes(8).toString('hex')}`,
        ...payload,
      };
      if (hub) {
        const res = await hub.deliver('interactive', filled);
        // An empty acknowledgement arrives as `{}` over a socket and as an empty body over HTTP.
        const json = res.acked && res.payload && Object.keys(res.payload).length > 0 ? res.payload : null;
        return { status: res.acked ? 200 : 0, json, text: json ? JSON.stringify(json) : '' };
      }
      return postSigned(events, interactionBody(filled), { secret });
    },
    async stop() {
      inspector.close();
      await app.stop();
      await hub?.close();
      await slack.stop();
    },
    cleanup: () => deleteKeys([`${prefix}:*`, `${queuePrefix}:*`]),
  };
}
