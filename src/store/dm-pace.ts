import { randomUUID } from 'node:crypto';
import { ConfigError } from '../domain/errors';
import type { StoreContext } from './context';
import { runScript } from './scripts';

/**
 * The pace of one workspace's DMs, over every worker: at most `max` sends in any `duration` ms,
 * kept in the team's slot by one Lua script (src/store/pace-scripts.ts) timed by Redis's clock.
 * A DM told to wait is given a place of its own, so a burst is spread out rather than retried in
 * a crowd; another workspace's DMs are never held up by it.
 */

/** At most `max` sends in any window of `duration` ms. */
export interface Pace {
  max: number;
  duration: number;
}

/** Go now (the send is counted), or come back in `waitMs`. */
export type DmSlot = { state: 'go' } | { state: 'wait'; waitMs: number };

export interface DmPace {
  /** A send for the DM `dmId` (its dedupe key): now, or after the wait its place says. */
  take(dmId: string, pace: Pace): Promise<DmSlot>;
}

/**
 * How long a DM told to wait keeps its place past its time. It comes back late by up to a tenth of
 * its wait (the jitter of jobs/run-job.ts) plus the queue's own delay; one coming back later than
 * this is given a new place.
 */
const PLACE_KEPT_MS = 60 * 60_000;

/** Throws ConfigError unless `pace` is a whole number of sends over a positive window. */
export function checkPace(pace: Pace): Pace {
  if (
    !Number.isSafeInteger(pace.max) ||
    pace.max < 1 ||
    !Number.isSafeInteger(pace.duration) ||
    pace.duration < 1
  )
    throw new ConfigError(
      `a DM pace needs whole numbers max ≥ 1 and duration ≥ 1 ms: ${JSON.stringify(pace)}`,
    );
  return pace;
}

/** The DM pace of one team. */
export function dmPace(ctx: StoreContext): DmPace {
  return {
    async take(dmId, pace) {
      const waitMs = Number(
        await runScript(
          ctx.redis,
          'ddTakeDmSlot',
          [ctx.keys.dmPaceSent(), ctx.keys.dmPacePlaces()],
          [dmId, randomUUID(), pace.max, pace.duration, PLACE_KEPT_MS],
        ),
      );
      return waitMs > 0 ? { state: 'wait', waitMs } : { state: 'go' };
    },
  };
}
