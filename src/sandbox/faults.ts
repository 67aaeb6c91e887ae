/** How the stand-in misbehaves, for tests of rate limits and retries. */
export interface FaultOptions {
  /** Fraction of calls answered HTTP 429 with `Retry-After` and `{ok:false,error:'ratelimited'}`. */
  rateLimitedRatio?: number;
  /** Seconds sent in `Retry-After`; Slack sends whole seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Fraction of calls answered HTTP 500. */
  serverErrorRatio?: number;
  /**
   * Fraction of calls never answered, as a Slack that times out: the connection is left open until
   * the client gives up, or closed without an answer after `hangUpAfterMs`.
   */
  timeoutRatio?: number;
  /**
   * Whether a Web API call that times out still takes effect (the message is posted, only its
   * answer is lost) rather than not at all. Default false.
   */
  timeoutTakesEffect?: boolean;
  /** How long an unanswered call's connection stays open at most. Default 30 000 ms. */
  hangUpAfterMs?: number;
  /** Only these methods are faulted (`upload` and `response_url` name those endpoints); default all. */
  methods?: string[];
  /** Seed of the generator that picks the faulted calls, so a run can be replayed. Default 1. */
  seed?: number;
}

export type Fault =
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'server_error' }
  | { kind: 'timeout'; takesEffect: boolean; hangUpAfterMs: number };

/**
 * Decides, call by call, whether to fault it. The same seed and the same sequence of calls give
 * the same faults.
 */
export class FaultPlan {
  private readonly next: () => number;
  private readonly rateLimited: number;
  private readonly serverError: number;
  private readonly timeout: number;
  private readonly timeoutTakesEffect: boolean;
  private readonly hangUpAfterMs: number;
  private readonly methods: Set<string> | null;
  private readonly retryAfter: number;

  constructor(opts: FaultOptions) {
    this.rateLimited = ratio(opts.rateLimitedRatio, 'rateLimitedRatio');
    this.serverError = ratio(opts.serverErrorRatio, 'serverErrorRatio');
    this.timeout = ratio(opts.timeoutRatio, 'timeoutRatio');
    if (this.rateLimited + this.serverError + this.timeout > 1) {
      throw new RangeError('rateLimitedRatio + serverErrorRatio + timeoutRatio must not exceed 1');
    }
    this.timeoutTakesEffect = opts.timeoutTakesEffect ?? false;
    this.hangUpAfterMs = Math.max(0, opts.hangUpAfterMs ?? 30_000);
    this.retryAfter = Math.max(0, Math.round(opts.retryAfterSeconds ?? 1));
    this.methods = opts.methods ? new Set(opts.methods) : null;
    this.next = mulberry32(opts.seed ?? 1);
  }

  /** The fault for this call, or null to answer it normally. */
  pick(method: string): Fault | null {
    if (this.methods && !this.methods.has(method)) return null;
    const r = this.next();
    if (r < this.rateLimited) return { kind: 'ratelimited', retryAfterSeconds: this.retryAfter };
    if (r < this.rateLimited + this.serverError) return { kind: 'server_error' };
    if (r < this.rateLimited + this.serverError + this.timeout) {
      return { kind: 'timeout', takesEffect: this.timeoutTakesEffect, hangUpAfterMs: this.hangUpAfterMs };
    }
    return null;
  }
}

function ratio(v: number | undefined, name: string): number {
  const r = v ?? 0;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be between 0 and 1 (got ${v})`);
  return r;
}

/** A small seeded PRNG (Mulberry32): uniform in [0, 1), good enough to spread faults or a load. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
