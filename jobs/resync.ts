import type { Logger } from 'pino';
import type { Scheduling } from '../src/app/deps';
import { isUserError } from '../src/domain/errors';
import type { Group } from '../src/domain/types';

/** Anything that can list every group, e.g. a store with a SCAN over group records. */
export interface GroupSource {
  allGroups(): AsyncIterable<Group>;
}

export interface ResyncReport {
  synced: number;
  /** Groups whose schedule is now refused (e.g. new daylight-saving rules); their old schedulers stay. */
  refused: { teamId: string; groupId: string; code: string }[];
}

/**
 * A one-off re-sync of every group's schedulers, for an operator after a restore or an upgrade
 * that changed scheduler ids. Commands keep schedulers in sync otherwise; nothing calls this at boot.
 */
export async function resyncAll(
  source: GroupSource,
  scheduling: Scheduling,
  logger?: Logger,
): Promise<ResyncReport> {
  const report: ResyncReport = { synced: 0, refused: [] };
  for await (const group of source.allGroups()) {
    try {
      await scheduling.syncGroup(group);
      report.synced += 1;
    } catch (err) {
      if (!isUserError(err)) throw err;
      report.refused.push({ teamId: group.teamId, groupId: group.id, code: err.code });
      logger?.warn(
        { teamId: group.teamId, groupId: group.id, code: err.code },
        'schedule refused on re-sync',
      );
    }
  }
  return report;
}
