import type { StoreContext } from './context';

/** Longest name kept; Slack's display names are at most 80 characters, real names a little more. */
const NAME_CHARS = 120;

/**
 * The cached names of `userIds` (one MGET: a team's keys share a slot), by id; an id never cached,
 * or expired, is absent, and `''` means Slack gave no name.
 */
export async function readNames(ctx: StoreContext, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const values = await ctx.redis.mget(...ids.map((id) => ctx.keys.userName(id)));
  const out = new Map<string, string>();
  ids.forEach((id, i) => {
    const v = values[i];
    if (typeof v === 'string') out.set(id, v);
  });
  return out;
}

/** Caches the user's name (`''`: unknown) for `ttlMs`; whatever Slack sent is cut to a sane length. */
export async function saveName(
  ctx: StoreContext,
  userId: string,
  name: string,
  ttlMs: number,
): Promise<void> {
  await ctx.redis.set(ctx.keys.userName(userId), name.slice(0, NAME_CHARS), 'PX', Math.max(1, ttlMs));
}
