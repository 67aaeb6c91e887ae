import { type Logger, pino } from 'pino';

/** Stands where a secret was. */
const MASK = '…';

/** `user:password@` in a URL (or in what was meant to be one), the password ending at the last `@`. */
const USER_PASSWORD = /([^\s/@:'"`<>]*):([^\s/'"`<>]+)@/g;
/** `scheme://credential@` with no colon: a token in the user part. */
const USER_ONLY = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:'"`<>]+)@/gi;

/**
 * `text` with the credentials of every URL in it masked: `redis://user:pass@host` becomes
 * `redis://user:…@host`, `https://token@host` becomes `https://…@host`.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(USER_PASSWORD, `$1:${MASK}@`).replace(USER_ONLY, `$1${MASK}@`);
}

/**
 * A Slack token of any kind (bot `xoxb-`, user `xoxp-`, app `xapp-`, a rotating refresh token
 * `xoxe-`, an exchanged `xoxe.xoxb-`): the tokens of installations are not settings, so they are
 * masked by their shape, keeping the kind.
 */
const SLACK_TOKEN = /\b(xox[a-z]|xapp|xoxe\.xox[a-z])-[A-Za-z0-9-]{4,}/g;

/** `text` with every Slack token masked: `xoxb-123-abc` becomes `xoxb-…`. */
function maskSlackTokens(text: string): string {
  return text.replace(SLACK_TOKEN, `$1-${MASK}`);
}

/** The settings that hold secrets; `Config` has them all. */
export interface SecretSettings {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  ADMIN_PASSWORD?: string | undefined;
  redisUrl: string;
}

/** Shorter values are not masked wherever they appear (a short password would garble every line). */
const MIN_MASKED_LENGTH = 4;

/** The secret values of a configuration: tokens, the signing secret, passwords, Redis credentials. */
export function secretsOf(settings: SecretSettings): string[] {
  const values = [
    settings.SLACK_BOT_TOKEN,
    settings.SLACK_SIGNING_SECRET,
    settings.SLACK_APP_TOKEN,
    settings.SLACK_CLIENT_SECRET,
    settings.SLACK_STATE_SECRET,
    settings.ADMIN_PASSWORD,
  ];
  try {
    const url = new URL(settings.redisUrl);
    values.push(url.password, decodeURIComponent(url.password));
  } catch {
    // Not a URL: maskUrlCredentials still masks what looks like `user:pass@`.
  }
  return [...new Set(values)].filter((v): v is string => (v?.length ?? 0) >= MIN_MASKED_LENGTH);
}

/** A function that masks each of `secrets` (also as JSON escapes it) and every URL's credentials. */
export function redactor(secrets: string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => maskSlackTokens(maskUrlCredentials(forms.reduce((t, s) => t.replaceAll(s, MASK), text)));
}

/**
 * The process's logger: every line it writes has the configuration's secrets and URL credentials
 * masked, whatever a library put in an error or a debug message.
 */
export function createLogger(level: string, secrets: string[]): Logger {
  return pino({ level, hooks: { streamWrite: redactor(secrets) } });
}
