import { randomBytes } from 'node:crypto';
import { type EventInstall, type PayloadTeam, type TeamChoice, teamDomain, workspaceUrl } from './payloads';
import type { Caller } from './slack-methods';
import type { SandboxIdentity } from './workspace';

/** A workspace the app can be installed in, maybe in an Enterprise Grid organization. */
export interface TeamOptions {
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  enterpriseName?: string;
}

/** What the workspace knows of one token it issued. */
export interface IssuedToken {
  kind: 'bot' | 'user';
  /** Null for an org-wide install's token. */
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  /** A user token's person. */
  userId: string | null;
  scope: string;
  /** Epoch ms; null when the token does not expire (no rotation). */
  expiresAt: number | null;
  revoked: boolean;
}

/** Whose a token is: the app's bot user, or a person's (a user token). */
export type TokenHolder = Pick<IssuedToken, 'kind' | 'botUserId' | 'userId'>;

/** What a token says of a call: who it speaks for, or Slack's error for it. */
export type Authentication =
  | { ok: true; caller: Caller; team: string }
  | { ok: false; error: 'invalid_auth' | 'token_expired' | 'token_revoked'; team: string | null };

export interface Team {
  id: string;
  name: string;
  enterpriseId: string | null;
}

/** One installation: in a workspace, or org-wide in an organization (team null). */
export interface Install {
  /** The team id, or the enterprise id of an org-wide install: what its tokens' calls are recorded under. */
  key: string;
  team: Team | null;
  enterprise: { id: string; name: string } | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
}

/** What one access token (and each refresh token that follows it) was granted for. */
export interface Grant {
  install: Install;
  kind: 'bot' | 'user';
  userId: string | null;
  scope: string;
}

/** A token just issued, and (with rotation) its refresh token and lifetime in seconds. */
export interface Issued {
  token: string;
  refreshToken: string | null;
  expiresIn: number | null;
}

/** An issued token, under the installation key its calls are recorded with. */
type TokenRecord = IssuedToken & { key: string };

/**
 * The workspaces the app can be installed in, its installations, and every token issued for
 * them: a call's token speaks for its own team, or is refused with `invalid_auth`,
 * `token_expired` or `token_revoked`. Until OAuth is enabled any `xoxb-`/`xoxp-` token (or only
 * the configured one) speaks for the workspace's own team.
 */
export class Installs {
  /** The clock tokens expire by (epoch ms); OAuth may set its own. */
  now: () => number = Date.now;
  /** Once OAuth is enabled, only issued tokens (and the configured one) are accepted. */
  issuedOnly = false;
  private readonly teams = new Map<string, Team>();
  private readonly enterprises = new Map<string, string>();
  private readonly installs = new Map<string, Install>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly refreshTokens = new Map<string, { grant: Grant; spent: boolean }>();
  /** The workspace's own token (the configured one, or any before OAuth): revocable like an issued one. */
  private readonly own: TokenRecord;

  constructor(
    private readonly identity: SandboxIdentity,
    /** The one token accepted besides issued ones; unset, any `xoxb-`/`xoxp-` until OAuth is enabled. */
    private readonly fixedToken: string | undefined,
    /** Called with each new installation's bot user, so the workspace knows it. */
    private readonly onBotUser: (botUserId: string) => void,
  ) {
    this.own = {
      key: identity.teamId,
      kind: 'bot',
      teamId: identity.teamId,
      enterpriseId: null,
      isEnterpriseInstall: false,
      botUserId: identity.botUserId,
      botId: identity.botId,
      userId: null,
      scope: '',
      expiresAt: null,
      revoked: false,
    };
  }

  addTeam(t: TeamOptions): void {
    if (!/^T[A-Z0-9]+$/.test(t.teamId)) throw new Error(`addTeam: "${t.teamId}" is not a team id (T…)`);
    if (t.enterpriseId && !/^E[A-Z0-9]+$/.test(t.enterpriseId))
      throw new Error(`addTeam: "${t.enterpriseId}" is not an enterprise id (E…)`);
    this.teams.set(t.teamId, { id: t.teamId, name: t.teamName, enterpriseId: t.enterpriseId ?? null });
    if (t.enterpriseId) this.enterprises.set(t.enterpriseId, t.enterpriseName ?? t.enterpriseId);
  }

  /** A team the app can be installed in: an added one, or the workspace's own. */
  team(id: string): Team | undefined {
    if (id === this.identity.teamId && !this.teams.has(id))
      return { id, name: this.identity.teamName, enterpriseId: null };
    return this.teams.get(id);
  }

  /** Where an install goes when the consent page names no team: the first added, else the workspace's own. */
  defaultTeam(): Team {
    return (
      this.teams.values().next().value ?? {
        id: this.identity.teamId,
        name: this.identity.teamName,
        enterpriseId: null,
      }
    );
  }

  /** The installation in a team (org-wide: in its organization); a reinstall keeps its bot user, as Slack's does. */
  install(team: Team, orgWide: boolean): Install {
    const enterpriseId = team.enterpriseId;
    const key = orgWide && enterpriseId ? enterpriseId : team.id;
    const known = this.installs.get(key);
    if (known) return known;
    const own = key === this.identity.teamId;
    const n = this.installs.size + 1;
    const install: Install = {
      key,
      team: orgWide ? null : team,
      enterprise: enterpriseId
        ? { id: enterpriseId, name: this.enterprises.get(enterpriseId) ?? enterpriseId }
        : null,
      isEnterpriseInstall: orgWide,
      // An organization's users, its bot user too, have W ids.
      botUserId: own ? this.identity.botUserId : `${orgWide ? 'W' : 'U'}0BOT${n}`,
      botId: own ? this.identity.botId : `B0BOT${n}`,
    };
    this.installs.set(key, install);
    if (!own) this.onBotUser(install.botUserId);
    return install;
  }

  /** A new access token for the grant; with a lifetime, it expires and comes with a refresh token. */
  issue(grant: Grant, lifetimeSeconds: number | null): Issued {
    const { install, kind } = grant;
    const token = `${kind === 'bot' ? 'xoxb' : 'xoxp'}-${digits()}-${digits()}-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, {
      key: install.key,
      kind,
      teamId: install.team?.id ?? null,
      enterpriseId: install.enterprise?.id ?? null,
      isEnterpriseInstall: install.isEnterpriseInstall,
      botUserId: install.botUserId,
      botId: install.botId,
      userId: grant.userId,
      scope: grant.scope,
      expiresAt: lifetimeSeconds === null ? null : this.now() + lifetimeSeconds * 1000,
      revoked: false,
    });
    if (lifetimeSeconds === null) return { token, refreshToken: null, expiresIn: null };
    const refreshToken = `xoxe-1-${randomBytes(24).toString('hex')}`;
    this.refreshTokens.set(refreshToken, { grant, spent: false });
    return { token, refreshToken, expiresIn: lifetimeSeconds };
  }

  /** Spends a refresh token: its grant, once; null when it is unknown, spent or revoked. */
  redeem(refreshToken: string): Grant | null {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry || entry.spent) return null;
    entry.spent = true;
    return entry.grant;
  }

  /** Who a call's token speaks for. */
  authenticate(token: string): Authentication {
    const accepted = this.fixedToken
      ? token === this.fixedToken
      : !this.issuedOnly && /^xox[bp]-/.test(token);
    const record = this.tokens.get(token) ?? (accepted ? this.own : null);
    if (!record) return { ok: false, error: 'invalid_auth', team: null };
    if (record.revoked) return { ok: false, error: 'token_revoked', team: record.key };
    if (record.expiresAt !== null && this.now() >= record.expiresAt)
      return { ok: false, error: 'token_expired', team: record.key };
    return { ok: true, caller: this.callerOf(record), team: record.key };
  }

  tokenInfo(token: string): IssuedToken | undefined {
    const record = this.tokens.get(token);
    if (!record) return undefined;
    const { key: _key, ...info } = record;
    return info;
  }

  /**
   * Revokes the tokens of a team's (or an organization's org-wide) installation that `which`
   * picks, and their refresh tokens; answers how many access tokens were revoked.
   */
  revoke(key: string, which: (t: TokenHolder) => boolean = () => true): number {
    let count = 0;
    for (const record of [...this.tokens.values(), this.own]) {
      if (record.key !== key || record.revoked || !which(record)) continue;
      record.revoked = true;
      count += 1;
    }
    for (const entry of this.refreshTokens.values()) {
      const { install, kind, userId } = entry.grant;
      if (install.key === key && which({ kind, botUserId: install.botUserId, userId })) entry.spent = true;
    }
    return count;
  }

  /** The installation an event for `key` (a team id, or an enterprise id for org-wide) is delivered for. */
  eventInstall(key: string): EventInstall {
    const install = this.installs.get(key);
    if (install) {
      return {
        teamId: install.team?.id ?? null,
        enterpriseId: install.enterprise?.id ?? null,
        isEnterpriseInstall: install.isEnterpriseInstall,
        botUserId: install.botUserId,
      };
    }
    if (key !== this.identity.teamId) throw new Error(`The app is not installed in ${key}`);
    return {
      teamId: key,
      enterpriseId: null,
      isEnterpriseInstall: false,
      botUserId: this.identity.botUserId,
    };
  }

  /** What payloads of a person acting in the chosen team say of it (for `People.inTeam`). */
  payloadTeam(choice: TeamChoice): PayloadTeam {
    const team = this.team(choice.teamId);
    const enterpriseId = choice.enterpriseId ?? team?.enterpriseId ?? null;
    const isEnterpriseInstall = Boolean(choice.isEnterpriseInstall && enterpriseId);
    const install = this.installs.get(isEnterpriseInstall && enterpriseId ? enterpriseId : choice.teamId);
    return {
      id: choice.teamId,
      domain: teamDomain(team?.name ?? choice.teamId),
      enterpriseId,
      enterpriseName: enterpriseId ? (this.enterprises.get(enterpriseId) ?? enterpriseId) : null,
      isEnterpriseInstall,
      botUserId: install?.botUserId ?? this.identity.botUserId,
      botId: install?.botId ?? this.identity.botId,
    };
  }

  private callerOf(record: TokenRecord): Caller {
    const holder =
      record.kind === 'bot'
        ? { userId: record.botUserId, botId: record.botId }
        : { userId: record.userId ?? record.botUserId, botId: null };
    const enterprise = this.installs.get(record.key)?.enterprise;
    if (record.isEnterpriseInstall && enterprise) {
      return {
        ...holder,
        teamId: null,
        teamName: enterprise.name,
        enterpriseId: enterprise.id,
        isEnterpriseInstall: true,
        url: workspaceUrl(enterprise.name, 'enterprise'),
      };
    }
    const team = this.team(record.key) ?? { id: record.key, name: record.key, enterpriseId: null };
    return {
      ...holder,
      teamId: team.id,
      teamName: team.name,
      enterpriseId: team.enterpriseId,
      isEnterpriseInstall: false,
      url: workspaceUrl(team.name),
    };
  }
}

/** Digits as Slack's tokens carry them (`xoxb-<digits>-<digits>-<random>`). */
function digits(): string {
  return String(randomBytes(5).readUIntBE(0, 5)).padStart(13, '0');
}
