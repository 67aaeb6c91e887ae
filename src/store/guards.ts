import { randomUUID } from 'node:crypto';
import type { StoreContext } from './context';
import { runScript } from './scripts';

/**
 * The guards a request passes before it does anything: its trigger_id taken once, the user's
 * allowance of commands a minute, and per-group locks. Each is one Lua script in the team's slot
 * (src/store/guard-scripts.ts) holding a random token of this call, so that ioredis re-sending a
 * script after a reconnect is told "ok" for its own earlier claim rather than "taken".
 */

/**
 * How long a trigger_id stays claimed. Slack refuses a request whose timestamp is more than five
 * minutes away in either direction, so a signed body can be replayed for at most ten minutes after
 * its first delivery; a quarter of an hour covers that with room for clock skew.
 */
const TRIGGER_CLAIM_SECONDS = 15 * 60;
/** The allowance is counted per minute (`COMMANDS_PER_MINUTE`). */
const RATE_WINDOW_MS = 60_000;

/** What a request may do: go ahead, nothing (the same trigger was already taken), or nothing yet (too many commands). */
export type Admission = 'ok' | 'duplicate' | 'slow_down';

/** A lock taken with {@link RequestGuards.lock}; `release` frees it only while this holder still has it. */
export interface GroupLock {
  release(): Promise<void>;
}

export interface RequestGuards {
  /**
   * Takes `triggerId` for this delivery, once: another delivery of the same trigger (a replay, a
   * retry) is a `duplicate`. With `rate` (a slash command) it also spends one of the user's
   * commands of the minute; past `perMinute` nothing is claimed and the answer is `slow_down`.
   * `perMinute` 0 means no limit.
   */
  admit(triggerId: string, rate?: { userId: string; perMinute: number }): Promise<Admission>;
  /** The group's `what` lock for at most `ttlMs`, or null while someone else holds it. */
  lock(groupId: string, what: 'export', ttlMs: number): Promise<GroupLock | null>;
}

/** The request guards of one team. */
export function requestGuards(ctx: StoreContext): RequestGuards {
  return {
    async admit(triggerId, rate) {
      const keys = [ctx.keys.trigger(triggerId)];
      const args: (string | number)[] = [randomUUID(), TRIGGER_CLAIM_SECONDS];
      if (rate && rate.perMinute > 0) {
        keys.push(ctx.keys.userCommands(rate.userId));
        args.push(rate.perMinute, RATE_WINDOW_MS);
      }
      return (await runScript(ctx.redis, 'ddAdmitRequest', keys, args)) as Admission;
    },
    async lock(groupId, what, ttlMs) {
      const key = ctx.keys.groupLock(groupId, what);
      const token = randomUUID();
      const taken = await runScript(ctx.redis, 'ddTakeLock', [key], [token, Math.max(1, Math.ceil(ttlMs))]);
      if (taken !== 1) return null;
      return {
        async release() {
          await runScript(ctx.redis, 'ddReleaseLock', [key], [token]);
        },
      };
    },
  };
}
