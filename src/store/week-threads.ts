import type { StoreContext } from './context';
import { runScript } from './scripts';

/**
 * The thread of a group's week, for groups whose reminder and digest go in a thread: the week's
 * first post is a new message, and the later ones reply to it. Which delivery makes the first
 * post is claimed like a delivery (a lease timed by Redis), so two posts of one week never both
 * start a thread, and a first post whose worker died is found (by its marker) rather than guessed.
 */

/** Kept past the end of its week and any retry of its posts (about half an hour), then gone. */
const TTL_SECONDS = 5 * 7 * 24 * 3600;

/** What a post of the week is to do. */
export type ThreadClaim =
  /** The week's first message is `ts`: reply to it. */
  | { state: 'reply'; ts: string }
  /** The caller makes the week's first post (a new message), and records it with `setRoot`. */
  | { state: 'root' }
  /** Another delivery is making the first post: ask again in `retryInMs`. */
  | { state: 'busy'; retryInMs: number }
  /** The claim of another delivery (`owner`, a delivery id), made at `since`, ended without saying where its post went. */
  | { state: 'stale'; owner: string; since: number };

export interface WeekThread {
  /** Whether `owner` (a delivery's id) posts the week's first message or replies, with a lease of `leaseMs`. */
  claim(owner: string, leaseMs: number): Promise<ThreadClaim>;
  /** The first post of `owner`'s claim is out at `ts`; false when the claim is not its (or a first post is known). */
  setRoot(owner: string, ts: string): Promise<boolean>;
  /** Takes over a stale claim of `from` made at `since` for `leaseMs`, unless it changed meanwhile. */
  takeOver(from: string, since: number, to: string, leaseMs: number): Promise<boolean>;
  /** `owner` surely posted nothing (a 429, a refusal): the next post of the week may be the first. */
  release(owner: string): Promise<void>;
  /** The ts of the week's first message, null while unknown. */
  rootTs(): Promise<string | null>;
}

/** The thread of `groupId`'s ISO week `week` (`2026-W03`, in the group's zone). */
export function weekThread(ctx: StoreContext, groupId: string, week: string): WeekThread {
  const key = ctx.keys.weekThread(groupId, week);
  return {
    async claim(owner, leaseMs) {
      const [state, a, b] = (await runScript(
        ctx.redis,
        'ddThreadClaim',
        [key],
        [owner, leaseMs, TTL_SECONDS],
      )) as [string, string, string | undefined];
      if (state === 'reply') return { state, ts: a };
      if (state === 'busy') return { state, retryInMs: Number(a) };
      if (state === 'stale') return { state, owner: a, since: Number(b) };
      return { state: 'root' };
    },
    async setRoot(owner, ts) {
      return (await runScript(ctx.redis, 'ddThreadRoot', [key], [owner, ts, TTL_SECONDS])) === 1;
    },
    async takeOver(from, since, to, leaseMs) {
      return (
        (await runScript(ctx.redis, 'ddThreadTakeOver', [key], [from, String(since), to, leaseMs])) === 1
      );
    },
    async release(owner) {
      await runScript(ctx.redis, 'ddThreadRelease', [key], [owner]);
    },
    rootTs: () => ctx.redis.hget(key, 'ts'),
  };
}
