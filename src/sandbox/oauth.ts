import { randomBytes } from 'node:crypto';
import type { Grant, Install, Installs, Issued, Team } from './installs';
import type { ApiResult } from './slack-methods';

/** Slack's rotating access tokens live 12 hours (`expires_in: 43200`). */
const TOKEN_LIFETIME_SECONDS = 43_200;
/** An authorization code is exchanged once, within 10 minutes. */
const CODE_TTL_MS = 10 * 60_000;
/** Who presses "Allow" when the authorize URL names nobody (`user=`). */
const DEFAULT_INSTALLER = 'U0INSTALLER';

/** Where the workspace's consent page is, standing in for slack.com/oauth/v2/authorize. */
export const AUTHORIZE_PATH = '/oauth/v2/authorize';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Token rotation: access tokens expire and come with a single-use refresh token. */
  rotation?: boolean;
  /** How long a rotating access token lives; default Slack's 12 hours. */
  tokenLifetimeSeconds?: number;
  /** The app's configured redirect URL: used when the authorize URL names none, and the only one accepted. */
  redirectUri?: string;
  /** The clock codes and tokens expire by, in epoch ms; default Date.now. */
  now?: () => number;
}

/** The consent page's answer: back to the app's redirect URL, or a page saying what is wrong. */
export type AuthorizeAnswer = { status: 302; location: string } | { status: 400; text: string };

/** oauth.v2.access's answer, and the installation (team or enterprise id) it is for. */
export type Exchange = { result: ApiResult; team: string | null };

interface Config {
  clientId: string;
  clientSecret: string;
  /** Null without rotation: tokens do not expire. */
  lifetimeSeconds: number | null;
  redirectUri: string | null;
}

interface Code {
  team: Team;
  orgWide: boolean;
  userId: string;
  scope: string;
  userScope: string;
  /** The redirect_uri the authorize URL named: the exchange must name it too. */
  redirectUri: string | null;
  expiresAt: number;
  used: boolean;
}

const fail = (error: string): Exchange => ({ result: { ok: false, error }, team: null });
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Slack's side of OAuth v2 for a distributable app: the consent page hands out single-use
 * codes, and `oauth.v2.access` exchanges a code (or, with rotation, a refresh token, spent by
 * its use) for per-team tokens, kept in {@link Installs}.
 */
export class OAuthServer {
  private config: Config | null = null;
  private readonly codes = new Map<string, Code>();

  constructor(
    private readonly installs: Installs,
    private readonly appId: string,
  ) {}

  enable(opts: OAuthOptions): void {
    if (!opts.clientId || !opts.clientSecret)
      throw new Error('enableOAuth: clientId and clientSecret are required');
    const lifetime = opts.tokenLifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
    if (!(lifetime > 0))
      throw new Error(`enableOAuth: tokenLifetimeSeconds must be positive (got ${lifetime})`);
    this.config = {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      lifetimeSeconds: opts.rotation ? lifetime : null,
      redirectUri: opts.redirectUri ?? null,
    };
    this.installs.now = opts.now ?? Date.now;
    this.installs.issuedOnly = true;
  }

  /** The consent page: a person allows (or cancels) the install, and the browser goes back to the app. */
  authorize(params: URLSearchParams): AuthorizeAnswer {
    const config = this.config;
    const refused = (text: string): AuthorizeAnswer => ({ status: 400, text });
    if (!config || params.get('client_id') !== config.clientId) return refused('Invalid client_id parameter');
    const given = str(params.get('redirect_uri'));
    if (given && config.redirectUri && given !== config.redirectUri)
      return refused(`redirect_uri did not match any configured URIs. Passed URI: ${given}`);
    const redirect = given ?? config.redirectUri;
    if (!redirect || !URL.canParse(redirect)) return refused('No redirect_uri was given or configured');
    const scope = params.get('scope') ?? '';
    const userScope = params.get('user_scope') ?? '';
    if (!scope && !userScope) return refused('Invalid permissions requested: no scope');
    const wanted = str(params.get('team'));
    const team = wanted ? this.installs.team(wanted) : this.installs.defaultTeam();
    if (!team) return refused(`No workspace ${wanted}`);
    const orgWide = params.get('org') === '1';
    if (orgWide && !team.enterpriseId) return refused(`${team.id} is not in an Enterprise Grid organization`);
    const back = new URL(redirect);
    if (params.get('deny') === '1') back.searchParams.set('error', 'access_denied');
    else {
      const code = `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
      this.codes.set(code, {
        team,
        orgWide,
        userId: str(params.get('user')) ?? DEFAULT_INSTALLER,
        scope,
        userScope,
        redirectUri: given,
        expiresAt: this.installs.now() + CODE_TTL_MS,
        used: false,
      });
      back.searchParams.set('code', code);
    }
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, location: back.toString() };
  }

  /** oauth.v2.access: the client's id and secret in the body or as HTTP Basic, then a code or a refresh token. */
  access(body: Record<string, unknown>, authorization: string | undefined): Exchange {
    const config = this.config;
    const client = credentials(body, authorization);
    if (!config || client.id !== config.clientId) return fail('invalid_client_id');
    if (client.secret !== config.clientSecret) return fail('bad_client_secret');
    const grantType = str(body.grant_type) ?? 'authorization_code';
    if (grantType === 'refresh_token') return this.refresh(config, str(body.refresh_token));
    if (grantType !== 'authorization_code') return fail('invalid_grant_type');
    const code = this.codes.get(str(body.code) ?? '');
    if (!code || code.used || this.installs.now() >= code.expiresAt) return fail('invalid_code');
    if (code.redirectUri !== null && str(body.redirect_uri) !== code.redirectUri)
      return fail('bad_redirect_uri');
    code.used = true;
    const install = this.installs.install(code.team, code.orgWide);
    const grant = (kind: Grant['kind'], userId: string | null, scope: string) =>
      scope ? this.installs.issue({ install, kind, userId, scope }, config.lifetimeSeconds) : null;
    const bot = grant('bot', null, code.scope);
    const user = grant('user', code.userId, code.userScope);
    const botFields = bot && {
      access_token: bot.token,
      token_type: 'bot',
      scope: code.scope,
      bot_user_id: install.botUserId,
      ...rotating(bot),
    };
    const userFields = user && {
      scope: code.userScope,
      access_token: user.token,
      token_type: 'user',
      ...rotating(user),
    };
    const result: ApiResult = {
      ok: true,
      ...botFields,
      app_id: this.appId,
      ...where(install),
      authed_user: { id: code.userId, ...userFields },
    };
    return { result, team: install.key };
  }

  /** A refresh token for a fresh access token and a new refresh token. */
  private refresh(config: Config, refreshToken: string | null): Exchange {
    const grant = config.lifetimeSeconds === null ? null : this.installs.redeem(refreshToken ?? '');
    if (!grant) return fail('invalid_refresh_token');
    const issued = this.installs.issue(grant, config.lifetimeSeconds);
    const result: ApiResult = {
      ok: true,
      app_id: this.appId,
      scope: grant.scope,
      token_type: grant.kind,
      access_token: issued.token,
      ...(grant.kind === 'bot' ? { bot_user_id: grant.install.botUserId } : { user_id: grant.userId }),
      ...rotating(issued),
      ...where(grant.install),
    };
    return { result, team: grant.install.key };
  }
}

/** The client's id and secret: HTTP Basic when the request has it, else the form's fields. */
function credentials(
  body: Record<string, unknown>,
  authorization: string | undefined,
): { id: string | null; secret: string | null } {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return { id: str(body.client_id), secret: str(body.client_secret) };
}

function rotating(issued: Issued) {
  return issued.refreshToken ? { refresh_token: issued.refreshToken, expires_in: issued.expiresIn } : {};
}

/** Where an installation is: its team (null org-wide) and organization (null outside Grid). */
function where(install: Install) {
  return {
    team: install.team ? { id: install.team.id, name: install.team.name } : null,
    enterprise: install.enterprise,
    is_enterprise_install: install.isEnterpriseInstall,
  };
}
