import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { allKeys, testRedis } from './redis';
import { postSigned, slashCommandBody } from './signing';

describe('startHarness', () => {
  let h: Harness;
  const redis = testRedis({ lazyConnect: true });
  const keyCount = async () => (await allKeys(redis, `${h.prefix}:*`)).length;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
    await h.cleanup();
    redis.disconnect();
  });

  it('runs the bot against the stand-in, which it asks who it is', async () => {
    await h.slack.waitFor('auth.test', 5000);
    expect(h.app.port).toBeGreaterThan(0);
  });

  it('delivers a signed /dudao and returns the inline answer', async () => {
    const res = await h.command('help');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(res.json)).toContain('/dudao');
  });

  it('is refused by the bot when signed with another secret, and nothing is stored', async () => {
    const before = await keyCount();
    const body = slashCommandBody({ team_id: h.slack.identity.teamId, text: 'setup "Forged group"' });
    const res = await postSigned(`${h.app.url}/slack/events`, body, { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    // Only the earlier `help` left keys: its trigger claim and the caller's command count.
    expect(await keyCount()).toBe(before);
  });

  it('cleanup deletes the keys the bot wrote under its prefix', async () => {
    const res = await h.command('setup "Harness group" tz=UTC');
    expect(res.status).toBe(200);
    expect(await keyCount()).toBeGreaterThan(0);
    await h.cleanup();
    expect(await keyCount()).toBe(0);
  });
});
