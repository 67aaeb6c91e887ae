/** What bench/run.ts and bench/target.ts agree on. */

export const BENCH_TEAM = 'T0BENCH';
export const BENCH_USER = 'U0BENCH';
/** The group with 50 units and 100,000 activities. */
export const BIG_CHANNEL = 'C0BIG';
/** The group with 50 units and 100 activities. */
export const SMALL_CHANNEL = 'C0SMALL';
export const UNITS = 50;
export const BIG_ACTIVITIES = 100_000;
export const SMALL_ACTIVITIES = 100;

/** Sent by the target process once its servers listen and its data is seeded. */
export interface TargetReady {
  type: 'ready';
  baselinePort: number;
  appPort: number;
  seeded: { big: number; small: number; seconds: number };
}

/** The target's CPU time so far (user + system), in answer to `'cpu'`. */
export interface TargetCpu {
  type: 'cpu';
  micros: number;
}
