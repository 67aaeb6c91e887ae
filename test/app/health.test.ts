import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { type OwnRedis, ownRedis } from '../support/redis-server';

describe('/healthz', () => {
  let redis: OwnRedis;
  let admin: Redis;
  let h: Harness;

  beforeAll(async () => {
    redis = await ownRedis();
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    h = await startHarness({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await h?.stop();
    admin?.disconnect();
    await redis?.dispose();
  });

  const health = async (base: string) => {
    const res = await fetch(`${base}/healthz`);
    return { status: res.status, body: await res.json() };
  };

  it('is 503 while Redis answers PING but refuses writes, on both ports, and 200 again after', async () => {
    expect(await health(h.app.url)).toEqual({ status: 200, body: { redis: 'ok' } });
    expect((await health(h.app.opsUrl)).status).toBe(200);

    // A primary told to need a replica it does not have refuses every write (NOREPLICAS), as a
    // Redis out of memory (OOM) or a read-only replica would, while still answering PING.
    await admin.config('SET', 'min-replicas-to-write', '1');
    try {
      expect(await admin.ping()).toBe('PONG');
      await expect(admin.set('probe', '1')).rejects.toThrow(/NOREPLICAS/);
      expect(await health(h.app.url)).toEqual({ status: 503, body: { redis: 'down' } });
      expect((await health(h.app.opsUrl)).status).toBe(503);
    } finally {
      await admin.config('SET', 'min-replicas-to-write', '0');
    }
    expect(await health(h.app.url)).toEqual({ status: 200, body: { redis: 'ok' } });
    expect((await health(h.app.opsUrl)).status).toBe(200);
  });
});
