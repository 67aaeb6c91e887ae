import { teamKeys } from '../../src/store/keys';
import { connectRedis, type RedisTarget } from '../../src/store/redis';

/**
 * Reads what the store wrote, straight from Redis, for assertions the product has no reader for:
 * how many activities a group holds, and its audit trail. Keys come from the store's own builder.
 */

/** One entry of the audit trail, as the store's scripts write it (see src/store/audit.ts). */
export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  /** What was changed, e.g. `unit:moc`, `activity:12`. */
  target: string;
  /** An update's changed fields with their old values; a delete's whole removed record; null for a create. */
  before: unknown;
  /** An update's changed fields with their new values; null for a create (the record holds it) and a delete. */
  after: unknown;
}

export interface Inspector {
  countActivities(teamId: string, groupId: string): Promise<number>;
  /** Newest first; an entry missing a field or holding a value that is not JSON is left out. */
  auditTrail(teamId: string, groupId: string, limit: number): Promise<AuditEntry[]>;
  close(): void;
}

function json(raw: string | undefined): { ok: boolean; value: unknown } {
  try {
    return { ok: raw !== undefined, value: raw === undefined ? null : JSON.parse(raw) };
  } catch {
    return { ok: false, value: null };
  }
}

/** An inspector of the data under `prefix`, on a connection of its own. */
export function inspect(target: RedisTarget, prefix: string): Inspector {
  const redis = connectRedis(target, { maxRetriesPerRequest: 1, lazyConnect: true });
  // A test may stop Redis on purpose; the inspector only reads when asked.
  redis.on('error', () => {});
  return {
    countActivities: (teamId, groupId) => redis.hlen(teamKeys(prefix, teamId).activities(groupId)),
    async auditTrail(teamId, groupId, limit) {
      const rows = await redis.xrevrange(teamKeys(prefix, teamId).audit(groupId), '+', '-', 'COUNT', limit);
      return rows.flatMap(([, flat]): AuditEntry[] => {
        const f = new Map<string, string>();
        for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
        const at = Number(f.get('at'));
        const [actor, action, target] = [f.get('actor'), f.get('action'), f.get('target')];
        const before = json(f.get('before'));
        const after = json(f.get('after'));
        if (!Number.isFinite(at) || !actor || !action || !target || !before.ok || !after.ok) return [];
        return [{ at, actor, action, target, before: before.value, after: after.value }];
      });
    },
    close: () => redis.disconnect(),
  };
}
