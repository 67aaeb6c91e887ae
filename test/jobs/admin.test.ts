import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATH, adminRoutes, basicAuthOk } from '../../jobs/admin';
import { type JobsEnv, openJobsEnv } from './support/env';

let env: JobsEnv;
let receiver: HTTPReceiver;
let base: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  env = await openJobsEnv();
  receiver = new HTTPReceiver({
    signingSecret: 'unused-secret',
    customRoutes: adminRoutes({ queues: env.scheduling.queues, password: PASSWORD }),
  });
  const server = (await receiver.start(0)) as Server;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await receiver.stop();
  await env.cleanup();
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

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
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['digest', 'dm', 'pings', 'reminder']);
  });

  it('compares passwords without regard to case of the scheme, and rejects a missing colon', () => {
    expect(basicAuthOk(`basic ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, PASSWORD)).toBe(true);
    expect(basicAuthOk(`Basic ${Buffer.from(PASSWORD).toString('base64')}`, PASSWORD)).toBe(false);
    expect(basicAuthOk(basic('u', `${PASSWORD}x`), PASSWORD)).toBe(false);
  });
});
