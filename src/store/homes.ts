import { randomUUID } from 'node:crypto';
import type { StoreContext } from './context';
import { runScript } from './scripts';

/**
 * Who of a team has opened their App Home, and whose Home has a republish pending. The pending
 * mark is what keeps a burst of changes from becoming a burst of publishes, across processes: the
 * first change of a window takes it (SET NX PX), later ones find it taken and are absorbed.
 */
export interface HomeViewers {
  /** Notes that the user opened their Home: changes republish it for `ttlMs` from now. */
  opened(userId: string, ttlMs: number): Promise<void>;
  /**
   * Of `userIds`, those who opened their Home within its ttl and have no republish pending, each
   * now marked pending for at most `pendingMs`. Of concurrent calls, in any process, one gets each user.
   */
  claimRefresh(userIds: readonly string[], pendingMs: number): Promise<string[]>;
  /**
   * Clears the user's pending mark. Called right before their Home is read for a republish: a change
   * absorbed until then was written before it and is read; a change after it claims anew.
   */
  startRefresh(userId: string): Promise<void>;
}

/** The App Home state of one team. */
export function homeViewers(ctx: StoreContext): HomeViewers {
  return {
    async opened(userId, ttlMs) {
      await ctx.redis.set(ctx.keys.homeViewer(userId), '1', 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async claimRefresh(userIds, pendingMs) {
      const users = [...new Set(userIds)];
      if (users.length === 0) return [];
      const keys = users.flatMap((u) => [ctx.keys.homeViewer(u), ctx.keys.homePending(u)]);
      const ttl = Math.max(1, Math.ceil(pendingMs));
      const claimed = (await runScript(ctx.redis, 'ddClaimHomeRefresh', keys, [
        randomUUID(),
        ttl,
      ])) as number[];
      return claimed.flatMap((i) => users[i - 1] ?? []);
    },
    async startRefresh(userId) {
      await ctx.redis.del(ctx.keys.homePending(userId));
    },
  };
}
