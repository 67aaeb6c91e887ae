import { defaultRepeatStrategy, type RepeatStrategy } from 'bullmq';
import type { NextFire } from '../src/domain/schedule';

/**
 * Next fire times as BullMQ's job schedulers compute them: its own `defaultRepeatStrategy`
 * (cron-parser with `tz`), so what the domain shows and checks is what fires.
 */

/** The first fire strictly after `after`, as BullMQ's job scheduler computes it; null if none. */
export const bullmqNextFire: NextFire = (pattern, tz, after) => {
  const next = defaultRepeatStrategy(after, { pattern, tz });
  return typeof next === 'number' && Number.isFinite(next) ? next : null;
};

/**
 * BullMQ's own cron strategy, remembered per pattern, zone and minute. Many groups share a weekly
 * time and cron-parser with a zone costs about a millisecond a call, paid as each scheduled job
 * starts. Exact for five-field patterns: fires fall on whole minutes, so the next fire after any
 * instant of a minute is the same.
 */
export function rememberedRepeatStrategy(): RepeatStrategy {
  const known = new Map<string, number | undefined>();
  return (millis, opts) => {
    if (opts.immediately || opts.startDate || opts.pattern?.trim().split(/\s+/).length !== 5) {
      return defaultRepeatStrategy(millis, opts);
    }
    const key = `${opts.pattern}|${opts.tz ?? ''}|${Math.floor(millis / 60_000)}`;
    if (known.has(key)) return known.get(key);
    const next = defaultRepeatStrategy(millis, opts);
    if (known.size >= 10_000) known.clear();
    known.set(key, next);
    return next;
  };
}
