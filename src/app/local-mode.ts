import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { clientScript } from '../sandbox/page/assets';
import { pageRoutes } from '../sandbox/page/page-routes';
import { SlackStandIn } from '../sandbox/slack-stand-in';
import { SocketModeHub } from '../sandbox/socket-mode';
import type { WorkspaceSnapshot } from '../sandbox/workspace';
import { SHORTCUTS } from '../views/ids';
import { DEMO_CHANNELS, DEMO_TEAM, DEMO_USERS, isDemoSeeded, resetDemo, seedDemo } from './demo';
import { capConnections, serverOptions } from './http-server';
import { serveRoute } from './routes';
import { type RunningApp, startApp } from './start';

/**
 * What manifest.yml declares that the local workspace must know: the slash commands, the bot
 * events subscribed to, the message shortcuts (what a message's "More actions" menu lists), and
 * whether people may write to the app in its DM. test/app/manifest.test.ts keeps the two in step.
 */
export const MANIFEST_FACTS = {
  commands: ['/dudao'],
  events: ['app_home_opened', 'app_uninstalled', 'tokens_revoked'],
  shortcuts: [
    { callbackId: SHORTCUTS.logActivity, name: 'Log as activity' },
    { callbackId: SHORTCUTS.raiseFinding, name: 'Raise a finding' },
  ],
  readOnlyMessagesTab: true,
} as const;

/** Local data never shares keys or queues with a production bot on the same Redis. */
const LOCAL_PREFIX = 'ddlocal';
const LOCAL_QUEUE_PREFIX = '{ddlocal}';

export interface LocalModeOptions {
  config: Config;
  logger: Logger;
  /** Where the workspace's conversations are kept between runs; default `.data/local-workspace.json`. */
  snapshotFile?: string;
  prefix?: string;
  queuePrefix?: string;
  now?: () => number;
}

export interface LocalMode {
  /** `http://localhost:PORT`: the page. */
  url: string;
  port: number;
  app: RunningApp;
  standIn: SlackStandIn;
  hub: SocketModeHub;
  stop(): Promise<void>;
}

/** How long the workspace waits after a change before writing its snapshot. */
const SNAPSHOT_DELAY_MS = 300;

function readSnapshot(file: string): WorkspaceSnapshot | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as WorkspaceSnapshot;
    return parsed.version === 1 ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Local mode: a built-in workspace on PORT (its Web API, Socket Mode, uploads and the page), the
 * real Bolt app and workers connected to it over Socket Mode, and the demo seeded on first start.
 */
export async function startLocalMode(opts: LocalModeOptions): Promise<LocalMode> {
  const { logger } = opts;
  const botToken = `xoxb-local-${randomBytes(12).toString('hex')}`;
  const appToken = `xapp-local-${randomBytes(12).toString('hex')}`;
  const identity = {
    teamId: DEMO_TEAM.id,
    teamName: DEMO_TEAM.name,
    botUserId: 'U0DUDAOBOT',
    botId: 'B0DUDAOBOT',
    appId: 'A0DUDAO',
  };
  const hub = new SocketModeHub({ appId: identity.appId });
  const snapshotFile = resolve(opts.snapshotFile ?? '.data/local-workspace.json');
  let routes: CustomRoute[] = [];
  let app: RunningApp | null = null;
  const leader = DEMO_USERS[0]?.id;

  const reset = async () => {
    if (!app) return;
    await resetDemo({ store: app.store, scheduling: app.deps.scheduling, now: (opts.now ?? Date.now)() });
    standIn.workspace.clearConversations();
    saveNow();
  };
  const page = pageRoutes(() => standIn, { onReset: reset, ...(leader ? { defaultUser: leader } : {}) });
  const standIn = new SlackStandIn({
    port: opts.config.PORT,
    host: opts.config.HOST ?? '127.0.0.1',
    token: botToken,
    appToken,
    identity,
    commands: MANIFEST_FACTS.commands,
    events: MANIFEST_FACTS.events,
    shortcuts: MANIFEST_FACTS.shortcuts,
    readOnlyMessagesTab: MANIFEST_FACTS.readOnlyMessagesTab,
    // The page's server keeps the limits of the bot's own (timeouts, a connection cap).
    serverOptions: serverOptions(),
    onListen: (server) => {
      capConnections(server);
      hub.attach(server);
    },
    socketUrl: (origin) => hub.openUrl(origin),
    extraRoutes: async (req, res, url, raw) =>
      // The bot's /healthz on the workspace's port, as on PORT; /metrics and the dashboard are on OPS_PORT.
      (await page(req, res, url, raw)) || serveRoute(routes, req, res),
  });
  standIn.link = hub;
  const ws = standIn.workspace;
  for (const u of DEMO_USERS) {
    ws.addUser({
      id: u.id,
      name: u.name,
      real_name: u.realName,
      tz: u.tz,
      is_bot: false,
      locale: u.locale,
      title: u.title,
    });
  }
  for (const c of DEMO_CHANNELS)
    ws.addChannel({ id: c.id, name: c.name, topic: c.topic, members: [...c.members] });

  let timer: NodeJS.Timeout | null = null;
  function saveNow(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      mkdirSync(dirname(snapshotFile), { recursive: true });
      const tmp = `${snapshotFile}.tmp`;
      writeFileSync(tmp, JSON.stringify(standIn.workspace.snapshot()));
      renameSync(tmp, snapshotFile);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not save the local workspace');
    }
  }
  const scheduleSave = () => {
    timer ??= setTimeout(saveNow, SNAPSHOT_DELAY_MS);
  };

  await standIn.start();
  // Bundled now, while the app connects, rather than when the first browser asks for it.
  void clientScript().catch((err: unknown) => logger.error({ err }, 'could not bundle the page script'));
  const port = new URL(standIn.origin).port;
  try {
    const config: Config = {
      ...opts.config,
      SLACK_BOT_TOKEN: botToken,
      SLACK_APP_TOKEN: appToken,
      SLACK_SIGNING_SECRET: undefined,
      SLACK_API_URL: standIn.url,
      // One process is the whole product here: the handlers and the workers that post the digest.
      ROLE: 'all',
    };
    app = await startApp({
      config,
      logger,
      listen: false,
      // Like the page, the operator's endpoints are for this machine only.
      opsHost: '127.0.0.1',
      prefix: opts.prefix ?? LOCAL_PREFIX,
      queuePrefix: opts.queuePrefix ?? LOCAL_QUEUE_PREFIX,
      ...(opts.now ? { now: opts.now } : {}),
    });
    routes = app.routes;
    const started = app;
    if (await isDemoSeeded(started.store)) {
      const snapshot = readSnapshot(snapshotFile);
      if (snapshot) ws.restore(snapshot);
    } else {
      await seedDemo({
        store: started.store,
        scheduling: started.deps.scheduling,
        now: (opts.now ?? Date.now)(),
      });
      saveNow();
    }
    ws.changes.on('change', scheduleSave);
    await hub.waitForConnections(1, 10_000);
  } catch (err) {
    await app?.stop();
    await standIn.stop();
    await hub.close();
    throw err;
  }
  const running = app;
  return {
    url: `http://localhost:${port}`,
    port: Number(port),
    app: running,
    standIn,
    hub,
    stop: async () => {
      ws.changes.off('change', scheduleSave);
      saveNow();
      await running.stop();
      await hub.close();
      await standIn.stop();
    },
  };
}
