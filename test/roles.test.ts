import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';

const PASSWORD = 'correct horse battery';
const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

describe('ROLE=worker', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ROLE: 'worker', ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('serves no Slack endpoint, only /healthz on PORT, and health, metrics and the dashboard on OPS_PORT', async () => {
    expect((await h.command('help')).status).toBe(404);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.app.url}/metrics`)).status).toBe(404);
    expect(
      (await fetch(`${h.app.url}/admin/queues`, { headers: { authorization: basic(PASSWORD) } })).status,
    ).toBe(404);
    const ops = h.app.opsUrl;
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${ops}/metrics`)).text()).toContain('dudao_jobs_total');
    expect((await fetch(`${ops}/admin/queues`)).status).toBe(401);
    const page = await fetch(`${ops}/admin/queues`, { headers: { authorization: basic(PASSWORD) } });
    expect(page.status).toBe(200);
    const api = await fetch(`${ops}/admin/queues/api/queues`, {
      headers: { authorization: basic(PASSWORD) },
    });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('digest');
  });
});

describe('ROLE=web without ADMIN_PASSWORD', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ROLE: 'web' } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('answers commands and has no dashboard, but health and metrics on OPS_PORT', async () => {
    expect((await h.command('help')).status).toBe(200);
    for (const base of [h.app.url, h.app.opsUrl]) {
      expect((await fetch(`${base}/admin/queues`, { headers: { authorization: basic('x') } })).status).toBe(
        404,
      );
    }
    expect((await fetch(`${h.app.opsUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${h.app.opsUrl}/healthz`)).status).toBe(200);
  });
});
