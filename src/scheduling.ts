import type { Group } from './domain/types';

/**
 * What the Slack handlers ask of the scheduled work. Implemented in jobs/ over BullMQ; the web
 * role only enqueues and upserts schedulers, workers do the sending.
 */
export interface Scheduling {
  /** Makes the group's meeting-reminder and digest schedulers match `group` (upsert or remove). */
  syncGroup(group: Group): Promise<void>;
  /** Sends the weekly digest now, once. */
  digestNow(group: Group, requestedBy: string): Promise<void>;
  /** Sends the meeting reminder and the liaison pings now, once. */
  remindNow(group: Group, requestedBy: string): Promise<void>;
  /** Next fire time (epoch ms) of the group's `kind` schedule, or null when there is none. */
  nextRun(group: Group, kind: 'reminder' | 'digest', now: number): number | null;
  close(): Promise<void>;
}
