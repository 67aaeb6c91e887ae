/**
 * The scheduled work, as the app wires it: `createScheduling` for the web role (upserts
 * schedulers, enqueues "now" requests), `startWorkers` for the worker role, `resyncAll` for an
 * operator's one-off re-sync. The queue dashboard (`admin.ts`) is loaded by itself, and only when
 * it is turned on.
 */
export { DEFAULT_QUEUE_PREFIX } from './queues';
export { resyncAll } from './resync';
export { createScheduling, type QueueScheduling } from './scheduling';
export { type RunningWorkers, startWorkers, type WorkerTuning } from './workers';
