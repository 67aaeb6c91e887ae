import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';

const PASSWORD = 'correct horse battery';
const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

describe('OPS_PORT', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('is its own port: PORT serves Slack and /healthz, never /metrics nor the dashboard', async () => {
    expect(h.app.opsPort).not.toBe(h.app.port);
    expect((await h.command('help')).status).toBe(200);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    for (const path of ['/metrics', '/admin/queues', '/admin/queues/api/queues']) {
      const res = await fetch(`${h.app.url}${path}`, { headers: { authorization: basic(PASSWORD) } });
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('serves /healthz, /metrics and the password-protected dashboard', async () => {
    await h.command('help');
    expect((await fetch(`${h.app.opsUrl}/healthz`)).status).toBe(200);
    const metrics = await fetch(`${h.app.opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/dudao_commands_total\{subcommand="help",outcome="ok"\} [1-9]/);
    expect((await fetch(`${h.app.opsUrl}/admin/queues`)).status).toBe(401);
    const page = await fetch(`${h.app.opsUrl}/admin/queues`, { headers: { authorization: basic(PASSWORD) } });
    expect(page.status).toBe(200);
    // Nothing of Slack's on it.
    expect((await fetch(`${h.app.opsUrl}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe('OPS_PORT in Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: 'socket' });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('serves /metrics there, and PORT only /healthz', async () => {
    expect((await h.command('help')).status).toBe(200);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.app.url}/metrics`)).status).toBe(404);
    expect(await (await fetch(`${h.app.opsUrl}/metrics`)).text()).toContain('dudao_commands_total');
  });
});
