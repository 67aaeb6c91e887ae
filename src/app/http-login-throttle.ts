import {
  LOGIN_ADDRESSES_KEPT,
  LOGIN_DELAY_FIRST_MS,
  LOGIN_DELAY_MAX_MS,
  LOGIN_FAILURES_KEPT_MS,
} from './http-limits';

/** How long the answer to the `failures`-th consecutive wrong password waits: 1 s, 2 s, 4 s… up to 30 s. */
export function loginDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(LOGIN_DELAY_MAX_MS, LOGIN_DELAY_FIRST_MS * 2 ** Math.min(failures - 1, 30));
}

interface Failures {
  count: number;
  /** When the address's latest attempt is answered; a later one waits at least until then. */
  readyAt: number;
  lastAt: number;
}

export interface LoginThrottleOptions {
  now?: () => number;
  /** How the throttle waits; tests pass one they control. */
  sleep?: (ms: number) => Promise<void>;
  maxAddresses?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Slows password guessing, per client address, in memory: each wrong password is answered only
 * after {@link loginDelayMs} of the address's consecutive failures, and the address's attempts are
 * answered one after another, so guesses sent in parallel wait for each other (a right one too).
 * A right password clears the address. At most `maxAddresses` are remembered, the oldest dropped.
 */
export class LoginThrottle {
  private readonly addresses = new Map<string, Failures>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAddresses: number;

  constructor(opts: LoginThrottleOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.maxAddresses = opts.maxAddresses ?? LOGIN_ADDRESSES_KEPT;
  }

  /** Resolves when the attempt from `address`, right (`ok`) or wrong, may be answered. */
  settle(address: string, ok: boolean): Promise<void> {
    const now = this.now();
    let seen = this.addresses.get(address);
    if (seen && now - seen.lastAt > LOGIN_FAILURES_KEPT_MS) seen = undefined;
    const turn = Math.max(now, seen?.readyAt ?? now);
    // Deleted and set again, so that the map's order is the order of last use.
    this.addresses.delete(address);
    if (ok) return this.wait(turn - now);
    const count = (seen?.count ?? 0) + 1;
    const readyAt = turn + loginDelayMs(count);
    this.addresses.set(address, { count, readyAt, lastAt: now });
    for (const oldest of this.addresses.keys()) {
      if (this.addresses.size <= this.maxAddresses) break;
      this.addresses.delete(oldest);
    }
    return this.wait(readyAt - now);
  }

  private wait(ms: number): Promise<void> {
    return ms > 0 ? this.sleep(ms) : Promise.resolve();
  }
}
