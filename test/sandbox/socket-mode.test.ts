import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientOptions, WebSocket } from 'ws';
import { SocketModeHub, type SocketModeHubOptions } from '../../src/sandbox/socket-mode';
import { quiet } from './web-client';

const APP_TOKEN = 'xapp-1-A0DUDAO-1-sandbox';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * The client waits clientPingTimeout before each reconnect (5 s by default); 1 s keeps the tests
 * short while leaving its pong check (same timeout) generous.
 */
const CLIENT_PING_TIMEOUT_MS = 1000;

interface Sandbox {
  hub: SocketModeHub;
  origin: string;
  /** Every URL apps.connections.open answered, in order. */
  opened: string[];
}

let current: { hub: SocketModeHub; server: Server } | null = null;
const stops: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  if (!current) return;
  const { hub, server } = current;
  current = null;
  await hub.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A hub on a real HTTP server that also answers apps.connections.open, as slack.com does for an app token. */
async function sandbox(opts: Partial<SocketModeHubOptions> = {}): Promise<Sandbox> {
  const hub = new SocketModeHub({ appId: 'A0DUDAO', ackTimeoutMs: 300, ...opts });
  const opened: string[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    req.resume();
    if (req.method !== 'POST' || req.url !== '/api/apps.connections.open') {
      res.writeHead(404).end();
      return;
    }
    const ok = req.headers.authorization === `Bearer ${APP_TOKEN}`;
    const url = ok ? hub.openUrl(origin) : '';
    if (ok) opened.push(url);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { ok: true, url } : { ok: false, error: 'invalid_auth' }));
  });
  hub.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  current = { hub, server };
  return { hub, origin, opened };
}

type SocketModeClient = SocketModeReceiver['client'];

/**
 * @slack/socket-mode's own SocketModeClient, reached through Bolt's receiver (which builds it from
 * these options) because the package is Bolt's dependency, not one package.json lists.
 */
function socketClient(origin: string): SocketModeClient {
  const { client } = new SocketModeReceiver({
    appToken: APP_TOKEN,
    logger: quiet,
    clientPingTimeout: CLIENT_PING_TIMEOUT_MS,
    installerOptions: { clientOptions: { slackApiUrl: `${origin}/api/` } },
  });
  stops.push(() => client.disconnect());
  return client;
}

/** Everything the server sent a client over its socket, parsed. */
function received(client: SocketModeClient): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  client.on('ws_message', (data: unknown) => messages.push(JSON.parse(String(data))));
  return messages;
}

async function boltApp(origin: string, register: (app: App) => void): Promise<App> {
  const app = new App({
    token: 'xoxb-test',
    appToken: APP_TOKEN,
    socketMode: true,
    logger: quiet,
    logLevel: LogLevel.ERROR,
    // With both ids given and verification off, Bolt never calls auth.test, which this server lacks.
    tokenVerificationEnabled: false,
    botId: 'B0DUDAOBOT',
    botUserId: 'U0DUDAOBOT',
    clientOptions: { slackApiUrl: `${origin}/api/` },
  });
  register(app);
  await app.start();
  stops.push(() => app.stop());
  return app;
}

/** A bare `ws` socket for the clients SocketModeClient cannot play: mute, stubborn, malformed. */
async function rawSocket(url: string, opts: ClientOptions = {}) {
  const ws = new WebSocket(url, opts);
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  stops.push(async () => ws.terminate());
  await once(ws, 'open');
  await until(() => messages.length > 0, 'hello');
  return { ws, messages };
}

/** The HTTP status the upgrade request got (101 when the socket opened). */
async function upgradeStatus(url: string): Promise<number> {
  const ws = new WebSocket(url);
  ws.on('error', () => {});
  const status = await new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_req, res: IncomingMessage) => resolve(res.statusCode ?? 0));
  });
  ws.terminate();
  return status;
}

async function until(ready: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function command(text = 'status') {
  return {
    team_id: 'T0SANDBOX',
    channel_id: 'C0GROUP',
    user_id: 'U0LEAD',
    command: '/dudao',
    text,
    api_app_id: 'A0DUDAO',
    response_url: 'http://127.0.0.1:9/response/r1',
    trigger_id: '1.2.3',
  };
}

describe('SocketModeHub with the real SocketModeClient', () => {
  it('refuses bad options when it is built', () => {
    expect(() => new SocketModeHub({ appId: '' })).toThrow(/appId/);
    expect(() => new SocketModeHub({ appId: 'A1', ackTimeoutMs: 0 })).toThrow(/ackTimeoutMs/);
    expect(() => new SocketModeHub({ appId: 'A1', path: 'socket' })).toThrow(/path/);
  });

  it('greets a client that fetched its URL with the app token with hello', async () => {
    const { hub, origin, opened } = await sandbox();
    const client = socketClient(origin);
    const messages = received(client);
    await client.start();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=[0-9a-f]{32}&app_id=A0DUDAO$/);
    expect(messages[0]).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'A0DUDAO' },
    });
    expect(hub.connections).toBe(1);
  });

  it('sends envelopes in Slack’s format; only events_api gets no response payload', async () => {
    const { hub, origin } = await sandbox();
    const client = socketClient(origin);
    const seen: Array<Record<string, unknown>> = [];
    client.on('slack_event', async ({ ack, ...event }) => {
      seen.push(event);
      await ack();
    });
    await client.start();
    const callback = { type: 'event_callback', event: { type: 'app_mention', text: 'hi' } };
    const results = [
      await hub.deliver('slash_commands', command()),
      await hub.deliver('interactive', { type: 'block_actions', actions: [] }),
      await hub.deliver('events_api', callback, { retry_attempt: 1, retry_reason: 'timeout' }),
    ];
    expect(results.map((r) => r.acked && r.payload)).toEqual([{}, {}, {}]);
    expect(seen.map((e) => [e.type, e.accepts_response_payload, e.retry_num, e.retry_reason])).toEqual([
      ['slash_commands', true, 0, ''],
      ['interactive', true, 0, ''],
      ['events_api', false, 1, 'timeout'],
    ]);
    expect(seen[0]?.body).toEqual(command());
    expect(seen[2]?.body).toEqual(callback);
    const ids = seen.map((e) => e.envelope_id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it('returns the body a Bolt app acked a slash command with', async () => {
    const { hub, origin } = await sandbox();
    const texts: string[] = [];
    await boltApp(origin, (app) =>
      app.command('/dudao', async ({ ack, command }) => {
        texts.push(command.text);
        await ack({ text: 'pong' });
      }),
    );
    const result = await hub.deliver('slash_commands', command('ping'));
    expect(result).toMatchObject({ acked: true, payload: { text: 'pong' }, ms: expect.any(Number) });
    expect(texts).toEqual(['ping']);
  });

  it('runs the Bolt handler once per delivery and never resends one that timed out', async () => {
    const { hub, origin } = await sandbox();
    const texts: string[] = [];
    await boltApp(origin, (app) =>
      app.command('/dudao', async ({ ack, command }) => {
        texts.push(command.text);
        if (command.text !== 'silent') await ack();
      }),
    );
    const results = await Promise.all(
      ['a', 'b', 'silent'].map((t) => hub.deliver('slash_commands', command(t))),
    );
    expect(results.map((r) => r.acked || r.reason)).toEqual([true, true, 'timeout']);
    await sleep(600);
    expect(texts.sort()).toEqual(['a', 'b', 'silent']);
  });

  it('gives up after ackTimeoutMs when the app does not ack, and ignores the late ack', async () => {
    const { hub, origin } = await sandbox({ ackTimeoutMs: 300 });
    const client = socketClient(origin);
    let lateAck: ((body: Record<string, unknown>) => Promise<void>) | null = null;
    client.on('slash_commands', async ({ ack, body }) => {
      if (body.text === 'late') {
        lateAck = ack;
        return;
      }
      await lateAck?.({ text: 'too late' });
      await ack({ text: `re: ${body.text}` });
    });
    await client.start();
    const started = Date.now();
    expect(await hub.deliver('slash_commands', command('late'))).toEqual({ acked: false, reason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const next = await hub.deliver('slash_commands', command('next'));
    expect(next).toMatchObject({ acked: true, payload: { text: 're: next' } });
    expect(hub.connections).toBe(1);
  });

  for (const how of ['refreshAll', 'dropAll'] as const) {
    it(`after ${how} the client reconnects by itself and the envelope sent meanwhile arrives`, async () => {
      const { hub, origin, opened } = await sandbox({ ackTimeoutMs: 3000 });
      const client = socketClient(origin);
      const messages = received(client);
      const texts: string[] = [];
      client.on('slash_commands', async ({ ack, body }) => {
        texts.push(body.text);
        await ack({ text: 'ok' });
      });
      await client.start();
      hub[how]();
      const result = await hub.deliver('slash_commands', command('during'));
      expect(result).toMatchObject({ acked: true, payload: { text: 'ok' } });
      expect(opened).toHaveLength(2);
      const disconnects = messages.filter((m) => m.type === 'disconnect');
      expect(disconnects).toEqual(
        how === 'refreshAll' ? [expect.objectContaining({ reason: 'refresh_requested' })] : [],
      );
      expect(await hub.deliver('slash_commands', command('after'))).toMatchObject({ acked: true });
      expect(texts).toEqual(['during', 'after']);
    });
  }

  it('closes a socket that ignores the disconnect after a short grace', async () => {
    const { hub, origin } = await sandbox();
    const { ws, messages } = await rawSocket(hub.openUrl(origin));
    hub.refreshAll('warning');
    const [code] = await once(ws, 'close');
    expect(code).toBe(1001);
    expect(messages.map((m) => m.type)).toEqual(['hello', 'disconnect']);
    expect(messages[1]).toMatchObject({ reason: 'warning' });
  });

  it('refuses a used, made-up, expired or missing ticket with 401, and other paths with 400', async () => {
    const { hub, origin, opened } = await sandbox({ ticketTtlMs: 200 });
    await socketClient(origin).start();
    const used = opened[0] ?? '';
    expect(await upgradeStatus(used)).toBe(401);
    expect(await upgradeStatus(used.replace(/ticket=[0-9a-f]+/, `ticket=${'f'.repeat(32)}`))).toBe(401);
    expect(await upgradeStatus(used.replace(/\?.*$/, ''))).toBe(401);
    const expiring = hub.openUrl(origin);
    await sleep(300);
    expect(await upgradeStatus(expiring)).toBe(401);
    expect(await upgradeStatus(hub.openUrl(origin).replace('/socket', '/elsewhere'))).toBe(400);
    expect(await upgradeStatus(hub.openUrl(origin))).toBe(101);
  });

  it('waits ackTimeoutMs for a connection, then gives up with no_connection', async () => {
    const { hub } = await sandbox({ ackTimeoutMs: 300 });
    const started = Date.now();
    expect(await hub.deliver('slash_commands', command())).toEqual({ acked: false, reason: 'no_connection' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('holds an envelope until a client connects', async () => {
    const { hub, origin } = await sandbox({ ackTimeoutMs: 3000 });
    const pending = hub.deliver('slash_commands', command());
    const client = socketClient(origin);
    client.on('slash_commands', ({ ack }) => ack({ text: 'late but fine' }));
    await client.start();
    expect(await pending).toMatchObject({ acked: true, payload: { text: 'late but fine' } });
  });

  it('shares envelopes round robin between two connected clients', async () => {
    const { hub, origin } = await sandbox();
    const hellos: Record<string, unknown>[][] = [];
    for (const name of ['a', 'b']) {
      const client = socketClient(origin);
      hellos.push(received(client));
      client.on('slash_commands', ({ ack }) => ack({ text: name }));
      await client.start();
    }
    await hub.waitForConnections(2);
    expect(hellos.map((m) => m[0]?.num_connections)).toEqual([1, 2]);
    const answered: unknown[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = await hub.deliver('slash_commands', command());
      answered.push(result.acked && result.payload?.text);
    }
    expect([...answered].sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(answered[0]).not.toBe(answered[1]);
    expect(answered[2]).toBe(answered[0]);
  });

  it('settles as closed, without resending, when the socket carrying the envelope closes', async () => {
    const { hub, origin } = await sandbox({ ackTimeoutMs: 2000 });
    const sockets = [await rawSocket(hub.openUrl(origin)), await rawSocket(hub.openUrl(origin))];
    for (const { ws } of sockets) ws.on('message', () => ws.close());
    expect(await hub.deliver('slash_commands', command())).toEqual({ acked: false, reason: 'closed' });
    await sleep(300);
    const envelopes = sockets.flatMap(({ messages }) => messages.filter((m) => m.type === 'slash_commands'));
    expect(envelopes).toHaveLength(1);
    expect(hub.connections).toBe(1);
  });

  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    const { hub, origin, opened } = await sandbox({ pingIntervalMs: 100 });
    await socketClient(origin).start();
    const mute = await rawSocket(hub.openUrl(origin), { autoPong: false });
    const [code] = await once(mute.ws, 'close');
    expect(code).toBe(1006);
    await sleep(300);
    expect(hub.connections).toBe(1);
    expect(opened).toHaveLength(1);
  });

  it('ignores malformed messages and still takes the ack', async () => {
    const { hub, origin } = await sandbox();
    const { ws } = await rawSocket(hub.openUrl(origin));
    ws.on('message', (data) => {
      const { envelope_id } = JSON.parse(String(data));
      for (const junk of ['not json', '[]', 'null', JSON.stringify({ envelope_id: 'someone-else' })])
        ws.send(junk);
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      ws.send(JSON.stringify({ envelope_id, payload: { text: 'ok' } }));
    });
    expect(await hub.deliver('slash_commands', command())).toMatchObject({
      acked: true,
      payload: { text: 'ok' },
    });
    expect(hub.connections).toBe(1);
  });

  it('counts an ack only on the socket that carried the envelope', async () => {
    const { hub, origin } = await sandbox();
    const [carrier, other] = [await rawSocket(hub.openUrl(origin)), await rawSocket(hub.openUrl(origin))];
    for (const [from, to] of [
      [carrier, other],
      [other, carrier],
    ] as const) {
      from.ws.on('message', (data) => {
        const { envelope_id } = JSON.parse(String(data));
        to.ws.send(JSON.stringify({ envelope_id, payload: { text: 'wrong socket' } }));
      });
    }
    expect(await hub.deliver('slash_commands', command())).toEqual({ acked: false, reason: 'timeout' });
  });

  it('close() settles a pending delivery as closed and closes the sockets', async () => {
    const { hub, origin } = await sandbox({ ackTimeoutMs: 3000 });
    const { ws, messages } = await rawSocket(hub.openUrl(origin));
    const pending = hub.deliver('slash_commands', command());
    await until(() => messages.length === 2, 'the envelope');
    const closed = once(ws, 'close');
    await hub.close();
    expect(await pending).toEqual({ acked: false, reason: 'closed' });
    await closed;
    expect(hub.connections).toBe(0);
    expect(await hub.deliver('slash_commands', command())).toEqual({ acked: false, reason: 'no_connection' });
  });
});
