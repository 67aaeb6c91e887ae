import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeys, openHarness } from './fixture';

const WEEKS = 28 * 24 * 60 * 60_000;
const h = openHarness();
beforeEach(() => deleteKeys(h.redis, h.prefix));
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

describe('App Home viewers', () => {
  it('claims a refresh only for users who opened their Home, once until it starts', async () => {
    const homes = h.team.homes();
    await homes.opened('UAMY', WEEKS);
    await homes.opened('UBEN', WEEKS);
    expect(await homes.claimRefresh(['UAMY', 'UBEN', 'UCAT', 'UAMY'], 10_000)).toEqual(['UAMY', 'UBEN']);
    // Every later change of the window is absorbed, whichever process it comes from.
    expect(await homes.claimRefresh(['UAMY', 'UBEN'], 10_000)).toEqual([]);
    await homes.startRefresh('UAMY');
    expect(await homes.claimRefresh(['UAMY', 'UBEN'], 10_000)).toEqual(['UAMY']);
  });

  it('gives each user to one of many concurrent claims', async () => {
    const homes = h.team.homes();
    await homes.opened('UAMY', WEEKS);
    const claims = await Promise.all(Array.from({ length: 20 }, () => homes.claimRefresh(['UAMY'], 10_000)));
    expect(claims.flat()).toEqual(['UAMY']);
  });

  it('lets a pending mark and a viewer expire', async () => {
    const homes = h.team.homes();
    await homes.opened('UAMY', 60_000);
    await homes.opened('UBEN', 1);
    expect(await homes.claimRefresh(['UAMY'], 1)).toEqual(['UAMY']);
    await new Promise((r) => setTimeout(r, 20));
    expect(await homes.claimRefresh(['UAMY', 'UBEN'], 10_000)).toEqual(['UAMY']);
  });

  it('keeps each team’s viewers apart', async () => {
    await h.store.forTeam('T2').homes().opened('UAMY', WEEKS);
    expect(await h.team.homes().claimRefresh(['UAMY'], 10_000)).toEqual([]);
    expect(await h.store.forTeam('T2').homes().claimRefresh(['UAMY'], 10_000)).toEqual(['UAMY']);
  });
});
