import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidBlocks } from '../support/block-kit';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText, blocksOf } from '../support/slack-text';

const UNITS = 300;

describe('a group of 300 units', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Big inspection team"');
    const team = h.app.store.forTeam(h.slack.identity.teamId);
    const actor = { userId: 'U0LEAD', now: Date.now() };
    for (let i = 0; i < UNITS; i++) {
      const name =
        i % 2 ? `Provincial Bureau of Statistics and Planning number ${i}` : `第${i}号地方统计与规划局`;
      await team.addUnit(
        DEFAULT_CHANNEL,
        {
          key: `u${i}`,
          name,
          kind: 'bureau',
          liaisons: ['U0LIA'],
          archived: false,
          createdAt: actor.now + i,
        },
        actor,
      );
    }
    await h.command('log interview u7 n=2 <!here> check');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('still gets a valid status message', async () => {
    const res = await h.command('status');
    expect(res.status).toBe(200);
    assertValidBlocks(res.json as never);
    expect(blocksOf(res.json).length).toBeLessThanOrEqual(50);
    // The unit with contact is listed after the 299 without; the summary says how many units there are.
    expect(allText(res.json)).toContain(String(UNITS));
  });

  it('still gets a valid unit list', async () => {
    const res = await h.command('unit list');
    assertValidBlocks(res.json as never);
  });

  it('opens a log form that can still pick any of the units', async () => {
    await h.command('log');
    const [open] = await h.slack.waitFor((c) => c.method === 'views.open', 5_000);
    const view = open?.body.view;
    expect(view).toBeTruthy();
    expect(JSON.stringify(view)).toContain('external_select');
  });
});
