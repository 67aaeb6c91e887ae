import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors';
import { checkPace, type DmSlot, type Pace } from '../../src/store/dm-pace';
import { runScript } from '../../src/store/scripts';
import { deleteKeys, openHarness } from './fixture';

const h = openHarness();
beforeEach(() => deleteKeys(h.redis, h.prefix));
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitOf = (slot: DmSlot): number => (slot.state === 'wait' ? slot.waitMs : 0);

describe('the DM pace of a team', () => {
  it('lets `max` DMs go at once and gives the others places, `max` to a window, in order', async () => {
    const pace = h.team.dmPace();
    const p: Pace = { max: 3, duration: 1_000 };
    const slots = [];
    for (let i = 1; i <= 9; i++) slots.push(await pace.take(`dm${i}`, p));
    expect(slots.slice(0, 3)).toEqual([{ state: 'go' }, { state: 'go' }, { state: 'go' }]);
    const waits = slots.slice(3).map(waitOf);
    // Three places a window after the sends, three a window after those.
    for (const w of waits.slice(0, 3)) expect(w).toBeGreaterThan(900);
    for (const w of waits.slice(0, 3)) expect(w).toBeLessThanOrEqual(1_000);
    for (const w of waits.slice(3)) expect(w).toBeGreaterThan(1_900);
    for (const w of waits.slice(3)) expect(w).toBeLessThanOrEqual(2_000);
    // Asked again before its time, a DM keeps its place: the wait left, not a new place at the end.
    expect(waitOf(await pace.take('dm4', p))).toBeLessThanOrEqual(waits[0] as number);
    expect(waitOf(await pace.take('dm9', p))).toBeLessThanOrEqual(waits[5] as number);
  });

  it('never grants more than `max` sends in any window, over concurrent takers; each DM runs about twice', async () => {
    const p: Pace = { max: 4, duration: 200 };
    const sentKey = `${h.prefix}:{T1}:dmpace:sent`;
    // Each grant as Redis timed it: read right after each go, before the window can drop it.
    const granted = new Map<string, number>();
    const runs: number[] = [];
    // Forty DMs taken at once by forty "workers", each waiting what it is told, as a delayed job does.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const pace = h.store.forTeam('T1').dmPace();
        for (let run = 1; ; run++) {
          const slot = await pace.take(`dm${i}`, p);
          if (slot.state === 'go') {
            const sends = await h.redis.zrange(sentKey, 0, -1, 'WITHSCORES');
            for (let j = 0; j < sends.length; j += 2) granted.set(sends[j] as string, Number(sends[j + 1]));
            runs.push(run);
            return;
          }
          await sleep(slot.waitMs);
        }
      }),
    );
    const at = [...granted.values()].sort((a, b) => a - b);
    expect(at).toHaveLength(40);
    for (let i = 0; i + p.max < at.length; i++) {
      expect((at[i + p.max] as number) - (at[i] as number)).toBeGreaterThanOrEqual(p.duration);
    }
    // Ten windows of four: the last goes about nine windows after the first.
    expect((at[39] as number) - (at[0] as number)).toBeLessThan(11 * p.duration);
    // Each DM was told its place once and came back once, plus a run or two when it came back late
    // on a loaded machine: retrying in a crowd each window runs the last DMs ten times or more.
    expect(Math.max(...runs)).toBeLessThanOrEqual(7);
    expect(runs.reduce((a, b) => a + b, 0) / runs.length).toBeLessThan(4);
  });

  it('a DM back late keeps its place ahead of the DMs placed after it', async () => {
    const pace = h.team.dmPace();
    const p: Pace = { max: 1, duration: 100 };
    expect(await pace.take('first', p)).toEqual({ state: 'go' });
    expect(waitOf(await pace.take('late', p))).toBeGreaterThan(0); // its place: 100 ms on
    expect(waitOf(await pace.take('next', p))).toBeGreaterThan(100); // 200 ms on
    expect(waitOf(await pace.take('last', p))).toBeGreaterThan(200); // 300 ms on
    await sleep(250);
    // Late by more than a window, it still goes first; a DM without a place would come after `last`.
    expect(await pace.take('late', p)).toEqual({ state: 'go' });
    expect(waitOf(await pace.take('next', p))).toBeGreaterThan(0);
  });

  it("one team's full window holds up no other team", async () => {
    const p: Pace = { max: 2, duration: 60_000 };
    const one = h.store.forTeam('T1').dmPace();
    const two = h.store.forTeam('T2').dmPace();
    await one.take('a', p);
    await one.take('b', p);
    expect(waitOf(await one.take('c', p))).toBeGreaterThan(59_000);
    expect(await two.take('a', p)).toEqual({ state: 'go' });
    expect(await two.take('b', p)).toEqual({ state: 'go' });
  });

  it('a script sent again with the same token (a reconnect) is told go again, and counts once', async () => {
    const keys = [`${h.prefix}:{T1}:dmpace:sent`, `${h.prefix}:{T1}:dmpace:places`];
    const take = (dm: string, token: string) =>
      runScript(h.redis, 'ddTakeDmSlot', keys, [dm, token, 2, 60_000, 60_000]);
    expect(await take('a', 'tok-a')).toBe(0);
    expect(await take('a', 'tok-a')).toBe(0);
    expect(await take('b', 'tok-b')).toBe(0);
    expect(await take('c', 'tok-c')).toBeGreaterThan(0);
    expect(await h.redis.zcard(keys[0] as string)).toBe(2);
  });

  it('the keys expire once the team is idle', async () => {
    const pace = h.team.dmPace();
    await pace.take('a', { max: 1, duration: 5_000 });
    await pace.take('b', { max: 1, duration: 5_000 });
    const sent = await h.redis.pttl(`${h.prefix}:{T1}:dmpace:sent`);
    const places = await h.redis.pttl(`${h.prefix}:{T1}:dmpace:places`);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(5_000);
    expect(places).toBeGreaterThan(5_000);
  });

  it('refuses a pace that is not whole numbers of at least one', () => {
    expect(checkPace({ max: 5, duration: 1_000 })).toEqual({ max: 5, duration: 1_000 });
    expect(() => checkPace({ max: 0, duration: 1_000 })).toThrow(ConfigError);
    expect(() => checkPace({ max: 2.5, duration: 1_000 })).toThrow(ConfigError);
    expect(() => checkPace({ max: 5, duration: 0 })).toThrow(ConfigError);
  });
});
