import { randomBytes } from 'node:crypto';
import { InvalidDataError } from '../domain/errors';
import type { Group } from '../domain/types';
import { AUDIT_MAX_ENTRIES } from './audit';
import { type InstallationRecords, installationRecords } from './installations';
import type { CorruptHandler } from './json';
import { checkPrefix, teamKeys } from './keys';
import type { RedisClient } from './redis';
import { scanKeys } from './scan';
import { defineScripts } from './scripts';
import { RedisTeamStore } from './team-store';
import type { Store, TeamStore } from './types';
import { UnitCache } from './unit-cache';

export interface RedisStoreOptions {
  redis: RedisClient;
  /** First segment of every key; `dd` unless tests or a shared Redis need another. */
  prefix?: string;
  /** Told about each stored record that could not be read and was skipped (e.g. to log it). */
  onCorrupt?: CorruptHandler;
  /** Entries kept in each group's audit stream; `AUDIT_MAX_ENTRIES` unless a test needs a small cap. */
  auditMaxEntries?: number;
}

/** Names this process's health key (see `acceptsWrites`). */
const HEALTH_KEY_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** The store on Redis. Owns the connection it is given: `close()` ends it. */
export class RedisStore implements Store {
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly onCorrupt: CorruptHandler;
  private readonly auditMaxEntries: number;
  private readonly unitCache = new UnitCache();

  constructor(opts: RedisStoreOptions) {
    this.redis = opts.redis;
    // Fails at start-up rather than on the first command when the prefix cannot start a key.
    this.prefix = checkPrefix(opts.prefix ?? 'dd');
    this.onCorrupt = opts.onCorrupt ?? (() => {});
    this.auditMaxEntries = opts.auditMaxEntries ?? AUDIT_MAX_ENTRIES;
    if (!Number.isSafeInteger(this.auditMaxEntries) || this.auditMaxEntries < 1) {
      throw new InvalidDataError(
        `store: auditMaxEntries must be a positive integer, not ${opts.auditMaxEntries}`,
      );
    }
    defineScripts(this.redis);
  }

  /** The store of one Slack team; throws `InvalidIdError` for an id that is not a Slack team id. */
  forTeam(teamId: string): TeamStore {
    return new RedisTeamStore({
      redis: this.redis,
      keys: teamKeys(this.prefix, teamId),
      onCorrupt: this.onCorrupt,
      auditMaxEntries: this.auditMaxEntries,
      unitCache: this.unitCache,
      unitVersions: new Map(),
    });
  }

  installations(): InstallationRecords {
    return installationRecords(this.redis, this.prefix);
  }

  /**
   * Every group of every team, found through the channel bindings (SCAN, so it never blocks
   * Redis). For operators' one-off tasks such as re-creating schedulers after a restore.
   */
  async *allGroups(): AsyncIterable<Group> {
    const binding = new RegExp(`^${this.prefix.replace(/[.]/g, '\\.')}:\\{([A-Z0-9_]+)\\}:ch:`);
    for await (const keys of scanKeys(this.redis, `${this.prefix}:{*}:ch:*`, 500)) {
      for (const key of keys) {
        const teamId = binding.exec(key)?.[1];
        const groupId = teamId ? await this.redis.get(key) : null;
        const group = teamId && groupId ? await this.forTeam(teamId).getGroup(groupId) : null;
        if (group) yield group;
      }
    }
  }

  /** True when Redis answers PING within `timeoutMs`; false (never a throw) otherwise. */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answer = this.redis.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** See {@link Store.acceptsWrites}. */
  async acceptsWrites(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    // One key per process, outside any team's hash tag, gone a minute after the last probe.
    const key = `${this.prefix}:health:${HEALTH_KEY_ID}`;
    const answer = this.redis.set(key, String(Date.now()), 'PX', 60_000).then(
      (reply) => reply === 'OK',
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the connection; gives up waiting for pending replies when Redis is unreachable. */
  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
