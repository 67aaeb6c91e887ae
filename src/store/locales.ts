import type { StoreContext } from './context';

/** Longest a locale is kept; Slack ids are short and locales shorter (`zh-CN`). */
const LOCALE_CHARS = 35;

/** The user's cached Slack locale (`''` when Slack gave none), or null when not cached. */
export function readLocale(ctx: StoreContext, userId: string): Promise<string | null> {
  return ctx.redis.get(ctx.keys.userLocale(userId));
}

/** Caches the user's locale for `ttlMs`; whatever Slack sent is cut to a sane length. */
export async function saveLocale(
  ctx: StoreContext,
  userId: string,
  locale: string,
  ttlMs: number,
): Promise<void> {
  await ctx.redis.set(ctx.keys.userLocale(userId), locale.slice(0, LOCALE_CHARS), 'PX', Math.max(1, ttlMs));
}
