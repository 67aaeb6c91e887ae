/**
 * The scheduled work, as the app wires it: `createScheduling` for the web role (upserts
 * schedulers, enqueues "now" requests), `startWorkers` for the worker role, `adminRoutes` for the
 * queue dashboard, `resyncAll` for an operator's one-off re-sync.
 */
export { ADMIN_PATH, adminRoutes } from './admin';
export { DEFAULT_QUEUE_PREFIX } from './queues';
export { type GroupSource, type ResyncReport, resyncAll } from './resync';
export { createScheduling, type QueueScheduling, type SchedulingOptions } from './scheduling';
export {
  DEFAULT_TUNING,
  type RunningWorkers,
  startWorkers,
  type WorkerDeps,
  type WorkerTuning,
} from './workers';
