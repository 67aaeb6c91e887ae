import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Group } from '../domain/types';
import type { Store } from '../store/types';
import type { Message } from '../views/message';
import type { Metrics } from './metrics';

/** A direct message to send once: one send per `dedupeKey`. */
export interface NoticeDm {
  userId: string;
  dedupeKey: string;
  message: Message;
}

/**
 * What the Slack handlers ask of the scheduled work. Implemented in jobs/ over BullMQ; the web
 * role only enqueues and upserts schedulers, workers do the sending.
 */
export interface Scheduling {
  /** Makes the group's meeting-reminder and digest schedulers match `group` (upsert or remove). */
  syncGroup(group: Group): Promise<void>;
  /**
   * Sends the weekly digest now, once. Throws UserError `too_soon` when the group's last one was
   * asked for less than 10 minutes ago and did not fail.
   */
  digestNow(group: Group, requestedBy: string): Promise<void>;
  /** Sends the meeting reminder and the liaison pings now, once; `too_soon` as for the digest. */
  remindNow(group: Group, requestedBy: string): Promise<void>;
  /**
   * Queues direct messages to send from the workers, each once per dedupe key (the DM queue and
   * its delivery record), at the DM queue's pace: a finding marked done telling its verifiers.
   */
  sendDms(group: Group, dms: readonly NoticeDm[]): Promise<void>;
  /**
   * Throws UserError `skipped_by_dst` when the group's reminder or digest would miss a week at a
   * daylight-saving change; handlers call it before saving a schedule or a time zone.
   */
  checkSchedules(group: Group, now: number): void;
  /** Next fire time (epoch ms) of the group's `kind` schedule, or null when there is none. */
  nextRun(group: Group, kind: 'reminder' | 'digest', now: number): number | null;
  /**
   * Removes every scheduler of these groups (reminder, digest, pings, findings): their workspace
   * uninstalled the app or its token was revoked. The groups' data stays.
   */
  pauseGroups(groups: readonly Group[]): Promise<void>;
  /** Puts back the schedulers of these groups as their settings say (a reinstall). */
  resumeGroups(groups: readonly Group[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps App Home tabs current after a change, without a storm: a burst of changes republishes
 * each concerned user's Home at most a few times, and only for users who have opened it.
 */
export interface HomeRefresh {
  /**
   * Something in `groupId` changed that concerns `userIds` (every member of the group when
   * omitted); their Homes are republished soon. Never throws and never waits for Slack.
   */
  changed(teamId: string, groupId: string, userIds?: readonly string[]): void;
  close(): Promise<void>;
}

/** Everything a Slack listener may use; built once in start.ts. Redis is reached only through `store`. */
export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  scheduling: Scheduling;
  home: HomeRefresh;
  /** The clock; tests may pass a fixed one. */
  now: () => number;
}
