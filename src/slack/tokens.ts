/**
 * Where the bot's Slack tokens come from: the one `SLACK_BOT_TOKEN` of a single workspace, or the
 * installations of many workspaces (OAuth, src/slack/installations.ts). Handlers get their token
 * from Bolt's `authorize`; jobs carry team and enterprise ids, never tokens, and ask here per job.
 */

/** Which installation a request or a job belongs to: a workspace, in an Enterprise Grid org or not. */
export interface TeamRef {
  teamId: string;
  /** The org of an Enterprise Grid workspace; an org-wide install is found by it. */
  enterpriseId?: string | undefined;
}

/** A bot token and who the bot is in that workspace. */
export interface BotCredentials {
  token: string;
  botUserId?: string | undefined;
  botId?: string | undefined;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}

/**
 * Errors with which Slack says a token is dead for good: the workspace uninstalled the app, revoked
 * the token, or was deactivated. A job that meets one stops its team's work instead of retrying.
 * `token_expired` is not among them: a rotating token is refreshed and the job tried again.
 */
export const DEAD_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'account_inactive',
]);

/**
 * A rotating token is refreshed once it expires within this long (Slack's last 12 hours): by the
 * first request or job that needs it, or by the periodic refresh, whichever comes first.
 */
export const REFRESH_AHEAD_MS = 2 * 60 * 60_000;

export interface TokenSource {
  /** `single`: one SLACK_BOT_TOKEN for everything; `oauth`: one installation per workspace. */
  readonly mode: 'single' | 'oauth';
  /**
   * The bot token of `ref`'s installation (a workspace install by team, else an org-wide install by
   * enterprise), refreshed first when it rotates and expires soon, once however many processes ask.
   * Throws `NotInstalled` when there is no active installation.
   */
  botToken(ref: TeamRef): Promise<BotCredentials>;
  /**
   * Slack answered a call made with `ref`'s token with one of DEAD_TOKEN_ERRORS: the installation is
   * marked inactive (its tokens kept out of use until a reinstall). True when it was so marked now;
   * always false with a single token, which nothing can replace at run time.
   */
  tokenRefused(ref: TeamRef, error: string): Promise<boolean>;
  /** Refreshes the rotating tokens that expire within `withinMs`; how many were refreshed. */
  refreshExpiring(withinMs: number): Promise<number>;
}

/** The single-workspace source: `SLACK_BOT_TOKEN` for every team, as before OAuth. */
export function singleToken(token: string): TokenSource {
  return {
    mode: 'single',
    botToken: async () => ({ token }),
    tokenRefused: async () => false,
    refreshExpiring: async () => 0,
  };
}
