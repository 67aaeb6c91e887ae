import type { Installation } from '@slack/oauth';
import { InvalidDataError } from '../domain/errors';
import { execAll } from './context';
import {
  type InstallationId,
  type InstallationKeys,
  installationKeys,
  installationMember,
  parseInstallationMember,
} from './keys';
import type { RedisClient } from './redis';
import { runScript } from './scripts';

/** An installation as stored: the bot's part (user tokens are kept apart), when, and whether it may be used. */
export interface StoredInstallation {
  id: InstallationId;
  installation: Installation;
  /** When it was installed (ms): events older than this are about an earlier installation. */
  installedAt: number;
  /** False once Slack refused its token for good; it serves nothing until installed again. */
  active: boolean;
  /** Why it is inactive (`token_revoked`…), or null. */
  reason: string | null;
}

/** The user part of an installation (`installation.user`), token included. */
export type InstalledUser = Installation['user'];

/** The installations of the app in many workspaces, and the OAuth states of installs under way. */
export interface InstallationRecords {
  /** Stores a new installation (or a reinstall, replacing the earlier one), active, installed at `now`. */
  save(installation: Installation, now: number): Promise<InstallationId>;
  read(id: InstallationId): Promise<StoredInstallation | null>;
  /** The user token of `userId` in the installation, when the install granted user scopes. */
  user(id: InstallationId, userId: string): Promise<InstalledUser | null>;
  /** The enterprise whose org-wide install serves the workspace, as learnt from its requests. */
  orgOfTeam(teamId: string): Promise<string | null>;
  rememberOrgOfTeam(teamId: string, enterpriseId: string): Promise<void>;
  /** Takes the installation's refresh lock with this process's `token` (also when it already holds it). */
  takeRefreshLock(id: InstallationId, token: string, ttlMs: number): Promise<boolean>;
  releaseRefreshLock(id: InstallationId, token: string): Promise<void>;
  /** Writes a refreshed installation while holding the refresh lock and while it still exists. */
  saveRefreshed(
    id: InstallationId,
    token: string,
    installation: Installation,
  ): Promise<'saved' | 'lock_lost' | 'gone'>;
  /** Deletes the installation and its user tokens, unless it was installed after `eventMs`. */
  remove(id: InstallationId, eventMs: number): Promise<'deleted' | 'none' | 'newer'>;
  /** Deletes these users' tokens only (a `tokens_revoked` event naming users); how many there were. */
  removeUsers(id: InstallationId, userIds: readonly string[]): Promise<number>;
  /** Marks the installation inactive with `reason`, unless it was installed after `atMs`. */
  deactivate(id: InstallationId, reason: string, atMs: number): Promise<'marked' | 'none' | 'newer'>;
  /** Up to `limit` installations whose bot token expires before `ms`, soonest first. */
  expiringBefore(ms: number, limit: number): Promise<InstallationId[]>;
  /** Keeps an OAuth state's install options for `ttlMs`. */
  saveState(nonce: string, value: string, ttlMs: number): Promise<void>;
  /** The state's value, deleted as it is read (GETDEL: a state works once); null when unknown or expired. */
  takeState(nonce: string): Promise<string | null>;
}

/** Which installation an installation object is: org-wide by its enterprise, else its workspace's. */
export function installationIdOf(installation: Installation): InstallationId {
  if (installation.isEnterpriseInstall && installation.enterprise?.id) {
    return { kind: 'org', id: installation.enterprise.id };
  }
  const teamId = installation.team?.id;
  if (!teamId) throw new InvalidDataError('installation has neither a team nor an org-wide enterprise');
  return { kind: 'team', id: teamId };
}

/** The index score: when the bot token expires, in ms; +inf for a token that does not rotate. */
function expiryScore(installation: Installation): string {
  const at = installation.bot?.expiresAt;
  return typeof at === 'number' && Number.isFinite(at) ? String(at * 1000) : '+inf';
}

/** The installation without its user token: that is stored under the user. */
function botPart(installation: Installation): Installation {
  return {
    ...installation,
    user: { id: installation.user.id, scopes: installation.user.scopes, token: undefined },
  };
}

function parseStored(id: InstallationId, hash: Record<string, string>): StoredInstallation | null {
  if (!hash.record) return null;
  let installation: Installation;
  try {
    installation = JSON.parse(hash.record) as Installation;
  } catch {
    throw new InvalidDataError(`installation ${installationMember(id)} is not JSON`);
  }
  return {
    id,
    installation,
    installedAt: Number(hash.installedAt ?? 0),
    active: hash.active !== '0',
    reason: hash.reason ?? null,
  };
}

export function installationRecords(redis: RedisClient, prefix: string): InstallationRecords {
  const keys: InstallationKeys = installationKeys(prefix);
  return {
    async save(installation, now) {
      const id = installationIdOf(installation);
      const multi = redis
        .multi()
        .del(keys.record(id), keys.refreshLock(id))
        .hset(keys.record(id), {
          record: JSON.stringify(botPart(installation)),
          installedAt: String(now),
          active: '1',
        });
      const user = installation.user;
      if (user?.token) multi.hset(keys.users(id), user.id, JSON.stringify(user));
      await execAll(multi);
      // The index is one key outside the installation's slot: written after, and read as a hint.
      await redis.zadd(keys.index(), expiryScore(installation), installationMember(id));
      return id;
    },
    async read(id) {
      return parseStored(id, await redis.hgetall(keys.record(id)));
    },
    async user(id, userId) {
      const raw = await redis.hget(keys.users(id), userId);
      return raw ? (JSON.parse(raw) as InstalledUser) : null;
    },
    orgOfTeam: async (teamId) => redis.get(keys.teamOrg(teamId)),
    async rememberOrgOfTeam(teamId, enterpriseId) {
      await redis.set(keys.teamOrg(teamId), enterpriseId);
    },
    async takeRefreshLock(id, token, ttlMs) {
      return (await runScript(redis, 'ddTakeLock', [keys.refreshLock(id)], [token, ttlMs])) === 1;
    },
    async releaseRefreshLock(id, token) {
      await runScript(redis, 'ddReleaseLock', [keys.refreshLock(id)], [token]);
    },
    async saveRefreshed(id, token, installation) {
      const done = await runScript(
        redis,
        'ddSaveRefreshed',
        [keys.record(id), keys.refreshLock(id)],
        [token, JSON.stringify(botPart(installation))],
      );
      if (done === 1) await redis.zadd(keys.index(), expiryScore(installation), installationMember(id));
      return done === 1 ? 'saved' : done === 0 ? 'lock_lost' : 'gone';
    },
    async remove(id, eventMs) {
      const done = await runScript(
        redis,
        'ddDeleteInstallation',
        [keys.record(id), keys.users(id), keys.refreshLock(id)],
        [eventMs],
      );
      if (done === 1) await redis.zrem(keys.index(), installationMember(id));
      return done === 1 ? 'deleted' : done === 0 ? 'none' : 'newer';
    },
    async removeUsers(id, userIds) {
      return userIds.length === 0 ? 0 : redis.hdel(keys.users(id), ...userIds);
    },
    async deactivate(id, reason, atMs) {
      const done = await runScript(redis, 'ddDeactivateInstallation', [keys.record(id)], [reason, atMs]);
      if (done === 1) await redis.zrem(keys.index(), installationMember(id));
      return done === 1 ? 'marked' : done === 0 ? 'none' : 'newer';
    },
    async expiringBefore(ms, limit) {
      const members = await redis.zrangebyscore(keys.index(), '-inf', `(${ms}`, 'LIMIT', 0, limit);
      return members.map(parseInstallationMember).filter((i): i is InstallationId => i !== null);
    },
    async saveState(nonce, value, ttlMs) {
      await redis.set(keys.state(nonce), value, 'PX', ttlMs);
    },
    takeState: async (nonce) => redis.getdel(keys.state(nonce)),
  };
}
