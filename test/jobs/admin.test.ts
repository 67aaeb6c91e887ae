import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATH, adminRoutes, basicAuthOk } from '../../jobs/admin';
import { LoginThrottle, loginDelayMs } from '../../src/app/http-login-throttle';
import { closeServer, listenHttp } from '../../src/app/http-server';
import { routesListener } from '../../src/app/routes';
import { type JobsEnv, openJobsEnv } from './support/env';

const PASSWORD = 'correct horse battery';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A sleep the test lets go of: each call is recorded, and resolves only when released. */
function heldSleep() {
  const waits: Array<{ ms: number; release: () => void }> = [];
  let arrived: (() => void) | null = null;
  return {
    waits,
    sleep: (ms: number) =>
      new Promise<void>((release) => {
        waits.push({ ms, release });
        arrived?.();
      }),
    /** Resolves once `n` waits have been asked for. */
    async until(n: number): Promise<void> {
      while (waits.length < n) await new Promise<void>((resolve) => (arrived = resolve));
    },
    releaseAll: () => {
      for (const w of waits) w.release();
    },
  };
}

/** The dashboard on a server of its own, as the OPS_PORT server mounts it. */
async function dashboard(env: JobsEnv, throttle: LoginThrottle) {
  const server = await listenHttp({
    port: 0,
    host: '127.0.0.1',
    setting: 'OPS_PORT',
    listener: routesListener(adminRoutes({ queues: env.scheduling.queues, password: PASSWORD, throttle })),
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let env: JobsEnv;
let server: Server;
let base: string;
/** Wrong passwords in the tests of what is served are answered at once. */
const instant = new LoginThrottle({ sleep: async () => {} });

beforeAll(async () => {
  env = await openJobsEnv();
  ({ server, base } = await dashboard(env, instant));
});
afterAll(async () => {
  await closeServer(server);
  await env.cleanup();
});

describe('queue dashboard', () => {
  it('asks for credentials, and refuses a wrong password', async () => {
    for (const authorization of [undefined, basic('admin', 'wrong'), 'Bearer x']) {
      const res = await fetch(`${base}${ADMIN_PATH}`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    const api = await fetch(`${base}${ADMIN_PATH}/api/queues`);
    expect(api.status).toBe(401);
  });

  it('serves bull-board with the password, under any user name', async () => {
    const page = await fetch(`${base}${ADMIN_PATH}`, {
      headers: { authorization: basic('anyone', PASSWORD) },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page's scripts load from under the same path, behind the same password.
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${base}${ADMIN_PATH}/${script}`, {
      headers: { authorization: basic('a', PASSWORD) },
    });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}${ADMIN_PATH}/${script}`)).status).toBe(401);
    const api = await fetch(`${base}${ADMIN_PATH}/api/queues`, {
      headers: { authorization: basic('', PASSWORD) },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'charts',
      'digest',
      'dm',
      'findings',
      'pings',
      'reminder',
      'tokens',
    ]);
    // The page itself offers no retry, add, clean or pause.
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('is read-only: every method that would change a queue gets 405 and changes nothing, even with the password', async () => {
    const dm = env.scheduling.queues.find((q) => q.name === 'dm');
    expect(dm).toBeDefined();
    const countsBefore = await dm?.getJobCounts();
    const authorization = basic('ops', PASSWORD);
    const attempts: Array<[string, string, string?]> = [
      ['POST', '/api/queues/dm/add', JSON.stringify({ name: 'dm', data: { channel: 'U1', text: 'hi' } })],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/dm/pause'],
      ['PUT', '/api/queues/dm/clean/completed'],
      ['PUT', '/api/queues/dm/retry/failed'],
      ['PUT', '/api/queues/dm/obliterate'],
      ['PATCH', '/api/queues/dm/1/update-data', '{}'],
      ['DELETE', '/api/queues/dm'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await fetch(`${base}${ADMIN_PATH}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        body: body ?? null,
      });
      expect([method, path, res.status]).toEqual([method, path, 405]);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    expect(await dm?.getJobCounts()).toEqual(countsBefore);
    expect(await dm?.isPaused()).toBe(false);
  });

  it('compares passwords without regard to case of the scheme, and rejects a missing colon', () => {
    expect(basicAuthOk(`basic ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, PASSWORD)).toBe(true);
    expect(basicAuthOk(`Basic ${Buffer.from(PASSWORD).toString('base64')}`, PASSWORD)).toBe(false);
    expect(basicAuthOk(basic('u', `${PASSWORD}x`), PASSWORD)).toBe(false);
  });
});

describe('failed dashboard logins', () => {
  it('wait 1 s, then twice as long for each further one, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50, 10_000].map(loginDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
    expect(loginDelayMs(0)).toBe(0);
  });

  it('are answered only once the delay is over, one after another, and a right password clears them', async () => {
    const held = heldSleep();
    const t = 1_000_000;
    const throttle = new LoginThrottle({ now: () => t, sleep: held.sleep });
    const own = await dashboard(env, throttle);
    const answered: string[] = [];
    const attempt = (name: string, password: string) =>
      fetch(`${own.base}${ADMIN_PATH}/api/queues`, { headers: { authorization: basic('x', password) } }).then(
        (res) => {
          answered.push(name);
          return res.status;
        },
      );
    try {
      // Three wrong guesses and then the right password, sent together from one address.
      const first = attempt('wrong 1', 'guess one');
      await held.until(1);
      const second = attempt('wrong 2', 'guess two');
      await held.until(2);
      const third = attempt('wrong 3', 'guess three');
      await held.until(3);
      const right = attempt('right', PASSWORD);
      await held.until(4);
      // Each waits for the ones before it: 1 s, then 1 + 2, 1 + 2 + 4, and the right one its turn.
      expect(held.waits.map((w) => w.ms)).toEqual([1_000, 3_000, 7_000, 7_000]);
      // Nothing is answered while the server waits (a delay that only follows the 401 would show here).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toEqual([]);
      held.releaseAll();
      expect(await Promise.all([first, second, third, right])).toEqual([401, 401, 401, 200]);
      // Cleared: the next wrong one waits 1 s again.
      const again = attempt('wrong again', 'guess four');
      await held.until(5);
      expect(held.waits[4]?.ms).toBe(1_000);
      held.releaseAll();
      expect(await again).toBe(401);
    } finally {
      held.releaseAll();
      await closeServer(own.server);
    }
  });

  it('remembers a bounded number of addresses', async () => {
    const waits: number[] = [];
    const throttle = new LoginThrottle({
      now: () => 0,
      sleep: async (ms) => void waits.push(ms),
      maxAddresses: 2,
    });
    await throttle.settle('a', false);
    await throttle.settle('b', false);
    await throttle.settle('c', false);
    // 'a' was the oldest and was forgotten: it starts again at 1 s; 'c' continues.
    await throttle.settle('a', false);
    await throttle.settle('c', false);
    expect(waits).toEqual([1_000, 1_000, 1_000, 1_000, 3_000]);
  });
});
