import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { maskUrlCredentials } from './app/redact';
import { ConfigError } from './domain/errors';
import { isValidTimeZone } from './domain/zoned-time';
import { checkClusterUrl, type RedisNode, type RedisTarget } from './store/redis';

/** Settings that say "this is meant to reach a real Slack"; with none of them, npm start runs local mode. */
const SLACK_SETTINGS = [
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
] as const;

/** A host name, an IPv4 address or a bracketed IPv6 one, then a port: `10.0.0.1:7000`, `[::1]:7000`. */
const NODE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253}):(\d{1,5})$/;

function parseNode(entry: string): RedisNode | null {
  const m = NODE.exec(entry);
  const port = Number(m?.[2]);
  if (!m?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUnset, z.string().min(8, 'is too short').optional()),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ message: 'must be a URL' })
      .default('https://slack.com/api/')
      .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  /** Seed nodes of a Redis Cluster; the client learns the rest of it from them. */
  REDIS_CLUSTER_NODES: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((list, ctx) => {
        const nodes = list.split(',').map((entry) => parseNode(entry.trim()));
        if (nodes.some((n) => n === null)) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be host:port pairs separated by commas, such as 10.0.0.1:7000,10.0.0.2:7000',
          });
          return z.NEVER;
        }
        return nodes as RedisNode[];
      })
      .optional(),
  ),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]{1,255}$/, 'must be an address or host name such as 127.0.0.1 or 0.0.0.0')
      .optional(),
  ),
  ROLE: z.preprocess(emptyAsUnset, z.enum(['all', 'web', 'worker']).default('all')),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(logLevels).default('info')),
  DEFAULT_TZ: z.preprocess(
    emptyAsUnset,
    z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('UTC'),
  ),
  DEFAULT_LANG: z.preprocess(emptyAsUnset, z.enum(['en', 'zh']).default('en')),
  ADMIN_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(8, 'must be at least 8 characters').optional()),
  /** Port of /metrics and the dashboard, never PORT; 0 picks a free one. */
  OPS_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(9464)),
  SLACK_CLIENT_ID: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^\d+\.\d+$/, "must be the app's Client ID, two numbers joined by a dot (Basic Information)")
      .optional(),
  ),
  SLACK_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().min(8, 'is too short').optional()),
  /** Signs the OAuth state; any long random string (e.g. `openssl rand -hex 32`). */
  SLACK_STATE_SECRET: z.preprocess(
    emptyAsUnset,
    z.string().min(16, 'must be at least 16 characters, e.g. the output of openssl rand -hex 32').optional(),
  ),
  /** Commands a user may send in a minute in one team; 0 turns the limit off. */
  COMMANDS_PER_MINUTE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(100_000).default(30)),
});

/** The OAuth settings, all three, when the app is installable in many workspaces. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

const OAUTH_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

export type Config = z.infer<typeof schema> & {
  /** True when neither REDIS_URL nor REDIS_CLUSTER_NODES was given: start-up may start a local redis-server. */
  redisUrlDefaulted: boolean;
  /** REDIS_URL, or its default; on a cluster only its credentials and TLS are used. */
  redisUrl: string;
  /** Where Redis is: REDIS_URL's server, or the cluster of REDIS_CLUSTER_NODES. */
  redis: RedisTarget;
  /** Set when the app is installed by OAuth in many workspaces; null with one SLACK_BOT_TOKEN (or local mode). */
  oauth: OAuthSettings | null;
};

/** True when the settings name a real Slack (one token, or OAuth): otherwise npm start runs local mode. */
export function connectsToSlack(config: Config): boolean {
  return Boolean(config.SLACK_BOT_TOKEN || config.oauth);
}

/** Parses the environment once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = env[name];
    const secret = name.includes('TOKEN') || name.includes('SECRET') || name.includes('PASSWORD');
    // A URL's credentials never reach the line, even in a value that is not quite a URL.
    const shown = value === undefined ? '' : ` (got "${secret ? '…' : maskUrlCredentials(value)}")`;
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const cfg = parsed.data;
  const oauthGiven = OAUTH_SETTINGS.filter((name) => cfg[name] !== undefined);
  if (oauthGiven.length > 0 && oauthGiven.length < OAUTH_SETTINGS.length) {
    const missing = OAUTH_SETTINGS.filter((name) => cfg[name] === undefined);
    throw new ConfigError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set but ${oauthGiven.join(' and ')} ${oauthGiven.length > 1 ? 'are' : 'is'}: installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET`,
    );
  }
  const oauth =
    cfg.SLACK_CLIENT_ID && cfg.SLACK_CLIENT_SECRET && cfg.SLACK_STATE_SECRET
      ? {
          clientId: cfg.SLACK_CLIENT_ID,
          clientSecret: cfg.SLACK_CLIENT_SECRET,
          stateSecret: cfg.SLACK_STATE_SECRET,
        }
      : null;
  if (oauth && cfg.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set together with the OAuth settings: set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many, not both',
    );
  }
  // Local mode is for "no Slack settings at all": a half-configured deployment is told what is missing.
  const partial = SLACK_SETTINGS.find((name) => emptyAsUnset(env[name]) !== undefined);
  if (!cfg.SLACK_BOT_TOKEN && !oauth && partial) {
    throw new ConfigError(
      `SLACK_BOT_TOKEN is not set but ${partial} is: set SLACK_BOT_TOKEN too (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces), or unset every Slack setting to run local mode`,
    );
  }
  if ((cfg.SLACK_BOT_TOKEN || oauth) && !cfg.SLACK_APP_TOKEN && !cfg.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  const redisUrl = cfg.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (cfg.REDIS_CLUSTER_NODES) checkClusterUrl(redisUrl);
  return {
    ...cfg,
    redisUrlDefaulted: cfg.REDIS_URL === undefined && cfg.REDIS_CLUSTER_NODES === undefined,
    redisUrl,
    redis: { url: redisUrl, clusterNodes: cfg.REDIS_CLUSTER_NODES ?? null },
    oauth,
  };
}

/**
 * process.env plus `.env` when present; variables already set win over the file, as with
 * dotenv's default.
 */
export function readEnv(path = '.env'): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...process.env };
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...process.env };
}
