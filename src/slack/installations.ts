import { randomUUID } from 'node:crypto';
import type { Authorize } from '@slack/bolt';
import type { Installation } from '@slack/oauth';
import { ErrorCode, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OAuthSettings } from '../config';
import { NotInstalled, SlackUnavailable } from '../domain/errors';
import type { InstallationRecords, StoredInstallation } from '../store/installations';
import type { InstallationId } from '../store/keys';
import { type BotCredentials, REFRESH_AHEAD_MS, type TeamRef, type TokenSource } from './tokens';

/**
 * Many workspaces: the bot's token of each installation in Redis, its rotating token refreshed once
 * however many processes ask, for Bolt's `authorize` and for every job. The install flow's stores
 * are in install-stores.ts (only web processes load @slack/oauth's installer).
 */

/** Set in a request's context when its installation could not be read (see `authorize`). */
export const INSTALLATION_UNREADABLE = 'installationUnreadable';

/** The refresh lock outlives the refresh call (its timeout) by a margin; a dead holder frees it by then. */
const REFRESH_LOCK_MS = 15_000;
const REFRESH_TIMEOUT_MS = 10_000;
/** How often a process waiting for another's refresh looks again. */
const REFRESH_POLL_MS = 100;
/** Installations refreshed per read of the index. */
const REFRESH_BATCH = 100;

/** Answers of oauth.v2.access that no retry will change: the installation cannot be refreshed. */
const REFRESH_DEAD = new Set([
  'invalid_refresh_token',
  'invalid_grant_type',
  'invalid_client_id',
  'bad_client_secret',
  'token_revoked',
  'app_missing_action_url',
]);

export interface OAuthTokensOptions {
  records: InstallationRecords;
  oauth: OAuthSettings;
  /** SLACK_API_URL: where oauth.v2.access is. */
  apiUrl: string;
  logger: Logger;
  now?: () => number;
}

/** The installation that serves `ref`: the workspace's own, else the org-wide one of its enterprise. */
async function findInstallation(
  records: InstallationRecords,
  ref: TeamRef,
): Promise<StoredInstallation | null> {
  const own = await records.read({ kind: 'team', id: ref.teamId });
  if (own) return own;
  const enterpriseId = ref.enterpriseId ?? (await records.orgOfTeam(ref.teamId));
  return enterpriseId ? records.read({ kind: 'org', id: enterpriseId }) : null;
}

function credentials(stored: StoredInstallation, ref: Partial<TeamRef>): BotCredentials {
  const bot = stored.installation.bot;
  if (!bot?.token) throw new NotInstalled(ref);
  return {
    token: bot.token,
    botUserId: bot.userId,
    botId: bot.id,
    teamId: stored.installation.team?.id ?? ref.teamId,
    enterpriseId: stored.installation.enterprise?.id ?? ref.enterpriseId,
  };
}

/** True when the bot token rotates and expires within REFRESH_AHEAD_MS of `now` (or has expired). */
function expiresSoon(installation: Installation, now: number, aheadMs = REFRESH_AHEAD_MS): boolean {
  const bot = installation.bot;
  return Boolean(
    bot?.refreshToken && typeof bot.expiresAt === 'number' && bot.expiresAt * 1000 - now < aheadMs,
  );
}

function expired(installation: Installation, now: number): boolean {
  const at = installation.bot?.expiresAt;
  return typeof at === 'number' && at * 1000 <= now;
}

function platformError(err: unknown): string | null {
  const e = err as { code?: unknown; data?: { error?: unknown } };
  return e.code === ErrorCode.PlatformError ? String(e.data?.error ?? 'unknown_error') : null;
}

interface RefreshAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

/**
 * The TokenSource of many workspaces. A rotating token close to expiry is refreshed under a Redis
 * lock: the process that takes it reads the installation again (another may have refreshed it
 * meanwhile), refreshes, and writes only while it still holds the lock and the installation still
 * exists; the others wait for the lock and read what it wrote. So a refresh token, which Slack
 * lets be used once, is spent once.
 */
export class OAuthTokens implements TokenSource {
  readonly mode = 'oauth' as const;
  private readonly records: InstallationRecords;
  private readonly client: WebClient;
  private readonly now: () => number;
  /** Teams whose org-wide install this process has recorded, so the mapping is written once. */
  private readonly orgKnown = new Set<string>();

  constructor(private readonly opts: OAuthTokensOptions) {
    this.records = opts.records;
    this.now = opts.now ?? Date.now;
    this.client = new WebClient(undefined, {
      slackApiUrl: opts.apiUrl,
      timeout: REFRESH_TIMEOUT_MS,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  }

  async botToken(ref: TeamRef): Promise<BotCredentials> {
    let stored = await findInstallation(this.records, ref);
    if (!stored?.active) throw new NotInstalled(ref);
    if (expiresSoon(stored.installation, this.now())) stored = await this.refresh(stored, ref);
    return credentials(stored, ref);
  }

  async tokenRefused(ref: TeamRef, error: string): Promise<boolean> {
    const stored = await findInstallation(this.records, ref);
    if (!stored) return false;
    const marked = await this.records.deactivate(stored.id, error, this.now());
    if (marked === 'marked') {
      this.opts.logger.warn(
        { installation: `${stored.id.kind}:${stored.id.id}`, error },
        'Slack refused the installation token; its work stops until the app is installed again',
      );
    }
    return marked === 'marked';
  }

  async refreshExpiring(withinMs: number): Promise<number> {
    const due = await this.records.expiringBefore(this.now() + withinMs, REFRESH_BATCH);
    let refreshed = 0;
    for (const id of due) {
      try {
        const before = await this.records.read(id);
        if (!before?.active || !expiresSoon(before.installation, this.now(), withinMs)) continue;
        const after = await this.refresh(before, { teamId: id.id }, withinMs);
        if (after.installation.bot?.token !== before.installation.bot?.token) refreshed++;
      } catch (err) {
        this.opts.logger.warn({ installation: `${id.kind}:${id.id}`, err }, 'could not refresh a token');
      }
    }
    return refreshed;
  }

  /**
   * Bolt's `authorize`: the installation of the request's workspace, or of its org for an org-wide
   * install. When it cannot be read now (Redis away, a token refresh failing) the answer carries
   * INSTALLATION_UNREADABLE and no token, so that a listener's middleware can still tell the user
   * to try again: a throw here would have Bolt acknowledge with nothing at all.
   */
  authorize(): Authorize<boolean> {
    const read = this.readAuthorization();
    return async (source) => {
      try {
        return await read(source);
      } catch (err) {
        if (err instanceof NotInstalled) throw err;
        this.opts.logger.warn(
          { err, team: source.teamId, enterprise: source.enterpriseId },
          'could not read the installation of a request',
        );
        return { teamId: source.teamId, enterpriseId: source.enterpriseId, [INSTALLATION_UNREADABLE]: true };
      }
    };
  }

  private readAuthorization(): Authorize<boolean> {
    return async (source) => {
      const orgWide = Boolean(source.isEnterpriseInstall && source.enterpriseId);
      if (orgWide && source.enterpriseId) {
        const stored = await this.records.read({ kind: 'org', id: source.enterpriseId });
        if (!stored?.active) throw new NotInstalled(source);
        const fresh = expiresSoon(stored.installation, this.now())
          ? await this.refresh(stored, { teamId: source.teamId ?? source.enterpriseId })
          : stored;
        if (source.teamId && !this.orgKnown.has(source.teamId)) {
          await this.records.rememberOrgOfTeam(source.teamId, source.enterpriseId);
          this.orgKnown.add(source.teamId);
        }
        const creds = credentials(fresh, source);
        return { ...creds, botToken: creds.token };
      }
      if (!source.teamId) throw new NotInstalled(source);
      const creds = await this.botToken({ teamId: source.teamId, enterpriseId: source.enterpriseId });
      return {
        botToken: creds.token,
        botId: creds.botId,
        botUserId: creds.botUserId,
        teamId: source.teamId,
        enterpriseId: creds.enterpriseId,
      };
    };
  }

  /**
   * The installation with a fresh token: refreshed here under the lock, or by whoever holds it
   * (read once they are done). `seen` is what the caller read: once the stored refresh token is
   * another, someone refreshed since, and that is the answer. A token that cannot be refreshed but
   * has not expired is used as it is.
   */
  private async refresh(
    seen: StoredInstallation,
    ref: TeamRef,
    aheadMs = REFRESH_AHEAD_MS,
  ): Promise<StoredInstallation> {
    const { id } = seen;
    const spent = seen.installation.bot?.refreshToken;
    const fresh = (s: StoredInstallation) =>
      s.installation.bot?.refreshToken !== spent || !expiresSoon(s.installation, this.now(), aheadMs);
    const owner = randomUUID();
    const deadline = this.now() + REFRESH_LOCK_MS + REFRESH_TIMEOUT_MS;
    for (;;) {
      if (await this.records.takeRefreshLock(id, owner, REFRESH_LOCK_MS)) {
        try {
          return await this.refreshLocked(id, ref, owner, fresh);
        } finally {
          await this.records.releaseRefreshLock(id, owner);
        }
      }
      await new Promise((r) => setTimeout(r, REFRESH_POLL_MS * (0.5 + Math.random())));
      const now = await this.records.read(id);
      if (!now?.active) throw new NotInstalled(ref);
      if (fresh(now)) return now;
      if (this.now() > deadline) {
        if (!expired(now.installation, this.now())) return now;
        throw new SlackUnavailable('another process is still refreshing the token', false);
      }
    }
  }

  private async refreshLocked(
    id: InstallationId,
    ref: TeamRef,
    owner: string,
    fresh: (s: StoredInstallation) => boolean,
  ): Promise<StoredInstallation> {
    // Read again under the lock: whoever held it before may have refreshed already.
    const stored = await this.records.read(id);
    if (!stored?.active) throw new NotInstalled(ref);
    const bot = stored.installation.bot;
    if (!bot?.refreshToken || fresh(stored)) return stored;
    const asked = this.now();
    let answer: RefreshAnswer;
    try {
      answer = (await this.client.oauth.v2.access({
        client_id: this.opts.oauth.clientId,
        client_secret: this.opts.oauth.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: bot.refreshToken,
      })) as RefreshAnswer;
    } catch (err) {
      const error = platformError(err);
      const stillValid = !expired(stored.installation, this.now());
      this.opts.logger.warn(
        { installation: `${id.kind}:${id.id}`, error: error ?? (err as Error).message, stillValid },
        'token refresh failed',
      );
      if (error && REFRESH_DEAD.has(error) && !stillValid) {
        await this.records.deactivate(id, error, asked);
        throw new NotInstalled(ref);
      }
      if (stillValid) return stored;
      throw new SlackUnavailable(`token refresh failed: ${error ?? 'no answer'}`, false);
    }
    if (!answer.access_token || !answer.refresh_token || typeof answer.expires_in !== 'number') {
      throw new SlackUnavailable('token refresh answered without a token', false);
    }
    const installation: Installation = {
      ...stored.installation,
      bot: {
        ...bot,
        token: answer.access_token,
        refreshToken: answer.refresh_token,
        expiresAt: Math.floor(asked / 1000) + answer.expires_in,
      },
    };
    const saved = await this.records.saveRefreshed(id, owner, installation);
    if (saved === 'gone') throw new NotInstalled(ref);
    // Lock lost (the call outlasted it): the new token still works; the next refresh reads what is stored.
    return { ...stored, installation };
  }
}
