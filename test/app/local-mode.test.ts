import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHANNELS, DEMO_TEAM, DEMO_USERS } from '../../src/app/demo';
import { type LocalMode, startLocalMode } from '../../src/app/local-mode';
import { loadConfig } from '../../src/config';
import { deleteKeys, REDIS_URL } from '../support/harness';
import { rawExchange } from './raw-http';

const AUDIT = DEMO_CHANNELS.find((c) => c.name === 'audit-team')!;
const LEADER = DEMO_USERS[0]!;

/** Local mode on a free port with data, queues and the workspace file of its own. */
function localOptions(prefix: string, dir: string) {
  return {
    config: loadConfig({ REDIS_URL, PORT: '0', OPS_PORT: '0', LOG_LEVEL: 'silent' }),
    logger: pino({ level: 'silent' }),
    prefix,
    queuePrefix: `{${prefix}}`,
    snapshotFile: join(dir, 'workspace.json'),
  };
}

/** A raw request, so the Host and Content-Type headers are exactly what a test says. */
function raw(port: number, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether something accepts a TCP connection on host:port. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('local mode', () => {
  const prefix = `t-local-${process.pid}-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'dudao-local-'));
  let local: LocalMode;
  const page = (path: string, body?: unknown) =>
    fetch(`${local.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const channelText = async (user: string) =>
    ((await (await page(`/page/channel/${AUDIT.id}?user=${user}`)).json()) as { html: string }).html;
  const logged = () =>
    local.app.store.forTeam(DEMO_TEAM.id).activitiesBetween(AUDIT.id, '2000-01-01', '2999-12-31');

  beforeAll(async () => {
    local = await startLocalMode(localOptions(prefix, dir));
  });
  afterAll(async () => {
    await local?.stop();
    await deleteKeys([`${prefix}:*`, `{${prefix}}:*`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and serves the page, its script, /healthz and the seeded people', async () => {
    const state = (await (await page('/page/state')).json()) as { users: { id: string }[]; me: string };
    expect(state.users.map((u) => u.id)).toEqual(DEMO_USERS.map((u) => u.id));
    expect(state.me).toBe(LEADER.id);
    expect((await page('/')).headers.get('content-type')).toContain('text/html');
    const script = await page('/page/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('EventSource');
    expect((await page('/healthz')).status).toBe(200);
    expect(local.standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('serves /metrics on OPS_PORT, on 127.0.0.1 only, and never on the page’s port', async () => {
    expect((await page('/metrics')).status).toBe(404);
    expect((await page('/healthz')).status).toBe(200);
    expect(local.app.opsPort).not.toBe(local.port);
    expect(await (await fetch(`${local.app.opsUrl}/metrics`)).text()).toContain('dudao_commands_total');
    expect((await fetch(`${local.app.opsUrl}/healthz`)).status).toBe(200);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (outside) expect(await reachable(outside, local.app.opsPort)).toBe(false);
  });

  it('refuses a body over its limit with 413 before reading it, on the page and on uploads', async () => {
    const declared = (path: string, bytes: number) =>
      rawExchange(
        local.port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${local.port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`,
      );
    for (const [path, bytes] of [
      ['/page/send', 5 * 1024 * 1024],
      ['/api/chat.postMessage', 5 * 1024 * 1024],
      ['/upload/F0X', 100 * 1024 * 1024],
    ] as const) {
      const ex = declared(path, bytes);
      expect([path, await ex.status]).toEqual([path, 413]);
      await ex.closed;
    }
  });

  it('runs a typed command through Socket Mode and shows the answer to its typist only', async () => {
    expect((await page('/page/send', { user: LEADER.id, channel: AUDIT.id, text: '/dudao status' })).ok).toBe(
      true,
    );
    expect(await channelText(LEADER.id)).toContain('Only visible to you');
    const other = AUDIT.members.find((m) => m !== LEADER.id)!;
    expect(await channelText(other)).not.toContain('Only visible to you');
  });

  it('keeps working after the workspace drops the app’s socket, once the app has reconnected', async () => {
    local.hub.dropAll();
    await local.hub.waitForConnections(1, 15_000);
    const before = (await logged()).length;
    await page('/page/send', {
      user: LEADER.id,
      channel: AUDIT.id,
      text: '/dudao log research finance after a drop',
    });
    expect((await logged()).length).toBe(before + 1);
  });

  it('refuses requests from other sites and tokens that are not its own', async () => {
    const json = { 'content-type': 'application/json', host: `127.0.0.1:${local.port}` };
    const send = JSON.stringify({ user: LEADER.id, channel: AUDIT.id, text: 'hi' });
    expect(await raw(local.port, '/page/send', { ...json, host: `evil.example:${local.port}` }, send)).toBe(
      403,
    );
    expect(await raw(local.port, '/page/send', { ...json, origin: 'http://evil.example' }, send)).toBe(403);
    expect(await raw(local.port, '/page/send', { ...json, 'content-type': 'text/plain' }, send)).toBe(403);
    expect(await raw(local.port, '/page/send', json, send)).toBe(200);
    const api = (method: string, token: string) =>
      fetch(`${local.standIn.url}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
    expect(await api('auth.test', 'xoxb-not-the-local-token')).toMatchObject({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await api('apps.connections.open', 'xapp-not-ours')).toMatchObject({
      ok: false,
      error: 'invalid_auth',
    });
  });

  it('finds its demo as it was left after a restart, and "Reset demo" restores the seeded state', async () => {
    const seededPlusOne = (await logged()).length;
    await local.stop();
    local = await startLocalMode(localOptions(prefix, dir));
    expect((await logged()).length).toBe(seededPlusOne);
    expect(await channelText(LEADER.id)).toContain('data-ts');

    expect((await page('/page/reset', {})).status).toBe(200);
    expect((await logged()).length).toBe(seededPlusOne - 1);
    expect(await channelText(LEADER.id)).toContain('No messages yet');
  });
});
