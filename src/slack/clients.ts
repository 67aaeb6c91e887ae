import type { WebClient } from '@slack/web-api';
import { SlackRefused } from '../domain/errors';
import { DEAD_TOKEN_ERRORS, type TeamRef, type TokenSource } from './tokens';

/**
 * Web API clients for code that serves many workspaces (the jobs, the App Home refresh): one client
 * per bot token, made on first use and kept while it is used, so that each keeps its HTTP
 * connections and what was asked of it once (the jobs' auth.test). A rotated token gets a client of
 * its own; the old one ages out.
 */

/** Clients kept at most; past it the least recently used goes (a workspace idle for a while). */
const CLIENT_CACHE_SIZE = 500;

/** A rotating token past its expiry: refreshed by the token source, so the call may be tried again. */
const EXPIRED_TOKEN = 'token_expired';

/** Slack's answer says the token is dead for good (DEAD_TOKEN_ERRORS), not that this call was wrong. */
export function isDeadToken(err: unknown): err is SlackRefused {
  return err instanceof SlackRefused && DEAD_TOKEN_ERRORS.has(err.error);
}

/** Slack refused the call for its token (dead, or expired): nothing was done, whatever was asked. */
export function isTokenRefusal(err: unknown): boolean {
  return isDeadToken(err) || isExpiredToken(err);
}

/** Slack answered `token_expired`: the next call, with the refreshed token, may succeed. */
export function isExpiredToken(err: unknown): boolean {
  return err instanceof SlackRefused && err.error === EXPIRED_TOKEN;
}

/**
 * A client per token, made by `make` and kept for the `max` tokens used last. A Map keeps its
 * insertion order, so moving a used entry to the end leaves the least recently used first.
 */
export function clientCache(
  make: (token: string) => WebClient,
  max: number = CLIENT_CACHE_SIZE,
): (token: string) => WebClient {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`client cache size must be ≥ 1, got ${max}`);
  const clients = new Map<string, WebClient>();
  return (token) => {
    let client = clients.get(token);
    if (client) clients.delete(token);
    else client = make(token);
    clients.set(token, client);
    if (clients.size > max) {
      const oldest = clients.keys().next();
      if (!oldest.done) clients.delete(oldest.value);
    }
    return client;
  };
}

/**
 * The client of `ref`'s workspace: its bot token from `tokens` (NotInstalled when it has none),
 * its client from a cache of `max` made by `make`.
 */
export function teamClients(
  tokens: TokenSource,
  make: (token: string) => WebClient,
  max: number = CLIENT_CACHE_SIZE,
): (ref: TeamRef) => Promise<WebClient> {
  const clientOf = clientCache(make, max);
  return async (ref) => clientOf((await tokens.botToken(ref)).token);
}
