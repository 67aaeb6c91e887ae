import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness';
import { type OwnRedis, ownRedis } from './support/redis-server';
import { allText } from './support/slack-text';

describe('when Redis goes away', () => {
  let redis: OwnRedis;
  let h: Harness;

  beforeAll(async () => {
    redis = await ownRedis();
    h = await startHarness({ env: { REDIS_URL: redis.url } });
    await h.command('setup "Group 14"');
    await h.command('unit add "Ministry of Commerce" key=moc');
    await h.command('log interview moc n=2 before the outage');
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.dispose();
  });

  it('reports 503 on /healthz, answers commands with an apology and no stack, and recovers', async () => {
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    await redis.kill();

    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(503);
    const res = await h.command('log interview moc during the outage');
    expect(res.status).toBe(200);
    const text = allText(res.json);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\bat .+\.ts:\d+|Error:|ECONNREFUSED|ioredis/);

    // Redis comes back from its append-only file: what was acknowledged before is still there.
    await redis.restart();
    let healthy = false;
    for (let i = 0; i < 50 && !healthy; i++) {
      healthy = (await fetch(`${h.app.url}/healthz`)).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(true);
    const status = allText((await h.command('status moc')).json);
    expect(status).toContain('before the outage');
  });
});
