/**
 * The clock of a chaos child process, moved by its parent: `Date.now()` and `new Date()` read the
 * real time plus an offset (CLOCK_OFFSET_MS at start, then whatever the parent sends over IPC as
 * `{ offsetMs }`, answered with `{ clock: offsetMs }` once in force). Imported first, before
 * anything that reads the time: BullMQ computes a job scheduler's next fire with `Date.now()` and
 * `new Date()`, so the whole process, schedules included, lives at the shifted time. Timers are
 * untouched (Node runs them on a monotonic clock), so a jump makes due at once what its new time
 * passed, as a machine whose clock was set forward would.
 */
const RealDate = Date;
let offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const shiftedNow = (): number => RealDate.now() + offsetMs;

// A proxy, not a subclass: `x instanceof Date` still holds for dates made by Node itself.
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) =>
    Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget),
  apply: () => new RealDate(shiftedNow()).toString(),
  get: (target, prop, receiver) => (prop === 'now' ? shiftedNow : Reflect.get(target, prop, receiver)),
});

process.on('message', (message: unknown) => {
  const offset = (message as { offsetMs?: unknown } | null)?.offsetMs;
  if (typeof offset !== 'number') return;
  offsetMs = offset;
  process.send?.({ clock: offsetMs });
});
